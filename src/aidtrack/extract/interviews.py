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
# the lead says an interview follows ("We spoke to ...", "X received us in his office", "The
# conversation has been condensed and edited")
_CUE_RE = re.compile(
    r"\binterview|\b(?:spoke|spoken|talked|sat down)\s+(?:to|with)\b|\b(?:received|receives|met)\s+us\b"
    r"|\bconversation\b[^.]*\b(?:condensed|edited)\b",
    re.IGNORECASE,
)
# an opinion piece's byline naming its author's office: "By Latvia's Minister of Foreign Affairs"
_BYLINE_RE = re.compile(r"^\s*By\s+\S")
_BYLINE_TOKENS = 30
# words of a newsroom's bylines, not of an office's
_REPORTERS = frozenset(
    {
        "correspondent",
        "bureau",
        "editor",
        "reporter",
        "writer",
        "columnist",
        "staff",
        "journalist",
        "contributor",
    }
)
LEAD_PARAGRAPHS = 3  # the title and the paragraphs before the first question, at most
MIN_QUESTIONS = 2
_SPEAKING = frozenset({"speak", "talk", "sit"})
_RECEIVING = frozenset({"receive", "meet"})
# the roles of the people interviewed
_ROLES = TITLES | ENVOYS | {"head", "leader", "negotiator", "commander", "general", "adviser", "advisor"}


def answer_speakers(
    docs: Sequence[Doc], codes: Sequence[dict[int, str]], speakers: Sequence[str | None]
) -> list[str | None]:
    """The speaker of every paragraph, with the interviewee's state for every answer of an
    interview (the paragraphs after the first question that do not ask), and the author's state
    for every paragraph of an opinion piece after its byline."""
    byline = _author(docs, codes)
    if byline is not None:
        start, author = byline
        return _first_person_of(author, docs, speakers, [i > start for i in range(len(docs))])
    labelled = _labelled_speakers(docs, codes, speakers)
    if labelled is not None:
        return labelled
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
    answers = [i > first and not asks for i, asks in enumerate(questions)]
    return _first_person_of(state, docs, speakers, answers)


def _first_person_of(
    state: str, docs: Sequence[Doc], speakers: Sequence[str | None], spoken: Sequence[bool]
) -> list[str | None]:
    """``state`` as the speaker of the paragraphs it speaks, except where its "we" stands only
    inside another's quoted words."""
    return [
        state if said and not (speaker and _quoted_first_person(doc.text)) else speaker
        for doc, speaker, said in zip(docs, speakers, spoken)
    ]


def _author(docs: Sequence[Doc], codes: Sequence[dict[int, str]]) -> tuple[int, str] | None:
    """The byline of an opinion piece that names its author by an office with its state ("By
    Poland's Minister of Foreign Affairs", "By Jane Doe, Estonia's defence minister"), with the
    state; not a reporter's byline ("By Jane Doe in Kyiv")."""
    for i in range(1, min(LEAD_PARAGRAPHS + 1, len(docs))):
        doc = docs[i]
        if not _BYLINE_RE.match(doc.text) or len(doc) > _BYLINE_TOKENS:
            continue
        if any(t.pos_ in ("VERB", "AUX") for t in doc):
            return None  # "By contrast, France's president has not ruled out ...": no byline
        if any(t.lemma_.lower() in _REPORTERS for t in doc):
            return None  # "By Anton Smith, Moscow bureau chief"
        owners = [o for t in doc if t.lemma_.lower() in TITLES and (o := _role_owner(t, codes[i]))]
        states = [o for o in owners if is_state(o)]
        return (i, states[0]) if states else None  # an office of no state: "By the Secretary-General"
    return None


