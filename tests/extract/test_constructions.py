"""Our own sentences, one construction each (tests/extract/constructions*.yaml).

The same sentences are training data of the learned scorer, so these floors
guard against regressions; the estimate for unseen text is the validation part
(scripts/eval_extract.py --part validation).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aidtrack.extract.keys import event_key
from aidtrack.extract.pipeline import extract_text

CASES = [
    case
    for path in sorted(Path(__file__).parent.glob("constructions*.yaml"))
    for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []
]
# a little under the measured figures (P 0.97, R 0.93 on 2026-11-30 with 80 sentences; P 1.00,
# R 0.90 with 303 after the second round of issue 12, whose sentences were written to fail first;
# P 0.99, R 0.94 with 1212 after the third round, whose news-* sentences were written blind;
# P 0.99, R 0.95 with 1405 after the fourth round, whose sentences test mechanisms: discourse
# context, roles by grammatical relation, nominal measures, Title Case headlines; P 0.98, R 0.94
# with 2555 after the fifth, whose blind-* batches were written before the extractor read them)
FLOOR_PRECISION = 0.92
FLOOR_RECALL = 0.85


def _key(event: dict) -> tuple[str, ...]:
    return event_key(event, folded=True)


# the kinds whose sentences must give exactly their events (the training script protects them
# too: no threshold that contradicts one is taken)
EXACT_KINDS = ("discourse", "grammar", "nominal-measure", "headline-case", "parse-repair")


def article_text(case: dict) -> str:
    """The article a case is read as: a Title Case headline as the first line, else a body
    sentence under a plain title."""
    text = case["text"]
    return f"{text}\n\nThe report follows." if case.get("kind") == "headline-case" else f"Sentence\n\n{text}"


def _outcome(case: dict) -> tuple[set, set, set]:
    got = {_key(e) for e in extract_text(article_text(case))}
    required = {_key(e) for e in case["events"] if not e.get("optional")}
    optional = {_key(e) for e in case["events"] if e.get("optional")}
    return got - optional, required, optional


def test_constructions_meet_the_floor() -> None:
    tp = fp = fn = 0
    for case in CASES:
        got, required, _ = _outcome(case)
        tp += len(got & required)
        fp += len(got - required)
        fn += len(required - got)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= FLOOR_PRECISION, (precision, recall)
    assert recall >= FLOOR_RECALL, (precision, recall)


@pytest.mark.parametrize("case", [c for c in CASES if c["kind"] == "no_event"], ids=lambda c: c["text"][:40])
def test_false_events_give_nothing(case: dict) -> None:
    """Proposals, drafts, "threat" in another noun phrase, declining to give details."""
    got, _, _ = _outcome(case)
    assert got == set()


@pytest.mark.parametrize(
    "case", [c for c in CASES if c["kind"] == "coordination"], ids=lambda c: c["text"][:40]
)
def test_coordination_gives_one_event_per_conjunct(case: dict) -> None:
    got, required, _ = _outcome(case)
    assert required <= got, sorted(required - got)


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c["kind"] in EXACT_KINDS],
    ids=lambda c: c["text"][:40],
)
def test_mechanisms_read_exactly_their_events(case: dict) -> None:
    """Discourse context (a bare "the chancellor" refers back to the office named before), roles
    from grammatical relations ("placed X under sanctions", "sanctioned X for selling"), nominal
    measures and Title Case headlines (read as the article's first line): each sentence gives
    exactly its events, look-alikes none."""
    got, required, _ = _outcome(case)
    assert got == required, (sorted(required - got), sorted(got - required))
