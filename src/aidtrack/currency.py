"""Currency conversion: EUR and USD values from ECB reference rates.

The rates are the ECB euro foreign exchange reference rates shipped with the
``currencyconverter`` package (no network). The rule, documented in
``docs/sources.md``:

* the rate of the given date (the announcement date) is used;
* on a weekend, holiday or other day without a fixing, the **nearest earlier ECB
  business day** is used, at most :data:`MAX_LOOKBACK_DAYS` days back (the note
  names the day actually used);
* without a date, the latest rate shipped is used and the note says so;
* a currency the ECB does not publish (e.g. TWD, UAH) or has stopped publishing
  (e.g. HRK after 2022) gives ``value=None`` and a note: a recorded gap, never a guess.

>>> to_eur(100, "USD", dt.date(2022, 3, 5)).rate_date  # a Saturday
datetime.date(2022, 3, 4)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

from currency_converter import CurrencyConverter, RateNotFoundError

__all__ = ["MAX_LOOKBACK_DAYS", "Conversion", "convert", "ecb_rate", "to_eur", "to_usd"]

MAX_LOOKBACK_DAYS = 7


@dataclasses.dataclass(frozen=True)
class Conversion:
    """The result of one conversion: value (or None), the ECB day used and a note."""

    value: float | None
    rate_date: dt.date | None
    note: str
    rate: float | None = None


@functools.cache
def _converter() -> CurrencyConverter:
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


def _per_euro(currency: str, day: dt.date) -> float | None:
    """Units of ``currency`` per 1 EUR on ``day`` (None if ECB has no fixing that day)."""
    if currency == "EUR":
        return 1.0
    try:
        return float(_converter().convert(1.0, "EUR", currency, date=day))
    except (RateNotFoundError, ValueError):
        return None


@functools.cache
def _last_shipped() -> dt.date:
    """The newest ECB day in the shipped rates."""
    return max(dt.date.fromisoformat(str(b.last_date)) for b in _converter().bounds.values())


def ecb_rate(currency: str, on: dt.date | None) -> tuple[float, dt.date] | None:
    """Units of ``currency`` per EUR and the ECB day used, or None if there is none.

    >>> ecb_rate("USD", dt.date(2022, 3, 1))
    (1.1162, datetime.date(2022, 3, 1))
    """
    code = currency.strip().upper()
    if code == "EUR":
        return (1.0, on) if on else (1.0, dt.date.today())
    bounds = _converter().bounds.get(code)
    if bounds is None:
        return None
    last: dt.date = bounds.last_date
    day = on if on is not None else last
    if day > _last_shipped() and last == _last_shipped():
        day = last
    for back in range(MAX_LOOKBACK_DAYS + 1):
        candidate = day - dt.timedelta(days=back)
        rate = _per_euro(code, candidate)
        if rate is not None:
            return rate, candidate
    return None


def _gap(amount: float, currency: str, target: str, on: dt.date | None) -> Conversion:
    code = currency.strip().upper()
    bounds = _converter().bounds.get(code)
    if bounds is None:
        why = f"the ECB publishes no {code} reference rate"
    else:
        why = (
            f"the ECB has no {code} rate within {MAX_LOOKBACK_DAYS} days before {on} "
            f"(it publishes {code} from {bounds.first_date} to {bounds.last_date})"
        )
    return Conversion(
        None, None, f"{amount:,.0f} {code} not converted to {target}: {why}; left empty rather than guessed."
    )


def convert(amount: float, currency: str, target: str, on: dt.date | None) -> Conversion:
    """``amount`` of ``currency`` in ``target`` at the ECB rate of ``on`` (see the module rule).

    >>> round(convert(100, "USD", "EUR", dt.date(2022, 3, 1)).value, 2)
    89.59
    """
    source = ecb_rate(currency, on)
    goal = ecb_rate(target, on)
    if source is None:
        return _gap(amount, currency, target, on)
    if goal is None:
        return _gap(amount, target, target, on)
    day = source[1] if currency.upper() != "EUR" else goal[1]
    rate = goal[0] / source[0]
    return Conversion(amount * rate, day, _note(currency, target, rate, day, on), rate)


def _note(currency: str, target: str, rate: float, day: dt.date, on: dt.date | None) -> str:
    code = currency.strip().upper()
    if code == target:
        return f"{target} as given."
    text = f"{code}->{target} {rate:.6g} (ECB reference rate of {day}"
    if on is None or on > day + dt.timedelta(MAX_LOOKBACK_DAYS):
        text += f"; {'no date given' if on is None else f'date {on} is after the rates shipped'}, latest rate"
    elif day != on:
        text += f"; no fixing on {on}, nearest earlier ECB business day"
    return text + ")."


def to_eur(amount: float, currency: str, on: dt.date | None) -> Conversion:
    """``amount`` of ``currency`` in EUR at the ECB rate of ``on``.

    >>> to_eur(1000, "TWD", dt.date(2022, 3, 1)).value is None
    True
    """
    return convert(amount, currency, "EUR", on)


def to_usd(amount: float, currency: str, on: dt.date | None) -> Conversion:
    """``amount`` of ``currency`` in USD at the ECB rate of ``on`` (via the EUR cross rate)."""
    return convert(amount, currency, "USD", on)
