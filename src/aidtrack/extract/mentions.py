"""Actor mentions: which tokens of a parsed text name a state or organisation.

Names, demonyms, capitals and metonyms ("the Kremlin", "Seoul") come from the
extraction lexicon; people are coded as the state or organisation they speak
for on the article's date. Named entities the lexicon does not know are
passed to :func:`aidtrack.actors.find_actor`.

>>> # mentions map token index -> actor code, e.g. {0: "KOR", 1: "KOR"}
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from aidtrack import actors
from aidtrack.extract.articles import MONTHS, WEEKDAYS
from aidtrack.extract.lexicon import OFFICE_TITLES, Lexicon, people_patterns, person_code, titled_terms
from aidtrack.extract.money import CURRENCY_UNITS
from aidtrack.extract.parties import is_state

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
        # "the EU's foreign policy chief", "national security adviser" (not "envoy": in
        # "Trump's Ukraine envoy" the state before it is the one dealt with)
        "policy",
        "security",
        "national",
        "adviser",
        "advisor",
        "high",
        "representative",
        "commissioner",
        "'s",
        "’s",
    }
)
_ENTITY_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})
# military ranks, often abbreviated: "Lt. Gen. Yasser al-Atta" ("Lt" is no Lithuania)
_RANKS = frozenset(
    {
        "lt",
        "lt.",
        "gen",
        "gen.",
        "col",
        "col.",
        "maj",
        "maj.",
        "capt",
        "capt.",
        "adm",
        "adm.",
        "brig",
        "brig.",
    }
    | {"sgt", "sgt.", "lieutenant", "colonel", "major", "captain", "admiral", "brigadier"}
)
_TITLE_WORDS = OFFICE_TITLES | {"pm", "mr", "mrs", "ms", "general", "secretary-general", "leader"} | _RANKS
# words of rank or honour a name may follow, which are no first names ("Lord Cameron")
_HONORIFICS = frozenset(
    {
        "lord",
        "lady",
        "sir",
        "dame",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "emir",
        "senator",
        "sen",
        "rep",
        "dr",
    }
)


class MentionFinder:
    """Finds actor mentions in spaCy docs with a PhraseMatcher over the lexicon."""

    def __init__(self, nlp: Any, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        names = list(lexicon.names) + people_patterns()
        # "u.s." is split by the tokenizer where "U.S." is one token: abbreviations with
        # stops are matched as written in capitals too ("U.S. Defense Secretary ...")
        names += [n.upper() for n in lexicon.names if "." in n]
        self.matcher.add("ACTOR", list(nlp.tokenizer.pipe(names)))
        self.known: dict[str, str] = {}
        self.soft = False

    def find(
        self,
        doc: Doc,
        *,
        on: dt.date | None,
        known: dict[str, str] | None = None,
        soft: bool = False,
        memory: ArticleMemory | None = None,
    ) -> dict[int, str]:
        """Map token index -> actor code for every actor mention in ``doc``.

        ``known`` carries, through an undated article, the office a title gave a person
        ("Secretary-General Jens Stoltenberg ... Stoltenberg said": NATO both times). A ``soft``
        date is only estimated from the text: a person it finds out of office is coded as
        if the text had no date. ``memory`` carries through the article the offices and the
        people named with their state (:class:`ArticleMemory`)."""
        self.known = known if known is not None else {}
        self.soft = soft
        codes: dict[int, str] = {}
        people: list[Span] = []
        register_people: list[Span] = []  # the people the register knows, named here
        spans = [doc[s:e] for _, s, e in self.matcher(doc)]
        for span in sorted(spans, key=len, reverse=True):
            if any(t.i in codes for t in span) or not _case_ok(span) or self._common_word(span):
                continue
            if _names_a_currency(span):
                continue  # "2 million US dollars", "500 million Norwegian kroner"
            if _in_grouping_name(span) or _another_bloc(span) or _part_of_americas(span):
                continue
            if _inside_another_name(span):
                continue
            if self._given_name(span):
                continue  # "Michel Martelly" is not Charles Michel
            if self._other_first_name(span):
                continue  # "Mike Johnson" is not Boris Johnson
            if _owned_common_noun(span, self.lexicon):
                continue  # "Bulgaria's export commission" is not the European Commission
            code = self._code(span.text, on=on, titled=_words_before(doc, span))
            if code:
                codes.update((t.i, code) for t in span)
                if person_code(self.lexicon, span.text, on=None):
                    people.append(span)
                    register_people.append(span)
        unknown: list[Span] = []
        for ent in _name_spans(doc):
            if _names_a_currency(ent) or _owned_common_noun(ent, self.lexicon):
                continue
            if not any(t.i in codes for t in ent):
                code = self._entity_code(ent, on=on)
                if code:
                    codes.update((t.i, code) for t in ent)
                    people.append(ent)
                elif (owner := self._institution_owner(ent, on=on)) is not None:
                    codes.update((t.i, owner[1]) for t in owner[0])  # "the Guyana Defence Force"
                else:
                    unknown.append(ent)
            else:
                tail = _uncoded_tail(ent, codes)  # "Slovak Defence Minister Robert Kalinak"
                if tail is not None:
                    unknown.append(tail)
        for span in people:
            _apply_title(doc, span, codes)
        if memory is not None:
            memory.remember_names(people, register_people, codes)
            memory.code_people(doc, unknown, codes)
            resolve_offices(doc, codes, memory.offices)
            memory.code_councils(doc, codes)
            memory.code_acronyms(doc, codes)
        return codes

    def _given_name(self, span: Span) -> bool:
        """A known person's one-word name used as the first name of another ("former President
        Michel Martelly"): the name the model hangs on a further name to its right."""
        last = span[-1]
        head = last.head
        return (
            len(span) == 1
            and last.dep_ == "compound"
            and head.i == last.i + 1
            and head.pos_ == "PROPN"
            and head.lower_ not in self.lexicon.names
            and person_code(self.lexicon, span.text, on=None) is not None
        )

    def _other_first_name(self, span: Span) -> bool:
        """A known person's surname after a first name not theirs ("Mike Johnson")."""
        if len(span) != 1 or span.start == 0:
            return False
        first = span.doc[span.start - 1]
        if first.pos_ != "PROPN" or first.head != span[0] or first.lower_ in _TITLE_WORDS:
            return False
        if first.lower_ in MONTHS or first.lower_ in WEEKDAYS or first.ent_type_ in ("DATE", "TIME"):
            return False  # "Last September Lammy suspended ..."
        return _another_bearer(self.lexicon, f"{first.text} {span.text}", span.text)

    def _common_word(self, span: Span) -> bool:
        """A one-word person's name in lower case is a common word: "kept in store" (not Støre),
        "a gallant effort" (not Gallant)."""
        text = span.text
        if len(span) != 1 or text[:1].isupper() or text.lower() in self.lexicon.names:
            return False
        return person_code(self.lexicon, text, on=None) is not None

    def _code(self, text: str, *, on: dt.date | None, titled: str = "") -> str | None:
        key = text.lower().removeprefix("the ").strip()
        code = self._people_code(key, on=on, titled=titled)
        return code or self.lexicon.names.get(key)

    def _people_code(self, name: str, *, on: dt.date | None, titled: str) -> str | None:
        code = self._remembered(name, on=on, titled=titled) or person_code(
            self.lexicon, name, on=on, titled=titled
        )
        if code is None and self.soft and on is not None:
            code = self._people_code(name, on=None, titled=titled)
        return code

    def _remembered(self, name: str, *, on: dt.date | None, titled: str) -> str | None:
        """Without a date: the office a title named for this person, now or earlier in the article."""
        from aidtrack.actors.text import normalise_name

        terms = self.lexicon.people.get(normalise_name(name))
        if on is not None or not terms:
            return None
        named = titled_terms(terms, titled)
        if named:
            self.known[_surname(name)] = named[-1].code
        return self.known.get(_surname(name))

    def _entity_code(self, ent: Span, *, on: dt.date | None) -> str | None:
        words = [t for t in ent if t.lower_ not in _TITLE_WORDS]
        if not words:
            return None
        text = " ".join(t.text for t in words)
        code = (
            self._person(text, last=words[-1].text, on=on, titled=_words_before(ent.doc, ent))
            if ent.label_ in ("PERSON", "NAME")
            else None
        )
        if code or ent.label_ == "PERSON":
            return code
        return actors.find_actor(text, on=on)

    def _institution_owner(self, ent: Span, *, on: dt.date | None) -> tuple[Span, str] | None:
        """The state that owns a named institution ("the Guyana Defence Force", "Haiti National
        Police"): the name before the institution's words, when it names a state."""
        words = [t.lower_ for t in ent]
        cut = next((i for i, w in enumerate(words) if w in _INSTITUTION_WORDS), None)
        if not cut or any(w not in _INSTITUTION_WORDS for w in words[cut:]):
            return None
        code = actors.find_actor(ent[:cut].text, on=on)
        return (ent[:cut], code) if code and is_state(code) else None

    def _person(self, text: str, *, last: str, on: dt.date | None, titled: str = "") -> str | None:
        if _another_bearer(self.lexicon, text, last):
            return actors.office_holder(text, on=on)  # "Mike Johnson" is not Boris Johnson
        context = f"{titled} {text}"
        code = self._people_code(last, on=on, titled=context)
        return code or actors.office_holder(text, on=on)


