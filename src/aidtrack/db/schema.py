"""Table definitions (SQLAlchemy Core). Alembic migrations are generated from these."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

actors = sa.Table(
    "actors",
    metadata,
    sa.Column("code", sa.String(8), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
)

memberships = sa.Table(
    "memberships",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("group_code", sa.String(8), nullable=False, index=True),
    sa.Column("member", sa.String(8), nullable=False, index=True),
    sa.Column("start", sa.Date),
    sa.Column("end", sa.Date),
)

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.Text),
    sa.Column("publisher", sa.String(300)),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("fingerprint", sa.String(64), nullable=False, unique=True),
)

imports = sa.Table(
    "imports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("origin", sa.String(40), nullable=False),
    sa.Column("release", sa.String(40)),
    sa.Column("path", sa.Text),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("started", sa.DateTime, nullable=False),
    sa.Column("finished", sa.DateTime),
    sa.Column("by", sa.String(200), nullable=False),
    sa.Column("rows_read", sa.Integer, nullable=False, default=0),
    sa.Column("rows_stored", sa.Integer, nullable=False, default=0),
    sa.Column("rows_rejected", sa.Integer, nullable=False, default=0),
    sa.Column("report", sa.JSON),
    sa.Column("superseded_by", sa.Integer, sa.ForeignKey("imports.id")),
    sa.UniqueConstraint("origin", "sha256", name="uq_imports_origin_sha256"),
)


def _record_columns() -> tuple[sa.Column, ...]:  # type: ignore[type-arg]
    """Columns every sourced record carries (fresh objects per table)."""
    return (
        sa.Column("date", sa.Date, index=True),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), index=True),
        sa.Column("evidence", sa.Text),
        sa.Column("origin", sa.String(60), nullable=False, index=True),
        sa.Column("external_id", sa.String(200)),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), index=True),
        sa.Column("current", sa.Boolean, nullable=False, default=True, index=True),
        sa.Column("status", sa.String(20), nullable=False, index=True),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
    )


support = sa.Table(
    "support",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("donor", sa.String(8), nullable=False, index=True),
    sa.Column("recipient", sa.String(8), nullable=False, index=True),
    sa.Column("category", sa.String(20), index=True),
    sa.Column("subtype", sa.String(200)),
    sa.Column("stage", sa.String(20), nullable=False, index=True),
    sa.Column("amount", sa.Float),
    sa.Column("currency", sa.String(3)),
    sa.Column("amount_eur", sa.Float),
    sa.Column("amount_usd", sa.Float),
    sa.Column("fx_note", sa.Text),
    sa.Column("items", sa.JSON),
    sa.Column("channel", sa.String(20), nullable=False),
    sa.Column("via", sa.String(8)),
    sa.Column("confidence", sa.Float),
    *_record_columns(),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("type", sa.String(20), nullable=False, index=True),
    sa.Column("actor", sa.String(8), nullable=False, index=True),
    sa.Column("target", sa.String(8), index=True),
    sa.Column("beneficiary", sa.String(8)),
    sa.Column("recipient", sa.String(8)),
    sa.Column("category", sa.String(20)),
    sa.Column("direction", sa.String(10)),
    sa.Column("consequence", sa.Text),
    sa.Column("condition", sa.Text),
    sa.Column("summary", sa.Text),
    sa.Column("evidence_start", sa.Integer),
    sa.Column("evidence_end", sa.Integer),
    sa.Column("confidence", sa.Float),
    sa.Column("linked_id", sa.Integer, sa.ForeignKey("events.id")),
    *_record_columns(),
)

sa.Index("ix_support_origin_external", support.c.origin, support.c.external_id)
sa.Index("ix_events_origin_external", events.c.origin, events.c.external_id)
# Composite indexes for the list, review and matching queries at millions of rows (docs/scale.md).
sa.Index("ix_events_actor_date", events.c.actor, events.c.date, events.c.id)
sa.Index("ix_events_target_date", events.c.target, events.c.date, events.c.id)
sa.Index("ix_events_type_date", events.c.type, events.c.date, events.c.id)
sa.Index("ix_events_status_date", events.c.status, events.c.date, events.c.id)
sa.Index("ix_support_donor_date", support.c.donor, support.c.date, support.c.id)
sa.Index("ix_support_status_date", support.c.status, support.c.date, support.c.id)
# covers the analysis totals (db/aggregate.py): the grouped query reads the index alone
sa.Index(
    "ix_support_totals",
    support.c.status,
    support.c.current,
    support.c.donor,
    support.c.recipient,
    support.c.category,
    support.c.stage,
    support.c.origin,
    support.c.source_id,
    support.c.date,
    support.c.amount_eur,
)

# The analysis totals kept up to date (db/aggregate.py): the counted support records
# (current, confirmed) summed per donor, recipient, category, stage, origin, source and
# calendar month. Triggers on ``support`` (migration 0008) note the groups a write
# touches in ``support_totals_pending``; the write's own transaction sums those groups
# again from their records (``aggregate.settle_totals``), so the first answer after a
# write reads thousands of rows instead of every record.
support_totals = sa.Table(
    "support_totals",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("donor", sa.String(8), nullable=False),
    sa.Column("recipient", sa.String(8), nullable=False),
    sa.Column("category", sa.String(20)),
    sa.Column("stage", sa.String(20), nullable=False),
    sa.Column("origin", sa.String(60), nullable=False),
    sa.Column("source_id", sa.Integer),
    sa.Column("month", sa.Date),  # first day of the month; None for undated records
    sa.Column("date", sa.Date),  # earliest date in the group
    sa.Column("last_date", sa.Date),
    sa.Column("amount_eur", sa.Float),
    sa.Column("records", sa.Integer, nullable=False),
)
sa.Index("ix_support_totals_group", support_totals.c.donor, support_totals.c.month, support_totals.c.stage)
# covers the totals summed over months (aggregate.support_totals(by_month=False)): the
# grouped query walks this index in group order and never reads the table
sa.Index(
    "ix_support_totals_cover",
    *(
        support_totals.c[name]
        for name in ("donor", "recipient", "category", "stage", "origin", "source_id")
        + ("date", "last_date", "amount_eur", "records")
    ),
)

support_totals_pending = sa.Table(
    "support_totals_pending",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("donor", sa.String(8), nullable=False),
    sa.Column("recipient", sa.String(8), nullable=False),
    sa.Column("category", sa.String(20)),
    sa.Column("stage", sa.String(20), nullable=False),
    sa.Column("origin", sa.String(60), nullable=False),
    sa.Column("source_id", sa.Integer),
    sa.Column("month", sa.Date),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("by", sa.String(200), nullable=False),
    sa.Column("table_name", sa.String(40), nullable=False),
    sa.Column("record_id", sa.Integer, nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("old", sa.JSON),
    sa.Column("new", sa.JSON),
)
sa.Index("ix_audit_record", audit_log.c.table_name, audit_log.c.record_id)

macro = sa.Table(
    "macro",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("actor", sa.String(8), nullable=False, index=True),
    sa.Column("indicator", sa.String(60), nullable=False, index=True),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("unit", sa.String(20), nullable=False),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id")),
    sa.UniqueConstraint("actor", "indicator", "year", name="uq_macro_actor_indicator_year"),
)

tokens = sa.Table(
    "tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("hash", sa.String(128), nullable=False, unique=True),
    sa.Column("created", sa.DateTime, nullable=False),
    sa.Column("revoked", sa.DateTime),
    sa.Column("expires", sa.DateTime),
    sa.Column("last_used", sa.DateTime),
)

corroborations = sa.Table(
    "corroborations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("table_name", sa.String(40), nullable=False),
    sa.Column("record_id", sa.Integer, nullable=False),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id")),
    sa.Column("evidence", sa.Text),
    sa.Column("origin", sa.String(60), nullable=False),
    sa.Column("external_id", sa.String(200)),
    sa.Column("created", sa.DateTime, nullable=False),
    # The candidate as it would have been stored, so a reviewer can undo the link.
    sa.Column("record", sa.JSON),
)
sa.Index("ix_corroborations_record", corroborations.c.table_name, corroborations.c.record_id)
sa.Index(
    "ix_corroborations_external",
    corroborations.c.table_name,
    corroborations.c.origin,
    corroborations.c.external_id,
)

# One row per extracted record's identity (its stable external id): claimed with an upsert
# in the same transaction that stores the candidate or the corroboration, so the same
# article stored by concurrent requests is stored once.
candidate_ids = sa.Table(
    "candidate_ids",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("table_name", sa.String(40), nullable=False),
    sa.Column("origin", sa.String(60), nullable=False),
    sa.Column("external_id", sa.String(200), nullable=False),
    sa.Column("created", sa.DateTime, nullable=False),
    sa.UniqueConstraint("table_name", "origin", "external_id", name="uq_candidate_ids_identity"),
)

reference_versions = sa.Table(
    "reference_versions",
    metadata,
    sa.Column("name", sa.String(40), primary_key=True),  # e.g. "actors": the packaged tables a ledger copies
    sa.Column("version", sa.String(64), nullable=False),
    sa.Column("loaded", sa.DateTime, nullable=False),
)

# Tables defined in sibling modules register themselves on the same metadata.
from aidtrack.db import feeds_schema as _feeds_schema  # noqa: E402, F401
