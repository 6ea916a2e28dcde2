"""The indexed attribute ruler sets every token's attributes as spaCy's own ruler does.

The pipeline replaces the English model's ``attribute_ruler`` with
:class:`aidtrack.extract.attributes.IndexedAttributeRuler`, built from the same rules. Here both
run on the same parses, over sentences written to reach every kind of rule the model holds:
the tag map, word exceptions, rules that read a dependency label, ``IN`` and ``NOT_IN`` lists,
regular expressions and rules of two tokens ("gon na", "let's", "ain't", "there are").
"""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from aidtrack.extract.attributes import NAME, IndexedAttributeRuler
from aidtrack.extract.pipeline import DISABLED, MODEL_NAMES, load_nlp

SENTENCES = [
    "Germany pledged 12 more Leopard tanks to Ukraine on Tuesday, the ministry said.",
    "We're gonna need more shells, and let's be clear: there are no easy answers.",
    "It ain't over, y'all, and nothin' the Kremlin says will change that.",
    "I told you it would arrive; you gave it to me and I gave it to them.",
    "Did Poland have the jets? It had them, but it did not send them.",
    "There is, but only just, enough money for the winter, which the IMF had promised.",
    "Those that were sent were old; this one is new, and that is what matters.",
    "Come on, c'mon, gotta go: the convoy's leaving   for Odesa at 6 p.m.",
    "\n\nBerlin - The Bundestag approved the budget.  It doesn't include Taurus missiles.",
    "Japan's cabinet eased its rules, which had barred exports of lethal arms since 1967.",
]


@pytest.fixture(scope="module")
def pipelines() -> tuple[Language, Language]:
    """spaCy's ruler and ours, each after its own copy of the same model."""
    name = next(n for n in MODEL_NAMES if spacy.util.is_package(n))
    original = spacy.load(name, disable=list(DISABLED))
    indexed = spacy.load(name, disable=list(DISABLED))
    indexed.add_pipe(NAME, before="attribute_ruler")
    indexed.remove_pipe("attribute_ruler")
    return original, indexed


def _attributes(nlp: Language, text: str) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in nlp(text)]


@pytest.mark.parametrize("text", SENTENCES)
def test_the_indexed_ruler_sets_what_the_ruler_sets(pipelines: tuple[Language, Language], text: str) -> None:
    original, indexed = pipelines
    assert _attributes(indexed, text) == _attributes(original, text)


def test_every_rule_of_the_model_is_read(pipelines: tuple[Language, Language]) -> None:
    original, _ = pipelines
    ruler = original.get_pipe("attribute_ruler")
    indexed = IndexedAttributeRuler(ruler)
    held = {rule for index in indexed.index for rules in index.values() for rule, _, _ in rules}
    held |= {rule for rule, _, _ in indexed.anywhere}
    assert held == set(range(len(ruler.patterns)))


def test_the_extraction_pipeline_runs_the_indexed_ruler() -> None:
    names = load_nlp().pipe_names
    assert NAME in names and "attribute_ruler" not in names
    assert names.index(NAME) == names.index("lemmatizer") - 1  # the lemmatizer reads its POS


def test_a_rule_test_it_cannot_read_is_an_error(pipelines: tuple[Language, Language]) -> None:
    original, _ = pipelines
    ruler = original.get_pipe("attribute_ruler")
    odd = type(ruler)(original.vocab)
    odd.add([[{"LOWER": {"FUZZY": "tank"}}]], {"LEMMA": "tank"})
    with pytest.raises(ValueError, match="FUZZY"):
        IndexedAttributeRuler(odd)


def test_a_rule_index_outside_its_match_is_an_error(pipelines: tuple[Language, Language]) -> None:
    original, _ = pipelines
    ruler = original.get_pipe("attribute_ruler")
    odd = type(ruler)(original.vocab)
    odd.add([[{"LOWER": "shells"}], [{"LOWER": "more"}, {"LOWER": "tanks"}]], {"LEMMA": "x"}, index=1)
    indexed = IndexedAttributeRuler(odd)
    assert indexed(original.make_doc("more tanks"))[1].lemma_ == "x"
    with pytest.raises(ValueError, match="sets token 1 of a 1-token match"):
        indexed(original.make_doc("send shells"))
