"""The rules kept as data: trigger lexicons and actor names for extraction.

``triggers.yaml`` holds the trigger words per event type, category and cue
words; ``actors.yaml`` holds names, demonyms and capitals that supplement
:mod:`aidtrack.actors`. People are read from the one dated register of office
holders (``data/actors/office_holders.yaml``).

>>> "send" in load_lexicon().support_verbs
True
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, TypeVar

import pydantic
import yaml

from aidtrack.actors import country_compound_names, country_demonyms
from aidtrack.errors import AidtrackError, ValidationError

T = TypeVar("T")

# the offices of people who speak for a state or organisation ("the president", "Minister X");
# each reader adds the words of its own use
OFFICE_TITLES = frozenset(
    {
        "president",
        "chancellor",
        "premier",
        "minister",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "ambassador",
    }
)

TRIGGER_SECTIONS = (
    "support",
    "appeal",
    "refusal",
    "threat",
    "sanction",
    "policy_change",
    "categories",
    "modality",
    "classes",
)


class LexiconDataError(AidtrackError):
    """A shipped extraction data file does not fit its schema (a packaging fault, not user input)."""

    type = "lexicon-data"


# strict: an unquoted YAML "no" or "yes" is a boolean, which must not pass as a word
WordList = list[pydantic.StrictStr | pydantic.StrictInt]


class _Triggers(pydantic.BaseModel):
    """The schema of triggers.yaml: the fixed sections, each a table of named word lists."""

    model_config = pydantic.ConfigDict(extra="forbid")

    support: dict[str, WordList]
    appeal: dict[str, WordList]
    refusal: dict[str, WordList]
    threat: dict[str, WordList]
    sanction: dict[str, WordList]
    policy_change: dict[str, WordList | dict[str, list[list[list[str]]]]]
    categories: dict[str, WordList]
    modality: dict[str, WordList]
    classes: dict[str, WordList]


def check_triggers(data: dict[str, Any], *, name: str = "triggers.yaml") -> dict[str, Any]:
    """``data`` if it fits the triggers.yaml schema; else :class:`LexiconDataError` naming the file and key.

    >>> check_triggers({"support": {}}, name="t.yaml")
    Traceback (most recent call last):
    ...
    aidtrack.extract.lexicon.LexiconDataError: Extraction data file "t.yaml": appeal: Field required; ...
    """
    try:
        _Triggers.model_validate(data)
    except pydantic.ValidationError as ex:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][:2])}: {e['msg']}" for e in ex.errors()[:5])
        raise LexiconDataError(f'Extraction data file "{name}": {problems}; fix the file.') from None
    return data


@dataclass(frozen=True)
class Term:
    """One office held by a person: the code they speak for, from/to dates."""

    code: str
    start: dt.date | None
    end: dt.date | None
    role: str = ""


@dataclass(frozen=True)
class Lexicon:
    """Trigger sets (lemmas) and actor tables used by the event rules."""

    raw: dict[str, Any]
    names: dict[str, str]
    people: dict[str, tuple[Term, ...]]
    sets: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)
    serves: dict[str, str] = field(default_factory=dict)  # organisation name -> the place it serves
    acting_for: dict[str, str] = field(default_factory=dict)  # such a name -> the body it acts for
    lenders: frozenset[str] = frozenset()  # codes whose support is money lent or granted to a state
    relief_bodies: frozenset[str] = frozenset()  # codes whose requests and gifts naming no kind are relief
    institutions: dict[str, frozenset[str]] = field(default_factory=dict)  # "treasury" -> states with one
    firms: dict[str, str] = field(default_factory=dict)  # a well-known company's name -> its home state
    nationals: dict[str, str] = field(default_factory=dict)  # a noun for parties of one state -> it
    # a noun of a form of state -> the states of that form ("kingdom" -> GBR, SAU, JOR, ...)
    state_forms: dict[str, frozenset[str]] = field(default_factory=dict)
    # tables the rules derive from the word sets, built once per lexicon (see :meth:`derived`)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def derived(self, name: str, build: Callable[[], T]) -> T:
        """The table ``name`` that ``build`` derives from this lexicon, built on first use and
        kept with the lexicon ("the verbs that end a ban", "full names by last word")."""
        if name not in self._derived:
            self._derived[name] = build()
        return self._derived[name]  # type: ignore[no-any-return]

    def words(self, section: str, key: str) -> frozenset[str]:
        """The word set ``section.key`` of triggers.yaml; a key the file lacks is an error
        naming it, so a mistyped key can never silently disable a rule."""
        found = self.sets.get((section, key))
        if found is None:
            table = self.raw.get(section)
            if not isinstance(table, dict) or key not in table:
                raise LexiconDataError(
                    f'Extraction data file "triggers.yaml" has no key "{section}.{key}"; '
                    "add it or fix the name used by the rule."
                )
            found = frozenset(str(w).lower() for w in table[key])
            self.sets[(section, key)] = found
        return found

    @functools.cached_property
    def support_verbs(self) -> frozenset[str]:
        return self.words("support", "transfer_verbs")

    @functools.cached_property
    def categories(self) -> dict[str, frozenset[str]]:
        return {name: frozenset(words) for name, words in self.raw["categories"].items()}

    def named_by_compound(self, noun: Any) -> bool:
        """A noun whose compound names a kind of support with it ("patrol vessels", "body
        armour", "police officers")."""
        if noun.pos_ not in ("NOUN", "PROPN"):
            return False
        words = {f"{c.lemma_.lower()} {noun.lemma_.lower()}" for c in noun.children if c.dep_ == "compound"}
        return any(words & kind for kind in self.categories.values())

    def categories_of(self, token: Any) -> list[str]:
        """The support categories a single word names ("jets" -> military)."""
        forms = {token.lemma_.lower(), token.lower_}
        word = token.lower_
        if word.endswith("s") and (any(ch.isdigit() for ch in word) or token.text[:1].isupper()):
            forms.add(word[:-1])  # "F-16s", "S-300s", "Tomahawks", "Leopards": names in the plural
        return [name for name, words in self.categories.items() if forms & words]


def _read_yaml(name: str) -> dict[str, Any]:
    text = resources.files("aidtrack").joinpath("data", "extract", name).read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValidationError(f'Extraction data file "{name}" is not a mapping; fix its YAML.')
    return data


def _as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _people() -> dict[str, tuple[Term, ...]]:
    """Office holders by lookup key, from the one dated register (data/actors/office_holders.yaml):
    full names, aliases and surnames, without accents ("erdogan" for "Erdoğan"), terms oldest first."""
    from aidtrack.actors.offices import offices

    return {
        key: tuple(
            Term(t.actor, t.start, t.end, t.role)
            for t in sorted(dict.fromkeys(terms), key=lambda t: t.start or dt.date.min)
        )
        for key, terms in offices().terms.items()
    }


def people_patterns() -> list[str]:
    """The names of the register as written (accents, hyphens) and as lookup keys: what the
    phrase matcher looks for in text."""
    from aidtrack.actors.data import read_table

    written = {
        str(name).lower()
        for entry in read_table("office_holders")["people"]
        for name in [entry["name"], *entry.get("aliases", ()), *(entry.get("short") or [])]
    }
    return sorted(written | set(load_lexicon().people))


def _names(raw: dict[str, list[str]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for code, names in raw.items():
        table[code.lower()] = code
        for name in names:
            table[str(name).lower()] = code
    return table


def _acting_for(serves: dict[str, str], bodies: dict[str, list[str]]) -> dict[str, str]:
    """Each name of an organisation that serves a place, to the body it belongs to."""
    return {
        name: body
        for body, places in bodies.items()
        for name, place in serves.items()
        if place in places and name != place.lower()
    }


@functools.cache
def load_lexicon() -> Lexicon:
    """Load and cache the shipped extraction lexicons."""
    actors = _read_yaml("actors.yaml")
    serves = _names(actors.get("serves", {}))
    return Lexicon(
        raw=check_triggers(_read_yaml("triggers.yaml")),
        # the register's demonyms ("Venezuelan") and names of several words ("Costa Rica"),
        # then this lexicon's names, which win
        names={**country_demonyms(), **country_compound_names(), **_names(actors.get("names", {}))},
        people=_people(),
        serves=serves,
        acting_for=_acting_for(serves, actors.get("acting_for", {})),
        lenders=frozenset(actors.get("lenders", [])),
        relief_bodies=frozenset(actors.get("relief_bodies", [])),
        institutions={k.lower(): frozenset(v) for k, v in actors.get("institutions", {}).items()},
        firms={str(n).lower(): code for code, ns in actors.get("firms", {}).items() for n in ns},
        nationals={str(n).lower(): code for code, ns in actors.get("nationals", {}).items() for n in ns},
        state_forms={k.lower(): frozenset(v) for k, v in actors.get("state_forms", {}).items()},
    )


def _length(term: Term) -> int:
    """Days in office (to today when still in office; unknown starts count as short)."""
    if term.start is None:
        return 0
    return ((term.end or dt.date.today()) - term.start).days


def office_states(title: str) -> frozenset[str]:
    """The states whose office is called ``title`` in the dated register ("chancellor" -> DEU,
    AUT); organisations' offices are left out."""
    return _offices_by_title().get(title.lower(), frozenset())


@functools.cache
def _offices_by_title() -> dict[str, frozenset[str]]:
    from aidtrack.actors import all_actors
    from aidtrack.actors.offices import offices

    organisations = {info.code for info in all_actors(kind="organisation")}
    table: dict[str, set[str]] = {}
    for terms in offices().terms.values():
        for term in terms:
            for role in (term.role or "").split("/"):
                if role.strip() and term.actor not in organisations:
                    table.setdefault(role.strip().lower(), set()).add(term.actor)
    return {role: frozenset(codes) for role, codes in table.items()}


def titled_terms(terms: tuple[Term, ...], titled: str) -> list[Term]:
    """The terms whose office the words ``titled`` name ("Secretary-General Jens")."""
    from aidtrack.actors.text import normalise_name

    title = f" {normalise_name(titled)} "
    return [t for t in terms if t.role and any(f" {normalise_name(r)} " in title for r in t.role.split("/"))]


def person_code(lexicon: Lexicon, name: str, *, on: dt.date | None, titled: str = "") -> str | None:
    """The code ``name`` speaks for on date ``on``; accents, hyphens and case do not matter
    ("Erdoğan", "erdogan"). Without a date, the office named in ``titled`` (the words before
    the name: "Secretary-General Jens Stoltenberg") or else the one held longest, the office
    the person is best known for (Stoltenberg: NATO, not his later post in Norway)."""
    from aidtrack.actors.text import normalise_name

    terms = lexicon.people.get(normalise_name(name))
    if not terms:
        return None
    if on is None:
        named = titled_terms(terms, titled)
        return named[-1].code if named else max(terms, key=_length).code
    for term in terms:
        if (term.start is None or term.start <= on) and (term.end is None or on < term.end):
            return term.code
    return None