def _another_bearer(lexicon: Lexicon, text: str, last: str) -> bool:
    """A full name whose surname a known person bears under another first name ("Mike Johnson",
    when only Boris Johnson is known): someone else."""
    from aidtrack.actors.text import normalise_name

    full, surname = normalise_name(text), normalise_name(last)
    if full == surname or full in lexicon.people or full.split()[0] in _HONORIFICS:
        return False
    known = _full_names(lexicon).get(surname, ())
    words = tuple(full.split())
    return bool(known) and not any(_same_name(words, tuple(k.split())) for k in known)


def _same_name(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """One name ends the other, word for word ("Tayyip Erdogan", "Recep Tayyip Erdogan")."""
    shorter, longer = sorted((one, other), key=len)
    return longer[len(longer) - len(shorter) :] == shorter


def _full_names(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """The known people's full names by their last word, built once per lexicon."""

    def build() -> dict[str, tuple[str, ...]]:
        names: dict[str, list[str]] = {}
        for name in lexicon.people:
            if " " in name:
                names.setdefault(name.rsplit(" ", 1)[1], []).append(name)
        return {k: tuple(v) for k, v in names.items()}

    return lexicon.derived("full_names", build)


def _owned_common_noun(span: Span, lexicon: Lexicon) -> bool:
    """A body's name in lower case ("commission", "bloc", "foreign office") owned by a named
    party: "Bulgaria's interagency export commission" is Bulgaria's, not the European
    Commission; "Germany's foreign office" is Germany's, not Britain's; "the Spanish Congress"
    is Spain's, not the American one."""
    word = span[-1]
    if any(t.text[:1].isupper() and t.lower_ not in _BODY_WORDS for t in span):
        return False  # a name ("Russia's Putin"); but "Germany's Foreign Office" is Germany's
    return any(  # a state's adjective: not "the European bloc", "the Atlantic alliance"
        c.dep_ == "poss"
        and c.pos_ == "PROPN"
        or c.dep_ == "amod"
        and c.i < span.start
        and _state_adjective(lexicon, c)
        for c in word.children
    )


def _state_adjective(lexicon: Lexicon, word: Token) -> bool:
    """ "Spanish", "Chilean": an adjective the lexicon gives a state (not "European", "Atlantic")."""
    return is_state(lexicon.names.get(word.lower_, ""))


# the words of a body's name that many states give their own body ("Foreign Office", "Treasury",
# "Congress")
_BODY_WORDS = frozenset(
    {"foreign", "office", "commission", "council", "treasury", "ministry", "cabinet", "congress", "senate"}
)


def _surname(name: str) -> str:
    from aidtrack.actors.text import normalise_name

    words = normalise_name(name).split()
    return words[-1] if words else ""


# the words of a state's institutions named after the state ("the Guyana Defence Force")
_INSTITUTION_WORDS = frozenset(
    {
        "defence",
        "defense",
        "force",
        "forces",
        "armed",
        "army",
        "navy",
        "air",
        "coast",
        "guard",
        "national",
        "police",
        "government",
        "military",
    }
)

# the plural that ends the name of a grouping of states ("Organization of American States")
_GROUPINGS = frozenset({"States", "Nations", "Republics", "Countries"})


def _in_grouping_name(span: Span) -> bool:
    """ "the Organization of American States", "the Union of South American Nations": a
    demonym inside the name of a grouping of states names no single state."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].text not in _GROUPINGS:
        return False
    start = span.start
    while start > 0 and span.start - start < 2 and doc[start - 1].is_title:
        start -= 1  # "of South American Nations"
    return start > 0 and doc[start - 1].lower_ == "of"


# what makes "America" a part of the continent rather than the United States
_AMERICAS = frozenset({"latin", "south", "central"})


def _part_of_americas(span: Span) -> bool:
    """ "Latin America", "South American governments", "Central America": a region, not the
    United States."""
    doc = span.doc
    return (
        span[0].lower_ in ("america", "american", "americans")
        and span.start > 0
        and doc[span.start - 1].lower_ in _AMERICAS
        and doc[span.start - 1].is_title
    )


# one-word names of bodies that other bodies' names end in ("the Union Election Commission",
# "the Indian National Congress", "the Sahel Alliance"), and the words before them that keep
# the body meant ("the EU Commission", "the Atlantic Alliance", "the US Congress")
_BODY_HEADS = frozenset({"commission", "alliance", "congress"})
_SAME_BODY = frozenset(
    {
        "the",
        "a",
        "eu",
        "e.u.",
        "european",
        "brussels",
        "nato",
        "atlantic",
        "transatlantic",
        "us",
        "u.s.",
        "american",
        "western",
        "military",
        "defence",
        "defense",
    }
)


# words that name a body's term or majority, not another body: "the Republican Congress"
_BODY_TERMS = frozenset(
    {
        "republican",
        "democratic",
        "democrat",
        "new",
        "current",
        "previous",
        "outgoing",
        "incoming",
        "next",
        "last",
    }
)


def _inside_another_name(span: Span) -> bool:
    """A body's one-word name ending another body's proper name: "the Union Election
    Commission" is Myanmar's, not the European Commission; "the Indian National Congress" is
    a party, not the US Congress."""
    if len(span) != 1 or span[0].lower_ not in _BODY_HEADS or span.start == 0:
        return False
    before = span.doc[span.start - 1]
    if before.lower_ in _SAME_BODY | _BODY_TERMS:
        return False  # "the EU Commission", "the Republican Congress": the same body
    return len(_name_words_before(span)) >= 2  # "the Union Election Commission", not "the
    # Juncker Commission" (one word: a term named after its president)


def _name_words_before(span: Span) -> list[Token]:
    """The capitalised words right before a span, across hyphens ("US-Philippine", "Union
    Election"), not counting a sentence's first word."""
    words: list[Token] = []
    i = span.start - 1
    while i >= 0 and not span.doc[i].is_sent_start:
        word = span.doc[i]
        if word.text in ("-", "\u2011"):
            i -= 1
            continue
        if not word.text[:1].isupper() or not word.is_alpha:
            break
        words.append(word)
        i -= 1
    return words


# what makes "bloc" another grouping than the EU: "the regional bloc ECOWAS", "the Moscow-led
# bloc", "the ruling bloc"
_OTHER_BLOCS = frozenset({"regional", "ruling", "opposition", "military", "eastern", "western", "soviet"})


def _another_bloc(span: Span) -> bool:
    """ "West Africa's regional bloc ECOWAS", "the Moscow-led bloc", "Japan's ruling bloc": a
    bloc with an owner, a name of its own or a word that sets it apart is not the EU (which
    "the bloc" alone means in news on aid)."""
    if len(span) != 1 or span[0].lower_ != "bloc":
        return False
    word = span[0]
    head = word.head
    if word.dep_ == "compound" and head.pos_ == "PROPN":
        return True  # "bloc ECOWAS"
    return any(
        c.dep_ == "poss" or c.dep_ == "amod" and (c.lower_ in _OTHER_BLOCS or c.lower_.endswith("-led"))
        for c in word.children
    ) or any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in word.children)


def _words_before(doc: Doc, span: Span, size: int = 4) -> str:
    """The few words before a name, where a title says which office is meant."""
    return doc[max(0, span.start - size) : span.start].text


def _names_a_currency(span: Span) -> bool:
    """ "US dollars", "Swiss francs", "Norwegian kroner": a state's name or demonym before the
    unit of a currency names the currency, not a party."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    unit = doc[span.end]
    return unit.lower_ in CURRENCY_UNITS and unit.pos_ in ("NOUN", "PROPN")


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


@dataclass
class ArticleMemory:
    """What an article named before, for the mentions that refer back to it: offices with their
    state ("Chancellor Olaf Scholz", "the Dutch prime minister") for a later bare "the
    chancellor", and people the register does not know, titled with their state ("Slovak
    Defence Minister Robert Kalinak"), for a later "Kalinak"."""

    offices: dict[str, str] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)  # register people's, read alone
    councils: list[tuple[int, str | None]] = field(default_factory=list)  # (paragraph, code)
    eu_named: bool = False
    paragraph: int = 0  # paragraphs read so far
    acronyms: dict[str, str] = field(default_factory=dict)  # "ISP" -> SWE

    def code_acronyms(self, doc: Doc, codes: dict[int, str]) -> None:
        """A body named with its state and its acronym in brackets ("Sweden's Inspectorate of
        Strategic Products (ISP)") is that state's wherever the acronym stands alone later ("the
        ISP confirmed that it had granted ...")."""
        for token in doc:
            if token.i in codes or not _acronym(token):
                continue
            state = _bracketed_owner(doc, token, codes)
            if state is not None:
                self.acronyms.setdefault(token.text, state)
            if token.text in self.acronyms:
                codes[token.i] = self.acronyms[token.text]

    def code_councils(self, doc: Doc, codes: dict[int, str]) -> None:
        """A bare "the Council" is the council named before it in its paragraph ("the UN
        Security Council ... the Council's sanctions committee"), else the EU's, once the EU
        was named ("EU governments agreed ... the Council extended the sanctions"); after a
        council the lexicon does not know ("the Presidential Leadership Council") it is left
        uncoded."""
        self.paragraph += 1
        for token in doc:
            self.eu_named = self.eu_named or codes.get(token.i) == "EU"
            if token.lower_ != "council":
                continue
            if not _bare_council(token):
                self.councils.append((self.paragraph, codes.get(token.i)))
                continue
            near = [code for at, code in self.councils if at == self.paragraph]
            code = near[-1] if near else "EU" if self.eu_named else None
            if code is not None and token.i not in codes:
                codes[token.i] = code

    def remember_names(self, people: list[Span], register_people: list[Span], codes: dict[int, str]) -> None:
        """The first and the last word of a known person's full name, for a later mention by it
        alone in this article: the family name of a name written family name first ("President
        Lai Ching-te ... Lai urged"), and a family name the register does not read alone in
        every article because many people bear it ("Foreign Minister Penny Wong ... Wong also
        announced"), of a person the register knows (``register_people``)."""
        for span in people:
            words = [t for t in span if t.lower_ not in _TITLE_WORDS and t.pos_ == "PROPN"]
            if len(words) >= 2 and words[0].i in codes:
                self.people.setdefault(words[0].lower_, codes[words[0].i])
        for span in register_people:
            words = [t for t in span if t.lower_ not in _TITLE_WORDS and t.pos_ == "PROPN"]
            words = [t for t in words if t.lower_.rstrip(".") not in _NAME_SUFFIXES]  # "II", "Jr."
            if len(words) >= 2 and words[-1].i in codes:
                self.surnames.setdefault(words[-1].lower_, codes[words[-1].i])

    def code_people(self, doc: Doc, unknown: list[Span], codes: dict[int, str]) -> None:
        """Code unknown names by a title before them, else by a surname titled earlier."""
        for span in unknown:
            name = _titled_name(span)
            if name is not None:
                _apply_title(doc, name, codes)
                if name.start in codes:
                    self.people[name[-1].lower_] = codes[name.start]
            elif len(span) <= 3 and span[-1].lower_ in self.people and all(t.pos_ == "PROPN" for t in span):
                codes.update((t.i, self.people[span[-1].lower_]) for t in span)
            elif len(span) == 1 and span[0].lower_ in self.surnames:  # "Wong", not "Lawrence Wong"
                codes[span[0].i] = self.surnames[span[0].lower_]
            elif (state := _office_after(span, codes)) is not None:
                codes.update((t.i, state) for t in span)  # "Olena Savchuk, Ukraine's deputy
                self.people[span[-1].lower_] = state  # finance minister", and a later "Savchuk"


# what follows a family name without being one: "Abdullah II", "Marcos Jr."
_NAME_SUFFIXES = frozenset({"i", "ii", "iii", "iv", "jr", "sr"})


def _acronym(token: Token) -> bool:
    return len(token.text) >= 2 and token.text.isupper() and token.text.isalpha()


def _bracketed_owner(doc: Doc, token: Token, codes: dict[int, str]) -> str | None:
    """The state owning the name just before ``token`` when ``token`` stands in brackets after
    it as its acronym: "Sweden's Inspectorate of Strategic Products (ISP)", "the Swiss State
    Secretariat for Economic Affairs (SECO)". The name is capitalised, one of its words starts
    with the acronym's letter, and its owner is a possessive or a state's adjective ("the
    Ukraine Defense Contact Group (UDCG)" is nobody's; "Germany's tanks (VIDEO)" no name)."""
    if token.i < 2 or token.i + 1 >= len(doc) or doc[token.i - 1].text != "(" or doc[token.i + 1].text != ")":
        return None
    name = doc[token.i - 2]
    while name.dep_ == "compound" and name.head.i < token.i and name.head.i > name.i:
        name = name.head  # "Strategic Products" -> "Products"
    while name.dep_ == "pobj" and name.head.lower_ in ("of", "for") and name.head.head.pos_ == "PROPN":
        name = name.head.head  # up from "Products" to "Inspectorate", inside the name only
    words = [t for t in doc[name.left_edge.i : token.i - 1] if t.is_title]
    if not name.is_title or not any(t.text[0] == token.text[0] for t in words):
        return None
    owners = {
        codes[c.i] for c in name.children if c.dep_ in ("poss", "amod") and c.i in codes and c.i < name.i
    }
    return owners.pop() if len(owners) == 1 else None


def _bare_council(token: Token) -> bool:
    """ "the Council" as a name of its own: capitalised, after "the", with no word that names
    which council ("the Security Council", "the Federal Council") and no "of" after it ("the
    Council of States", "the Council of the EU")."""
    doc = token.doc
    return (
        token.text == "Council"
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        and not any(c.dep_ in ("compound", "amod", "nmod", "poss") for c in token.children)
        and not (token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "of")
        and not (token.i > 0 and doc[token.i - 1].is_title and doc[token.i - 1].lower_ != "the")
    )


# how far after a name its apposition may name the office ("Olena Savchuk, Ukraine's deputy
# finance minister")
_APPOSITION_WORDS = 8


def _office_after(span: Span, codes: dict[int, str]) -> str | None:
    """The state of the office an apposition gives a name: "<name>, Ukraine's deputy finance
    minister", "<name>, the Slovak foreign minister"."""
    doc = span.doc
    if not 2 <= len(span) <= 3 or not all(t.pos_ == "PROPN" for t in span):
        return None
    if span.end >= len(doc) or doc[span.end].text != ",":
        return None
    after = []
    for token in doc[span.end + 1 : span.end + 1 + _APPOSITION_WORDS]:
        if token.text in (",", ";", ".") or token.pos_ == "VERB":
            break
        after.append(token)
    states = [codes[t.i] for t in after if t.i in codes and is_state(codes[t.i])]
    titled = any(t.lower_ in _TITLE_WORDS for t in after)
    return states[0] if titled and len(set(states)) == 1 else None


def _titled_name(span: Span) -> Span | None:
    """The name a title stands before ("Minister Robert Kalinak" -> "Robert Kalinak"), if
    the words after the last title word are one to three proper names."""
    doc = span.doc
    titles = [t.i for t in span if t.lower_ in _TITLE_WORDS]
    start = titles[-1] + 1 if titles else span.start
    if start == span.start and (start == 0 or doc[start - 1].lower_ not in _TITLE_WORDS):
        return None
    name = doc[start : span.end]
    if not 1 <= len(name) <= 3 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in name):
        return None
    return name


