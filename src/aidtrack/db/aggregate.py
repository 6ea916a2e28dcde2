"""Support totals for analysis, summed in the database, and the ledger's version.

What counts in the figures is decided here, once: current records (a newer release
of a dataset supersedes the older one), confirmed ones, and not the evidence origins
(the signals register and news extraction report single events that the datasets
already count), unless ``everything=True``.

:func:`support_totals` returns a small frame with the columns the analyses read
from a support frame: one row per donor, recipient,
category, stage, calendar month, origin and source (``source_url``,
``source_title``), with ``amount_eur`` (the sum), ``records`` (how many records),
``date`` (the earliest date in the group) and ``last_date`` (the latest). A period
(``start``/``end``) is cut in SQL, to the day.

The totals are kept in the database (table ``support_totals``, migration 0008):
triggers on ``support`` note the groups every insert, update and delete touches, and
:func:`settle_totals` sums those groups again from their records inside the writing
transaction (every :meth:`~aidtrack.db.Store.transaction` does), so a first answer
reads the kept groups, not every record. A period is read from the kept groups of
its whole months and from the records of its first and last month when it cuts them.
:func:`grouped_totals` groups every record in one query instead (the reference the
kept totals are tested against, and the answer on a ledger that cannot be written).

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
import math
from collections.abc import Iterable, Iterator, Sequence
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
    "grouped_totals",
    "ledger_version",
    "rebuild_totals",
    "settle_totals",
    "support_totals",
    "totals_query",
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


class month_start(FunctionElement[Any]):
    """The first day of a date column's month, as a date (how ``support_totals`` keys months)."""

    name = "month_start"
    inherit_cache = True
    type = sa.Date()


