"""Support totals for analysis, summed in the database, and the ledger's version.

What counts in the figures is decided here, once: current records (a newer release
of a dataset supersedes the older one), confirmed ones, and not the evidence origins
(the signals register and news extraction report single events that the datasets
already count), unless ``everything=True``.

:func:`support_totals` runs one grouped query and returns a small frame with the
columns the analyses read from a support frame: one row per donor, recipient,
category, stage, calendar month, origin and source (``source_url``,
``source_title``), with ``amount_eur`` (the sum), ``records`` (how many records),
``date`` (the earliest date in the group) and ``last_date`` (the latest). A period
(``start``/``end``) is cut in SQL, to the day.

:func:`ledger_version` is a cheap fingerprint of the ledger that changes with every
write: every insert, update, review decision and import adds an ``audit_log`` or
``imports`` row, and new support, macro and source rows raise their tables' ids.

    totals = support_totals(store, end=dt.date(2024, 6, 30))
    ledger_version(store)[:7]
(1, 1, 2265, 0, 108, 1, 0)
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

from aidtrack.db import schema

__all__ = [
    "EVIDENCE_ORIGINS",
    "TOTALS_COLUMNS",
    "has_support",
    "ledger_etag",
    "ledger_version",
    "support_totals",
    "typed_totals",
]

EVIDENCE_ORIGINS: tuple[str, ...] = ("signals", "extract")
TOTALS_COLUMNS: tuple[str, ...] = (
    "donor",
    "recipient",
    "category",
    "stage",
    "date",
    "last_date",
    "amount_eur",
    "records",
    "origin",
    "source_url",
    "source_title",
)
_VERSIONED = (
    schema.audit_log,
    schema.imports,
    schema.support,
    schema.events,
    schema.macro,
    schema.sources,
    schema.corroborations,
)


class month_of(FunctionElement[Any]):
    """The calendar month of a date column, in the cheapest form each database offers."""

    name = "month_of"
    inherit_cache = True


@compiles(month_of)
def _month_of(element: month_of, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    year, month = sa.extract("year", column), sa.extract("month", column)
    return str(compiler.process(year * 100 + month, **kw))


@compiles(month_of, "sqlite")
def _month_of_sqlite(element: month_of, compiler: Any, **kw: Any) -> str:
    # SQLite stores dates as ISO text: "2024-03-15" -> "2024-03"
    (column,) = element.clauses
    return f"substr({compiler.process(column, **kw)}, 1, 7)"


@compiles(month_of, "postgresql")
def _month_of_postgresql(element: month_of, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return f"date_trunc('month', {compiler.process(column, **kw)})"


class whole_table(FunctionElement[Any]):
    """A column whose indexes the query planner should not use for this query.

    SQLite otherwise walks the narrow indexes on ``current``, ``status`` or ``donor``
    and fetches each of the million rows from the table in index order, which takes
    twice as long as reading the table once (SQLite's unary ``+`` hides the index;
    PostgreSQL chooses well on its own).
    """

    name = "whole_table"
    inherit_cache = True

    def __init__(self, column: sa.ColumnElement[Any]) -> None:
        super().__init__(column)
        self.type = column.type  # the column's own type, so comparisons bind values as for the column


@compiles(whole_table)
def _whole_table(element: whole_table, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return str(compiler.process(column, **kw))


@compiles(whole_table, "sqlite")
def _whole_table_sqlite(element: whole_table, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return f"+{compiler.process(column, **kw)}"


def _engine(store_or_engine: Any) -> Engine:
    """The engine of a :class:`~aidtrack.db.Store` (or the engine itself)."""
    return store_or_engine if isinstance(store_or_engine, Engine) else store_or_engine.engine


def counted(*, everything: bool = False) -> list[Any]:
    """The WHERE clauses that decide which support records count in the figures."""
    s = schema.support
    clauses: list[Any] = [whole_table(s.c.current).is_(True), whole_table(s.c.status) == "confirmed"]
    if not everything:
        clauses.append(whole_table(s.c.origin).not_in(EVIDENCE_ORIGINS))
    return clauses


def totals_query(
    *, start: dt.date | None = None, end: dt.date | None = None, everything: bool = False
) -> sa.Select[Any]:
    """The grouped query behind :func:`support_totals` (grouped first, source URLs looked up after)."""
    s, src = schema.support, schema.sources
    month: ColumnElement[Any] = month_of(s.c.date)
    clauses = counted(everything=everything)
    if start is not None:
        clauses.append(s.c.date >= start)
    if end is not None:
        clauses.append(s.c.date <= end)
    keys = (s.c.donor, s.c.recipient, s.c.category, s.c.stage, s.c.origin, s.c.source_id)
    grouped = (
        sa.select(
            *keys,
            sa.func.min(s.c.date).label("date"),
            sa.func.max(s.c.date).label("last_date"),
            sa.func.sum(s.c.amount_eur).label("amount_eur"),
            sa.func.count().label("records"),
        )
        .where(*clauses)
        .group_by(*(whole_table(k) for k in keys), month)
    ).subquery("grouped")
    g = grouped.c
    url, title = (
        sa.select(column).where(src.c.id == g.source_id).scalar_subquery()  # key lookups per group
        for column in (src.c.url, src.c.title)
    )
    return sa.select(
        g.donor,
        g.recipient,
        g.category,
        g.stage,
        g.date,
        g.last_date,
        g.amount_eur,
        g.records,
        g.origin,
        url.label("source_url"),
        title.label("source_title"),
    )


def support_totals(
    store_or_engine: Any,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    everything: bool = False,
) -> pd.DataFrame:
    """Counted support summed per donor, recipient, category, stage, month, origin and source URL.

    ``start``/``end`` keep only records dated in that period (undated records then
    drop out, as in :func:`aidtrack.analysis._frames.select_support`).
    """
    query = totals_query(start=start, end=end, everything=everything)
    with _engine(store_or_engine).connect() as conn:
        _tune(conn)
        rows = [tuple(row) for row in conn.execute(query)]
    frame = pd.DataFrame.from_records(rows, columns=list(TOTALS_COLUMNS))
    return typed_totals(frame)


def typed_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the column types of :func:`support_totals` (dates to the second, as the store gives)."""
    for column in ("date", "last_date"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
    frame["amount_eur"] = frame["amount_eur"].astype(float)
    frame["records"] = frame["records"].astype("int64")
    return frame


def _tune(conn: Connection) -> None:
    """On PostgreSQL: enough memory to group in a hash table, no JIT (it costs more than it saves here)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SET LOCAL work_mem = '64MB'"))
        conn.execute(sa.text("SET LOCAL jit = off"))


def has_support(store_or_engine: Any) -> bool:
    """Whether the ledger holds any support record at all (of any status; one index lookup)."""
    query = sa.select(sa.exists().where(schema.support.c.id.isnot(None)))
    with _engine(store_or_engine).connect() as conn:
        return bool(conn.execute(query).scalar())


def ledger_version(store_or_engine: Any) -> tuple[int, ...]:
    """The highest id of each table a write touches, read in one query on their primary keys.

    Any insert, update (through the audit trail), review decision, import or macro
    change raises at least one of them, so equal versions mean an unchanged ledger.
    """
    parts = [sa.select(sa.func.coalesce(sa.func.max(t.c.id), 0)).scalar_subquery() for t in _VERSIONED]
    # when the newest audit entry and import were made: tells apart two databases that
    # happen to reach the same ids (a ledger deleted and built again at the same path)
    stamps = [
        sa.select(t.c[column]).order_by(t.c.id.desc()).limit(1).scalar_subquery()
        for t, column in ((schema.audit_log, "at"), (schema.imports, "started"))
    ]
    with _engine(store_or_engine).connect() as conn:
        row = conn.execute(sa.select(*parts, *stamps)).one()
    ids, times = row[: len(parts)], row[len(parts) :]
    return (*(int(v) for v in ids), *(_seconds(t) for t in times))


def _seconds(value: Any) -> int:
    """A timestamp as whole seconds since 1970 (0 for none; SQLite may hand back text)."""
    if value is None:
        return 0
    stamp = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    return int(stamp.replace(tzinfo=dt.UTC).timestamp())


def ledger_etag(store_or_engine: Any, *, salt: str = "") -> str:
    """A strong HTTP entity tag for the ledger's current version, its database and ``salt``."""
    engine = _engine(store_or_engine)
    text = f"{engine.url.render_as_string(hide_password=True)}|{ledger_version(engine)}|{salt}"
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'
