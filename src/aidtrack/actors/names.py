"""Actor codes and names: ISO 3166-1 alpha-3 for countries, short codes for organisations.

>>> lookup_name("Republic of Korea")
'KOR'
>>> lookup_name("N.A.T.O.")
'NATO'
>>> actor_name("GBR")
'United Kingdom'
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import pycountry
from rapidfuzz import fuzz, process

from aidtrack.actors.data import read_table
from aidtrack.actors.text import compact, name_keys, normalise_name
from aidtrack.errors import UnknownActorError

Kind = Literal["country", "organisation"]
# Demonyms that take no plural "s": British, Japanese, Swiss, French, Dutch.
_NO_PLURAL = ("ish", "ese", "ss", "nch", "tch")


@dataclass(frozen=True)
class ActorInfo:
    """A country or organisation: its code, short English name and kind."""

    code: str
    name: str
    kind: Kind


@dataclass
class Catalogue:
    """Every actor and the names that lead to it (built once, then read only)."""

    infos: dict[str, ActorInfo] = field(default_factory=dict)
    index: dict[str, str] = field(default_factory=dict)
    compact_index: dict[str, str | None] = field(default_factory=dict)

    def add(self, name: str, code: str, *, override: bool = False) -> None:
        """File ``name`` under ``code``; earlier entries win unless ``override``."""
        for key in name_keys(name):
            if override or key not in self.index:
                self.index[key] = code

    def finish(self) -> None:
        """Build the space-free index; keys shared by two actors are left out."""
        for key, code in self.index.items():
            short = compact(key)
            known = self.compact_index.get(short, code)
            self.compact_index[short] = code if known == code else None


def _country_names(country: Any) -> Iterator[str]:
    """pycountry's names for a country, plus "Republic of Korea" from "Korea, Republic of"."""
    for attr in ("name", "common_name", "official_name"):
        value = getattr(country, attr, None)
        if value:
            yield value
            head, _, tail = value.partition(", ")
            if tail.endswith((" of", " of the")):
                yield f"{tail} {head}"


def _plurals(demonym: str) -> list[str]:
    """ "German" -> ["German", "Germans"]; "British" -> ["British"]."""
    lower = demonym.lower()
    if lower.endswith(_NO_PLURAL) and lower != "czech":
        return [demonym]
    return [demonym, demonym + "s"]


def _country_infos(extra: dict[str, Any]) -> dict[str, ActorInfo]:
    infos: dict[str, ActorInfo] = {}
    for country in pycountry.countries:
        code = country.alpha_3
        name = (extra.get(code) or {}).get("name") or getattr(country, "common_name", None) or country.name
        infos[code] = ActorInfo(code, name, "country")
    for code, entry in extra.items():
        if entry.get("extra"):
            infos[code] = ActorInfo(code, entry["name"], "country")
    return dict(sorted(infos.items()))


def _add_explicit(catalogue: Catalogue, table: dict[str, Any]) -> None:
    for code, entry in table.items():
        names = list(entry.get("aliases", ())) + [entry.get("name") or ""]
        for demonym in entry.get("demonyms", ()):
            names.extend(_plurals(demonym))
        for name in filter(None, names):
            catalogue.add(name, code)


