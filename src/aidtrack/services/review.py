"""The review queue: extracted events become candidates, a person accepts, rejects or edits them.

A dated candidate that matches a record already in the ledger (the same event by
:func:`aidtrack.models.record_key`, a date within ``MATCH_DAYS``) is not stored twice: its
source and evidence are linked to that record, and the link is listed for review
(:func:`links`) so a reviewer can undo it (:func:`undo_link`). An undated candidate is never
linked. Storing the same article again, even from concurrent requests, changes nothing
(each event has a stable external id, claimed under a unique constraint).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, NotRequired, TypedDict, cast

from aidtrack import actors, models
from aidtrack.db import EventFilter, Store, SupportFilter
from aidtrack.db.rows import (
    EventColumns,
    EventRow,
    RecordRow,
    SourcedCorroborationRow,
    SupportColumns,
    SupportRow,
)
from aidtrack.errors import ValidationError
from aidtrack.services import ledger
from aidtrack.services.ledger import current_user, edit_record, parse_date

ORIGIN = "extract"
MATCH_DAYS = 14
SORTS = ("created", "confidence")
_ITEM_SPLIT = re.compile(r",\s*|\s+and\s+|;\s*")


class InvalidEvent(TypedDict):
    """An extracted event the model refused, with the reason."""

    event: dict[str, Any]  # the event as extraction gave it: free-form
    error: str


class ReviewTags(TypedDict):
    """What the review queue adds to a record: its table, how a reviewer names it (E12, S5)
    and, in the queue, the other sources linked to it."""

    table: str
    ref: str
    corroborations: NotRequired[list[SourcedCorroborationRow]]


class SupportCandidate(SupportRow, ReviewTags):
    """A support record in the review queue."""


class EventCandidate(EventRow, ReviewTags):
    """An event in the review queue."""


Candidate = SupportCandidate | EventCandidate
"""A record in the review queue (:func:`candidates`, :func:`undo_link`)."""


class LinkedRecord(TypedDict, total=False):
    """The key fields of the record a link points to (those its table has)."""

    id: int
    date: dt.date | None
    type: str
    donor: str
    recipient: str | None
    actor: str
    target: str | None
    category: str | None
    subtype: str | None
    stage: str
    amount: float | None
    currency: str | None
    status: str
    origin: str
    source_url: str | None


class ReviewLink(TypedDict):
    """A corroboration link made by extraction, as :func:`links` lists it."""

    link_id: int
    ref: str
    table: str
    record_id: int
    linked_ref: str
    evidence: str | None
    source_url: str | None
    source_title: str | None
    date: str | None
    confidence: float | None
    candidate: dict[str, Any]  # the candidate as it would have been stored (JSON, free-form)
    linked: LinkedRecord
    created: dt.datetime


class StoreOutcomeDict(TypedDict):
    """:class:`StoreOutcome` as plain data (JSON for the API, the CLI and the bulk runner)."""

    added: list[tuple[str, int]]
    linked: list[tuple[str, int]]
    unchanged: int
    invalid: list[InvalidEvent]


@dataclasses.dataclass
class StoreOutcome:
    """What storing one article's events did."""

    added: list[tuple[str, int]] = dataclasses.field(default_factory=list)
    linked: list[tuple[str, int]] = dataclasses.field(default_factory=list)
    unchanged: int = 0
    invalid: list[InvalidEvent] = dataclasses.field(default_factory=list)

    def to_dict(self) -> StoreOutcomeDict:
        """The outcome as plain data."""
        return cast(StoreOutcomeDict, dataclasses.asdict(self))


