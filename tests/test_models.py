"""Model validation: good values pass, bad ones quote the value and say what to do."""

from __future__ import annotations

import datetime as dt

import pytest

from aidtrack import models
from aidtrack.errors import ValidationError


def test_support_normalises_codes_and_enums() -> None:
    record = models.Support(
        donor="kor", category="Military", stage="delivery", amount=1, currency="usd", date="2023-05-01"
    )
    assert (record.donor, record.category, record.stage, record.currency, record.date) == (
        "KOR",
        models.Category.MILITARY,
        models.Stage.DELIVERY,
        "USD",
        dt.date(2023, 5, 1),
    )


@pytest.mark.parametrize(
    ("fields", "quoted"),
    [
        ({"category": "weapons"}, '"weapons"'),
        ({"stage": "promised"}, '"promised"'),
        ({"amount": -5.0, "currency": "EUR"}, "-5.0"),
        ({"date": "2022-13-01"}, '"2022-13-01"'),
        ({"donor": "Korea!"}, '"Korea!"'),
        ({"currency": "euros", "amount": 1.0}, '"euros"'),
        ({"amount": 3.0}, "no currency"),
        ({"channel": "indirect"}, "via"),
        ({"status": "maybe"}, '"maybe"'),
    ],
)
def test_bad_support_values_are_quoted(fields: dict[str, object], quoted: str) -> None:
    base: dict[str, object] = {"donor": "KOR", "category": "military", "stage": "commitment"}
    with pytest.raises(ValidationError) as info:
        models.Support(**{**base, **fields})  # type: ignore[arg-type]
    assert quoted in str(info.value)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"type": "appeal", "actor": "NATO"}, "needs a target"),
        ({"type": "policy_change", "actor": "DEU"}, "direction"),
        ({"type": "rumour", "actor": "DEU"}, '"rumour"'),
        ({"type": "threat", "actor": "RUS", "target": "KOR", "confidence": 1.5}, "outside 0..1"),
    ],
)
def test_bad_events(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        models.Event(**fields)  # type: ignore[arg-type]


def test_event_keys_follow_schema() -> None:
    appeal = models.Event(type="appeal", actor="NATO", target="KOR", category="military")
    refusal = models.Event(type="refusal", actor="KOR", category="military", recipient="UKR")
    assert tuple(models.record_key(appeal)[1].values()) == (
        models.EventType.APPEAL,
        "NATO",
        "KOR",
        models.Category.MILITARY,
    )
    assert tuple(models.record_key(refusal)[1].values()) == (
        models.EventType.REFUSAL,
        "KOR",
        models.Category.MILITARY,
    )


def test_source_needs_something_to_cite() -> None:
    with pytest.raises(ValidationError, match="url, a title or a publisher"):
        models.Source(kind="news")
    assert models.Source(url="https://x.org", published="2024-01-02").published == dt.date(2024, 1, 2)


def test_one_key_for_the_same_event() -> None:
    """Issue 14: one definition; a threat's consequence is part of its kind (issue 11.3)."""
    support = models.Support(donor="KOR", category="military", stage="delivery")
    threat = models.Event(type="threat", actor="RUS", target="KOR", consequence="sanctions")
    assert models.record_key(support) == (
        "support",
        {"donor": "KOR", "recipient": "UKR", "category": "military", "stage": "delivery"},
    )
    assert models.record_key(threat)[1]["consequence"] == "sanctions"
    assert tuple(models.record_key(support)[1].values()) == ("KOR", "UKR", "military", "delivery")
    assert not hasattr(models, "support_key") and not hasattr(models, "event_key")
    assert models.is_matchable(models.record_key(threat)[1])
    assert not models.is_matchable(
        models.record_key(models.Support(donor="KOR", category=None, stage="delivery"))[1]
    )


@pytest.mark.parametrize("field", ["amount", "amount_eur", "confidence"])
def test_numbers_are_not_booleans(field: str) -> None:
    """Issue 11.5: {"amount": true} is refused, not stored as 1.0."""
    with pytest.raises(ValidationError, match="not a number"):
        models.Support(donor="KOR", category="military", stage="delivery", currency="EUR", **{field: True})


def test_support_confidence_is_between_0_and_1() -> None:
    assert models.Support(donor="KOR", category=None, stage="delivery", confidence=0.5).confidence == 0.5
    with pytest.raises(ValidationError, match="outside 0..1"):
        models.Support(donor="KOR", category=None, stage="delivery", confidence=1.5)
