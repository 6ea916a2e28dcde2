"""The review queue: extracted events become candidates, a person accepts, rejects or edits them.

A candidate that matches a record already in the ledger (same key fields, a date within
``MATCH_DAYS``) is not stored twice: its source and evidence are linked to that record.
Storing the same article again changes nothing (each event has a stable external id).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from aidtrack import models
from aidtrack.db import EventFilter, Store, SupportFilter
from aidtrack.errors import ValidationError
from aidtrack.services.ledger import current_user, edit_record, parse_date

ORIGIN = "extract"
MATCH_DAYS = 14
_EVENT_FIELDS = ("actor", "target", "beneficiary", "recipient", "category", "direction", "consequence",
                 "condition", "summary", "confidence")


@dataclasses.dataclass
class StoreOutcome:
    """What storing one article's events did."""

    added: list[tuple[str, int]] = dataclasses.field(default_factory=list)
    linked: list[tuple[str, int]] = dataclasses.field(default_factory=list)
    unchanged: int = 0
    invalid: list[dict[str, Any]] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _external_id(doc: Mapping[str, Any], event: Mapping[str, Any]) -> str:
    key = {k: event.get(k) for k in ("type", "donor", "recipient", "actor", "target", "category", "direction")}
    raw = json.dumps([doc.get("url") or doc.get("id"), key], sort_keys=True, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def _source(doc: Mapping[str, Any]) -> models.Source:
    return models.Source(url=doc.get("url"), title=doc.get("title") or doc.get("id"),
                         published=parse_date(doc.get("published")), kind="news")


def _when(doc: Mapping[str, Any], event: Mapping[str, Any]) -> dt.date | None:
    return parse_date(event.get("date")) or parse_date(doc.get("published"))


def to_record(doc: Mapping[str, Any], event: Mapping[str, Any]) -> models.Support | models.Event:
    """One SCHEMA.md event of an extracted article as a candidate ledger record."""
    common = {"date": _when(doc, event), "source": _source(doc), "evidence": event.get("evidence"),
              "origin": ORIGIN, "external_id": _external_id(doc, event), "status": "candidate"}
    if event.get("type") == "support":
        items = [models.Item(name=str(i)) for i in event.get("items") or []]
        return models.Support(donor=event.get("donor"), recipient=event.get("recipient") or "UKR",
                              category=event.get("category"), stage=event.get("stage") or "commitment",
                              amount=event.get("amount"), currency=event.get("currency"), items=items,
                              channel=event.get("channel") or ("indirect" if event.get("via") else "direct"),
                              via=event.get("via"), **common)
    fields = {k: event.get(k) for k in _EVENT_FIELDS if event.get(k) is not None}
    return models.Event(type=event.get("type"), evidence_start=event.get("start"), evidence_end=event.get("end"),
                        **fields, **common)


def _key(record: models.Support | models.Event) -> tuple[str, dict[str, Any]]:
    if isinstance(record, models.Support):
        return "support", {"donor": record.donor, "recipient": record.recipient,
                           "category": record.category.value if record.category else None,
                           "stage": record.stage.value}
    names = {"appeal": ("actor", "target", "category"), "refusal": ("actor", "category"),
             "threat": ("actor", "target"), "sanction": ("actor", "target"), "policy_change": ("actor", "direction")}
    data = record.model_dump(mode="json")
    return "events", {"type": record.type.value, **{k: data[k] for k in names[record.type.value]}}


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


def _store_one(record: models.Support | models.Event, *, store: Store, by: str, outcome: StoreOutcome) -> None:
    table, key = _key(record)
    assert record.external_id is not None
    if store.find_external(table, origin=ORIGIN, external_id=record.external_id) is not None:
        outcome.unchanged += 1
        return
    match = store.find_match(table, key, near=record.date, days=MATCH_DAYS)
    if match is not None:
        store.add_corroboration(table, match, source=record.source, evidence=record.evidence, origin=ORIGIN,
                                external_id=record.external_id, by=by)
        outcome.linked.append((table, match))
        return
    adder = store.add_support if isinstance(record, models.Support) else store.add_events
    outcome.added.append((table, adder([record], by=by)[0]))  # type: ignore[list-item]


def candidates(*, store: Store, limit: int = 100) -> list[dict[str, Any]]:
    """Candidate records waiting for review, oldest first, each tagged with its table."""
    events = store.list_events(EventFilter(status="candidate", limit=limit))
    support = store.list_support(SupportFilter(status="candidate", limit=limit))
    rows = [{"table": "events", **e} for e in events] + [{"table": "support", **s} for s in support]
    return sorted(rows, key=lambda r: (r["created"], r["table"], r["id"]))[:limit]


def decide(table: str, record_id: int, decision: str, *, store: Store, changes: Mapping[str, Any] | None = None,
           by: str | None = None) -> dict[str, Any]:
    """Accept (-> confirmed), reject, or edit-and-accept one candidate; every change is audited."""
    status = {"accept": "confirmed", "reject": "rejected", "edit": "confirmed"}.get(decision)
    if status is None:
        raise ValidationError(f'Unknown review decision "{decision}"; use accept, reject or edit.')
    if decision == "edit" and not changes:
        raise ValidationError("An edit needs at least one field to change, e.g. category=military.")
    return edit_record(table, record_id, {**(changes or {}), "status": status}, store=store, by=by)


def parse_changes(pairs: Sequence[str]) -> dict[str, Any]:
    """FIELD=VALUE pairs typed by a reviewer (empty value = clear the field)."""
    changes: dict[str, Any] = {}
    for pair in pairs:
        field, sep, value = pair.partition("=")
        if not sep or not field.strip():
            raise ValidationError(f'"{pair}" is not FIELD=VALUE; write e.g. category=military.')
        changes[field.strip()] = value.strip() or None
    return changes
