"""The parts of speech and lemmas a rule declares it anchors on (``rules.common.anchored_on``)
are true.

The pipeline offers each token only to the rules that may anchor on its part of speech and its
lemma. A rule whose declaration were too narrow would silently lose events, so every declared
rule is run here on every token of our construction sentences whose part of speech or lemma it
does not declare, and must find nothing there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aidtrack.extract import pipeline
from aidtrack.extract.articles import article_from_text
from aidtrack.extract.lexicon import load_lexicon
from aidtrack.extract.rules import RULES, rule_index, rules_for
from aidtrack.extract.rules.common import ANCHOR_LEMMAS, ANCHOR_POS

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


def test_the_index_offers_a_rule_only_the_lemmas_it_declares() -> None:
    lexicon = load_lexicon()
    index = rule_index(lexicon)
    assert len(ANCHOR_LEMMAS) >= 50
    assert index is rule_index(lexicon)  # built once per lexicon
    threat_verb = next(r for r in RULES if r.__name__ == "threat_verb")
    assert threat_verb in index.rules("VERB", "threaten")
    assert threat_verb not in index.rules("VERB", "eat")
    assert threat_verb not in index.rules("NOUN", "threaten")
    for pos, lemma in (("VERB", "send"), ("NOUN", "sanction"), ("ADJ", "ready")):
        offered = index.rules(pos, lemma)
        assert list(offered) == [r for r in rules_for(pos) if r in offered]


def test_no_rule_finds_an_event_off_its_declared_anchors(monkeypatch: pytest.MonkeyPatch) -> None:
    assert len(TEXTS) > 1000
    lemmas = {rule: frozenset(declared(load_lexicon())) for rule, declared in ANCHOR_LEMMAS.items()}
    offered: list[tuple[str, int]] = []
    wrong: list[str] = []

    class EveryRule:
        def rules(self, pos: str, lemma: str) -> tuple:
            return tuple(_audited(rule, pos, lemma) for rule in RULES)

    def _audited(rule, pos: str, lemma: str):
        declared = ANCHOR_POS.get(rule)
        if (declared is None or pos in declared) and (rule not in lemmas or lemma in lemmas[rule]):
            return rule

        def run(sentence, token, ctx):
            found = rule(sentence, token, ctx)
            offered.append((rule.__name__, token.i))
            if found:
                wrong.append(f"{rule.__name__} on {token.text!r} ({pos}, {lemma}) in {sentence.span.text!r}")
            return found

        return run

    monkeypatch.setattr(pipeline, "rule_index", lambda lexicon: EveryRule())
    chunks = [TEXTS[i : i + 60] for i in range(0, len(TEXTS), 60)]
    pipeline.extract_many(
        article_from_text("Sentences\n\n" + "\n\n".join(chunk), name=f"chunk{n}")
        for n, chunk in enumerate(chunks)
    )
    assert len(offered) > 100_000  # the audit did run the declared rules off their anchors
    assert not wrong, "\n".join(wrong[:20])
