"""Actor mentions: which tokens of a parsed text name a state or organisation.

Names, demonyms, capitals and metonyms ("the Kremlin", "Seoul") come from the
extraction lexicon; people are coded as the state or organisation they speak
for on the article's date. Named entities the lexicon does not know are
passed to :func:`aidtrack.actors.find_actor` when that module is present.

>>> # mentions map token index -> actor code, e.g. {0: "KOR", 1: "KOR"}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from aidtrack.extract.lexicon import Lexicon, person_code

_TITLE_EXTRA = frozenset(
    {
        "prime",
        "foreign",
        "defence",
        "defense",
        "deputy",
        "vice",
        "finance",
        "economy",
        "chief",
        "head",
        "top",
        "diplomat",
        "'s",
        "’s",
    }
)
_ENTITY_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})
_TITLE_WORDS = frozenset(
    {
        "president",
        "minister",
        "chancellor",
        "premier",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
        "pm",
        "mr",
        "mrs",
        "ms",
        "general",
        "secretary-general",
        "leader",
    }
)


def _external_finders() -> tuple[Callable[..., str | None] | None, Callable[..., str | None] | None]:
    try:
        from aidtrack import actors  # written in parallel; optional here
    except ImportError:
        return None, None
    return getattr(actors, "find_actor", None), getattr(actors, "office_holder", None)


class MentionFinder:
    """Finds actor mentions in spaCy docs with a PhraseMatcher over the lexicon."""

    def __init__(self, nlp: Any, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        names = list(lexicon.names) + list(lexicon.people)
        self.matcher.add("ACTOR", list(nlp.tokenizer.pipe(names)))
        self.find_actor, self.office_holder = _external_finders()

    def find(self, doc: Doc, *, on: dt.date | None) -> dict[int, str]:
        """Map token index -> actor code for every actor mention in ``doc``."""
        codes: dict[int, str] = {}
        people: list[Span] = []
        spans = [doc[s:e] for _, s, e in self.matcher(doc)]
        for span in sorted(spans, key=len, reverse=True):
            if any(t.i in codes for t in span) or not _case_ok(span):
                continue
            code = self._code(span.text, on=on)
            if code:
                codes.update((t.i, code) for t in span)
                if span.text.lower() in self.lexicon.people:
                    people.append(span)
        for ent in _name_spans(doc):
            if not any(t.i in codes for t in ent):
                code = self._entity_code(ent, on=on)
                if code:
                    codes.update((t.i, code) for t in ent)
                    people.append(ent)
        for span in people:
            _apply_title(doc, span, codes)
        return codes

    def _code(self, text: str, *, on: dt.date | None) -> str | None:
        key = text.lower().removeprefix("the ").strip()
        code = person_code(self.lexicon, key, on=on)
        return code or self.lexicon.names.get(key)

    def _entity_code(self, ent: Span, *, on: dt.date | None) -> str | None:
        words = [t for t in ent if t.lower_ not in _TITLE_WORDS]
        if not words:
            return None
        text = " ".join(t.text for t in words)
        code = self._person(text, last=words[-1].text, on=on) if ent.label_ in ("PERSON", "NAME") else None
        if code or ent.label_ == "PERSON" or self.find_actor is None:
            return code
        try:
            return self.find_actor(text, on=on)
        except Exception:  # an optional helper must never break extraction
            return None

    def _person(self, text: str, *, last: str, on: dt.date | None) -> str | None:
        code = person_code(self.lexicon, last, on=on)
        if code or self.office_holder is None:
            return code
        try:
            return self.office_holder(text, on=on)
        except Exception:
            return None


def _case_ok(span: Span) -> bool:
    """Short abbreviations count only in capitals: "US" yes, "us" no."""
    if len(span) != 1:
        return True
    text = span.text.replace(".", "")
    return len(text) > 3 or text.isupper() or span.text[:1].isupper() and len(text) > 2


def _name_spans(doc: Doc) -> list[Span]:
    """Named entities, or runs of proper nouns ("NAME") when NER is switched off."""
    if doc.has_annotation("ENT_IOB"):
        return [e for e in doc.ents if e.label_ in _ENTITY_LABELS]
    spans: list[Span] = []
    start = None
    for token in [*doc, None]:
        if token is not None and token.tag_ in ("NNP", "NNPS"):
            start = token.i if start is None else start
            continue
        if start is not None:
            end = token.i if token is not None else len(doc)
            spans.append(Span(doc, start, end, label="NAME"))
            start = None
    return spans


def _apply_title(doc: Doc, person: Span, codes: dict[int, str]) -> None:
    """ "Dutch Prime Minister Mark Rutte" speaks for NLD whatever else Rutte became."""
    index = person.start - 1
    while index >= 0 and (
        doc[index].lower_ in _TITLE_WORDS | _TITLE_EXTRA or doc[index].tag_ == "NNP" and index not in codes
    ):
        index -= 1
    if (
        index < 0
        or index not in codes
        or index == person.start - 1
        and doc[index].tag_ != "JJ"
        and doc[index].dep_ != "compound"
    ):
        return
    if index > 0 and doc[index - 1].lower_ in ("former", "ex", "ex-"):
        return
    codes.update((t.i, codes[index]) for t in person)
