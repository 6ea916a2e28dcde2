"""How surely a clause tells an act: negation, hedges (hypotheticals, proposals, conditionals,
questions), tense and future auxiliaries.
"""

from __future__ import annotations

from spacy.tokens import Token

from aidtrack.extract.clauses import (
    _RELATIVE,
    SUBJECT_DEPS,
    Sentence,
    deciding_party,
    governors,
    is_passive,
    joined_after,
    memoised,
    memoised_on_token,
    relative_head,
    word_forms,
)
from aidtrack.extract.lexicon import Lexicon

_DECIDED = frozenset({"plan", "proposal", "programme", "program"})


FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo", "going"})


def negated_by_carrier(token: Token) -> bool:
    """ "does not intend to provide": the negation sits on the verb that governs ``token``."""
    return token.dep_ == "xcomp" and token.head != token and _negating_carrier(token.head)


# "is not going to send", "does not plan to supply": the negation of the governing verb
_NEGATION_CARRIERS = frozenset(
    {"go", "plan", "intend", "want", "wish", "expect", "aim", "seek", "mean", "need", "have", "be"}
)
# "is not considering sending": verbs of weighing, whose negation carries only when the weigher
# tells it of itself (not "does not consider sending helmets a breach", "warned the West not to
# consider sending troops", "should not consider")
_WEIGHING = frozenset({"consider", "contemplate", "envisage", "envision"})


def _negating_carrier(carrier: Token) -> bool:
    lemma = carrier.lemma_.lower()
    if lemma in _WEIGHING:
        auxiliaries = {c.lemma_.lower() for c in carrier.children if c.dep_ in ("aux", "auxpass")}
        if auxiliaries & {"do", "should", "must", "ought"}:
            return False
        told = carrier.dep_ == "xcomp" and any(c.dep_ in ("dobj", "dative") for c in carrier.head.children)
        return not told and _negated_here(carrier)
    return lemma in _NEGATION_CARRIERS and _negated_here(carrier)


@memoised_on_token
def is_negated(token: Token) -> bool:
    """ "not", "never", "no" on the verb or its auxiliaries, or "no" on its object.

    A negated "going to", "plan to", "want to" negates the verb it governs.
    """
    if token.dep_ == "xcomp" and token.head != token and _negating_carrier(token.head):
        return True
    return _negated_here(token)


def _negated_here(token: Token) -> bool:
    if _neither_nor(token):
        return True  # "will neither supply weapons nor let them cross"
    for child in token.children:
        if child.dep_ == "neg" or child.lower_ in ("never", "no"):
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and any(g.lower_ == "neither" for g in child.children):
            return True  # "Neither Austria nor Ireland will send weapons"
        if child.dep_ in ("dobj", "prep", "dative") and _neither_of(child):
            return True  # "send weapons neither to Ukraine nor to Russia", "sent neither arms nor money"
        if child.dep_ in ("nsubj", "nsubjpass") and _none_of_it(child):
            return True  # "not one forint of Hungarian money will go to arming Kyiv"
        if (
            child.dep_ == "advmod"
            and child.lower_ in ("longer", "more")
            and any(g.lower_ == "no" for g in child.children)
        ):
            return True  # "no longer", "no more"
        if child.dep_ in ("dobj", "attr", "nsubjpass") and any(
            g.lower_ == "no" and not _hyphen_word(g) for g in child.children
        ):
            return True
    return False


# what a "neither" phrase after a preposition must name to deny the receivers: "to neither side"
_SIDES = frozenset({"side", "party", "country", "state", "government", "army"})


def _neither_of(phrase: Token) -> bool:
    """An object, or a preposition's phrase naming receivers, opened by "neither": "neither
    weapons nor money", "neither to Ukraine nor to Russia", "to neither side" (not "with
    neither fanfare nor an announcement", "in neither 2022 nor 2023")."""
    objects = [g for g in phrase.children if g.dep_ == "pobj"]
    if phrase.dep_ == "prep" and not any(o.pos_ == "PROPN" or o.lemma_.lower() in _SIDES for o in objects):
        return False
    inner = [phrase, *objects]
    return any(g.dep_ in ("preconj", "det") and g.lower_ == "neither" for t in inner for g in t.children)


