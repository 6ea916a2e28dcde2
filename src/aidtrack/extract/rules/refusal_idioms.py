"""Refusals told as staying out of a joint effort: "Ireland, Austria and Malta will sit out the
joint purchase of shells", "opted out of the plan to fund weapons", "kept its distance from the
ammunition initiative", "pulled out of the coalition that trains pilots".

The verb and its particle say that the subject takes no part; the effort it stays out of must
name a kind of support, which gives the category ("sitting out the summit" is no refusal).
"""

from __future__ import annotations

from spacy.tokens import Token

from aidtrack.extract.clauses import Sentence, children, prep_objects
from aidtrack.extract.modality import is_hedged, is_negated
from aidtrack.extract.roles import categories_in
from aidtrack.extract.rules.common import ArticleContext, Found, _refusal_actors, _refusals

RULE = "refusal-opting-out"
# "sit out X": the particle and a direct object
_SITTING = frozenset({"sit"})
# "stay out of X", "opt out of X", "stay away from X", "pull out of X", "drop out of X"
_LEAVING = frozenset({"stay", "opt", "pull", "drop", "bow", "remain", "keep", "step"})
_OUT = frozenset({"out", "away", "aside", "clear"})
# "keep its distance from X"
_DISTANCE = frozenset({"distance"})
# a plan-like effort whose purpose an infinitive may tell ("the scheme to buy ammunition")
_EFFORTS = frozenset(
    {"scheme", "plan", "initiative", "programme", "program", "effort", "mechanism", "coalition"}
)


def refusal_opting_out(sentence: Sentence, verb: Token, ctx: ArticleContext) -> list[Found]:
    """The subject stays out of an effort that gives support: one refusal per actor and kind."""
    if verb.pos_ != "VERB" or is_negated(verb) or is_hedged(sentence, verb):
        return []
    efforts = _efforts_left(verb)
    if not efforts:
        return []
    cats = categories_in(sentence, _effort_words(verb, efforts))
    if not cats:
        return []
    return _refusals(_refusal_actors(sentence, verb), cats, [], verb, 0.65, rule=RULE)


def _efforts_left(verb: Token) -> list[Token]:
    """What the verb says its subject stays out of, or nothing when it says no such thing."""
    lemma = verb.lemma_.lower()
    outs = [c for c in verb.children if c.lower_ in _OUT and c.dep_ in ("prt", "prep", "advmod")]
    if lemma in _SITTING and outs:
        return children(verb, frozenset({"dobj"}))
    if lemma not in _LEAVING:
        return []
    if outs:
        return [o for w in [verb, *outs] for o in prep_objects(w, frozenset({"of", "from"}))]
    distance = [d for d in children(verb, frozenset({"dobj"})) if d.lemma_.lower() in _DISTANCE]
    return [o for d in distance for o in prep_objects(d, frozenset({"from"}))]


def _effort_words(verb: Token, efforts: list[Token]) -> list[Token]:
    """The words of the efforts, and the purpose the parser hung on the verb ("stay out of the
    scheme | to buy ammunition")."""
    words = [t for effort in efforts for t in effort.subtree]
    if any(e.lemma_.lower() in _EFFORTS for e in efforts):
        words += [
            t
            for c in verb.children
            if c.dep_ in ("advcl", "xcomp") and any(a.lower_ == "to" for a in c.children)
            for t in c.subtree
        ]
    return words