@compiles(month_start)
def _month_start(element: month_start, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return f"CAST(date_trunc('month', {compiler.process(column, **kw)}) AS DATE)"


@compiles(month_start, "sqlite")
def _month_start_sqlite(element: month_start, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return f"date({compiler.process(column, **kw)}, 'start of month')"


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
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    everything: bool = False,
    by_date: bool = False,
) -> sa.Select[Any]:
    """Every counted record grouped as in :func:`support_totals` (source URLs looked up after grouping).

    ``by_date=True`` for a short period: the records are found through the date index
    rather than by reading the whole table.
    """
    s, src = schema.support, schema.sources
    month: ColumnElement[Any] = month_start(s.c.date)
    clauses = (
        [s.c.current == sa.true(), s.c.status == "confirmed"]
        + ([] if everything else [s.c.origin.not_in(EVIDENCE_ORIGINS)])
        if by_date
        else counted(everything=everything)
    )
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
        .group_by(*(k if by_date else whole_table(k) for k in keys), month)
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
    by_month: bool = True,
    donors: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Counted support summed per donor, recipient, category, stage, month, origin and source URL.

    ``start``/``end`` keep only records dated in that period (undated records then
    drop out, as in :func:`aidtrack.analysis._frames.select_support`). Read from the
    kept totals; groups a write outside a :class:`~aidtrack.db.Store` transaction left
    pending are summed first (or, on a ledger that cannot be written, everything is
    grouped from the records as :func:`totals_query` does).

    ``by_month=False`` sums the kept months of each group too (``date`` and
    ``last_date`` then span the months): a few hundred rows for analyses that total
    whole periods, such as a ranking. ``donors`` keeps only those donors' rows.
    """
    engine = _engine(store_or_engine)
    if _has_pending(engine) and not _settle_pending(store_or_engine):
        return _only_donors(grouped_totals(engine, start=start, end=end, everything=everything), donors)
    with engine.connect() as conn:
        _tune(conn)
        kept = conn.execute(_kept_query(start, end, everything=everything, by_month=by_month, donors=donors))
        rows = _with_sources(conn, kept.cursor.fetchall())  # the driver's rows: typed_totals converts
        cut = _cut_months(start, end)
        for first, last in cut:
            query = totals_query(start=first, end=last, everything=everything, by_date=True)
            rows += [tuple(row) for row in conn.execute(query)]
    totals = typed_totals(pd.DataFrame.from_records(rows, columns=list(TOTALS_COLUMNS)))
    return _only_donors(totals, donors) if cut else totals  # the cut months were read for every donor


def _only_donors(totals: pd.DataFrame, donors: Sequence[str] | None) -> pd.DataFrame:
    if donors is None:
        return totals
    return totals.loc[totals["donor"].isin(list(donors))].reset_index(drop=True)


def _with_sources(conn: Connection, rows: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Kept rows (ending in a source id) with that source's URL and title instead of the id.

    The few sources are read once rather than joined to each row (SQLite scans the
    sources for every row of a join it cannot turn into a key lookup).
    """
    src = schema.sources
    ids = {row[-1] for row in rows} - {None}
    found: dict[Any, tuple[Any, Any]] = {}
    for chunk in _chunks(sorted(ids), 500):
        query = sa.select(src.c.id, src.c.url, src.c.title).where(src.c.id.in_(chunk))
        found.update({row.id: (row.url, row.title) for row in conn.execute(query)})
    none = (None, None)
    return [(*row[:-1], *found.get(row[-1], none)) for row in rows]


def _chunks(values: list[Any], size: int) -> Iterator[list[Any]]:
    for at in range(0, len(values), size):
        yield values[at : at + size]


def grouped_totals(
    store_or_engine: Any,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    everything: bool = False,
) -> pd.DataFrame:
    """The totals grouped from every counted record in one query, reading nothing kept."""
    query = totals_query(start=start, end=end, everything=everything)
    with _engine(store_or_engine).connect() as conn:
        _tune(conn)
        rows = [tuple(row) for row in conn.execute(query)]
    return typed_totals(pd.DataFrame.from_records(rows, columns=list(TOTALS_COLUMNS)))


def _kept_query(
    start: dt.date | None,
    end: dt.date | None,
    *,
    everything: bool,
    by_month: bool = True,
    donors: Sequence[str] | None = None,
) -> sa.Select[Any]:
    """The kept totals of the whole months between ``start`` and ``end`` (source ids, not URLs).

    ``by_month=False``: the months of each group summed (the covering index
    ``ix_support_totals_cover`` gives the rows in group order, so nothing is sorted).
    """
    t = schema.support_totals
    clauses: list[Any] = [] if everything else [t.c.origin.not_in(EVIDENCE_ORIGINS)]
    first, last = _whole_months(start, end)
    if first is not None:
        clauses.append(t.c.month >= first)
    if last is not None:
        clauses.append(t.c.month <= last)
    if donors is not None:
        clauses.append(t.c.donor.in_(list(donors)))
    if by_month:
        return sa.select(*(t.c[k] for k in _KEPT_READ)).where(*clauses).order_by(t.c.id)
    keys = [t.c[k] for k in GROUP_KEYS]
    return (
        sa.select(
            *keys[:4],
            sa.func.min(t.c.date).label("date"),
            sa.func.max(t.c.last_date).label("last_date"),
            sa.func.sum(t.c.amount_eur).label("amount_eur"),
            sa.func.sum(t.c.records).label("records"),
            *keys[4:],
        )
        .where(*clauses)
        .group_by(*keys)
        .order_by(*keys)
    )


_KEPT_READ = (*TOTALS_COLUMNS[:-2], "source_id")
"""The kept columns :func:`support_totals` reads: its own columns, with the source id for URL and title."""


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _whole_months(start: dt.date | None, end: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """(first, last) month (first days) that lie wholly inside the period; None: unbounded.

    >>> _whole_months(dt.date(2024, 3, 15), dt.date(2024, 6, 30))
    (datetime.date(2024, 4, 1), datetime.date(2024, 6, 1))
    """
    first = None if start is None else (start if start.day == 1 else _next_month(start))
    last = None
    if end is not None:
        last = (
            _month(end)
            if _next_month(end) - dt.timedelta(days=1) == end
            else _month(_month(end) - dt.timedelta(days=1))
        )
    return first, last


def _cut_months(start: dt.date | None, end: dt.date | None) -> list[tuple[dt.date, dt.date]]:
    """The parts of the period's first and last month that it cuts, as (first day, last day).

    >>> _cut_months(dt.date(2024, 3, 15), dt.date(2024, 6, 10))
    [(datetime.date(2024, 3, 15), datetime.date(2024, 3, 31)), (datetime.date(2024, 6, 1), datetime.date(2024, 6, 10))]
    >>> _cut_months(dt.date(2024, 3, 5), dt.date(2024, 3, 20)), _cut_months(None, dt.date(2024, 6, 30))
    ([(datetime.date(2024, 3, 5), datetime.date(2024, 3, 20))], [])
    """
    parts = []
    if start is not None and start.day != 1:
        month_end = _next_month(start) - dt.timedelta(days=1)
        parts.append((start, month_end if end is None else min(end, month_end)))
    if end is not None and _next_month(end) - dt.timedelta(days=1) != end:
        parts.append((_month(end) if start is None else max(start, _month(end)), end))
    return [part for part in dict.fromkeys(parts) if part[0] <= part[1]]


# -- keeping the totals ----------------------------------------------------------------

GROUP_KEYS: tuple[str, ...] = ("donor", "recipient", "category", "stage", "origin", "source_id")
REBUILD_FROM = 400
"""Pending groups above which :func:`settle_totals` sums every group again in one pass."""
SETTLE_LOCK = 0x61696474_6F74  # PostgreSQL advisory lock key: one transaction settles at a time


def _has_pending(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(
            conn.execute(sa.select(sa.exists().where(schema.support_totals_pending.c.id > 0))).scalar()
        )


def _settle_pending(store_or_engine: Any) -> bool:
    """Settle the pending groups in a write transaction of their own; False when it cannot write."""
    try:
        if isinstance(store_or_engine, Engine):
            with store_or_engine.connect() as conn:
                conn.execution_options(aidtrack_write=True)  # BEGIN IMMEDIATE on SQLite (db/engine.py)
                with conn.begin():
                    settle_totals(conn)
        else:
            with store_or_engine.transaction():
                pass  # every store transaction settles the pending groups before it commits
    except Exception:  # a read-only file, a read-only role: the records are grouped instead
        return False
    return True


def settle_totals(conn: Connection) -> int:
    """Sum again, from their records, the groups the writes of this transaction touched.

    The pending rows are taken with ``DELETE ... RETURNING``, so groups noted by a
    transaction that commits meanwhile stay pending for the next one; on PostgreSQL an
    advisory lock lets one transaction settle at a time. A kept row that already holds
    its group's figures is left as it is (same id; sums equal to 12 significant digits,
    beyond which the order of summation decides), so restoring a backup, which writes
    the kept rows and the records, changes nothing. Returns how many groups were pending.
    """
    pending = schema.support_totals_pending
    if not conn.execute(sa.select(sa.exists().where(pending.c.id > 0))).scalar():
        return 0
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(SETTLE_LOCK)))
    taken = conn.execute(pending.delete().returning(*(pending.c[k] for k in GROUP_KEYS), pending.c.month))
    groups = {_group_key(row) for row in taken}
    if len(groups) > REBUILD_FROM:
        rebuild_totals(conn)
    else:
        for group in groups:
            _sum_group(conn, group)
    return len(groups)


def rebuild_totals(conn: Connection) -> None:
    """Sum every group of counted records again into ``support_totals`` (within ``conn``'s transaction)."""
    s, t = schema.support, schema.support_totals
    month = month_start(s.c.date)
    grouped = (
        sa.select(*_sum_columns(month))
        .where(*counted(everything=True))
        .group_by(*(whole_table(s.c[k]) for k in GROUP_KEYS), month)
    )
    _replace_changed(
        conn, _by_group(conn.execute(grouped)), _by_group(conn.execute(sa.select(*_kept_columns(t))))
    )


_SUMS = ("date", "last_date", "amount_eur", "records")
Group = tuple[Any, ...]
"""The keys of a group (:data:`GROUP_KEYS`) and its month."""


def _sum_columns(month: Any) -> list[Any]:
    s = schema.support
    return [
        *(s.c[k] for k in GROUP_KEYS),
        month,
        sa.func.min(s.c.date),
        sa.func.max(s.c.date),
        sa.func.sum(s.c.amount_eur),
        sa.func.count(),
    ]


def _kept_columns(t: sa.Table) -> list[Any]:
    return [*(t.c[k] for k in GROUP_KEYS), t.c.month, *(t.c[k] for k in _SUMS), t.c.id]


def _sum_group(conn: Connection, group: Group) -> None:
    """Bring the kept total of one group (keys and month) to the sum of its records."""
    s, t = schema.support, schema.support_totals
    month = group[-1]
    dated = [s.c.date.is_(None)] if month is None else [s.c.date >= month, s.c.date < _next_month(month)]
    keys = [_same(s.c[k], v) for k, v in zip(GROUP_KEYS, group, strict=False)]
    fresh = (
        sa.select(*_sum_columns(sa.literal(month, sa.Date)))
        .where(s.c.status == "confirmed", s.c.current == sa.true(), *keys, *dated)
        .group_by(*(s.c[k] for k in GROUP_KEYS))
    )
    kept = sa.select(*_kept_columns(t)).where(
        *(_same(t.c[k], v) for k, v in zip((*GROUP_KEYS, "month"), group, strict=True))
    )
    _replace_changed(conn, _by_group(conn.execute(fresh)), _by_group(conn.execute(kept)), only={group})


def _by_group(rows: Iterable[Any]) -> dict[Group, list[tuple[Any, ...]]]:
    """Rows (group keys, month, sums[, id]) by their group, dates made comparable."""
    out: dict[Group, list[tuple[Any, ...]]] = {}
    for row in rows:
        values = tuple(row)
        sums = values[len(GROUP_KEYS) + 1 :]
        out.setdefault(_group_key(values), []).append((_day(sums[0]), _day(sums[1]), *sums[2:]))
    return out


def _group_key(row: Sequence[Any]) -> Group:
    return (*row[: len(GROUP_KEYS)], _day(row[len(GROUP_KEYS)]))


def _day(value: Any) -> dt.date | None:
    """A date as the drivers give it (a date, a datetime, or ISO text on SQLite)."""
    if value is None or type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def _replace_changed(
    conn: Connection,
    fresh: dict[Group, list[tuple[Any, ...]]],
    kept: dict[Group, list[tuple[Any, ...]]],
    *,
    only: set[Group] | None = None,
) -> None:
    """Make the kept rows of the groups in ``fresh`` and ``kept`` (or ``only`` those) equal ``fresh``."""
    t = schema.support_totals
    stale, new = [], []
    for group in only if only is not None else fresh.keys() | kept.keys():
        sums = fresh.get(group, [None])[0]
        rows = kept.get(group, [])
        matching = next((r for r in rows if sums is not None and _same_sums(r[:-1], sums)), None)
        stale += [r[-1] for r in rows if r is not matching]
        if sums is not None and matching is None:
            new.append(dict(zip((*GROUP_KEYS, "month", *_SUMS), (*group, *sums), strict=True)))
    for chunk in _chunks(stale, 500):
        conn.execute(t.delete().where(t.c.id.in_(chunk)))
    if new:
        conn.execute(t.insert(), new)


def _same_sums(kept: Sequence[Any], fresh: Sequence[Any]) -> bool:
    (first, last, amount, records), (first2, last2, amount2, records2) = kept, fresh
    if (first, last, int(records)) != (first2, last2, int(records2)):
        return False
    if amount is None or amount2 is None:
        return amount is None and amount2 is None
    return math.isclose(float(amount), float(amount2), rel_tol=1e-12, abs_tol=1e-6)


def _same(column: Any, value: Any) -> Any:
    return column.is_(None) if value is None else column == value


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
    Every web request asks for it, so the query is compiled once per database kind.
    """
    engine = _engine(store_or_engine)
    with engine.connect() as conn:
        row = conn.exec_driver_sql(_version_sql(engine.dialect)).one()
    ids, times = row[: len(_VERSIONED)], row[len(_VERSIONED) :]
    return (*(int(v) for v in ids), *(_seconds(t) for t in times))


_VERSION_SQL: dict[str, str] = {}


def _version_sql(dialect: sa.Dialect) -> str:
    """The SQL of :func:`ledger_version` for ``dialect`` (built and compiled on first use)."""
    if dialect.name not in _VERSION_SQL:
        parts = [sa.select(sa.func.coalesce(sa.func.max(t.c.id), 0)).scalar_subquery() for t in _VERSIONED]
        # when the newest audit entry and import were made: tells apart two databases that
        # happen to reach the same ids (a ledger deleted and built again at the same path)
        stamps = [
            sa.select(t.c[column]).order_by(t.c.id.desc()).limit(1).scalar_subquery()
            for t, column in ((schema.audit_log, "at"), (schema.imports, "started"))
        ]
        query = sa.select(*parts, *stamps)
        _VERSION_SQL[dialect.name] = str(
            query.compile(dialect=dialect, compile_kwargs={"literal_binds": True})
        )
    return _VERSION_SQL[dialect.name]


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