def _neither_nor(token: Token) -> bool:
    """ "will neither supply weapons nor let them cross": both verbs of a neither-nor pair."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "preconj" and c.lower_ == "neither" for c in token.children):
        return True
    head = token.head
    return (
        token.dep_ == "conj"
        and any(c.dep_ == "preconj" and c.lower_ == "neither" for c in head.children)
        and any(c.dep_ == "cc" and c.lower_ == "nor" for c in head.children)
    )


def _none_of_it(subject: Token) -> bool:
    """ "not one forint", "not a single cent": a subject whose amount is denied (but "not only
    Germany")."""
    doc = subject.doc
    return any(
        g.dep_ == "neg" and not (g.i + 1 < len(doc) and doc[g.i + 1].lower_ == "only")
        for g in [
            *subject.children,
            *(t for c in subject.children if c.dep_ in ("nummod", "det", "amod") for t in c.children),
        ]
    )


def _hyphen_word(token: Token) -> bool:
    """The "no" of a hyphenated compound ("a no-fly zone", "its no-arms policy"), no negation."""
    return joined_after(token) is not None


def has_aux(token: Token, words: frozenset[str]) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in words for c in token.children)


@memoised
def is_hedged(sentence: Sentence, anchor: Token) -> bool:
    """True if ``anchor`` is hypothetical, proposed, asked, conditional or a question."""
    lex = sentence.lexicon
    hedge_aux = lex.words("modality", "hedge_aux")
    marks = lex.words("modality", "hedge_marks")
    if sentence.is_question:
        return True
    if _after_hedge_noun(lex, anchor) or time_for(anchor):
        return True
    below = anchor
    for tok in [anchor, *governors(anchor)]:
        sibling = below.dep_ == "conj" and below != tok and tok.pos_ != "NOUN"  # "urged X ... and warned
        # Y" (a verb read as a conjunct of a noun is no sibling: "calls for the bloc to bypass ... and pay")
        if _decision_taken(tok, below):
            return False  # "criticised Tokyo's decision to relax its rules": the decision stands
        below = tok
        if (
            tok != anchor
            and not sibling
            and tok.pos_ == "VERB"
            and tok.lemma_.lower() in lex.words("modality", "reporting_verbs")
        ):
            return False
        if has_aux(tok, hedge_aux) or _hedge_mark(tok, marks) or tok.lower_ in hedge_aux:
            return True
        if is_inverted_condition(tok):
            return True  # "were Germany to send Taurus, ...": a condition
        if any(
            c.dep_ == "aux" and c.lemma_.lower() in lex.words("modality", "hedge_verbs") for c in tok.children
        ):
            return True  # "they oppose sending weapons" with "oppose" misread as an auxiliary
        if tok != anchor and not sibling and _is_hedge_word(lex, tok):
            return True
        if tok != anchor and tok.lemma_.lower() in _GUESSED and is_passive(tok):
            return True  # "Turkey is expected to supply drones": someone's forecast
        if has_aux(tok, frozenset({"would"})) and not _reported(lex, tok):
            return True
        if _relative_clause(tok):
            return False  # a relative clause states a fact of its own
        if _own_statement(tok):
            return False  # "..., while Finland said it was also stopping exports": its own fact
    return False


# verbs that say something did not happen, and the nouns of what was told they may say it of
_DENYING = frozenset({"deny", "refute"})
_DISMISSING = _DENYING | {"dismiss", "reject"}
TOLD_NOUNS = frozenset(
    {"report", "claim", "allegation", "accusation", "charge", "suggestion", "rumour", "rumor", "story"}
)


def is_denied(anchor: Token) -> bool:
    """ "denied that Minsk had warned Riga", "dismissed reports that Minsk had warned ...": what
    is denied is told not to have happened (unlike "rejected the warning", which stands, and
    "did not deny that it had warned ...")."""
    below = anchor
    for tok in governors(anchor):
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in _DENYING and below.dep_ in ("ccomp", "xcomp"):
            return _denies(tok)  # (but "denied Kyiv's request" was asked all the same)
        if tok.pos_ == "NOUN" and lemma in TOLD_NOUNS and below.dep_ in ("acl", "ccomp"):
            dismissing = tok.head
            if tok.dep_ in ("dobj", "nsubjpass") and dismissing.lemma_.lower() in _DISMISSING:
                return _denies(dismissing)
        below = tok
    return False


def _denies(verb: Token) -> bool:
    """The verb of denying is said ("denied"), not negated or refused ("did not deny",
    "declined to deny"); "neither confirmed nor denied" and "refused to confirm or deny" leave
    it untold, which counts as denied here (nothing is asserted)."""
    if verb.dep_ == "conj" and verb.head.lemma_.lower() == "confirm":
        return True
    refused = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("decline", "refuse")
    return not is_negated(verb) and not refused