def _uncoded_tail(span: Span, codes: dict[int, str]) -> Span | None:
    """The names after the last coded word of a proper-noun run ("Slovak Defence Minister
    Robert Kalinak" -> "Defence Minister Robert Kalinak")."""
    coded = [t.i for t in span if t.i in codes]
    if not coded or coded[-1] + 1 >= span.end:
        return None
    return span.doc[coded[-1] + 1 : span.end]


# offices a bare "the <office>" refers back to; "leader" and "government" are too loose
_OFFICES = OFFICE_TITLES | {
    "ministry",
    "envoy",
    "commissioner",
    "secretary-general",
    "king",
    "monarch",
}
_OFFICE_WORDS = frozenset(
    {"prime", "foreign", "defence", "defense", "finance", "economy", "interior", "general", "state"}
)


def resolve_offices(doc: Doc, codes: dict[int, str], offices: dict[str, str]) -> None:
    """Code a bare "the chancellor", "the foreign minister", "the ministry" as the state whose
    office of that name the article named last ("Chancellor Olaf Scholz", "Japan's foreign
    ministry"), and remember every office named with its state, in reading order."""
    for token in doc:
        if token.lemma_.lower() not in _OFFICES or token.pos_ not in ("NOUN", "PROPN"):
            continue
        office = _office_name(token)
        holder = _office_holder(token, codes)
        plural = token.tag_ in ("NNS", "NNPS")
        if holder:
            offices[office] = holder
            offices[token.lemma_.lower()] = holder
            if plural and not is_state(holder):  # "EU foreign ministers": what a later bare "Ministers"
                offices[f"{token.lemma_.lower()}s"] = holder  # names (not one state's ministers)
        elif _bare_office(token) and token.i not in codes:
            # "the ministry" is the last ministry named; "the defence ministry" only a defence
            # ministry, never the foreign ministry of another state; "Ministers" only ministers
            # told together before
            code = offices.get(f"{token.lemma_.lower()}s" if plural and not list(token.lefts) else office)
            if code:
                codes[token.i] = code


