"""The parts of speech a rule declares it anchors on (``rules.common.anchored_on``) are true.

The pipeline offers each token only to the rules that may anchor on its part of speech. A rule
whose declaration were too narrow would silently lose events, so every declared rule is run here
on every token of our construction sentences whose part of speech it does not declare, and must
find nothing there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aidtrack.extract import pipeline
from aidtrack.extract.articles import article_from_text
from aidtrack.extract.rules import RULES, rules_for
from aidtrack.extract.rules.common import ANCHOR_POS

TEXTS = [
    case["text"]
    for path in sorted(Path(__file__).parent.glob("constructions*.yaml"))
    for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []
]


def test_most_rules_declare_their_anchors() -> None:
    assert len(ANCHOR_POS) >= 50
    assert set(ANCHOR_POS) <= set(RULES)


def test_rules_for_keeps_the_order_of_rules() -> None:
    for pos in ("VERB", "NOUN", "ADJ", "PROPN", "AUX"):
        offered = rules_for(pos)
        assert list(offered) == [r for r in RULES if r in offered]
    assert len(rules_for("NOUN")) < len(RULES) and len(rules_for("VERB")) < len(RULES)


def test_no_rule_finds_an_event_off_its_declared_anchors(monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(TEXTS) > 1000
    offered: list[tuple[str, int]] = []
    wrong: list[str] = []

    def every_rule(pos: str) -> tuple:
        return tuple(_audited(rule, pos) for rule in RULES)

    def _audited(rule, pos: str):
        declared = ANCHOR_POS.get(rule)
        if declared is None or pos in declared:
            return rule

        def run(sentence, token, ctx):
            found = rule(sentence, token, ctx)
            offered.append((rule.__name__, token.i))
            if found:
                wrong.append(f"{rule.__name__} on {token.text!r} ({pos}) in {sentence.span.text!r}")
            return found

        return run

    monkeypatch.setattr(pipeline, "rules_for", every_rule)
    chunks = [TEXTS[i : i + 60] for i in range(0, len(TEXTS), 60)]
    pipeline.extract_many(
        article_from_text("Sentences\n\n" + "\n\n".join(chunk), name=f"chunk{n}")
        for n, chunk in enumerate(chunks)
    )
    assert len(offered) > 10_000  # the audit did run the declared rules off their anchors
    assert not wrong, "\n".join(wrong[:20])
