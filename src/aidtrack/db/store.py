"""The ledger's storage: every SQL statement of aidtrack lives in this package.

One :class:`Store` wraps one SQLAlchemy engine (SQLite by default, PostgreSQL with
the same code). Every public write runs in one transaction and records each
change in ``audit_log`` (when, by whom, old and new values).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Literal, cast, overload

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from aidtrack import models
from aidtrack.db import aggregate, schema
from aidtrack.db.filters import EventFilter, SupportFilter
from aidtrack.db.rows import (
    ActorRow,
    AuditRow,
    CorroborationRow,
    EventColumns,
    EventRow,
    ImportRow,
    LedgerSummary,
    LinkRow,
    MembershipRow,
    RecordRow,
    SourcedCorroborationRow,
    SupportColumns,
    SupportRow,
    TokenRow,
)
from aidtrack.errors import NotFoundError, StorageError, ValidationError

__all__ = [
    "WRITE_OPTION",
    "EventFilter",
    "ImportOutcome",
    "Store",
    "SupportFilter",
    "is_locked",
    "locked_error",
]

WRITE_OPTION = "aidtrack_write"
"""Execution option that marks a write transaction (SQLite takes its write lock at BEGIN)."""

IMPORT_LOCK = 0x616964_7472_6B
"""PostgreSQL advisory lock key that serialises imports (decision and supersession)."""

_SUPPORT_FIELDS = (*models.SUPPORT_WHAT, "amount_eur", "amount_usd", "fx_note", "confidence")
_EVENT_FIELDS = (
    *models.EVENT_WHAT,
    "evidence_start",
    "evidence_end",
    "confidence",
)
_RECORD_FIELDS = ("date", "evidence", "origin", "external_id", "status")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _jsonable(row: Mapping[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(dict(row), default=str))


def is_locked(ex: BaseException) -> bool:
    """True for SQLite's "database is locked" (another process holds the write lock)."""
    return "database is locked" in str(getattr(ex, "orig", ex))


def locked_error(url: str) -> StorageError:
    return StorageError(
        f"The ledger {url} is locked: another aidtrack process is writing; retry when it has finished."
    )


@contextmanager
def refusing_a_second_import(path: str) -> Iterator[None]:
    """Turn the duplicate file hash of an import that another process ran at the same time
    into a :class:`StorageError` naming ``path`` (both imports checked before either committed)."""
    try:
        yield
    except sa.exc.IntegrityError as ex:
        if "sha256" not in str(ex.orig):
            raise
        raise StorageError(
            f'"{path}" is already being imported by another process (or was just '
            "imported); run the import again to see its result."
        ) from ex


@dataclasses.dataclass(frozen=True)
class ImportOutcome:
    """What :meth:`Store.import_batch` did."""

    import_id: int
    status: str  # "imported" | "unchanged"
    stored: int
    superseded: int
    newer_release: str | None = None  # set when a newer release was current: rows stored as history
    macro_applied: int = 0


