"""ECB conversion: rate of the day, nearest earlier business day, recorded gaps."""

from __future__ import annotations

import datetime as dt

import pytest

from aidtrack import currency as ecb


@pytest.mark.parametrize(
    ("amount", "currency", "on", "rate_date"),
    [
        (100, "USD", dt.date(2022, 3, 1), dt.date(2022, 3, 1)),  # a Tuesday: that day's fixing
        (100, "USD", dt.date(2022, 3, 5), dt.date(2022, 3, 4)),  # Saturday -> Friday
        (100, "GBP", dt.date(2022, 12, 25), dt.date(2022, 12, 23)),  # Christmas -> last fixing before
        (100, "HRK", dt.date(2022, 3, 1), dt.date(2022, 3, 1)),  # HRK still published in 2022
    ],
)
def test_rate_of_day_or_nearest_earlier_business_day(
    amount: float, currency: str, on: dt.date, rate_date: dt.date
) -> None:
    result = ecb.to_eur(amount, currency, on)
    assert result.rate_date == rate_date
    assert result.value is not None and result.value > 0
    assert str(rate_date) in result.note


def test_usd_per_eur_matches_ecb_fixing() -> None:
    # ECB reference rate on 1 March 2022: 1 EUR = 1.1162 USD
    assert ecb.to_usd(1000, "EUR", dt.date(2022, 3, 1)).value == pytest.approx(1116.2)
    assert ecb.to_eur(1116.2, "USD", dt.date(2022, 3, 1)).value == pytest.approx(1000)


def test_weekend_note_says_which_day_was_used() -> None:
    note = ecb.to_eur(100, "USD", dt.date(2022, 3, 5)).note
    assert "nearest earlier ECB business day" in note and "2022-03-04" in note


@pytest.mark.parametrize(
    ("currency", "on", "phrase"),
    [
        ("TWD", dt.date(2022, 3, 1), "publishes no TWD"),
        ("UAH", dt.date(2023, 1, 1), "publishes no UAH"),
        ("HRK", dt.date(2023, 6, 1), "no HRK rate within 7 days"),  # after the euro changeover
        ("XYZ", dt.date(2022, 3, 1), "publishes no XYZ"),
    ],
)
def test_currency_without_ecb_rate_is_a_recorded_gap(currency: str, on: dt.date, phrase: str) -> None:
    result = ecb.to_eur(1000, currency, on)
    assert result.value is None and result.rate_date is None
    assert phrase in result.note and "not converted" in result.note
    assert ecb.to_usd(1000, currency, on).value is None


def test_eur_to_eur_is_identity() -> None:
    result = ecb.to_eur(123.0, "EUR", dt.date(2023, 1, 1))
    assert result.value == 123.0 and result.note == "EUR as given."


def test_without_date_uses_latest_rate_and_says_so() -> None:
    result = ecb.to_eur(100, "USD", None)
    assert result.value is not None
    assert "no date given" in result.note
