"""Groups as peer sets, with dated memberships: NATO, EU, G7, OECD, G20.

>>> "FIN" in group_members("NATO", on=dt.date(2023, 3, 15))
False
>>> "FIN" in group_members("NATO", on=dt.date(2023, 4, 15))
True
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from aidtrack.actors.data import read_table
from aidtrack.actors.resolution import resolve_actor
from aidtrack.errors import ValidationError


@dataclass(frozen=True)
class Membership:
    """``member`` belonged to ``group`` from ``start`` to ``end`` (last day; None: still)."""

    group: str
    member: str
    start: dt.date
    end: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        """Whether ``member`` was in ``group`` on ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)


def _membership(group: str, member: str, value: Any) -> Membership:
    if isinstance(value, dict):
        return Membership(group, member, value["start"], value.get("end"))
    return Membership(group, member, value)


@functools.cache
def _memberships() -> tuple[Membership, ...]:
    table: dict[str, Any] = read_table("groups")
    return tuple(
        _membership(group, member, value)
        for group, entry in table.items()
        for member, value in entry["members"].items()
    )


def memberships() -> list[Membership]:
    """Every membership of every group, in the order of ``groups.yaml``."""
    return list(_memberships())


def group_codes() -> list[str]:
    """The codes of the groups with known memberships."""
    return list(read_table("groups"))


def is_group(code: str) -> bool:
    """Whether ``code`` is a group with known members (NATO, EU, G7, OECD, G20)."""
    return code.strip().upper() in read_table("groups")


def group_members(group: str, *, on: dt.date | None = None) -> list[str]:
    """Sorted member codes of ``group`` (a code or name) on ``on`` (default today).

    >>> group_members("G7", on=dt.date(2024, 1, 1))
    ['CAN', 'DEU', 'FRA', 'GBR', 'ITA', 'JPN', 'USA']
    """
    code = _group_code(group)
    day = on or dt.date.today()
    return sorted(m.member for m in _memberships() if m.group == code and m.covers(day))


def groups_of(code: str, *, on: dt.date | None = None) -> list[str]:
    """Sorted groups ``code`` (a code or name) belonged to on ``on`` (default today)."""
    member = resolve_actor(code, on=on)
    day = on or dt.date.today()
    return sorted({m.group for m in _memberships() if m.member == member and m.covers(day)})


def _group_code(group: str) -> str:
    code = group.strip().upper()
    if code in read_table("groups"):
        return code
    code = resolve_actor(group)
    if not is_group(code):
        raise ValidationError(
            f'"{group}" ({code}) is not a group with known members; use one of {", ".join(group_codes())}.'
        )
    return code