def _unshared(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Lowered name -> code, for the names that lead to one code only."""
    found: dict[str, set[str]] = {}
    for name, code in pairs:
        found.setdefault(name.lower(), set()).add(code)
    return {name: next(iter(codes)) for name, codes in found.items() if len(codes) == 1}


@functools.cache
def country_demonyms() -> dict[str, str]:
    """Every demonym of ``countries.yaml`` and its plural, lowered, with its country's code
    ("venezuelan" -> "VEN"); a word two countries share is left out."""
    return _unshared(
        (form, code)
        for code, entry in read_table("countries").items()
        for demonym in entry.get("demonyms", ())
        for form in _plurals(demonym)
    )


# names whose words are common in other uses ("the states", "number 10"): matched as names of
# their own only by the actor resolver, never found in running text
_NOT_COMPOUND = ("the ", "no ", "no. ", "number ")


@functools.cache
def country_compound_names() -> dict[str, str]:
    """Every country name and alias of more than one word, lowered, with its country's code
    ("costa rica" -> "CRI", "port-au-prince" -> "HTI"): a text's longest name wins, so these
    keep a surname or a demonym inside them ("Costa", "Dominican") from standing alone. Names
    two countries share, names written as list entries ("Congo, Dem. Rep.") and names of
    common words (:data:`_NOT_COMPOUND`) are left out."""
    aliases = [(str(a), code) for code, e in read_table("countries").items() for a in e.get("aliases", ())]
    official = [(name, c.alpha_3) for c in pycountry.countries for name in _country_names(c)]
    return _unshared((name, code) for name, code in aliases + official if _compound(name))


def _compound(name: str) -> bool:
    lower = name.lower()
    several = " " in lower or "-" in lower
    return several and "," not in lower and not lower.startswith(_NOT_COMPOUND)


@functools.cache
def catalogue() -> Catalogue:
    """The actor catalogue: pycountry plus ``countries.yaml`` and ``organisations.yaml``."""
    countries: dict[str, Any] = read_table("countries")
    organisations: dict[str, Any] = read_table("organisations")
    cat = Catalogue(infos=_country_infos(countries))
    for code, entry in organisations.items():
        cat.infos[code] = ActorInfo(code, entry["name"], "organisation")
    for code in cat.infos:  # codes first: "AND" is Andorra, whatever else it means
        cat.add(code, code)
    _add_explicit(cat, organisations)
    _add_explicit(cat, countries)
    for country in pycountry.countries:
        cat.add(country.alpha_2, country.alpha_3)
        for name in _country_names(country):
            cat.add(name, country.alpha_3)
    cat.finish()
    return cat


@functools.lru_cache(maxsize=65536)
def lookup_name(name: str) -> str | None:
    """The code a name or code stands for, from the alias index alone (no people)."""
    key = normalise_name(name)
    cat = catalogue()
    code = cat.index.get(key)
    if code is None and key:
        code = cat.compact_index.get(compact(key))
    return code


def suggest_actors(name: str, *, limit: int = 3) -> list[str]:
    """Up to ``limit`` close known names as "Name (CODE)", best first."""
    key = normalise_name(name)
    if not key:
        return []
    cat = catalogue()
    keys = list(cat.index)
    found = process.extract(key, keys, scorer=fuzz.ratio, processor=None, limit=40, score_cutoff=60)
    codes: list[str] = []
    for match, _score, _pos in found:
        code = cat.index[match]
        if code not in codes:
            codes.append(code)
    return [f"{cat.infos[code].name} ({code})" for code in codes[:limit]]


def actor_info(code: str) -> ActorInfo:
    """The :class:`ActorInfo` for a code (any case); UnknownActorError if unknown."""
    info = catalogue().infos.get(code.strip().upper())
    if info is None:
        raise UnknownActorError(code, suggest_actors(code))
    return info


def actor_name(code: str) -> str:
    """The short English name of a code: KOR -> "South Korea", RUS -> "Russia"."""
    return actor_info(code).name


def display_name(code: str) -> str:
    """The name of a code for messages and tables; the code itself when it names no known actor.

    >>> display_name("DEU"), display_name("XYZ")
    ('Germany', 'XYZ')
    """
    try:
        return actor_name(code)
    except UnknownActorError:
        return code


def all_actors(*, kind: Kind | None = None) -> list[ActorInfo]:
    """Every known country (sorted by code), then every organisation (sorted by code)."""
    infos: Iterable[ActorInfo] = catalogue().infos.values()
    ordered = sorted(infos, key=lambda info: (info.kind != "country", info.code))
    return [info for info in ordered if kind is None or info.kind == kind]
