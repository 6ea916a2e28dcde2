"""A headline's verb the parser read as a noun: support, refusal or appeal."""

from __future__ import annotations

from spacy.tokens import Token

from aidtrack.extract.clauses import Sentence
from aidtrack.extract.modality import is_hedged
from aidtrack.extract.roles import categories_in, has_money, has_support_noun
from aidtrack.extract.rules.common import (
    TRADE_LEMMAS,
    ArticleContext,
    Found,
    _appeal_events,
    _category_or_default,
    _recipients_or_default,
    _refusals,
    _supports,
)

_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


_TO_PARTY = frozenset({"to", "for", "into"})


def headline_verb(sentence: Sentence, token: Token, ctx: ArticleContext) -> list[Found]:
    """A headline's verb the parser read as a noun, right after its maker and with no finite
    verb in the line: "Hungary vetoes EU military aid for Ukraine", "Qatar airlifts food and
    medicine to Gaza", "Kyiv seeks jets from Spain". The maker gives, refuses or asks; the
    parties after "to/for" receive, the one named first after an asking verb is asked."""
    if token.pos_ == "VERB" or not token.lower_.endswith("s") or token.i == sentence.span.start:
        return []
    maker = sentence.codes.get(token.i - 1)
    if maker is None or sentence.codes.get(token.i) is not None:
        return []
    if token.dep_ == "compound" and token.head.lemma_.lower() in sentence.lexicon.words("sanction", "nouns"):
        return []  # "the new Israel arms embargo": the noun of a measure, no verb
    kind = _headline_kind(sentence, token)
    if kind is None or any(t.tag_ in _FINITE_TAGS for t in sentence.span):
        return []
    if is_hedged(sentence, token):
        return []
    rest = [t for t in token.doc[token.i + 1 : sentence.span.end]]
    cut = next((i for i, t in enumerate(rest) if t.lower_ in _TO_PARTY | {"from"}), len(rest))
    named = [c for t in rest[:cut] for c in [sentence.codes.get(t.i)] if c and c != maker]
    after = [c for t in rest[cut:] for c in [sentence.codes.get(t.i)] if c and c != maker]
    cats, cat_default = _category_or_default(
        sentence, rest, ctx, allow_default=has_support_noun(sentence, rest)
    )
    if not cats and has_money(rest):
        cats, cat_default = ["financial"], True
    conf = 0.7 - 0.15 * cat_default
    if kind == "appeal":
        targets = list(dict.fromkeys(named or after))
        return _appeal_events(([maker], targets[:1]), cats, token, conf, "appeal-headline")
    recipients = list(dict.fromkeys(after))
    if kind == "refusal":
        return _refusals([maker], cats, recipients, token, conf, rule="refusal-headline")
    if not (has_support_noun(sentence, rest) or categories_in(sentence, rest)):
        return []
    recipients, defaulted = _recipients_or_default(recipients, ctx)
    return _supports(
        [maker], recipients, cats, token, conf - 0.15 * defaulted, rule="support-headline", stage=None
    )


def _headline_kind(sentence: Sentence, token: Token) -> str | None:
    """Which kind of event a headline's verb read as a noun tells."""
    lex = sentence.lexicon
    forms = {token.lemma_.lower(), token.lower_[:-1], token.lower_[:-2]}
    if forms & (lex.support_verbs | lex.words("support", "object_verbs")) - TRADE_LEMMAS:
        return "support"
    if forms & lex.words("refusal", "verbs"):
        return "refusal"
    if forms & lex.words("appeal", "verbs"):
        return "appeal"
    return None
