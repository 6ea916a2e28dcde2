"""Use cases on the ledger: open it, add, edit, list and export records.

The CLI and the web app call these functions; they never touch SQL themselves.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal, TypedDict, overload

import pandas as pd

from aidtrack import actors, models, settings
from aidtrack.db import EventFilter, Store, SupportFilter, connect
from aidtrack.db.rows import (
    ActorRow,
    AuditEntry,
    EventColumns,
    EventRow,
    LedgerSummary,
    MembershipRow,
    RecordRow,
    SupportColumns,
    SupportRow,
)
from aidtrack.errors import ValidationError

EXPORT_FORMATS = ("csv", "json", "parquet")
_STORES: dict[str, Store] = {}


def in_memory(store: Store) -> bool:
    """Whether the ledger lives only in this process (an in-memory SQLite database): nothing
    computed from it may be kept on disk for another process."""
    return store.dialect == "sqlite" and store.engine.url.database in (None, "", ":memory:")


def open_store(database_url: str | None = None, *, fresh: bool = False) -> Store:
    """The ledger at ``database_url`` (default: the setting), created and migrated if needed.

    >>> store = open_store("sqlite://")  # in memory
    """
    url = settings.get("database_url", database_url)
    if url in _STORES and not fresh and url not in ("sqlite://", "sqlite:///:memory:"):
        return _STORES[url]
    store = connect(url)
    refresh_reference_data(store)
    _STORES[url] = store
    return store


def refresh_reference_data(store: Store) -> bool:
    """Copy the packaged actor and group tables into a new ledger, or again after an upgrade
    that changed them; returns whether it copied."""
    fingerprint = _reference_fingerprint()
    if store.reference_version("actors") == fingerprint:
        return False
    seed_actors(store, version=fingerprint)
    return True


@functools.cache
def _reference_fingerprint() -> str:
    return actors.reference_fingerprint()


def seed_actors(store: Store, *, version: str | None = None) -> None:
    """Copy every known actor and group membership into the database (``version``: of the
    packaged tables, so that an upgrade with changed tables re-seeds the copy)."""
    rows = [ActorRow(code=a.code, name=a.name, kind=a.kind) for a in actors.all_actors()]
    members = [
        MembershipRow(group_code=m.group, member=m.member, start=m.start, end=m.end)
        for m in actors.memberships()
    ]
    store.replace_actors(rows, members, version=version)


def current_user(by: str | None = None) -> str:
    return by or settings.get("user")


# -- resolving user input ---------------------------------------------------------------


def resolve(name: str | None, *, on: dt.date | None = None) -> str | None:
    """An actor code for a name or code typed by a user (raises UnknownActorError)."""
    if name is None or str(name).strip() == "":
        return None
    return actors.resolve_actor(str(name), on=on)


def parse_date(value: str | dt.date | None, *, field: str = "date") -> dt.date | None:
    """A date from YYYY-MM-DD (or YYYY-MM, taken as the 1st), with a clear error."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if len(text) == 7:
            return dt.date.fromisoformat(text + "-01")
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(
            f'{field} "{value}" is not a date; write it as YYYY-MM-DD, e.g. 2023-03-01.'
        ) from None


def _source(fields: Mapping[str, Any]) -> models.Source | None:
    src = {k.removeprefix("source_"): v for k, v in fields.items() if k.startswith("source_") and v}
    if not src:
        return None
    if "date" in src:
        src["published"] = src.pop("date")
    return models.Source(**src)


# -- adding and editing -----------------------------------------------------------------


def add_support(fields: Mapping[str, Any], *, store: Store, by: str | None = None) -> int:
    """Validate and store one support record typed by a user; returns its id."""
    data = {k: v for k, v in fields.items() if not k.startswith("source_") and v is not None}
    when = parse_date(data.get("date"))
    for key in ("donor", "recipient", "via"):
        if data.get(key):
            data[key] = resolve(data[key], on=when)
    if data.get("via"):
        data.setdefault("channel", "indirect")
    record = models.Support(**data, source=_source(fields))
    if record.amount is not None and record.amount_eur is None:
        record = with_currency_values(record)
    return store.add_support([record], by=current_user(by))[0]


def with_currency_values(record: models.Support) -> models.Support:
    """EUR and USD values of the record's amount at its date (ECB rates), or none without an amount."""
    from aidtrack import currency  # the importers' ECB conversion

    if record.amount is None or record.currency is None:
        return record.model_copy(update={"amount_eur": None, "amount_usd": None, "fx_note": None})
    eur = currency.to_eur(record.amount, record.currency, record.date)
    usd = currency.to_usd(record.amount, record.currency, record.date)
    return record.model_copy(update={"amount_eur": eur.value, "amount_usd": usd.value, "fx_note": eur.note})


