"""Actor names and peer groups for analysis, via :mod:`aidtrack.actors`.

If ``aidtrack.actors`` cannot be imported, a small built-in fallback is used:
names are the codes themselves and groups come from ``_FALLBACK_GROUPS`` below
(members with accession dates, current to 2026).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Iterable, Sequence

from aidtrack.errors import UnknownActorError, ValidationError

GROUPS: tuple[str, ...] = ("G7", "NATO", "EU", "OECD")

_EU = (
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN",
    "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP",
    "SWE",
)
_NATO = (
    "ALB", "BEL", "BGR", "CAN", "HRV", "CZE", "DNK", "EST", "FRA", "DEU", "GRC", "HUN", "ISL",
    "ITA", "LVA", "LTU", "LUX", "MNE", "NLD", "MKD", "NOR", "POL", "PRT", "ROU", "SVK", "SVN",
    "ESP", "TUR", "GBR", "USA",
)
_OECD = (
    "AUS", "AUT", "BEL", "CAN", "CHL", "COL", "CRI", "CZE", "DNK", "EST", "FIN", "FRA", "DEU",
    "GRC", "HUN", "ISL", "IRL", "ISR", "ITA", "JPN", "KOR", "LVA", "LTU", "LUX", "MEX", "NLD",
    "NZL", "NOR", "POL", "PRT", "SVK", "SVN", "ESP", "SWE", "CHE", "TUR", "GBR", "USA",
)
# member -> (first day, last day or None); only dates after 2020 matter for this war.
_FALLBACK_GROUPS: dict[str, dict[str, tuple[dt.date, dt.date | None]]] = {
    "G7": {c: (dt.date(1975, 11, 15), None) for c in ("CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA")},
    "EU": {**{c: (dt.date(1958, 1, 1), None) for c in _EU}, "GBR": (dt.date(1973, 1, 1), dt.date(2020, 1, 31))},
    "NATO": {**{c: (dt.date(1949, 8, 24), None) for c in _NATO},
             "FIN": (dt.date(2023, 4, 4), None), "SWE": (dt.date(2024, 3, 7), None)},
    "OECD": {**{c: (dt.date(1961, 9, 30), None) for c in _OECD}, "COL": (dt.date(2020, 4, 28), None),
             "CRI": (dt.date(2021, 5, 25), None)},
}


def actor_name(code: str) -> str:
    """The display name of an actor code (the code itself if unknown)."""
    return _name_table().get(str(code).strip().upper(), str(code))


@functools.lru_cache(maxsize=1)
def _name_table() -> dict[str, str]:
    """Code -> name for every known actor, read once (unknown codes must stay cheap)."""
    try:
        from aidtrack import actors
    except ImportError:
        return {}
    return {info.code: info.name for info in actors.all_actors()}


def names(codes: Iterable[str]) -> dict[str, str]:
    """Display names for several codes."""
    return {code: actor_name(code) for code in codes}


def group_members(group: str, *, on: dt.date | None = None) -> list[str]:
    """Members of G7, NATO, EU or OECD on ``on`` (default today)."""
    try:
        from aidtrack import actors
    except ImportError:
        return _fallback_members(group, on=on)
    return sorted(actors.group_members(group, on=on))


def _fallback_members(group: str, *, on: dt.date | None) -> list[str]:
    day = on or dt.date.today()
    members = _FALLBACK_GROUPS[group]
    return sorted(c for c, (start, end) in members.items() if start <= day and (end is None or day <= end))


def resolve_peers(peers: str | Sequence[str], *, donor: str, on: dt.date | None = None,
                  known: Collection[str] = ()) -> list[str]:
    """Peer codes from a group name ("G7") or a list/comma list of codes or names, minus the donor.

    Codes in ``known`` (e.g. the donors of the support frame) are taken as they are;
    other names are resolved with :func:`aidtrack.actors.resolve_actor`.
    """
    items = [p.strip() for p in peers.split(",")] if isinstance(peers, str) else [str(p).strip() for p in peers]
    codes: list[str] = []
    for item in filter(None, items):
        if item.upper() in GROUPS:
            codes.extend(group_members(item.upper(), on=on))
        elif item.upper() in known:
            codes.append(item.upper())
        else:
            codes.append(_resolve(item))
    result = sorted(set(codes) - {donor})
    if not result:
        raise ValidationError(
            f'No peers left for {donor} from "{peers}"; name a group ({", ".join(GROUPS)}) '
            "or other donors, e.g. --peers JPN,AUS."
        )
    return result


def _resolve(name: str) -> str:
    try:
        from aidtrack import actors
    except ImportError:
        if len(name) == 3 and name.isalpha():
            return name.upper()
        raise UnknownActorError(name) from None
    return str(actors.resolve_actor(name))