def _external_id(doc: Mapping[str, Any], event: Mapping[str, Any]) -> str:
    """A stable id of one event of one article (the same article stored again gets the same ids)."""
    key = {
        k: event.get(k) for k in ("type", "donor", "recipient", "actor", "target", "category", "direction")
    }
    if event.get("type") == "threat" and event.get("consequence"):  # part of a threat's identity
        key["consequence"] = event["consequence"]
    raw = json.dumps([doc.get("url") or doc.get("id"), key], sort_keys=True, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _source(doc: Mapping[str, Any]) -> models.Source:
    return models.Source(
        url=doc.get("url"),
        title=doc.get("title") or doc.get("id"),
        published=parse_date(doc.get("published")),
        kind="news",
    )


def _when(doc: Mapping[str, Any], event: Mapping[str, Any]) -> dt.date | None:
    return parse_date(event.get("date")) or parse_date(doc.get("published"))


def _items(value: Any) -> list[models.Item]:
    """One item per named thing ("155mm shells"): text is one item (or a list joined by "and"),
    never one per character; a name that is an actor (the recipient) is not an item."""
    names = [value] if isinstance(value, str) else list(value or [])
    found: list[models.Item] = []
    for name in names:
        text = name.get("name") if isinstance(name, Mapping) else name
        for part in _ITEM_SPLIT.split(str(text or "")):
            part = part.strip(" .")
            if part and actors.find_actor(part) is None and all(i.name != part for i in found):
                found.append(models.Item(name=part))
    return found


def to_record(doc: Mapping[str, Any], event: Mapping[str, Any]) -> models.Support | models.Event:
    """One SCHEMA.md event of an extracted article as a candidate ledger record.

    A support amount gets its EUR and USD values at the article's date, as imports do.
    """
    common = {
        "date": _when(doc, event),
        "source": _source(doc),
        "evidence": event.get("evidence"),
        "origin": ORIGIN,
        "external_id": _external_id(doc, event),
        "status": "candidate",
        "confidence": event.get("confidence"),
    }
    if event.get("type") == "support":
        record = models.Support(
            donor=event.get("donor"),
            recipient=event.get("recipient") or "UKR",
            category=event.get("category"),
            stage=event.get("stage") or "commitment",
            amount=event.get("amount"),
            currency=event.get("currency"),
            items=_items(event.get("items")),
            channel=event.get("channel") or ("indirect" if event.get("via") else "direct"),
            via=event.get("via"),
            **common,
        )
        return ledger.with_currency_values(record) if record.amount is not None else record
    fields = {k: event.get(k) for k in ("actor", *models.EVENT_DETAILS) if event.get(k) is not None}
    return models.Event(
        type=event.get("type"),
        evidence_start=event.get("start"),
        evidence_end=event.get("end"),
        **fields,
        **common,
    )


def store_document(doc: Mapping[str, Any], *, store: Store, by: str | None = None) -> StoreOutcome:
    """Put an extracted article's events into the ledger as candidates (idempotent)."""
    outcome, who = StoreOutcome(), current_user(by)
    for event in doc.get("events", []):
        try:
            record = to_record(doc, event)
        except ValidationError as ex:
            outcome.invalid.append({"event": dict(event), "error": str(ex)})
            continue
        _store_one(record, store=store, by=who, outcome=outcome)
    return outcome


def _store_one(
    record: models.Support | models.Event, *, store: Store, by: str, outcome: StoreOutcome
) -> None:
    """One transaction: claim the identity, then link to the same event or add a candidate."""
    table, key = models.record_key(record)
    matchable = key if models.is_matchable(key) else None
    result, record_id = store.store_candidate(table, record, key=matchable, days=MATCH_DAYS, by=by)
    if result == "unchanged":
        outcome.unchanged += 1
    elif result == "linked":
        outcome.linked.append((table, int(record_id)))  # type: ignore[arg-type]
    else:
        outcome.added.append((table, int(record_id)))  # type: ignore[arg-type]


def ref(table: str, record_id: int) -> str:
    """How a reviewer names a record: E12 (event 12), S5 (support record 5)."""
    return f"{'E' if table == 'events' else 'S'}{record_id}"


def candidates(*, store: Store, limit: int = 100, sort: str = "created") -> list[Candidate]:
    """Candidate records waiting for review, each tagged with its ``table`` and ``ref``.

    ``sort="created"``: oldest first; ``sort="confidence"``: highest extraction confidence
    first (records without one last). Each row carries ``confidence`` and ``corroborations``
    (other sources linked to it).
    """
    if sort not in SORTS:
        raise ValidationError(f'Unknown sort "{sort}"; use one of: {", ".join(SORTS)}.')
    events = store.list_events(EventFilter(status="candidate", limit=limit, order=sort))
    support = store.list_support(SupportFilter(status="candidate", limit=limit, order=sort))
    rows: list[tuple[str, RecordRow]] = [("events", e) for e in events] + [("support", s) for s in support]
    if sort == "confidence":
        rows.sort(key=lambda tr: (tr[1]["confidence"] is None, -(tr[1]["confidence"] or 0), *_oldest(tr)))
    else:
        rows.sort(key=_oldest)
    return [_candidate(store, table, row) for table, row in rows[:limit]]


def _oldest(tagged: tuple[str, RecordRow]) -> tuple[dt.datetime, str, int]:
    """Sort key of the queue: oldest first (then table and id)."""
    table, row = tagged
    return row["created"], table, row["id"]


def _candidate(store: Store, table: str, row: RecordRow) -> Candidate:
    """A record of ``table`` as the queue lists it: tagged and with its corroborations."""
    tags = {"ref": ref(table, row["id"]), "corroborations": store.corroborations(table, row["id"])}
    return cast(Candidate, {"table": table, **row, **tags})


def links(*, store: Store, limit: int = 100) -> list[ReviewLink]:
    """Corroboration links made by extraction, newest first: which article was linked to which
    record (``linked_ref``) and why (the evidence), so a reviewer can undo a wrong one.

    Each row: ``link_id``, ``ref`` (L7), ``table``, ``record_id``, ``linked_ref``, ``evidence``,
    ``source_url``, ``source_title``, ``date``, ``confidence`` and the linked record's key fields
    under ``linked`` (what the candidate would have been is under ``candidate``).
    """
    rows = []
    for link in store.list_links(origin=ORIGIN, limit=limit):
        candidate = link["record"] or {}
        target = _linked_summary(store, link["table_name"], link["record_id"])
        rows.append(
            ReviewLink(
                link_id=link["id"],
                ref=f"L{link['id']}",
                table=link["table_name"],
                record_id=link["record_id"],
                linked_ref=ref(link["table_name"], link["record_id"]),
                evidence=link["evidence"],
                source_url=link["source_url"],
                source_title=link["source_title"],
                date=candidate.get("date"),
                confidence=candidate.get("confidence"),
                candidate=candidate,
                linked=target,
                created=link["created"],
            )
        )
    return rows


def _linked_summary(store: Store, table: str, record_id: int) -> LinkedRecord:
    row: Mapping[str, object] = store.get(table, record_id)
    keys = (
        "id",
        "date",
        "type",
        "donor",
        "recipient",
        "actor",
        "target",
        "category",
        "subtype",
        "stage",
        "amount",
        "currency",
        "status",
        "origin",
        "source_url",
    )
    return cast(LinkedRecord, {k: row[k] for k in keys if k in row})


def undo_link(link_id: int, *, store: Store, by: str | None = None) -> Candidate:
    """Undo a corroboration link: the article's event becomes a candidate of its own (audited).

    Returns the new candidate row (with ``table`` and ``ref``).
    """
    link = store.get_link(link_id)
    data = link["record"]
    if not data:
        raise ValidationError(
            f"Link L{link_id} was made before links kept their event, so it cannot be "
            "turned into a candidate; add the event by hand if it is a different one."
        )
    model: type[models.Support | models.Event] = (
        models.Support if link["table_name"] == "support" else models.Event
    )
    record = model(**{**data, "status": "candidate"})
    new_id = store.replace_link(link_id, record, by=current_user(by))
    table = link["table_name"]
    return cast(Candidate, {"table": table, "ref": ref(table, new_id), **store.get(table, new_id)})


def decide(
    table: str,
    record_id: int,
    decision: str,
    *,
    store: Store,
    changes: Mapping[str, Any] | None = None,
    by: str | None = None,
) -> SupportColumns | EventColumns:
    """Accept (-> confirmed), reject, or edit-and-accept one candidate; every change is audited.

    Only a candidate can be decided: a confirmed or rejected record is refused with a
    message (change it with an edit instead), whichever door (CLI, web) asks.
    """
    status = {"accept": "confirmed", "reject": "rejected", "edit": "confirmed"}.get(decision)
    if status is None:
        raise ValidationError(f'Unknown review decision "{decision}"; use accept, reject or edit.')
    if decision == "edit" and not changes:
        raise ValidationError("An edit needs at least one field to change, e.g. category=military.")
    current = store.get(table, record_id)
    if current["status"] != "candidate":
        raise ValidationError(
            f'{ref(table, record_id)} is "{current["status"]}", not a candidate; only candidates are '
            "reviewed. Change other records with `aidtrack edit` or PATCH /api/" + table + f"/{record_id}."
        )
    edits = {k: v for k, v in (changes or {}).items() if k not in ("status", "id")}
    return edit_record(table, record_id, {**edits, "status": status}, store=store, by=by)


def parse_changes(pairs: Sequence[str]) -> dict[str, str | None]:
    """FIELD=VALUE pairs typed by a reviewer (empty value = clear the field)."""
    changes: dict[str, str | None] = {}
    for pair in pairs:
        field, sep, value = pair.partition("=")
        if not sep or not field.strip():
            raise ValidationError(f'"{pair}" is not FIELD=VALUE; write e.g. category=military.')
        changes[field.strip()] = value.strip() or None
    return changes
