"""Use cases: back up the whole ledger to a file and restore it into any backend.

Two kinds of backup file, chosen by the name's suffix:

- ``.zip``: a portable archive of every table (the audit trail, token hashes and the
  import history included): ``manifest.json`` (format, schema revision, rows per table)
  and one JSON-lines file per table. Written from one consistent snapshot; ``restore``
  loads it into SQLite or PostgreSQL.
- ``.db`` / ``.sqlite`` / ``.sqlite3``: a SQLite database file. From a SQLite ledger it is
  made with SQLite's online backup API (writers may keep working); from PostgreSQL the
  tables are copied into a new SQLite file. ``restore`` loads it like an archive.

On PostgreSQL the server's own tools also work (see :data:`PG_DUMP_HELP`).

    summary = backup(store, Path("ledger-2024-05-01.zip"))
    restore(other_store, Path("ledger-2024-05-01.zip"))
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypedDict

from aidtrack.db import Store, connect
from aidtrack.db import backup as dump
from aidtrack.errors import StorageError, ValidationError

__all__ = [
    "ARCHIVE_SUFFIXES",
    "FORMAT",
    "PG_DUMP_HELP",
    "SQLITE_SUFFIXES",
    "BackupSummary",
    "RestoreSummary",
    "backup",
    "pg_dump_command",
    "restore",
]

FORMAT = "aidtrack-backup"
FORMAT_VERSION = 1
ARCHIVE_SUFFIXES = (".zip",)
SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
MANIFEST = "manifest.json"
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_HELP = (
    'pg_dump --format=custom --no-owner --file aidtrack.pgdump "postgresql://USER@HOST/DBNAME"\n'
    'pg_restore --clean --if-exists --no-owner --dbname "postgresql://USER@HOST/DBNAME" aidtrack.pgdump'
)
Progress = Callable[[str, int, int | None], None]


@dataclasses.dataclass(frozen=True)
class BackupSummary:
    """What :func:`backup` wrote."""

    path: Path
    kind: str  # "archive" | "sqlite"
    revision: str | None
    counts: dict[str, int]
    seconds: float


@dataclasses.dataclass(frozen=True)
class RestoreSummary:
    """What :func:`restore` loaded and what it replaced."""

    path: Path
    kind: str
    revision: str | None
    counts: dict[str, int]
    replaced: dict[str, int]
    seconds: float


# -- backup ---------------------------------------------------------------------------------


def backup(store: Store, path: Path, *, progress: Progress | None = None) -> BackupSummary:
    """Write a consistent copy of every table of ``store`` to ``path`` (.zip or .db).

    The file is written beside ``path`` under a temporary name and renamed when
    complete, so an interrupted backup never leaves a half-written file behind.
    """
    started = time.perf_counter()
    kind = _kind_of_name(path)
    if _is_the_ledger(store, path):
        raise ValidationError(
            f'"{path}" is the ledger\'s own database file; write the backup to another file.'
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with _atomic_target(path) as partial:
        if kind == "archive":
            counts = _write_archive(store, partial, progress=progress)
        else:
            counts = _write_sqlite(store, partial, progress=progress)
    return BackupSummary(path, kind, dump.read_revision(store.engine), counts, time.perf_counter() - started)


def _is_the_ledger(store: Store, path: Path) -> bool:
    database = store.engine.url.database
    return store.dialect == "sqlite" and bool(database) and Path(str(database)).resolve() == path.resolve()


def pg_dump_command(store: Store) -> str | None:
    """The ``pg_dump`` line for a PostgreSQL ledger (password left out), or None on SQLite."""
    if store.dialect != "postgresql":
        return None
    return f'pg_dump --format=custom --no-owner --file aidtrack.pgdump "{dump.libpq_url(store.engine)}"'


def _kind_of_name(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in ARCHIVE_SUFFIXES:
        return "archive"
    if suffix in SQLITE_SUFFIXES:
        return "sqlite"
    raise ValidationError(
        f'Backup file "{path}" must end in .zip (a portable archive for any database) or '
        '.db (a SQLite database file), e.g. "aidtrack-2024-05-01.zip".'
    )


@contextmanager
def _atomic_target(path: Path) -> Iterator[Path]:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(handle)
    partial = Path(name)
    partial.unlink()
    try:
        yield partial
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _write_archive(store: Store, target: Path, *, progress: Progress | None) -> dict[str, int]:
    counts: dict[str, int] = {}
    with dump.snapshot(store.engine) as conn, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        totals = dump.row_counts(conn)
        for table in dump.tables():
            with archive.open(_member(table.name), "w") as fh:
                counts[table.name] = _write_table(
                    fh, table, dump.iter_rows(conn, table), total=totals[table.name], progress=progress
                )
        archive.writestr(MANIFEST, json.dumps(_manifest(store, counts), indent=1))
    return counts


def _write_table(
    fh: IO[bytes], table: Any, rows: Iterator[dict[str, Any]], *, total: int, progress: Progress | None
) -> int:
    written = 0
    for row in rows:
        fh.write(json.dumps(dump.encode_row(table, row), ensure_ascii=False).encode("utf-8") + b"\n")
        written += 1
        if progress and written % 1000 == 0:
            progress(table.name, written, total)
    if progress:
        progress(table.name, written, total)
    return written


class ArchivedTable(TypedDict):
    """Where a table is in a backup archive, and how many rows it holds."""

    rows: int
    file: str


class Manifest(TypedDict):
    """``manifest.json`` of a backup archive: the format, the schema revision, when, from which
    kind of database, and the tables."""

    format: str
    version: int
    revision: str | None
    created: str
    database: str
    tables: dict[str, ArchivedTable]


def _manifest(store: Store, counts: dict[str, int]) -> Manifest:
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "revision": dump.read_revision(store.engine),
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": store.dialect,
        "tables": {name: {"rows": n, "file": _member(name)} for name, n in counts.items()},
    }


def _member(table: str) -> str:
    return f"tables/{table}.jsonl"


def _write_sqlite(store: Store, target: Path, *, progress: Progress | None) -> dict[str, int]:
    if store.dialect == "sqlite":
        hook = (lambda done, total: progress("pages", done, total)) if progress else None
        dump.sqlite_copy(store.engine, target, progress=hook)
        copy = connect(f"sqlite:///{target}", upgrade=False)
        try:
            with copy.engine.connect() as conn:
                return dump.row_counts(conn)
        finally:
            copy.engine.dispose()
    copy = connect(f"sqlite:///{target}")
    try:
        with dump.snapshot(store.engine) as source:
            totals = dump.row_counts(source)
            with copy.transaction() as conn:
                dump.delete_all(conn)
                return {
                    t.name: dump.load_rows(
                        conn,
                        t,
                        dump.iter_rows(source, t),
                        total=totals[t.name],
                        progress=_table_progress(progress, t.name),
                    )
                    for t in dump.tables()
                }
    finally:
        copy.engine.dispose()


def _table_progress(progress: Progress | None, name: str) -> Callable[[int, int], None] | None:
    if progress is None:
        return None
    return lambda done, total: progress(name, done, total)


# -- restore --------------------------------------------------------------------------------


def restore(
    store: Store, path: Path, *, force: bool = False, progress: Progress | None = None
) -> RestoreSummary:
    """Load a backup (archive or SQLite file) into ``store``, in one transaction.

    Refuses a ledger that already holds records, imports, tokens or audit entries unless
    ``force=True``, in which case everything in it is replaced. On PostgreSQL the id
    sequences are moved past the restored ids, so new records do not collide.
    """
    started = time.perf_counter()
    existing = dump.data_counts(store)
    if existing and not force:
        held = ", ".join(f"{n:,} {name}" for name, n in existing.items())
        raise ValidationError(
            f"The ledger at {store.url} is not empty ({held}); restore into an empty "
            "database, or pass --force to replace everything in it with the backup."
        )
    target_revision = dump.read_revision(store.engine)
    with _open_backup(path) as source:
        if source.revision != target_revision:
            raise StorageError(
                f'The backup "{path}" has schema revision {source.revision}, this ledger '
                f"{target_revision}; restore it with the aidtrack version that wrote it."
            )
        with store.transaction() as conn:
            dump.lock_imports(store, conn)
            dump.delete_all(conn)
            counts = {
                name: dump.load_rows(
                    conn,
                    table,
                    rows,
                    total=source.counts.get(name, 0),
                    progress=_table_progress(progress, name),
                )
                for name, table, rows in source.tables()
            }
            _check_counts(path, source.counts, counts)
            dump.reset_sequences(conn)
    return RestoreSummary(path, source.kind, source.revision, counts, existing, time.perf_counter() - started)


def _check_counts(path: Path, expected: dict[str, int], loaded: dict[str, int]) -> None:
    for name, n in expected.items():
        if loaded.get(name, 0) != n:
            raise StorageError(
                f'The backup "{path}" is damaged: its manifest lists {n:,} rows of "{name}" but '
                f"{loaded.get(name, 0):,} were read; nothing was restored."
            )


@dataclasses.dataclass
class _Source:
    """An opened backup: its kind, schema revision, rows per table and a reader of the rows."""

    kind: str
    revision: str | None
    counts: dict[str, int]
    tables: Callable[[], Iterator[tuple[str, Any, Iterator[dict[str, Any]]]]]


@contextmanager
def _open_backup(path: Path) -> Iterator[_Source]:
    if not path.is_file():
        raise ValidationError(
            f'Backup file "{path}" does not exist; give the path of a file written by '
            "`aidtrack backup`, e.g. aidtrack-2024-05-01.zip."
        )
    with path.open("rb") as fh:
        head = fh.read(len(SQLITE_MAGIC))
    if head == SQLITE_MAGIC:
        with _open_sqlite(path) as source:
            yield source
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            yield _open_archive(path, archive)
    else:
        raise ValidationError(
            f'"{path}" is neither an aidtrack backup archive (.zip) nor a SQLite ledger; '
            "a pg_dump file is restored with pg_restore (see `aidtrack backup --help`)."
        )


def _open_archive(path: Path, archive: zipfile.ZipFile) -> _Source:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError):
        raise ValidationError(
            f'"{path}" is a zip file but not an aidtrack backup (no readable {MANIFEST}).'
        ) from None
    if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
        raise ValidationError(
            f'"{path}" is not an aidtrack backup of format {FORMAT} version {FORMAT_VERSION} '
            f"(found {manifest.get('format')!r} version {manifest.get('version')!r})."
        )
    listed = {name: int(info["rows"]) for name, info in manifest["tables"].items()}
    for name in listed:
        dump.table_named(name)

    def tables() -> Iterator[tuple[str, Any, Iterator[dict[str, Any]]]]:
        for table in dump.tables():
            if table.name in listed:
                yield table.name, table, _archive_rows(archive, table)

    return _Source("archive", manifest.get("revision"), listed, tables)


def _archive_rows(archive: zipfile.ZipFile, table: Any) -> Iterator[dict[str, Any]]:
    with archive.open(_member(table.name)) as fh:
        for line in fh:
            if line.strip():
                yield dump.decode_row(table, json.loads(line))


@contextmanager
def _open_sqlite(path: Path) -> Iterator[_Source]:
    """A SQLite backup, read from a temporary copy brought up to this version's schema."""
    with tempfile.TemporaryDirectory(prefix="aidtrack-restore-") as folder:
        copy_path = Path(folder) / "ledger.db"
        shutil.copyfile(path, copy_path)
        copy = connect(f"sqlite:///{copy_path}")
        try:
            with dump.snapshot(copy.engine) as conn:
                counts = dump.row_counts(conn)

                def tables() -> Iterator[tuple[str, Any, Iterator[dict[str, Any]]]]:
                    for table in dump.tables():
                        yield table.name, table, dump.iter_rows(conn, table)

                yield _Source("sqlite", dump.read_revision(copy.engine), counts, tables)
        finally:
            copy.engine.dispose()
