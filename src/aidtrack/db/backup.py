"""SQL for backups: read every table in one snapshot, load tables in one transaction.

Every table comes from :data:`aidtrack.db.schema.metadata`, so a table added later is
dumped and restored without changes here. Values are turned into JSON-safe form
(dates and times as ISO strings) by :func:`encode_row` and back by :func:`decode_row`,
using each column's type, so one archive loads into SQLite and PostgreSQL alike.

    [t.name for t in tables()][:3]
['actors', 'audit_log', 'imports']
"""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from aidtrack import models
from aidtrack.db import schema
from aidtrack.db.engine import current_revision
from aidtrack.db.rows import KeptFields
from aidtrack.db.store import Store, refusing_a_second_import
from aidtrack.errors import StorageError

__all__ = [
    "REFERENCE_TABLES",
    "column_names",
    "data_counts",
    "decode_row",
    "delete_all",
    "encode_row",
    "import_records",
    "iter_rows",
    "libpq_url",
    "load_rows",
    "lock_imports",
    "read_revision",
    "reset_sequences",
    "row_counts",
    "snapshot",
    "sqlite_copy",
    "table_named",
    "tables",
]

#: Filled from the package's actor lists whenever a ledger is opened: not "data" for emptiness.
REFERENCE_TABLES = ("actors", "memberships", "reference_versions")
_CHUNK = 1000
Progress = Callable[[int, int], None]


def tables() -> list[sa.Table]:
    """Every table of the ledger, parents before the tables that refer to them."""
    return list(schema.metadata.sorted_tables)


def table_named(name: str) -> sa.Table:
    """The table called ``name`` (StorageError when this version has no such table)."""
    found = schema.metadata.tables.get(name)
    if found is None:
        raise StorageError(
            f'The backup holds a table "{name}" that this version of aidtrack does not know; '
            "restore it with the aidtrack version that wrote it."
        )
    return found


def column_names(table: str) -> list[str]:
    """The names of the columns of ``table``."""
    return [c.name for c in table_named(table).columns]


def read_revision(engine: Engine) -> str | None:
    """The schema (Alembic) revision of the database behind ``engine``."""
    return current_revision(engine)


def libpq_url(engine: Engine) -> str:
    """The URL of a PostgreSQL ledger as pg_dump takes it (no driver name, no password)."""
    url = engine.url
    plain = sa.URL.create(
        "postgresql", username=url.username, host=url.host, port=url.port, database=url.database
    )
    return plain.render_as_string(hide_password=False)


# -- reading ------------------------------------------------------------------------------


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A read-only connection that sees one consistent state of every table.

    PostgreSQL: a REPEATABLE READ, READ ONLY transaction. SQLite: a connection to a
    temporary copy made with SQLite's online backup API (writers may keep working).
    """
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn, conn.begin():
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            yield conn
        return
    with tempfile.TemporaryDirectory(prefix="aidtrack-snapshot-") as folder:
        copy = Path(folder) / "snapshot.db"
        sqlite_copy(engine, copy)
        frozen = sa.create_engine(f"sqlite:///{copy}")
        try:
            with frozen.connect() as conn:
                yield conn
        finally:
            frozen.dispose()


def row_counts(conn: Connection) -> dict[str, int]:
    """Rows per table."""
    return {
        t.name: int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() or 0) for t in tables()
    }


def data_counts(store: Store) -> dict[str, int]:
    """Rows per table that holds ledger data (reference tables left out), non-empty ones only."""
    with store.engine.connect() as conn:
        counts = row_counts(conn)
    return {name: n for name, n in counts.items() if n and name not in REFERENCE_TABLES}


def iter_rows(conn: Connection, table: sa.Table) -> Iterator[dict[str, Any]]:
    """The rows of ``table`` in primary-key order, fetched in chunks."""
    query = sa.select(table).order_by(*table.primary_key.columns)
    result = conn.execution_options(stream_results=True, yield_per=_CHUNK).execute(query)
    for row in result:
        yield dict(row._mapping)


def encode_row(table: sa.Table, row: Mapping[str, Any]) -> dict[str, Any]:
    """``row`` with dates and times as ISO strings (JSON-safe)."""
    out = dict(row)
    for name in _time_columns(table.name):
        value = out.get(name)
        if value is not None:
            out[name] = value.isoformat()
    return out


@functools.cache
def _time_columns(name: str) -> tuple[str, ...]:
    return tuple(c.name for c in table_named(name).columns if isinstance(c.type, (sa.Date, sa.DateTime)))


def decode_row(table: sa.Table, row: Mapping[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`encode_row`, by each column's type; unknown columns are an error."""
    unknown = row.keys() - _column_set(table.name)
    if unknown:
        raise StorageError(
            f'The backup\'s table "{table.name}" has column(s) {", ".join(sorted(unknown))} that '
            "this version of aidtrack does not know; restore it with the version that wrote it."
        )
    out = dict(row)
    for name, parse in _time_parsers(table.name):
        value = out.get(name)
        if isinstance(value, str):
            out[name] = parse(value)
    return out


@functools.cache
def _column_set(name: str) -> frozenset[str]:
    return frozenset(c.name for c in table_named(name).columns)


