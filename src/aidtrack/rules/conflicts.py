"""Which destinations count as parties to an armed conflict, and from when.

Rules whose ``applies_to`` is ``states_at_war`` use this table. It is data, in
``aidtrack/data/conflicts.yaml`` (with the reasons for each date), validated on loading:
an entry with a mistyped or missing field fails with the file, the entry and the field named.

>>> is_at_war("UKR", on=dt.date(2022, 1, 15)), is_at_war("RUS", on=dt.date(2022, 1, 15))
(True, False)
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
from pathlib import Path
from typing import Any

import pydantic

from aidtrack.errors import RuleRegisterError
from aidtrack.rules.entries import entry_error
from aidtrack.rules.register import load_yaml_list

SHIPPED = "aidtrack/data/conflicts.yaml"


class ConflictParty(pydantic.BaseModel):
    """One party to an armed conflict: from ``start`` to ``end`` (None: still at war)."""

    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)
    country: str = pydantic.Field(pattern=r"^[A-Z]{3}$")
    start: dt.date
    end: dt.date | None = None
    note: str = pydantic.Field(min_length=10)
    sources: tuple[str, ...] = pydantic.Field(min_length=1)

    @pydantic.model_validator(mode="after")
    def _ordered(self) -> ConflictParty:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self


def parse_conflicts(text: str, *, origin: str = "<text>") -> tuple[ConflictParty, ...]:
    """Validate the YAML list in ``text`` into conflict parties.

    Raises :class:`~aidtrack.errors.RuleRegisterError` naming ``origin``, the entry and the field.
    """
    return tuple(
        _party(entry, origin=origin, index=i)
        for i, entry in enumerate(load_yaml_list(text, origin=origin, what="conflict parties"))
    )


def _party(entry: Any, *, origin: str, index: int) -> ConflictParty:
    country = entry.get("country") if isinstance(entry, dict) else None
    label = f"entry #{index + 1}" + (f' ("{country}")' if country else "")
    if not isinstance(entry, dict):
        raise RuleRegisterError(f"{label} in {origin} is not a mapping; write it as key: value pairs.")
    try:
        return ConflictParty.model_validate(entry)
    except pydantic.ValidationError as ex:
        fix = "Fix that entry of the conflict table."
        raise entry_error(ex, label=label, origin=origin, fix=fix) from None


def load_conflicts(path: str | Path | None = None) -> tuple[ConflictParty, ...]:
    """The conflict parties in ``path`` (default: the shipped table)."""
    if path is None:
        return _shipped()
    return parse_conflicts(Path(path).read_text(encoding="utf-8"), origin=str(path))


@functools.lru_cache(maxsize=1)
def _shipped() -> tuple[ConflictParty, ...]:
    entry = importlib.resources.files("aidtrack") / "data" / "conflicts.yaml"
    return parse_conflicts(entry.read_text(encoding="utf-8"), origin=SHIPPED)


def is_at_war(country: str, *, on: dt.date) -> bool:
    """Whether ``country`` is a party to an armed conflict on ``on``."""
    return any(
        p.country == country and p.start <= on and (p.end is None or on <= p.end) for p in load_conflicts()
    )


def parties_at_war(*, on: dt.date) -> list[str]:
    """The countries in the table that are at war on ``on``, sorted."""
    return sorted({p.country for p in load_conflicts() if is_at_war(p.country, on=on)})
