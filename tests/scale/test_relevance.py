"""The relevance pre-filter: deterministic training, table-driven verdicts, dev-set recall floor."""

from __future__ import annotations

import json

import numpy as np
import pytest

from aidtrack.errors import ValidationError
from aidtrack.extract import article_from_text, read_article
from aidtrack.relevance import load_filter
from aidtrack.relevance.filter import labelled_sentences, train
from tests.conftest import shared_path

DEV_RECALL_FLOOR = 0.95


def test_training_is_deterministic_and_uses_both_classes() -> None:
    """Training again gives the model the filter was trained with (once per process, shared
    with the other tests)."""
    texts, labels = labelled_sentences()
    assert 0 < sum(labels) < len(labels) and len(texts) == len(labels) > 150
    first, second = load_filter().model, train(texts, labels)
    assert np.array_equal(first[-1].coef_, second[-1].coef_)


@pytest.mark.parametrize(
    ("text", "relevant"),
    [
        ("Italy sends air defence\n\nItaly will deliver a second SAMP/T battery to Kyiv, Rome said.", True),
        ("Loan for Kyiv\n\nThe World Bank approved a $1.5 billion loan to support Ukraine's budget.", True),
        ("Seoul urged\n\nNATO's chief urged South Korea to send weapons to Ukraine.", True),
        (
            "Moscow threatens\n\nThe Kremlin warned Berlin that delivering missiles would be an escalation.",
            True,
        ),
        ("Curbs on Tehran\n\nCanada imposed new sanctions on Iranian drone makers.", True),
        ("Rules eased\n\nJapan relaxed its arms export rules to allow shipments of missiles.", True),
        ("Derby day\n\nThe visitors scored late to win the derby in front of 40,000 fans.", False),
        ("Sunny spell\n\nA dry and sunny weekend is forecast for most of the country.", False),
        ("Profits up\n\nThe carmaker's profit rose by a fifth on strong demand for electric cars.", False),
        ("New album\n\nThe band released its third album to warm reviews.", False),
    ],
)
def test_verdicts(text: str, relevant: bool) -> None:
    assert load_filter().passes(article_from_text(text)) is relevant


def test_keyword_gate_drops_articles_without_a_single_cue_word() -> None:
    verdict = load_filter().verdict(article_from_text("Garden tips\n\nWater the roses in the evening."))
    assert (verdict.passed, verdict.gate, verdict.score) == (False, False, 0.0)


def test_threshold_bounds() -> None:
    assert load_filter(threshold=0.0).passes(article_from_text("Fans\n\nFrench fans support the team."))
    with pytest.raises(ValidationError, match="Relevance threshold 1.5 is out of range"):
        load_filter(threshold=1.5)


def dev_recall() -> tuple[float, list[str]]:
    """Share of dev articles with at least one non-optional gold event that pass the filter."""
    folder = shared_path("eval", "dev")
    relevance, needed, missed = load_filter(), 0, []
    for gold_path in sorted(folder.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        if not any(not e.get("optional") for e in gold.get("events", [])):
            continue
        needed += 1
        if not relevance.passes(read_article(gold_path.with_suffix(".txt"))):
            missed.append(gold_path.stem)
    if not needed:
        pytest.skip(f"no dev article with gold events in {folder}")
    return 1 - len(missed) / needed, missed


def test_dev_set_recall_floor(capsys: pytest.CaptureFixture[str]) -> None:
    recall, missed = dev_recall()
    with capsys.disabled():
        print(f"\nrelevance filter recall on dev articles with gold events: {recall:.3f} (missed: {missed})")
    assert recall >= DEV_RECALL_FLOOR, f"filter drops real events in {missed}"