# a transcript's speaker label: "PRESIDENT ZELENSKY: ...", "PRESS SECRETARY: ...", "QUESTION
# (Ukrainian television): ..." (capitals, an optional note in brackets, a colon)
_LABEL_RE = re.compile(r"^\s*([A-Z][A-Z\u00C0-\u00DE .'’-]*[A-Z\u00C0-\u00DE])\s*(?:\([^)]*\))?\s*:\s")
_ASKERS = frozenset({"QUESTION", "REPORTER", "MODERATOR", "INTERVIEWER", "JOURNALIST"})
MIN_LABELS = 2
_LABEL_ROLES = _ROLES | {"representative"}  # "HIGH REPRESENTATIVE"


def _labelled_speakers(
    docs: Sequence[Doc], codes: Sequence[dict[int, str]], speakers: Sequence[str | None]
) -> list[str | None] | None:
    """In a transcript whose paragraphs open with their speaker's label, the speaker of each
    paragraph (and of the unlabelled paragraphs that follow it): the state or organisation the
    label names, else the one the lead gives the label's role ("the EU's High Representative",
    "Pentagon press secretary"); a reporter's question has none. None for other articles."""
    labels = [_LABEL_RE.match(doc.text) for doc in docs]
    if sum(1 for m in labels if m and m.group(1) not in _ASKERS) < MIN_LABELS:
        return None
    first = next(i for i, m in enumerate(labels) if m)
    lead = list(zip(docs[:first], codes[:first]))
    labelled = [
        None if m is None or m.group(1) in _ASKERS else _label_code(doc, paragraph_codes, m, lead)
        for doc, paragraph_codes, m in zip(docs, codes, labels)
    ]
    if sum(1 for code in labelled if code) < MIN_LABELS:
        return None  # "UPDATE:", "BREAKING:" name no speaker
    found: list[str | None] = []
    current: str | None = None
    for match, code, speaker in zip(labels, labelled, speakers):
        if match:  # a label's speaker holds until the next label, where no other is named
            current = code
            found.append(code or (None if match.group(1) in _ASKERS else speaker))
        else:
            found.append(speaker or current)
    return found


def _label_code(
    doc: Doc, codes: dict[int, str], match: re.Match[str], lead: list[tuple[Doc, dict[int, str]]]
) -> str | None:
    """The code a label names ("PRIME MINISTER STØRE"), else that of the name the lead gives
    ("Zelensky"), else the owner the lead gives its role ("the Prime Minister of Norway",
    "Pentagon press secretary")."""
    named = [codes[t.i] for t in doc if t.idx < match.end(1) and t.i in codes]
    if named:
        return named[0]
    words = match.group(1).lower().split()
    for lead_doc, lead_codes in lead:
        for token in lead_doc:
            if token.lower_ in words and token.i in lead_codes:
                return lead_codes[token.i]
    roles = [w for w in words if w in _LABEL_ROLES]  # none in "UPDATE", "EDITOR'S NOTE"
    for lead_doc, lead_codes in lead:
        for token in lead_doc:
            if token.lower_ in roles and (owner := _role_owner(token, lead_codes)):
                return owner
    return None


def _role_owner(token: Token, codes: dict[int, str]) -> str | None:
    """The actor a role word in the lead belongs to: "the EU's High Representative", "the Prime
    Minister of Norway" (its own modifiers, not a name joined to it by "and")."""
    holder = token.head if token.dep_ == "compound" else token
    owners = [c for c in holder.children if c.dep_ in ("poss", "amod", "compound") and c.i in codes]
    owners += [
        g
        for c in holder.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.i in codes
    ]
    return codes[owners[0].i] if owners else None


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
    """Who "we spoke to X", "an interview with X", "X spoke to us", "X received us" names as the
    interviewee."""
    if token.lemma_.lower() in _RECEIVING and token.pos_ == "VERB":
        received = any(c.dep_ == "dobj" and c.lower_ in ("us", "me") for c in token.children)
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        return _phrase(subjects[0]) if received and subjects else None
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
    if not found:  # "a senior official of the UN Office for the Coordination of Humanitarian Affairs"
        found = [t for t in person if t.i in codes]
    return codes[found[0].i] if found else None