def add_event(fields: Mapping[str, Any], *, store: Store, by: str | None = None) -> int:
    """Validate and store one diplomatic event typed by a user; returns its id."""
    data = {k: v for k, v in fields.items() if not k.startswith("source_") and v is not None}
    when = parse_date(data.get("date"))
    for key in ("actor", "target", "beneficiary", "recipient"):
        if data.get(key):
            data[key] = resolve(data[key], on=when)
    event = models.Event(**data, source=_source(fields))
    return store.add_events([event], by=current_user(by))[0]


EDITABLE = {
    "support": (
        *models.SUPPORT_WHAT,
        "date",
        "evidence",
        "status",
        "confidence",
    ),
    "events": (
        *models.EVENT_WHAT,
        "date",
        "evidence",
        "evidence_start",
        "evidence_end",
        "status",
        "confidence",
    ),
}
"""Fields a person may change. Provenance (origin, external_id, import, source, current) and
derived values (amount_eur, amount_usd, fx_note) are set by aidtrack."""
_ACTOR_FIELDS = {
    "support": ("donor", "recipient", "via"),
    "events": ("actor", "target", "beneficiary", "recipient"),
}
_MONEY_INPUTS = ("amount", "currency", "date")
_DERIVED = ("amount_eur", "amount_usd", "fx_note")


def _check_changes(table: str, changes: Mapping[str, Any]) -> None:
    """Only editable fields, and no true/false where a number or text is expected."""
    if table not in EDITABLE:
        raise ValidationError(f'Unknown record table "{table}"; use "support" or "events".')
    unknown = sorted(set(changes) - set(EDITABLE[table]))
    if unknown:
        raise ValidationError(
            f"Cannot change {', '.join(unknown)} of a {table} record: provenance and derived values "
            f"(EUR/USD amounts) are set by aidtrack. Changeable: {', '.join(EDITABLE[table])}."
        )
    for key, value in changes.items():
        if isinstance(value, bool):
            raise ValidationError(
                f"{key}: {value!r} is not a valid value; give a number or text, not true/false."
            )


def edit_record(
    table: str, record_id: int, changes: Mapping[str, Any], *, store: Store, by: str | None = None
) -> SupportColumns | EventColumns:
    """Change fields of a record, validated exactly as a new record is (actors resolved, the
    whole record checked by the model); EUR/USD values are recomputed when the amount,
    currency or date changes. Provenance fields cannot be changed."""
    _check_changes(table, changes)
    current: Mapping[str, Any] = store.get(table, record_id)
    model: type[models.Support | models.Event] = models.Support if table == "support" else models.Event
    fields = set(model.model_fields) - {"id", "source"}
    merged = {k: current[k] for k in fields if k in current}
    merged.update(changes)
    when = parse_date(merged.get("date"))
    merged["date"] = when
    for key in _ACTOR_FIELDS[table]:
        if key in changes and changes[key] not in (None, ""):
            merged[key] = resolve(str(changes[key]), on=when)
    keys = set(changes)
    if table == "support" and changes.get("via") and "channel" not in changes:
        merged["channel"] = "indirect"  # as when adding: an intermediary makes the channel indirect
        keys.add("channel")
    record = model(**merged)
    if isinstance(record, models.Support) and keys & set(_MONEY_INPUTS):
        record = with_currency_values(record)
        keys |= set(_DERIVED)
    validated = record.model_dump(mode="json")
    clean = {k: (record.date if k == "date" else validated[k]) for k in keys}
    return store.update_record(table, record_id, clean, by=current_user(by))


def audit_trail(table: str, record_id: int, *, store: Store) -> list[AuditEntry]:
    """Every change of one record, oldest first; an imported record starts with its import.

    Raises NotFoundError for an unknown record (so the CLI exits 1 and says so).
    """
    import_id = store.get(table, record_id)["import_id"]
    trail: list[AuditEntry] = [*store.audit_trail(table, record_id)]
    if import_id is not None:
        imp = store.get_import(import_id)
        origin = {
            "import_id": imp["id"],
            "origin": imp["origin"],
            "release": imp["release"],
            "path": imp["path"],
            "sha256": imp["sha256"],
        }
        trail.insert(
            0,
            AuditEntry(
                at=imp["started"],
                by=imp["by"],
                table_name=table,
                record_id=record_id,
                action="import",
                old=None,
                new=origin,
            ),
        )
    return trail


# -- listing and exporting --------------------------------------------------------------


def support_filter(**options: Any) -> SupportFilter:
    """A validated filter from CLI/API options (names resolved, dates parsed)."""
    return SupportFilter(
        **_clean_filter(
            options,
            actor_keys=("donor", "recipient"),
            enums={"category": models.Category, "stage": models.Stage},
        )
    )


def event_filter(**options: Any) -> EventFilter:
    return EventFilter(
        **_clean_filter(
            options,
            actor_keys=("actor", "target"),
            enums={"type": models.EventType, "category": models.Category},
        )
    )


