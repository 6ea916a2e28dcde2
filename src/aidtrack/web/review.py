"""The review queue for the web: candidates (e.g. extracted from news) accepted, rejected or edited.

A thin layer over :mod:`aidtrack.services.review`, whose ``decide`` only lets candidates be
decided (a confirmed or rejected record is changed with PATCH, not reviewed again).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aidtrack.db import Store
from aidtrack.db.rows import EventColumns, SupportColumns
from aidtrack.errors import ValidationError
from aidtrack.services import ledger
from aidtrack.services import review as service
from aidtrack.services.review import Candidate, StoreOutcomeDict

ACTIONS = ("accept", "reject", "edit")
TABLES = ("events", "support")


def candidates(*, store: Store, limit: int = 50) -> tuple[list[Candidate], int]:
    """Candidate records (events and support), oldest first, and how many there are."""
    rows = service.candidates(store=store, limit=limit)
    total = sum(
        store.count(
            t,
            ledger.event_filter(status="candidate")
            if t == "events"
            else ledger.support_filter(status="candidate"),
        )
        for t in TABLES
    )
    return rows, total


def decide(
    table: str, record_id: int, action: str, changes: Mapping[str, Any], *, store: Store, by: str
) -> SupportColumns | EventColumns:
    """Apply a reviewer's decision to candidate ``record_id`` of ``table``; returns the row after it.

    A record that is not a candidate is refused by :func:`aidtrack.services.review.decide`."""
    if table not in TABLES:
        raise ValidationError(f'Unknown table "{table}"; use "events" or "support".')
    if action not in ACTIONS:
        raise ValidationError(f'Unknown review action "{action}"; use one of: {", ".join(ACTIONS)}.')
    edits = {k: v for k, v in changes.items() if k not in ("status", "id")} if action == "edit" else None
    return service.decide(table, record_id, action, store=store, changes=edits, by=by)


def store_extracted(document: Mapping[str, Any], *, store: Store, by: str) -> StoreOutcomeDict:
    """Store an extracted document's events as candidates (idempotent); what was added or linked."""
    return service.store_document(document, store=store, by=by).to_dict()
