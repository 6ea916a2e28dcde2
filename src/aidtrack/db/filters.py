"""Query filters for listing support records and events.

The storage layer has no default page size: a filter without ``limit`` returns every
matching row (exports, analysis). The CLI and the API set their page sizes themselves.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import sqlalchemy as sa

from aidtrack.errors import ValidationError


@dataclasses.dataclass(frozen=True)
class _Filter:
    start: dt.date | None = None
    end: dt.date | None = None
    status: str | None = None
    origin: str | None = None
    current: bool | None = True
    limit: int | None = None
    offset: int = 0
    order: str = "date"  # "date": newest first; "created": oldest first; "confidence": highest first

    def _common(self, table: sa.Table) -> list[Any]:
        clauses: list[Any] = []
        if self.start:
            clauses.append(table.c.date >= self.start)
        if self.end:
            clauses.append(table.c.date <= self.end)
        if self.status:
            clauses.append(table.c.status == self.status)
        if self.origin:
            clauses.append(table.c.origin == self.origin)
        if self.current is not None:
            clauses.append(table.c.current.is_(self.current))
        return clauses

    def _own(self, table: sa.Table) -> list[Any]:
        fields = [f.name for f in dataclasses.fields(self) if f.name not in _Filter.__dataclass_fields__]
        clauses = []
        for name in fields:
            value = getattr(self, name)
            if value is not None:
                clauses.append(
                    table.c[name].in_(value) if isinstance(value, (tuple, list)) else table.c[name] == value
                )
        return clauses

    def where_clauses(self, query: Any, table: sa.Table) -> Any:
        clauses = self._common(table) + self._own(table)
        return query.where(*clauses) if clauses else query

    def _order(self, table: sa.Table) -> list[Any]:
        orders: dict[str, list[Any]] = {
            "date": [table.c.date.desc(), table.c.id.desc()],
            "created": [table.c.created, table.c.id],
            "confidence": [table.c.confidence.desc().nulls_last(), table.c.created, table.c.id],
        }
        if self.order not in orders:
            raise ValidationError(f'Unknown order "{self.order}"; use one of: {", ".join(orders)}.')
        return orders[self.order]

    def apply(self, query: Any, table: sa.Table) -> Any:
        query = self.where_clauses(query, table).order_by(*self._order(table))
        if self.limit is not None:
            query = query.limit(self.limit)
        return query.offset(self.offset) if self.offset else query


@dataclasses.dataclass(frozen=True)
class SupportFilter(_Filter):
    """Which support records to list; ``None`` means "any"."""

    donor: str | tuple[str, ...] | None = None
    recipient: str | None = None
    category: str | None = None
    stage: str | None = None


@dataclasses.dataclass(frozen=True)
class EventFilter(_Filter):
    """Which events to list; ``None`` means "any"."""

    type: str | None = None
    actor: str | None = None
    target: str | None = None
    category: str | None = None