@functools.cache
def _time_parsers(name: str) -> tuple[tuple[str, Callable[[str], Any]], ...]:
    table = table_named(name)
    return tuple(
        (c.name, dt.datetime.fromisoformat if isinstance(c.type, sa.DateTime) else dt.date.fromisoformat)
        for c in table.columns
        if isinstance(c.type, (sa.Date, sa.DateTime))
    )


def sqlite_copy(engine: Engine, target: Path, *, progress: Progress | None = None) -> None:
    """Copy a SQLite database to the file ``target`` with SQLite's online backup API.

    The copy is made in one step, so it is one consistent state of the whole file (a
    copy in several steps would start again after every write of another process and
    might never finish while writers are busy); writers wait for it at most that long.
    """
    if engine.dialect.name != "sqlite":
        raise StorageError("A SQLite copy can only be made of a SQLite ledger; write a .zip archive instead.")
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        destination = sqlite3.connect(str(target))
        try:
            hook = (
                (lambda _status, remaining, total: progress(total - remaining, total)) if progress else None
            )
            source.backup(destination, pages=-1, progress=hook)
        finally:
            destination.close()
    finally:
        raw.close()


# -- writing ------------------------------------------------------------------------------


def lock_imports(store: Store, conn: Connection) -> None:
    """Wait for running imports and keep new ones out until ``conn``'s transaction ends."""
    store._lock_imports(conn)


def delete_all(conn: Connection) -> None:
    """Empty every table (children first), inside the caller's transaction."""
    for table in reversed(tables()):
        conn.execute(table.delete())


def load_rows(
    conn: Connection,
    table: sa.Table,
    rows: Iterable[Mapping[str, Any]],
    *,
    progress: Progress | None = None,
    total: int = 0,
) -> int:
    """Insert ``rows`` (decoded, ids kept) into ``table`` in chunks; returns how many.

    Columns that refer to the same table (an import superseded by a later one, an event
    linked to another) are written after every row exists, so the order of rows never
    breaks a foreign key.
    """
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    later: list[tuple[Any, dict[str, Any]]] = []
    chunk: list[dict[str, Any]] = []
    done = 0
    for row in rows:
        values = dict(row)
        refs = {name: values.pop(name) for name in own if values.get(name) is not None}
        values.update({name: None for name in refs})
        if refs:
            later.append((values[_pk(table).name], refs))
        chunk.append(values)
        if len(chunk) >= _CHUNK:
            done += _insert(conn, table, chunk)
            chunk = []
            if progress:
                progress(done, total)
    done += _insert(conn, table, chunk)
    _set_references(conn, table, later)
    if progress:
        progress(done, total)
    return done


def _pk(table: sa.Table) -> sa.Column[Any]:
    return next(iter(table.primary_key.columns))


def _insert(conn: Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> int:
    if rows:
        try:
            conn.execute(sa.insert(table), list(rows))
        except (sa.exc.IntegrityError, sa.exc.DataError, sa.exc.ProgrammingError) as ex:
            first = str(ex.orig).strip().splitlines()[0][:300]
            raise StorageError(
                f'Cannot load the rows of "{table.name}" from the backup: {first}. Nothing was '
                "restored; check that the backup comes from `aidtrack backup`."
            ) from ex
    return len(rows)


def _set_references(conn: Connection, table: sa.Table, later: Sequence[tuple[Any, dict[str, Any]]]) -> None:
    key = _pk(table)
    for pk, refs in later:
        conn.execute(sa.update(table).where(key == pk).values(**refs))


def reset_sequences(conn: Connection) -> None:
    """PostgreSQL: move every id sequence past the largest id, so new rows get fresh ids."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables():
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, sa.Integer):
            continue
        name = keys[0].name
        sequence = conn.execute(
            sa.text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": name}
        ).scalar()
        if sequence is None:
            continue
        largest = conn.execute(sa.select(sa.func.max(keys[0]))).scalar()
        conn.execute(
            sa.text("SELECT setval(CAST(:s AS regclass), :v, :called)"),
            {"s": sequence, "v": int(largest or 1), "called": largest is not None},
        )


# -- importing records with their provenance ------------------------------------------------


def import_records(
    store: Store,
    *,
    origin: str,
    sha256: str,
    path: str,
    by: str,
    rows_read: int,
    records: Sequence[tuple[models.Support, KeptFields]],
) -> tuple[int, bool]:
    """Store validated support records as one import (one transaction).

    Returns the import's id and whether it is new (False: the same file was already
    imported, nothing was written). Each record keeps its own ``origin``, ``external_id``
    and ``status``; ``kept`` (the second item of each pair) may set ``current``,
    ``created`` and ``updated`` as an export wrote them. Sources are found or added by
    their fingerprint. The import is serialised with every other import and listed in
    ``imports`` with one audit entry, as every bulk import is.
    """
    with refusing_a_second_import(path), store.transaction() as conn:
        store._lock_imports(conn)
        previous = store._find_import(conn, origin=origin, sha256=sha256)
        if previous is not None:
            return int(previous["id"]), False
        import_id = store._start_import(
            conn, origin=origin, release=None, sha256=sha256, path=path, by=by, rows_read=rows_read
        )
        cache: dict[str, int] = {}
        rows = []
        for record, kept in records:
            row = store._record_row(conn, record, import_id, cache)
            row.update(kept)
            rows.append(row)
        store._bulk_insert(conn, schema.support, rows)
        store._finish_import(conn, import_id, stored=len(rows), report=[], by=by)
    return import_id, True
