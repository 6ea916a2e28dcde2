"""Office holders: the state or organisation a person or role speaks for on a date.

>>> office_holder("Rutte", on=dt.date(2023, 5, 1)), office_holder("Rutte", on=dt.date(2025, 1, 1))
('NLD', 'NATO')
>>> office_holder("Kremlin spokesman")
'RUS'
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from aidtrack.actors.data import read_table
from aidtrack.actors.names import lookup_name
from aidtrack.actors.text import normalise_name

# Words before a name or role that do not change who is meant.
_TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "dame",
        "lord",
        "lady",
        "general",
        "gen",
        "admiral",
        "adm",
        "colonel",
        "col",
        "deputy",
        "acting",
        "first",
        "senior",
        "top",
        "chief",
        "new",
        "incoming",
        "current",
        "prince",
        "pm",
        "fm",
    }
)
# Words that make a phrase about someone no longer in office.
_PAST = frozenset({"former", "ex", "late", "outgoing", "then"})
_OF = frozenset({"of", "for", "to", "from", "in"})


@dataclass(frozen=True)
class OfficeTerm:
    """A person's time in an office: ``end`` is the first day out of office."""

    person: str
    actor: str
    role: str
    start: dt.date | None = None
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        """Whether the person held the office on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Offices:
    """Terms by lookup key (full names, aliases, surnames) and the role phrases."""

    terms: dict[str, tuple[OfficeTerm, ...]]
    roles: tuple[tuple[str, ...], ...]  # longest first

    @functools.cached_property
    def roles_by_first(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The role phrases by their first word, longest first."""
        found: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for role in self.roles:
            found[role[0]].append(role)
        return {first: tuple(roles) for first, roles in found.items()}


def _person_keys(entry: dict[str, Any]) -> set[str]:
    names = [entry["name"], *entry.get("aliases", ())]
    shorts = entry.get("short")
    if shorts is None:
        shorts = [entry["name"].split()[-1]]
    return {normalise_name(n) for n in [*names, *shorts]} - {""}


@functools.cache
def offices() -> Offices:
    """The office-holder table from ``office_holders.yaml``."""
    table: dict[str, Any] = read_table("office_holders")
    by_key: dict[str, list[OfficeTerm]] = defaultdict(list)
    for entry in table["people"]:
        terms = [
            OfficeTerm(entry["name"], t["actor"], t.get("role", ""), t.get("start"), t.get("end"))
            for t in entry["terms"]
        ]
        for key in _person_keys(entry):
            by_key[key].extend(terms)
    roles = {tuple(normalise_name(r).split()) for r in table["roles"]}
    ordered = tuple(sorted(roles, key=len, reverse=True))
    return Offices({k: tuple(v) for k, v in by_key.items()}, ordered)


def all_terms() -> list[OfficeTerm]:
    """Every term of every person in the table, in file order per person."""
    seen: dict[tuple[str, str, str, dt.date | None], OfficeTerm] = {}
    for terms in offices().terms.values():
        for term in terms:
            seen.setdefault((term.person, term.actor, term.role, term.start), term)
    return list(seen.values())


def office_holder(person: str, *, on: dt.date | None = None) -> str | None:
    """The code of the state or organisation ``person`` spoke for on ``on`` (default today).

    ``person`` is a full name or surname ("Jens Stoltenberg", "Stoltenberg"), a
    name with titles ("President Yoon", "Russian Foreign Minister Sergei Lavrov")
    or a role with a country word ("Kremlin spokesman", "the German chancellor",
    "Secretary General of NATO"). None when nothing matches, when the person held
    no office that day, or for "former ..." phrases.
    """
    words = normalise_name(person).split()
    if not words or words[0] in _PAST:
        return None
    return _holder(words, on or dt.date.today())


def _holder(words: list[str], day: dt.date) -> str | None:
    known, code = _person(words, day)
    if known:
        return code
    for size in range(min(5, len(words) - 1), 0, -1):  # "kremlin spokesman", "us president joe biden"
        if _role_length(words[size:]) and (code := lookup_name(" ".join(words[:size]))):
            return code
    size = _role_length(words)
    rest = words[size:]
    if size and rest:
        if rest[0] in _OF:  # "president of russia", "ambassador to the us"
            return lookup_name(" ".join(rest[1:]))
        return _holder(rest, day)  # "president putin", "chancellor scholz"
    return None


def _person(words: list[str], day: dt.date) -> tuple[bool, str | None]:
    """(whether the name is a known person, the actor they served on ``day``)."""
    terms = offices().terms.get(" ".join(words))
    if terms is None:
        return False, None
    actors = {term.actor for term in terms if term.covers(day)}
    return True, actors.pop() if len(actors) == 1 else None


def latest_office(person: str) -> str | None:
    """The state or organisation of ``person``'s latest term, for a text with no date.

    >>> latest_office("Rutte"), latest_office("Jens Stoltenberg"), latest_office("Atlantis")
    ('NATO', 'NOR', None)
    """
    terms = offices().terms.get(normalise_name(person))
    if not terms:
        return None
    return max(terms, key=lambda t: t.start or dt.date.min).actor


def _role_length(words: list[str]) -> int:
    """How many leading words are titles and role phrases ("foreign ministry spokeswoman" -> 3)."""
    roles = offices().roles_by_first
    at = 0
    while at < len(words):
        if words[at] in _TITLES:
            at += 1
            continue
        match = next((r for r in roles.get(words[at], ()) if tuple(words[at : at + len(r)]) == r), None)
        if match is None:
            break
        at += len(match)
    return at