def _office_name(token: Token) -> str:
    """ "foreign minister", "prime minister", "president": the office a title word names; "the
    Ministry of Defence" and "the Ministry of Foreign Affairs" name "defence ministry" and
    "foreign ministry"."""
    words = [c.lower_ for c in token.lefts if c.dep_ in ("compound", "amod") and c.lower_ in _OFFICE_WORDS]
    words += [
        w.lower_
        for o in token.children
        if o.dep_ == "prep" and o.lower_ == "of"
        for g in o.children
        if g.dep_ == "pobj"
        for w in g.subtree
        if w.lower_ in _OFFICE_WORDS
    ]
    return " ".join([*dict.fromkeys(words), token.lemma_.lower()])


def _office_holder(token: Token, codes: dict[int, str]) -> str | None:
    """The state an office is named with: its own code, a coded modifier ("Dutch", "Japan's",
    "of France") or the coded name it titles ("Chancellor Olaf Scholz")."""
    if token.i in codes:
        return codes[token.i]
    for child in token.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i in codes:
            return codes[child.i]
        if child.dep_ == "prep" and child.lower_ == "of":
            found = [codes[g.i] for g in child.children if g.i in codes]
            if found:
                return found[0]
    head = token.head
    if token.dep_ in ("compound", "appos") and head.i in codes and head.pos_ == "PROPN":
        return codes[head.i]
    return None


def _bare_office(token: Token) -> bool:
    """ "the chancellor", "The foreign minister", a bare plural "Ministers": an office with
    "the" or none and no other owner or name (not "a minister", "the former president", "the
    President Joe Biden", "ministers from 30 countries")."""
    lefts = list(token.lefts)
    if not lefts and token.tag_ in ("NNS", "NNPS") and not list(token.children):
        return True  # "Ministers also approved 40 million euros": the ministers told of before
    if not lefts or lefts[0].lower_ != "the":
        return False
    if any(c.dep_ != "det" and c.lower_ not in _OFFICE_WORDS for c in lefts):
        return False
    return not (token.dep_ == "compound" and token.head.pos_ == "PROPN")