# nouns of a decision taken: what they decide is done, whoever criticises or welcomes it
_TAKEN = frozenset({"decision", "move"})
# what makes a decision one not yet taken: "a possible decision to ..."
_UNTAKEN = frozenset({"possible", "potential", "expected", "planned", "likely", "future", "proposed"})


def _decision_taken(noun: Token, act: Token) -> bool:
    """ "Tokyo's decision to relax its rules", "the decision of the United States to": a decision
    its maker took, which an infinitive completes."""
    return (
        noun.pos_ == "NOUN"
        and noun.lemma_.lower() in _TAKEN
        and act.head == noun
        and deciding_party(act) is not None
        and not any(c.lower_ in _UNTAKEN for c in noun.children)
    )


# conjunctions of an adverbial clause that states a fact of its own, which the main clause's
# verb does not govern ("suspended sales, while Finland said it was stopping exports")
_FREE_MARKS = frozenset({"while", "whereas", "although", "though", "because", "since"})


def _own_statement(token: Token) -> bool:
    """An adverbial clause with a conjunction of its own fact; also when the parser hangs the
    conjunction on a verb of saying inside it ("while Finland said earlier, they were stopping")."""
    if token.dep_ != "advcl":
        return False
    if _finite_or_perfect(token) and not any(c.dep_ in ("mark", "aux", "auxpass") for c in token.children):
        return True  # "warned that famine has returned ... and singled out Kuwait": a finite verb
        # (or a perfect one with its object) the parser hung as an adverbial clause
    return _freely_marked(token) or any(
        c.dep_ == "advcl" and c.i < token.i and c.pos_ == "VERB" and _freely_marked(c) for c in token.children
    )


def _finite_or_perfect(token: Token) -> bool:
    return token.tag_ == "VBD" or (token.tag_ == "VBN" and any(c.dep_ == "dobj" for c in token.children))


def _freely_marked(token: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in _FREE_MARKS for c in token.children) or _news_beside(token)


def _news_beside(token: Token) -> bool:
    """ "Baltic states bar party founder as EU freezes military aid": a clause of "as" about
    another named party tells news of its own (not "as it gives the US more capacity", which
    explains the main clause)."""
    return any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children) and any(
        c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in token.children
    )


def is_inverted_condition(clause: Token) -> bool:
    """ "should Seoul deliver arms", "were Berlin to send jets", "had Rome agreed": a condition
    told by putting the auxiliary (or "were" itself) before the subject."""
    subjects = [n for n in clause.children if n.dep_ == "nsubj"]
    marks = [a for a in clause.children if a.dep_ == "aux" and a.lower_ in ("should", "were", "had")]
    if clause.lower_ == "were" and any(c.dep_ == "xcomp" for c in clause.children):
        marks.append(clause)  # "were Germany to send": the verb "were" with its infinitive
    return any(a.i < n.i for a in marks for n in subjects)


def is_conditional(token: Token) -> bool:
    """ "would send more tanks if the US did the same", "will deliver jets unless ...", "if the
    talks fail, would freeze ...", "would close the border in the event of an incident": the
    clause itself holds a condition (not "even if", a concession; not "as if" or "if anything",
    nor a past act done "in case of" something, a precaution)."""
    return any(_condition_clause(c) for c in token.children) or (
        bool(prepositional_conditions(token)) and not is_past(token)
    )


def _condition_clause(clause: Token) -> bool:
    if clause.dep_ != "advcl":
        return False
    marks = [m for m in clause.children if m.dep_ == "mark" and m.lower_ in ("if", "unless")]
    if not marks or any(m.dep_ == "advmod" and m.lower_ == "even" for m in clause.children):
        return False
    mark = marks[0]
    if mark.i > 0 and clause.doc[mark.i - 1].lower_ in ("as", "even"):
        return False  # "as if to underline the point"
    return clause.lower_ != "anything"  # "if anything, Germany has delivered more"


def prepositional_conditions(token: Token) -> list[Token]:
    """The "in the event of a critical incident", "in case of a provocation" of a clause (not
    "in any case", nor "in the case of Russia", which means "as for Russia")."""
    return [
        noun
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ == "in"
        for noun in prep.children
        if noun.dep_ == "pobj" and _condition_noun(noun)
    ]


