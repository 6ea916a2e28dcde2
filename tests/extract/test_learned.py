"""The learned event scorer shipped in data/extract/filter.json."""

from __future__ import annotations

import pytest

from aidtrack.extract.learned import ROLES, load_model
from aidtrack.extract.pipeline import MODE, extract_text

USES = {"rules", "filter", "model", "union"}


def test_model_ships_with_valid_settings() -> None:
    model = load_model()
    assert model is not None, "rebuild it with scripts/train_extract_filter.py"
    assert set(model.use) == set(ROLES) and set(model.use.values()) <= USES
    assert all(0.0 < t < 1.0 for t in model.thresholds.values())
    assert all(0.0 < t < 1.0 for t in model.add_thresholds.values())


def test_model_learned_to_trust_the_rules() -> None:
    """Agreement with a hand-written rule raises every type's score."""
    model = load_model()
    for kind in ROLES:
        assert model.weights.get(f"{kind}:rule", 0.0) > 0.0, kind


def test_confidence_comes_from_the_model() -> None:
    text = "Aid\n\nGermany sent 14 Leopard tanks to Ukraine on Friday."
    with_model = extract_text(text)
    MODE["off"] = True
    try:
        rules_only = extract_text(text)
    finally:
        MODE.clear()
    assert [e["type"] for e in with_model] == [e["type"] for e in rules_only] == ["support"]
    assert with_model[0]["confidence"] != rules_only[0]["confidence"]
    assert 0.5 <= with_model[0]["confidence"] <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Would Italy allow exports of armoured vehicles to Ukraine if the war drags on?",
        "Poland would not lift its ban on arms exports to the region, the minister said.",
        "The EU approved a package that bans Russian ships from its ports.",
    ],
)
def test_model_adds_no_policy_change_in_questions_negations_or_sanctions(text: str) -> None:
    events = extract_text(f"Policy\n\n{text}")
    assert not [e for e in events if e["type"] == "policy_change" and e["direction"] == "loosen"]


def test_an_event_told_twice_is_surer() -> None:
    once = "Aid\n\nNorway sent artillery shells to Ukraine."
    twice = once + " Oslo also said it had sent the artillery shells to Ukraine last week."
    (first,) = extract_text(once)
    (second,) = extract_text(twice)
    assert second["confidence"] > first["confidence"]
