"""Interviews: who "I" and "we" are in the answers of a question-and-answer article.

An interview prints its questions as paragraphs of their own ("Will Austria send weapons?",
"Q: What are you asking Japan for?") and the answers after them, mostly without quotation marks
or a reporting verb. In the answers, the first person is the interviewee, whoever the answer
goes on to mention ("Umerov asked me last week", "our colleagues told us"). The interviewee's
state is read from the lead, which says whom the paper spoke to ("We spoke to Jakub Novotny",
"the following interview with Ukraine's deputy foreign minister", "the minister spoke to us"),
or else from the title's owner of a person ("Austria's foreign minister on demining").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from aidtrack.extract.parties import ENVOYS, TITLES, is_state

# a paragraph that only asks: "Will Austria send weapons?", "Q: Has anything moved?" (not a
# quotation that ends on a question: '"Who will defend us?" Duda asked')
_QUESTION_RE = re.compile(r"(?:^\s*Q\s*[:.]\s)|(?:\?[\"'”’]?\s*$)")
_ANSWER_RE = re.compile(r"^\s*A\s*[:.]\s")
_QUOTES = "\"'“‘”’«"
# the lead says an interview follows
_CUE_RE = re.compile(r"\binterview|\b(?:spoke|spoken|talked|sat down)\s+(?:to|with)\b", re.IGNORECASE)
LEAD_PARAGRAPHS = 3  # the title and the paragraphs before the first question, at most
MIN_QUESTIONS = 2
_SPEAKING = frozenset({"speak", "talk", "sit"})
# the roles of the people interviewed
_ROLES = TITLES | ENVOYS | {"head", "leader", "negotiator", "commander", "general", "adviser", "advisor"}


def answer_speakers(
    docs: Sequence[Doc], codes: Sequence[dict[int, str]], speakers: Sequence[str | None]
) -> list[str | None]:
    """The speaker of every paragraph, with the interviewee's state for every answer of an
    interview (the paragraphs after the first question that do not ask)."""
    questions = [_asks(doc.text) for doc in docs]
    if sum(questions) < MIN_QUESTIONS:
        return list(speakers)
    first = questions.index(True)
    lead = list(zip(docs, codes))[: min(first, LEAD_PARAGRAPHS)]
    if not any(_CUE_RE.search(doc.text) for doc, _ in lead):
        return list(speakers)
    state = _interviewee(lead)
    if state is None:
        return list(speakers)
    return [
        state if i > first and not asks and not (speaker and _quoted_first_person(doc.text)) else speaker
        for i, (doc, asks, speaker) in enumerate(zip(docs, questions, speakers))
    ]


def _asks(text: str) -> bool:
    stripped = text.lstrip()
    if stripped[:1] in _QUOTES:
        return False
    return bool(_QUESTION_RE.search(text)) and not _ANSWER_RE.match(text)


def _quoted_first_person(text: str) -> bool:
    """An answer whose "we" stands only inside another's quoted words ('"We will respond,"
    Lavrov said'), which keep their speaker; "the ambassador told us" is the interviewee's."""
    outside = _QUOTED_RE.sub(" ", text)
    return not _FIRST_PERSON_RE.search(outside) and bool(_FIRST_PERSON_RE.search(text))


_QUOTED_RE = re.compile(r"[\"“][^\"“”]*[\"”]|(?<!\w)‘[^‘’]*’(?!\w)")
_FIRST_PERSON_RE = re.compile(r"\b(?:I|[Ww]e|[Uu]s|[Oo]ur|[Mm]e|[Mm]y)\b")


def _interviewee(lead: list[tuple[Doc, dict[int, str]]]) -> str | None:
    """The state of whom the lead says the paper spoke to, else of the title's person."""
    for doc, codes in lead:
        for token in doc:
            person = _spoken_to(token)
            state = _state_in(person, codes) if person is not None else None
            if state:
                return state
    title, codes = lead[0]
    for token in title:  # "Denmark's defence minister on the Danish model"
        if _owns_a_person(token, codes):
            return codes[token.i]
    return None


def _owns_a_person(token: Token, codes: dict[int, str]) -> bool:
    """A state's possessive on a person's role: "Denmark's defence minister", "Ukraine's chief
    negotiator" (not "Russia's war")."""
    return (
        token.dep_ == "poss"
        and token.i in codes
        and is_state(codes[token.i])
        and token.head.lemma_.lower() in _ROLES
    )


def _spoken_to(token: Token) -> Span | None:
    """Who "we spoke to X", "an interview with X", "X spoke to us" names as the interviewee."""
    if token.lemma_.lower() in _SPEAKING and token.pos_ in ("VERB", "AUX"):
        heard = _object_of(token, ("to", "with"))
        if heard is None:
            return None
        if heard.root.lower_ in ("us", "me"):
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            return _phrase(subjects[0]) if subjects else None
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if subjects and subjects[0].lower_ in ("we", "i"):
            return heard
        return None
    if token.lower_ == "interview" and token.pos_ == "NOUN":
        person = _object_of(token, ("with",))  # not "said in an interview with Germany's Bild"
        return person if person is not None and _names_a_person(person) else None
    return None


def _names_a_person(phrase: Span) -> bool:
    """A person's role ("Ukraine's first deputy foreign minister") or a name of more than one
    word ("Jakub Novotny"; not "Germany's Bild")."""
    root = phrase.root
    if root.lemma_.lower() in _ROLES:
        return True
    names = [
        t
        for t in phrase
        if t.pos_ == "PROPN" and (t.i == root.i or t.dep_ == "compound" and t.head.i == root.i)
    ]
    return root.pos_ == "PROPN" and len(names) > 1


def _object_of(token: Token, prepositions: tuple[str, ...]) -> Span | None:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in prepositions:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return _phrase(obj)
    return None


def _phrase(token: Token) -> Span:
    """A person's name with its titles and owner, not a relative clause about them."""
    words = [t for t in token.subtree if not any(a.dep_ in ("relcl", "acl") for a in _between(t, token))]
    return token.doc[min(t.i for t in words) : max(t.i for t in words) + 1]


def _between(word: Token, root: Token) -> list[Token]:
    """The words from ``word`` up to (not including) ``root``."""
    chain = []
    while word.i != root.i and word.head.i != word.i:
        chain.append(word)
        word = word.head
    return chain


def _state_in(person: Span, codes: dict[int, str]) -> str | None:
    """The state that owns the person's office ("at Brazil's foreign ministry", "the German
    envoy") before any other state the phrase names ("secretary for North America")."""
    found = [t for t in person if t.i in codes and is_state(codes[t.i])]
    found.sort(key=lambda t: t.dep_ not in ("poss", "amod"))
    return codes[found[0].i] if found else None