_KEEP_NONE = ("limit", "current")
"""Options whose ``None`` means something ("no limit", "any release") and must reach the filter."""


def _clean_filter(
    options: Mapping[str, Any], *, actor_keys: Iterable[str], enums: Mapping[str, type[models._Choice]]
) -> dict[str, Any]:
    clean = {k: v for k, v in options.items() if v is not None or k in _KEEP_NONE}
    for key in actor_keys:
        if key in clean:
            clean[key] = resolve(clean[key])
    for key, enum in enums.items():
        if key in clean:
            clean[key] = enum.parse(clean[key], field=key).value
    if "status" in clean:
        clean["status"] = models.Status.parse(clean["status"], field="status").value
    for key in ("start", "end"):
        if key in clean:
            clean[key] = parse_date(clean[key], field=key)
    return clean


@overload
def list_records(
    table: Literal["support"], where: SupportFilter | EventFilter, *, store: Store
) -> list[SupportRow]: ...
@overload
def list_records(
    table: Literal["events"], where: SupportFilter | EventFilter, *, store: Store
) -> list[EventRow]: ...
@overload
def list_records(
    table: str, where: SupportFilter | EventFilter, *, store: Store
) -> list[SupportRow] | list[EventRow]: ...
def list_records(
    table: str, where: SupportFilter | EventFilter, *, store: Store
) -> list[SupportRow] | list[EventRow]:
    """The records of ``table`` ("support" or "events") matching ``where``, newest first."""
    if table == "support":
        assert isinstance(where, SupportFilter)
        return store.list_support(where)
    assert isinstance(where, EventFilter)
    return store.list_events(where)


def stream_records(
    table: str, where: SupportFilter | EventFilter, *, store: Store, chunk: int = 250
) -> Iterator[list[RecordRow]]:
    """The records of :func:`list_records`, ``chunk`` at a time from one database cursor
    (the connection is held until the iterator is exhausted or closed)."""
    if table not in EDITABLE:
        raise ValidationError(f'Unknown record table "{table}"; use "support" or "events".')
    return store.stream_records(table, where, chunk=chunk)


def export_records(
    table: str, where: SupportFilter | EventFilter, *, store: Store, fmt: str, out: Path
) -> int:
    """Write records to ``out`` as CSV, JSON or Parquet; returns how many."""
    if fmt not in EXPORT_FORMATS:
        raise ValidationError(f'Unknown export format "{fmt}"; use one of: {", ".join(EXPORT_FORMATS)}.')
    rows = list_records(table, where, store=store)
    frame = pd.DataFrame(rows)
    if "items" in frame:
        frame["items"] = frame["items"].map(lambda v: json.dumps(v) if v is not None else None)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        frame.to_csv(out, index=False)
    elif fmt == "json":
        out.write_text(json.dumps(rows, default=str, indent=1), encoding="utf-8")
    else:
        frame.to_parquet(out, index=False)
    return len(rows)


class ImportBrief(TypedDict):
    """One import as :func:`status` lists it (a projection of :class:`~aidtrack.db.rows.ImportRow`)."""

    id: int
    origin: str
    release: str | None
    path: str | None
    rows_stored: int
    rows_rejected: int
    superseded_by: int | None


class LedgerStatus(LedgerSummary):
    """What :func:`status` returns: the ledger's counts and its imports."""

    imports: list[ImportBrief]


def status(*, store: Store) -> LedgerStatus:
    """What the ledger holds: counts per table and status, and the imports."""
    imports = [
        ImportBrief(
            id=imp["id"],
            origin=imp["origin"],
            release=imp["release"],
            path=imp["path"],
            rows_stored=imp["rows_stored"],
            rows_rejected=imp["rows_rejected"],
            superseded_by=imp["superseded_by"],
        )
        for imp in store.list_imports()
    ]
    return LedgerStatus(**store.summary(), imports=imports)


def group_members(group: str, *, on: dt.date | None, store: Store) -> list[str]:
    """Members of a group (NATO, EU, G7, OECD...) on a date, from the ledger's actor table."""
    code = actors.resolve_actor(group)  # a blank name raises UnknownActorError like an unknown one
    return store.group_members(code, on=on or dt.date.today())


# -- actors ------------------------------------------------------------------------------


def actor_info(code: str) -> actors.ActorInfo:
    """The code, name and kind of an actor code (UnknownActorError if unknown)."""
    return actors.actor_info(code)


def actor_name(code: str) -> str:
    """The short English name of an actor code: KOR -> "South Korea"."""
    return actors.actor_name(code)


def list_actors(*, kind: str | None = None) -> list[dict[str, str]]:
    """Every known actor (or those of ``kind``: country, organisation) as code, name, kind."""
    return [
        {"code": a.code, "name": a.name, "kind": a.kind}
        for a in actors.all_actors()
        if kind is None or a.kind == kind
    ]