class Store:
    """The ledger on one database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # SQLite has one writer at a time: threads of this process queue here instead of
        # polling SQLite's busy handler (other processes still wait on the database lock).
        self._write_lock = threading.RLock() if engine.dialect.name == "sqlite" else contextlib.nullcontext()

    # -- connection and transactions -------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction: commits on success, rolls back on any exception.

        On SQLite it holds the write lock from its start, so concurrent writers queue.
        Before it commits, the analysis totals of the groups its writes touched are
        summed again (:func:`aidtrack.db.aggregate.settle_totals`), in the same transaction.
        """
        try:
            with self._write_lock, self.engine.connect() as conn:
                conn.execution_options(**{WRITE_OPTION: True})
                with conn.begin():
                    yield conn
                    aggregate.settle_totals(conn)
        except sa.exc.OperationalError as ex:
            if is_locked(ex):
                raise locked_error(self.url) from ex
            raise StorageError(f"Database error on {self.url}: {ex.orig}") from ex

    def _insert_ignoring_conflict(
        self, conn: Connection, table: sa.Table, values: Mapping[str, Any], columns: Sequence[str]
    ) -> bool:
        """INSERT ... ON CONFLICT DO NOTHING; True when the row was inserted."""
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
        statement = (
            insert(table)
            .values(**values)
            .on_conflict_do_nothing(index_elements=list(columns))
            .returning(*table.primary_key.columns)
        )
        return conn.execute(statement).first() is not None

    def _lock_imports(self, conn: Connection) -> None:
        """Serialise imports: PostgreSQL advisory lock (SQLite: the write lock is already held)."""
        if self.dialect == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK})

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # -- sources ---------------------------------------------------------------------

    def _source_id(
        self, conn: Connection, source: models.Source | None, cache: dict[str, int] | None = None
    ) -> int | None:
        """The id of ``source``, inserting it when new (``cache`` saves lookups within one batch)."""
        if source is None:
            return None
        row = source.model_dump(mode="json")
        fingerprint = hashlib.sha256(
            json.dumps([row["url"], row["title"], row["publisher"]]).encode()
        ).hexdigest()
        if cache is not None and fingerprint in cache:
            return cache[fingerprint]
        found = self._find_or_add_source(conn, source, fingerprint)
        if cache is not None:
            cache[fingerprint] = found
        return found

    def _find_or_add_source(self, conn: Connection, source: models.Source, fingerprint: str) -> int:
        """Get-or-create as an upsert, so concurrent writers citing one source never collide."""
        query = sa.select(schema.sources.c.id).where(schema.sources.c.fingerprint == fingerprint)
        found = conn.execute(query).scalar()
        if found is not None:
            return int(found)
        values = {**source.model_dump(), "kind": source.kind.value, "fingerprint": fingerprint}
        self._insert_ignoring_conflict(conn, schema.sources, values, ["fingerprint"])
        return int(conn.execute(query).scalar_one())

    # -- audit -----------------------------------------------------------------------

    def _audit(
        self,
        conn: Connection,
        *,
        table: str,
        record_id: int,
        action: str,
        by: str,
        old: Mapping[str, Any] | None,
        new: Mapping[str, Any] | None,
    ) -> None:
        conn.execute(
            sa.insert(schema.audit_log).values(
                at=_now(),
                by=by,
                table_name=table,
                record_id=record_id,
                action=action,
                old=_jsonable(old) if old is not None else None,
                new=_jsonable(new) if new is not None else None,
            )
        )

    def audit_trail(self, table: str, record_id: int) -> list[AuditRow]:
        """Every recorded change of one record, oldest first."""
        log = schema.audit_log
        query = (
            sa.select(log).where(log.c.table_name == table, log.c.record_id == record_id).order_by(log.c.id)
        )
        with self.engine.connect() as conn:
            return cast(list[AuditRow], [dict(r._mapping) for r in conn.execute(query)])

    # -- writing records -------------------------------------------------------------

    def _record_row(
        self,
        conn: Connection,
        record: models.Support | models.Event,
        import_id: int | None,
        cache: dict[str, int] | None = None,
    ) -> dict[str, Any]:
        """A support record or event as a row of its table, with its source's id."""
        fields = _SUPPORT_FIELDS if isinstance(record, models.Support) else _EVENT_FIELDS
        data = record.model_dump(mode="json", include=set(fields + _RECORD_FIELDS))
        data["date"] = record.date
        now = _now()
        return {
            **data,
            "source_id": self._source_id(conn, record.source, cache),
            "import_id": import_id,
            "current": True,
            "created": now,
            "updated": now,
        }

    def _insert(
        self,
        conn: Connection,
        table: sa.Table,
        rows: Sequence[dict[str, Any]],
        *,
        by: str,
        audit_each: bool = True,
    ) -> list[int]:
        ids = []
        for row in rows:
            new_id = int(conn.execute(sa.insert(table).values(**row)).inserted_primary_key[0])
            ids.append(new_id)
            if audit_each:
                self._audit(
                    conn, table=table.name, record_id=new_id, action="insert", by=by, old=None, new=row
                )
        return ids

    def add_support(self, records: Iterable[models.Support], *, by: str) -> list[int]:
        """Insert support records (one transaction); returns their ids."""
        with self.transaction() as conn:
            rows = [self._record_row(conn, r, None) for r in records]
            return self._insert(conn, schema.support, rows, by=by)

    def add_events(self, events: Iterable[models.Event], *, by: str) -> list[int]:
        """Insert events (one transaction); returns their ids."""
        with self.transaction() as conn:
            rows = [self._record_row(conn, e, None) for e in events]
            return self._insert(conn, schema.events, rows, by=by)

    def update_record(
        self, table: str, record_id: int, changes: Mapping[str, Any], *, by: str
    ) -> SupportColumns | EventColumns:
        """Change fields of one support record or event; the old values go to the audit trail.

        ``changes`` must already be validated by the caller (services validate through
        the model). Returns the row after the change.
        """
        tbl = _table(table)
        allowed = (
            set(_SUPPORT_FIELDS if table == "support" else _EVENT_FIELDS)
            | set(_RECORD_FIELDS)
            | {"linked_id"}
        )
        unknown = sorted(set(changes) - allowed)
        if unknown:
            raise ValidationError(
                f"Cannot change field(s) {', '.join(unknown)} of a {table} record; "
                f"changeable: {', '.join(sorted(allowed))}."
            )
        with self.transaction() as conn:
            old = self._row(conn, tbl, record_id)
            conn.execute(sa.update(tbl).where(tbl.c.id == record_id).values(**changes, updated=_now()))
            new = self._row(conn, tbl, record_id)
            before = {k: old[k] for k in changes}
            self._audit(
                conn,
                table=table,
                record_id=record_id,
                action="update",
                by=by,
                old=before,
                new={k: new[k] for k in changes},
            )
            return cast(SupportColumns | EventColumns, new)

    def _row(self, conn: Connection, table: sa.Table, record_id: int) -> dict[str, Any]:
        row = conn.execute(sa.select(table).where(table.c.id == record_id)).first()
        if row is None:
            raise NotFoundError(
                f"No {table.name} record with id {record_id}; list them with `aidtrack list {table.name}`."
            )
        return dict(row._mapping)

    @overload
    def get(self, table: Literal["support"], record_id: int) -> SupportRow: ...
    @overload
    def get(self, table: Literal["events"], record_id: int) -> EventRow: ...
    @overload
    def get(self, table: str, record_id: int) -> RecordRow: ...
    def get(self, table: str, record_id: int) -> RecordRow:
        """One support record or event as a dict, with its source fields."""
        tbl = _table(table)
        with self.engine.connect() as conn:
            query = _with_source(tbl).where(tbl.c.id == record_id)
            row = conn.execute(query).first()
        if row is None:
            raise NotFoundError(
                f"No {table} record with id {record_id}; list them with `aidtrack list {table}`."
            )
        return cast(RecordRow, dict(row._mapping))

    # -- candidates from extraction -----------------------------------------------------

    def find_external(self, table: str, *, origin: str, external_id: str) -> int | None:
        """The id of a record (or corroboration) already stored under ``external_id``."""
        tbl = _table(table)
        with self.engine.connect() as conn:
            found = conn.execute(
                sa.select(tbl.c.id).where(tbl.c.origin == origin, tbl.c.external_id == external_id)
            ).scalar()
            if found is None:
                cor = schema.corroborations
                found = conn.execute(
                    sa.select(cor.c.record_id).where(
                        cor.c.table_name == table, cor.c.origin == origin, cor.c.external_id == external_id
                    )
                ).scalar()
        return None if found is None else int(found)

    def find_match(
        self,
        table: str,
        key: Mapping[str, Any],
        *,
        near: dt.date | None,
        days: int,
        exclude_origin: str | None = None,
    ) -> int | None:
        """A current, non-rejected record with the same key fields and a date within ``days``."""
        with self.engine.connect() as conn:
            return self._find_match(conn, table, key, near=near, days=days, exclude_origin=exclude_origin)

    def _find_match(
        self,
        conn: Connection,
        table: str,
        key: Mapping[str, Any],
        *,
        near: dt.date | None,
        days: int,
        exclude_origin: str | None = None,
    ) -> int | None:
        """No date, no match: an undated report cannot be placed in a date window."""
        if near is None:
            return None
        tbl = _table(table)
        window = dt.timedelta(days=days)
        query = sa.select(tbl.c.id).where(
            tbl.c.current.is_(True),
            tbl.c.status != "rejected",
            tbl.c.date.between(near - window, near + window),
            *[(tbl.c[k].is_(None) if v is None else tbl.c[k] == v) for k, v in key.items()],
        )
        if exclude_origin:
            query = query.where(tbl.c.origin != exclude_origin)
        found = conn.execute(query.order_by(tbl.c.id).limit(1)).scalar()
        return None if found is None else int(found)

    def store_candidate(
        self,
        table: str,
        record: models.Support | models.Event,
        *,
        key: Mapping[str, Any] | None,
        days: int,
        by: str,
    ) -> tuple[str, int | None]:
        """Store one extracted record in one transaction: ``("unchanged", None)`` when its identity
        (origin, external id) is already stored, ``("linked", id)`` when it corroborates the
        record ``id`` with the same ``key`` (``None``: never link), else ``("added", id)``.

        The identity is claimed with an upsert on a unique constraint, so concurrent requests
        storing the same article store it once.
        """
        assert record.external_id is not None
        with self.transaction() as conn:
            claim = {
                "table_name": table,
                "origin": record.origin,
                "external_id": record.external_id,
                "created": _now(),
            }
            if not self._insert_ignoring_conflict(
                conn, schema.candidate_ids, claim, ["table_name", "origin", "external_id"]
            ):
                return "unchanged", None
            match = None if key is None else self._find_match(conn, table, key, near=record.date, days=days)
            if match is not None:
                self._corroborate(conn, table, match, record, by=by)
                return "linked", match
            row = self._record_row(conn, record, None)
            return "added", self._insert(conn, _table(table), [row], by=by)[0]

    def _corroborate(
        self, conn: Connection, table: str, record_id: int, record: models.Support | models.Event, *, by: str
    ) -> int:
        kept = record.model_dump(mode="json", exclude={"id"})
        row = {
            "table_name": table,
            "record_id": record_id,
            "source_id": self._source_id(conn, record.source),
            "evidence": record.evidence,
            "origin": record.origin,
            "external_id": record.external_id,
            "created": _now(),
            "record": kept,
        }
        new_id = int(conn.execute(sa.insert(schema.corroborations).values(**row)).inserted_primary_key[0])
        self._audit(
            conn,
            table=table,
            record_id=record_id,
            action="corroborate",
            by=by,
            old=None,
            new={k: v for k, v in row.items() if k != "record"},
        )
        return new_id

    def add_corroboration(
        self,
        table: str,
        record_id: int,
        *,
        source: models.Source | None,
        evidence: str | None,
        origin: str,
        external_id: str | None,
        by: str,
    ) -> int:
        """Link one more source and evidence to an existing record instead of duplicating it."""
        with self.transaction() as conn:
            row = {
                "table_name": table,
                "record_id": record_id,
                "source_id": self._source_id(conn, source),
                "evidence": evidence,
                "origin": origin,
                "external_id": external_id,
                "created": _now(),
            }
            new_id = int(conn.execute(sa.insert(schema.corroborations).values(**row)).inserted_primary_key[0])
            self._audit(
                conn, table=table, record_id=record_id, action="corroborate", by=by, old=None, new=row
            )
            return new_id

    def list_links(self, *, origin: str, limit: int | None = None) -> list[LinkRow]:
        """Corroboration links made by ``origin`` (e.g. extraction), newest first, with their source."""
        cor, src = schema.corroborations, schema.sources
        query = (
            sa.select(
                cor,
                src.c.url.label("source_url"),
                src.c.title.label("source_title"),
                src.c.published.label("source_published"),
            )
            .select_from(cor.outerjoin(src, cor.c.source_id == src.c.id))
            .where(cor.c.origin == origin)
            .order_by(cor.c.id.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return cast(list[LinkRow], [dict(r._mapping) for r in conn.execute(query)])

    def get_link(self, link_id: int) -> CorroborationRow:
        """One corroboration link (NotFoundError if there is none)."""
        cor = schema.corroborations
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(cor).where(cor.c.id == link_id)).first()
        if row is None:
            raise NotFoundError(
                f"No corroboration link with id {link_id}; list them with `aidtrack review --list`."
            )
        return cast(CorroborationRow, dict(row._mapping))

    def replace_link(self, link_id: int, record: models.Support | models.Event, *, by: str) -> int:
        """Undo a corroboration link: delete it and store ``record`` as a candidate (audited); its id."""
        cor = schema.corroborations
        with self.transaction() as conn:
            link = conn.execute(sa.select(cor).where(cor.c.id == link_id)).first()
            if link is None:
                raise NotFoundError(
                    f"No corroboration link with id {link_id}; it may have been undone already."
                )
            conn.execute(sa.delete(cor).where(cor.c.id == link_id))
            self._audit(
                conn,
                table=link.table_name,
                record_id=link.record_id,
                action="unlink",
                by=by,
                old={"corroboration": link_id, "external_id": link.external_id},
                new=None,
            )
            row = self._record_row(conn, record, None)
            return self._insert(conn, _table(link.table_name), [row], by=by)[0]

    def corroborations(self, table: str, record_id: int) -> list[SourcedCorroborationRow]:
        """Other sources that reported the same record."""
        cor, src = schema.corroborations, schema.sources
        query = (
            sa.select(cor, src.c.url.label("source_url"), src.c.title.label("source_title"))
            .select_from(cor.outerjoin(src, cor.c.source_id == src.c.id))
            .where(cor.c.table_name == table, cor.c.record_id == record_id)
            .order_by(cor.c.id)
        )
        with self.engine.connect() as conn:
            return cast(list[SourcedCorroborationRow], [dict(r._mapping) for r in conn.execute(query)])

    # -- imports ---------------------------------------------------------------------

    def find_import(self, *, origin: str, sha256: str) -> ImportRow | None:
        """The import of this content (origin and file hash), if it was imported before."""
        with self.engine.connect() as conn:
            return self._find_import(conn, origin=origin, sha256=sha256)

    def get_import(self, import_id: int) -> ImportRow:
        """One row of the import history (NotFoundError if there is none)."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(schema.imports).where(schema.imports.c.id == import_id)).first()
        if row is None:
            raise NotFoundError(f"No import with id {import_id}; see `aidtrack status` for the imports.")
        return cast(ImportRow, dict(row._mapping))

    def import_batch(
        self,
        *,
        origin: str,
        release: str | None,
        sha256: str,
        path: str,
        records: Sequence[models.Support],
        report: Sequence[models.BadRowDict],
        by: str,
        macro: Sequence[models.MacroValue] = (),
        events: Sequence[models.Event] = (),
    ) -> ImportOutcome:
        """Store one imported file atomically, idempotently, superseding older releases.

        Imports are serialised (an advisory lock on PostgreSQL, the write lock on SQLite):
        the "already imported" check, the newest-release decision, the supersession and the
        macro values (applied only when no newer release is current) all happen inside the
        import's own transaction, so two imports at once end as if run one after the other.
        """
        with refusing_a_second_import(path), self.transaction() as conn:
            self._lock_imports(conn)
            previous = self._find_import(conn, origin=origin, sha256=sha256)
            if previous is not None:
                repaired = self._repair_current(conn, origin=origin, by=by)
                return ImportOutcome(previous["id"], "unchanged", 0, repaired)
            return self._import_locked(
                conn,
                origin=origin,
                release=release,
                sha256=sha256,
                path=path,
                records=records,
                events=events,
                macro=macro,
                report=report,
                by=by,
            )

    def _import_locked(
        self,
        conn: Connection,
        *,
        origin: str,
        release: str | None,
        sha256: str,
        path: str,
        records: Sequence[models.Support],
        events: Sequence[models.Event],
        macro: Sequence[models.MacroValue],
        report: Sequence[models.BadRowDict],
        by: str,
    ) -> ImportOutcome:
        import_id = self._start_import(
            conn,
            origin=origin,
            release=release,
            sha256=sha256,
            path=path,
            by=by,
            rows_read=len(records) + len(report),
        )
        cache: dict[str, int] = {}
        support_rows = [self._record_row(conn, r, import_id, cache) for r in records]
        event_rows = [self._record_row(conn, e, import_id, cache) for e in events]
        newer = self._newer_import(conn, origin=origin, release=release, import_id=import_id)
        applied = 0
        if newer is None:
            superseded = self._supersede(conn, origin=origin, release=release, import_id=import_id, by=by)
            applied = len(macro)
            self._upsert_macro(conn, macro, by=by)
        else:
            superseded = self._store_as_history(conn, import_id, newer, support_rows + event_rows)
        self._bulk_insert(conn, schema.support, support_rows)
        self._bulk_insert(conn, schema.events, event_rows)
        stored = len(support_rows) + len(event_rows)
        self._finish_import(conn, import_id, stored=stored, report=report, by=by)
        newer_release = None if newer is None else self._release_of(conn, newer)
        return ImportOutcome(import_id, "imported", stored, superseded, newer_release, applied)

    def repair_current(self, *, origin: str, by: str) -> int:
        """:meth:`_repair_current` in its own serialised transaction."""
        with self.transaction() as conn:
            self._lock_imports(conn)
            return self._repair_current(conn, origin=origin, by=by)

    def _repair_current(self, conn: Connection, *, origin: str, by: str) -> int:
        """Leave one current release of ``origin`` (the newest), as after imports run one at a time.

        Ledgers written before imports were serialised could end with two current releases;
        importing any file of that origin again repairs them. Returns the rows made history.
        """
        imp = schema.imports
        current = conn.execute(
            sa.select(imp.c.id, imp.c.release).where(imp.c.origin == origin, imp.c.superseded_by.is_(None))
        ).all()
        if len(current) < 2:
            return 0
        newest = max(current, key=lambda r: (_release_key(r.release), r.id))
        return self._supersede(conn, origin=origin, release=newest.release, import_id=newest.id, by=by)

    def _find_import(self, conn: Connection, *, origin: str, sha256: str) -> ImportRow | None:
        imp = schema.imports
        row = conn.execute(sa.select(imp).where(imp.c.origin == origin, imp.c.sha256 == sha256)).first()
        return cast(ImportRow, dict(row._mapping)) if row else None

    def _release_of(self, conn: Connection, import_id: int) -> str:
        release = conn.execute(
            sa.select(schema.imports.c.release).where(schema.imports.c.id == import_id)
        ).scalar()
        return str(release)

    def _start_import(self, conn: Connection, **values: Any) -> int:
        row = {**values, "started": _now(), "rows_stored": 0, "rows_rejected": 0}
        return int(conn.execute(sa.insert(schema.imports).values(**row)).inserted_primary_key[0])

    def _finish_import(
        self, conn: Connection, import_id: int, *, stored: int, report: Sequence[models.BadRowDict], by: str
    ) -> None:
        values = {
            "finished": _now(),
            "rows_stored": stored,
            "rows_rejected": len(report),
            "report": [_jsonable(r) for r in report],
        }
        conn.execute(sa.update(schema.imports).where(schema.imports.c.id == import_id).values(**values))
        self._audit(
            conn,
            table="imports",
            record_id=import_id,
            action="import",
            by=by,
            old=None,
            new={"rows_stored": stored, "rows_rejected": len(report)},
        )

    def _bulk_insert(self, conn: Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
        for start in range(0, len(rows), 1000):
            chunk = rows[start : start + 1000]
            if chunk:
                conn.execute(sa.insert(table), list(chunk))

    def _supersede(
        self, conn: Connection, *, origin: str, release: str | None, import_id: int, by: str
    ) -> int:
        """Mark current records of older releases of ``origin`` as superseded."""
        imp = schema.imports
        older = [
            r.id
            for r in conn.execute(
                sa.select(imp.c.id, imp.c.release).where(
                    imp.c.origin == origin, imp.c.id != import_id, imp.c.superseded_by.is_(None)
                )
            )
            if _release_key(r.release) <= _release_key(release)
        ]
        if not older:
            return 0
        count = 0
        for table in (schema.support, schema.events):
            result = conn.execute(
                sa.update(table)
                .where(table.c.import_id.in_(older), table.c.current.is_(True))
                .values(current=False, updated=_now())
            )
            count += result.rowcount or 0
        conn.execute(sa.update(imp).where(imp.c.id.in_(older)).values(superseded_by=import_id))
        for old_id in older:
            self._audit(
                conn,
                table="imports",
                record_id=old_id,
                action="supersede",
                by=by,
                old={"superseded_by": None},
                new={"superseded_by": import_id},
            )
        return count

    def _newer_import(
        self, conn: Connection, *, origin: str, release: str | None, import_id: int
    ) -> int | None:
        """The current import of ``origin`` from a release newer than ``release``, if any."""
        imp = schema.imports
        rows = conn.execute(
            sa.select(imp.c.id, imp.c.release).where(
                imp.c.origin == origin, imp.c.id != import_id, imp.c.superseded_by.is_(None)
            )
        )
        newer = [r.id for r in rows if _release_key(r.release) > _release_key(release)]
        return max(newer) if newer else None

    def _store_as_history(
        self, conn: Connection, import_id: int, newer: int, rows: list[dict[str, Any]]
    ) -> int:
        """An older release imported after a newer one: keep it, but not as current."""
        for row in rows:
            row["current"] = False
        conn.execute(
            sa.update(schema.imports).where(schema.imports.c.id == import_id).values(superseded_by=newer)
        )
        return len(rows)

    def list_imports(self) -> list[ImportRow]:
        """The import history, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(schema.imports).order_by(schema.imports.c.id))
            return cast(list[ImportRow], [dict(r._mapping) for r in rows])

    # -- macro data ------------------------------------------------------------------

    def upsert_macro(self, rows: Sequence[models.MacroValue], *, by: str) -> int:
        """Insert or replace macro values (actor, indicator, year); returns how many changed."""
        with self.transaction() as conn:
            return self._upsert_macro(conn, rows, by=by)

    def import_macro(
        self,
        *,
        origin: str,
        sha256: str,
        path: str,
        rows: Sequence[models.MacroValue],
        report: Sequence[models.BadRowDict],
        by: str,
    ) -> ImportOutcome:
        """Store a macro file as one import (history, idempotent per file hash); every change audited."""
        with refusing_a_second_import(path), self.transaction() as conn:
            self._lock_imports(conn)
            previous = self._find_import(conn, origin=origin, sha256=sha256)
            if previous is not None:
                return ImportOutcome(previous["id"], "unchanged", 0, 0)
            import_id = self._start_import(
                conn,
                origin=origin,
                release=None,
                sha256=sha256,
                path=path,
                by=by,
                rows_read=len(rows) + len(report),
            )
            changed = self._upsert_macro(conn, rows, by=by)
            self._finish_import(conn, import_id, stored=changed, report=report, by=by)
            return ImportOutcome(import_id, "imported", changed, 0, None, changed)

    def _upsert_macro(self, conn: Connection, rows: Sequence[models.MacroValue], *, by: str) -> int:
        tbl = schema.macro
        existing = {
            (r.actor, r.indicator, r.year): (r.id, r.value)
            for r in conn.execute(sa.select(tbl.c.id, tbl.c.actor, tbl.c.indicator, tbl.c.year, tbl.c.value))
        }
        changed = 0
        for row in rows:
            key = (row["actor"], row["indicator"], int(row["year"]))
            values = {
                "actor": key[0],
                "indicator": key[1],
                "year": key[2],
                "value": float(row["value"]),
                "unit": row.get("unit", ""),
                "source_id": self._source_id(conn, row.get("source")),
            }
            if key not in existing:
                new_id = int(conn.execute(sa.insert(tbl).values(**values)).inserted_primary_key[0])
                existing[key] = (new_id, values["value"])
                self._audit(
                    conn,
                    table="macro",
                    record_id=new_id,
                    action="insert",
                    by=by,
                    old=None,
                    new={k: v for k, v in values.items() if k != "source_id"},
                )
                changed += 1
            elif existing[key][1] != values["value"]:
                conn.execute(sa.update(tbl).where(tbl.c.id == existing[key][0]).values(**values))
                self._audit(
                    conn,
                    table="macro",
                    record_id=existing[key][0],
                    action="update",
                    by=by,
                    old={"value": existing[key][1]},
                    new={"value": values["value"]},
                )
                changed += 1
        return changed

    def macro_frame(self, indicator: str | None = None) -> pd.DataFrame:
        """Macro values as a frame: actor, indicator, year, value, unit."""
        tbl = schema.macro
        query = sa.select(tbl.c.actor, tbl.c.indicator, tbl.c.year, tbl.c.value, tbl.c.unit)
        if indicator:
            query = query.where(tbl.c.indicator == indicator)
        with self.engine.connect() as conn:
            return pd.DataFrame(
                conn.execute(query).all(), columns=["actor", "indicator", "year", "value", "unit"]
            )

    # -- reading ---------------------------------------------------------------------

    def list_support(self, where: SupportFilter | None = None) -> list[SupportRow]:
        """Support records matching ``where``, newest first, with their source."""
        query = (where or SupportFilter()).apply(_with_source(schema.support), schema.support)
        with self.engine.connect() as conn:
            return cast(list[SupportRow], [dict(r._mapping) for r in conn.execute(query)])

    def list_events(self, where: EventFilter | None = None) -> list[EventRow]:
        """Events matching ``where``, newest first, with their source."""
        query = (where or EventFilter()).apply(_with_source(schema.events), schema.events)
        with self.engine.connect() as conn:
            return cast(list[EventRow], [dict(r._mapping) for r in conn.execute(query)])

    def stream_records(
        self, table: str, where: SupportFilter | EventFilter | None = None, *, chunk: int = 250
    ) -> Iterator[list[RecordRow]]:
        """Records of ``table`` matching ``where`` (as :meth:`list_support`), ``chunk`` rows at a time,
        read from one cursor (server-side on PostgreSQL), so a large page is never held whole.

        The connection stays open until the iterator is exhausted or closed.
        """
        tbl = _table(table)
        filt = where or (SupportFilter() if table == "support" else EventFilter())
        query = filt.apply(_with_source(tbl), tbl)
        with self.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, max_row_buffer=chunk).execute(query)
            keys = list(map(str, result.keys()))
            for rows in result.partitions(chunk):
                yield cast(list[RecordRow], [dict(zip(keys, row)) for row in rows])

    def count(self, table: str, where: SupportFilter | EventFilter | None = None) -> int:
        tbl = _table(table)
        base = sa.select(sa.func.count()).select_from(tbl)
        if where is not None:
            base = where.where_clauses(base, tbl)
        with self.engine.connect() as conn:
            return int(conn.execute(base).scalar() or 0)

    def support_frame(self, where: SupportFilter | None = None) -> pd.DataFrame:
        """Support records for analysis: donor, recipient, category, stage, date, amount_eur, origin, source_url."""
        s, src = schema.support, schema.sources
        query = sa.select(
            s.c.donor,
            s.c.recipient,
            s.c.category,
            s.c.stage,
            s.c.date,
            s.c.amount_eur,
            s.c.origin,
            src.c.url.label("source_url"),
        ).select_from(s.outerjoin(src, s.c.source_id == src.c.id))
        query = (where or SupportFilter()).where_clauses(query, s)
        with self.engine.connect() as conn:
            frame = pd.DataFrame(
                conn.execute(query).all(),
                columns=[
                    "donor",
                    "recipient",
                    "category",
                    "stage",
                    "date",
                    "amount_eur",
                    "origin",
                    "source_url",
                ],
            )
        frame["date"] = pd.to_datetime(frame["date"])
        frame["amount_eur"] = frame["amount_eur"].astype(float)
        return frame

    def summary(self) -> LedgerSummary:
        """Counts of what the ledger holds, for `aidtrack status`."""
        with self.engine.connect() as conn:
            counts = {
                t.name: int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() or 0)
                for t in (
                    schema.support,
                    schema.events,
                    schema.sources,
                    schema.macro,
                    schema.imports,
                    schema.actors,
                    schema.corroborations,
                    schema.audit_log,
                )
            }
            by_status: dict[str, int] = {
                str(status): int(n)
                for status, n in conn.execute(
                    sa.select(schema.support.c.status, sa.func.count()).group_by(schema.support.c.status)
                )
            }
            ev_status: dict[str, int] = {
                str(status): int(n)
                for status, n in conn.execute(
                    sa.select(schema.events.c.status, sa.func.count()).group_by(schema.events.c.status)
                )
            }
        return {
            "database": self.url,
            "counts": counts,
            "support_by_status": by_status,
            "events_by_status": ev_status,
        }

    # -- actors and memberships --------------------------------------------------------

    def replace_actors(
        self,
        actors: Sequence[ActorRow],
        memberships: Sequence[MembershipRow],
        *,
        version: str | None = None,
    ) -> None:
        """Load the actor table and group memberships (reference data, not audited); with
        ``version``, record it as the version of the packaged data the copy was made from."""
        with self.transaction() as conn:
            conn.execute(sa.delete(schema.memberships))
            conn.execute(sa.delete(schema.actors))
            self._bulk_insert(conn, schema.actors, [dict(a) for a in actors])
            self._bulk_insert(conn, schema.memberships, [dict(m) for m in memberships])
            if version is not None:
                versions = schema.reference_versions
                conn.execute(sa.delete(versions).where(versions.c.name == "actors"))
                conn.execute(sa.insert(versions).values(name="actors", version=version, loaded=_now()))

    def reference_version(self, name: str) -> str | None:
        """The version of the packaged reference data ``name`` (e.g. "actors") the ledger holds a copy of."""
        versions = schema.reference_versions
        with self.engine.connect() as conn:
            return conn.execute(sa.select(versions.c.version).where(versions.c.name == name)).scalar()

    def group_members(self, group: str, *, on: dt.date) -> list[str]:
        """Members of ``group`` on date ``on`` (e.g. NATO in March 2023)."""
        m = schema.memberships
        query = (
            sa.select(m.c.member)
            .where(
                m.c.group_code == group,
                sa.or_(m.c.start.is_(None), m.c.start <= on),
                sa.or_(m.c.end.is_(None), m.c.end > on),
            )
            .order_by(m.c.member)
            .distinct()
        )
        with self.engine.connect() as conn:
            return [r.member for r in conn.execute(query)]

    def has_actors(self) -> bool:
        """Whether the actor table has been loaded (one index lookup)."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(schema.actors.c.code).limit(1)).first() is not None

    def actor_rows(self) -> list[ActorRow]:
        """The actor table, by code."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(schema.actors).order_by(schema.actors.c.code))
            return cast(list[ActorRow], [dict(r._mapping) for r in rows])

    # -- API tokens ------------------------------------------------------------------

    def add_token(
        self, *, name: str, token_hash: str, expires: dt.datetime | None = None, by: str | None = None
    ) -> int:
        """Store a token's hash (audited); returns its id."""
        with self.transaction() as conn:
            values = {"name": name, "hash": token_hash, "created": _now(), "expires": expires}
            token_id = int(conn.execute(sa.insert(schema.tokens).values(**values)).inserted_primary_key[0])
            self._audit(
                conn,
                table="tokens",
                record_id=token_id,
                action="create",
                by=by or name,
                old=None,
                new={"name": name, "expires": expires},
            )
            return token_id

    def token_name(self, token_hash: str, *, now: dt.datetime | None = None) -> str | None:
        """The name of an active (unrevoked, unexpired) token; marks it as used."""
        t, moment = schema.tokens, now or _now()
        active = sa.and_(
            t.c.hash == token_hash, t.c.revoked.is_(None), sa.or_(t.c.expires.is_(None), t.c.expires > moment)
        )
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.c.id, t.c.name, t.c.last_used).where(active)).first()
        if row is None:
            return None
        if row.last_used is None or moment - row.last_used >= dt.timedelta(minutes=1):
            with self.transaction() as conn:  # at most once a minute per token
                conn.execute(sa.update(t).where(t.c.id == row.id).values(last_used=moment))
        return str(row.name)

    def list_tokens(self) -> list[TokenRow]:
        """Every token: id, name, created, expires, last used, revoked (never the hash)."""
        t = schema.tokens
        query = sa.select(t.c.id, t.c.name, t.c.created, t.c.expires, t.c.last_used, t.c.revoked).order_by(
            t.c.id
        )
        with self.engine.connect() as conn:
            return cast(list[TokenRow], [dict(r._mapping) for r in conn.execute(query)])

    def revoke_token(self, name: str, *, token_id: int | None = None, by: str | None = None) -> int:
        """Revoke the active tokens of ``name`` (or the one with ``token_id``); audited; how many."""
        t = schema.tokens
        which = t.c.id == token_id if token_id is not None else t.c.name == name
        with self.transaction() as conn:
            ids = [r.id for r in conn.execute(sa.select(t.c.id).where(which, t.c.revoked.is_(None)))]
            if ids:
                moment = _now()
                conn.execute(sa.update(t).where(t.c.id.in_(ids)).values(revoked=moment))
            for token in ids:
                self._audit(
                    conn,
                    table="tokens",
                    record_id=token,
                    action="revoke",
                    by=by or name,
                    old={"revoked": None},
                    new={"revoked": moment},
                )
            return len(ids)


def _table(name: str) -> sa.Table:
    tables = {"support": schema.support, "events": schema.events}
    if name not in tables:
        raise ValidationError(f'Unknown record table "{name}"; use "support" or "events".')
    return tables[name]


def _with_source(table: sa.Table) -> sa.Select[Any]:
    src = schema.sources
    return sa.select(
        table,
        src.c.url.label("source_url"),
        src.c.publisher.label("source_publisher"),
        src.c.title.label("source_title"),
        src.c.published.label("source_published"),
        src.c.kind.label("source_kind"),
    ).select_from(table.outerjoin(src, table.c.source_id == src.c.id))


def _release_key(release: str | None) -> tuple[int, str]:
    """Order releases: numeric part first ("7" < "12" < "29"), None first."""
    if release is None:
        return (-1, "")
    digits = "".join(ch for ch in release if ch.isdigit())
    return (int(digits) if digits else -1, release)
