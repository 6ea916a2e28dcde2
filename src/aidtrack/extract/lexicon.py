"""The rules kept as data: trigger lexicons and actor names for extraction.

``triggers.yaml`` holds the trigger words per event type, category and cue
words; ``actors.yaml`` holds names, demonyms, capitals and office holders that
supplement :mod:`aidtrack.actors`.

>>> "send" in load_lexicon().support_verbs
True
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import pydantic
import yaml

from aidtrack.errors import AidtrackError, ValidationError

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


WordList = list[str | int]


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


@dataclass(frozen=True)
class Lexicon:
    """Trigger sets (lemmas) and actor tables used by the event rules."""

    raw: dict[str, Any]
    names: dict[str, str]
    people: dict[str, tuple[Term, ...]]
    sets: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)

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

    def categories_of(self, token: Any) -> list[str]:
        """The support categories a single word names ("jets" -> military)."""
        forms = {token.lemma_.lower(), token.lower_}
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


def _people(raw: dict[str, list[dict[str, Any]]]) -> dict[str, tuple[Term, ...]]:
    return {
        name.lower(): tuple(
            Term(str(t["code"]), _as_date(t.get("from")), _as_date(t.get("to"))) for t in terms
        )
        for name, terms in raw.items()
    }


def _names(raw: dict[str, list[str]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for code, names in raw.items():
        table[code.lower()] = code
        for name in names:
            table[str(name).lower()] = code
    return table


@functools.cache
def load_lexicon() -> Lexicon:
    """Load and cache the shipped extraction lexicons."""
    actors = _read_yaml("actors.yaml")
    return Lexicon(
        raw=check_triggers(_read_yaml("triggers.yaml")),
        names=_names(actors.get("names", {})),
        people=_people(actors.get("people", {})),
    )


def person_code(lexicon: Lexicon, name: str, *, on: dt.date | None) -> str | None:
    """The code ``name`` speaks for on date ``on`` (the latest office if no date)."""
    terms = lexicon.people.get(name.lower())
    if not terms:
        return None
    if on is None:
        return terms[-1].code
    for term in terms:
        if (term.start is None or term.start <= on) and (term.end is None or on < term.end):
            return term.code
    return None