def _condition_noun(noun: Token) -> bool:
    """ "(in) the (unlikely) event of/that", "(in) case of", "(in) the case of an escalation"
    (but "in the case of Russia" means "as for Russia")."""
    lemma = noun.lemma_.lower()
    dets = [c.lower_ for c in noun.lefts if c.dep_ in ("det", "poss")]
    told = [c for c in noun.children if c.lower_ in ("of", "that") or c.dep_ in ("acl", "ccomp", "relcl")]
    if not told or dets not in ([], ["the"]):
        return False
    if lemma == "event":
        return dets == ["the"]
    if lemma != "case":
        return False
    named = [g for p in told if p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    return not dets or not any(g.pos_ == "PROPN" for g in named)


_TIME_NOUNS = frozenset({"time", "moment"})


def time_for(verb: Token) -> bool:
    """ "it is time for Germany to send tanks": what one party says another should now do, not
    yet done."""
    noun = verb.head
    return (
        verb.dep_ in ("relcl", "acl", "advcl")
        and any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children)
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and noun.lemma_.lower() in _TIME_NOUNS
        and noun.dep_ == "attr"
    )


_GUESSED = frozenset(
    {"expect", "anticipate", "predict", "tip", "rumour", "rumor", "believe", "think", "forecast"}
)


def _after_hedge_noun(lex: Lexicon, anchor: Token) -> bool:
    """ "calls to send weapons", "the possibility of sending" (whatever the parse), "repeated
    her call on allies to send" (the infinitive hung on the verb that governs the noun)."""
    if anchor.dep_ in ("advcl", "xcomp") and has_aux(anchor, frozenset({"to"})):
        objects = [c for c in anchor.head.children if c.dep_ == "dobj" and c.i < anchor.i]
        if any(_is_hedge_word(lex, o) for o in objects):
            return True
    before = anchor.i - 1
    if before - 1 < anchor.sent.start or anchor.doc[before].lower_ not in ("to", "of"):
        return False
    return _is_hedge_word(lex, anchor.doc[before - 1])


def _relative_clause(token: Token) -> bool:
    if token.dep_ in ("ccomp", "relcl", "acl") and _relative_pronoun_after_noun(token):
        return True  # "jets that the Netherlands will provide", even when parsed as a ccomp
    if token.dep_ == "relcl":  # not "the demand that Germany approve ...", a content clause
        return not any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)
    if token.dep_ == "acl" and token.tag_ == "VBN":  # "weaponry sent to Kyiv", not "that it had sent"
        return not any(c.dep_ in ("aux", "nsubj", "mark") for c in token.children)
    return token.dep_ == "acl" and any(
        c.dep_ in SUBJECT_DEPS and c.lower_ in _RELATIVE for c in token.children
    )


def _relative_pronoun_after_noun(clause: Token) -> bool:
    """The clause's object or subject is "that/which/who" standing right after a noun."""
    return relative_head(clause) is not None


def is_indirect_question(token: Token) -> bool:
    """ "(asked) whether Israel would retaliate": a clause put as a question, not stated."""
    return _hedge_mark(token, _QUESTION_MARKS)


_QUESTION_MARKS = frozenset({"whether", "if"})


def _hedge_mark(token: Token, marks: frozenset[str]) -> bool:
    return token.dep_ in ("advcl", "ccomp", "csubj", "xcomp", "pcomp") and any(
        c.dep_ == "mark" and c.lower_ in marks for c in token.children
    )


def _is_hedge_word(lex: Lexicon, token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        return bool(word_forms(token) & lex.words("modality", "hedge_verbs"))
    if token.pos_ == "ADJ":
        return lemma in lex.words("modality", "hedge_adjectives")
    if lemma in _DECIDED and token.head.lemma_.lower() in lex.words("support", "commitment_verbs"):
        return False  # "approved a plan to give" is a decision, not a plan in the air
    return token.pos_ == "NOUN" and lemma in lex.words("modality", "hedge_nouns")


def _reported(lex: Lexicon, token: Token) -> bool:
    reporting = lex.words("modality", "reporting_verbs")
    return any(t.pos_ == "VERB" and t.lemma_.lower() in reporting for t in governors(token))


def is_future(token: Token) -> bool:
    """ "will send", "is going to send", "would send" (reported), "to send"."""
    if has_aux(token, FUTURE_AUX) or any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children):
        return True
    return (
        token.tag_ in ("VB", "VBP", "VBZ")
        and token.dep_ == "ROOT"
        and not has_aux(token, frozenset({"have", "has"}))
    )


def is_past(token: Token) -> bool:
    """ "sent", "has sent", "was sent", "have been sending"."""
    if token.tag_ == "VBD":
        return True
    return token.tag_ in ("VBN", "VBG") and has_aux(
        token, frozenset({"has", "have", "had", "was", "were", "been", "'ve"})
    )
