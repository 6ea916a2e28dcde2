"""Actor names and peer groups for analysis, via :mod:`aidtrack.actors`."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Iterable, Sequence

from aidtrack import actors
from aidtrack.errors import ValidationError

GROUPS: tuple[str, ...] = ("G7", "NATO", "EU", "OECD")


def actor_name(code: str) -> str:
    """The display name of an actor code (the code itself if unknown)."""
    return _name_table().get(str(code).strip().upper(), str(code))


@functools.lru_cache(maxsize=1)
def _name_table() -> dict[str, str]:
    """Code -> name for every known actor, read once (unknown codes must stay cheap)."""
    return {info.code: info.name for info in actors.all_actors()}


def names(codes: Iterable[str]) -> dict[str, str]:
    """Display names for several codes."""
    return {code: actor_name(code) for code in codes}


def group_members(group: str, *, on: dt.date | None = None) -> list[str]:
    """Members of G7, NATO, EU or OECD on ``on`` (default today)."""
    return sorted(actors.group_members(group, on=on))


def resolve_peers(
    peers: str | Sequence[str], *, donor: str, on: dt.date | None = None, known: Collection[str] = ()
) -> list[str]:
    """Peer codes from a group name ("G7") or a list/comma list of codes or names, minus the donor.

    Codes in ``known`` (e.g. the donors of the support frame) are taken as they are;
    other names are resolved with :func:`aidtrack.actors.resolve_actor`.
    """
    items = (
        [p.strip() for p in peers.split(",")] if isinstance(peers, str) else [str(p).strip() for p in peers]
    )
    codes: list[str] = []
    for item in filter(None, items):
        if item.upper() in GROUPS:
            codes.extend(group_members(item.upper(), on=on))
        elif item.upper() in known:
            codes.append(item.upper())
        else:
            codes.append(actors.resolve_actor(item))  # UnknownActorError with suggestions
    result = sorted(set(codes) - {donor})
    if not result:
        raise ValidationError(
            f'No peers left for {donor} from "{peers}"; name a group ({", ".join(GROUPS)}) '
            "or other donors, e.g. --peers JPN,AUS."
        )
    return result
