"""The rows the store hands out, one type each, next to the tables they come from.

Each type is a :class:`~typing.TypedDict` whose keys are its table's columns (see
:mod:`aidtrack.db.schema`) plus the fields of the joined source the store adds. They cost
nothing at run time: the store still returns plain ``dict`` objects, and a type checker
knows their keys and value types. ``tests/test_typed_rows.py`` checks every type against
its table, so the two cannot drift apart.

Values of JSON columns (``items``, ``report``, the audit trail's ``old`` and ``new``, the
candidate kept in a corroboration) are free-form: their type says so (``Any``).

>>> from aidtrack.db import schema
>>> sorted(set(SupportRow.__annotations__) - set(schema.support.c.keys()))
['source_kind', 'source_published', 'source_publisher', 'source_title', 'source_url']
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypedDict

from aidtrack.models import EventWhat

__all__ = [
    "ActorRow",
    "AuditEntry",
    "AuditRow",
    "CorroborationRow",
    "EventColumns",
    "EventRow",
    "ImportRow",
    "KeptFields",
    "LedgerSummary",
    "LinkRow",
    "MembershipRow",
    "RecordColumns",
    "RecordRow",
    "SourceFields",
    "SourcedCorroborationRow",
    "SupportColumns",
    "SupportRow",
    "TokenRow",
]


class RecordColumns(TypedDict):
    """The columns every sourced record carries (``schema._record_columns``) and its id."""

    id: int
    date: dt.date | None
    source_id: int | None
    evidence: str | None
    origin: str
    external_id: str | None
    import_id: int | None
    current: bool
    status: str
    created: dt.datetime
    updated: dt.datetime


class SourceFields(TypedDict):
    """The fields of a record's source that the store joins in (``None`` when it has none)."""

    source_url: str | None
    source_publisher: str | None
    source_title: str | None
    source_published: dt.date | None
    source_kind: str | None


class SupportColumns(RecordColumns):
    """A row of ``support`` as stored."""

    donor: str
    recipient: str
    category: str | None
    subtype: str | None
    stage: str
    amount: float | None
    currency: str | None
    amount_eur: float | None
    amount_usd: float | None
    fx_note: str | None
    items: Any  # JSON: the list of items of a package, free-form
    channel: str
    via: str | None
    confidence: float | None


class SupportRow(SupportColumns, SourceFields):
    """A support record as read (``Store.get``, ``list_support``): its row and its source."""


class EventColumns(RecordColumns, EventWhat):
    """A row of ``events`` as stored: what the event is, and how it was found."""

    evidence_start: int | None
    evidence_end: int | None
    confidence: float | None
    linked_id: int | None


class EventRow(EventColumns, SourceFields):
    """An event as read (``Store.get``, ``list_events``): its row and its source."""


RecordRow = SupportRow | EventRow
"""A support record or an event as read, when the table is chosen at run time."""


class KeptFields(TypedDict, total=False):
    """The bookkeeping columns of a support record that a re-imported export keeps as it wrote
    them (the store sets them otherwise)."""

    current: bool
    created: dt.datetime
    updated: dt.datetime


class ImportRow(TypedDict):
    """A row of the import history (``imports``)."""

    id: int
    origin: str
    release: str | None
    path: str | None
    sha256: str
    started: dt.datetime
    finished: dt.datetime | None
    by: str
    rows_read: int
    rows_stored: int
    rows_rejected: int
    report: Any  # JSON: the rows of the file that were not stored, free-form
    superseded_by: int | None


class AuditEntry(TypedDict):
    """One change in a record's history: when, by whom, what before and after (an
    ``audit_log`` row without its id; a record's import is shown as such an entry too)."""

    at: dt.datetime
    by: str
    table_name: str
    record_id: int
    action: str
    old: Any  # JSON: the changed fields before (free-form, None for an insert)
    new: Any  # JSON: the changed fields after (free-form, None for a deletion)


class AuditRow(AuditEntry):
    """A row of ``audit_log``: one recorded change and its id."""

    id: int


class CorroborationRow(TypedDict):
    """A row of ``corroborations``: one more source reporting a record already stored."""

    id: int
    table_name: str
    record_id: int
    source_id: int | None
    evidence: str | None
    origin: str
    external_id: str | None
    created: dt.datetime
    record: Any  # JSON: the candidate as it would have been stored (to undo the link)


class SourcedCorroborationRow(CorroborationRow):
    """A corroboration with its source's address and title (``Store.corroborations``)."""

    source_url: str | None
    source_title: str | None


class LinkRow(SourcedCorroborationRow):
    """A corroboration link as the review queue lists it (``Store.list_links``)."""

    source_published: dt.date | None


class TokenRow(TypedDict):
    """An API token as listed: every column of ``tokens`` except its hash."""

    id: int
    name: str
    created: dt.datetime
    expires: dt.datetime | None
    last_used: dt.datetime | None
    revoked: dt.datetime | None


class ActorRow(TypedDict):
    """A row of ``actors``: a state, an organisation or a group."""

    code: str
    name: str
    kind: str


class MembershipRow(TypedDict):
    """A group membership as loaded (a row of ``memberships`` without its id)."""

    group_code: str
    member: str
    start: dt.date | None
    end: dt.date | None


class LedgerSummary(TypedDict):
    """What the ledger holds (``Store.summary``, ``aidtrack status``)."""

    database: str
    counts: dict[str, int]
    support_by_status: dict[str, int]
    events_by_status: dict[str, int]
