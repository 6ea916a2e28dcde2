"""analysis totals kept in the database: support_totals, its pending groups, and the triggers that note them

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 07:50:00

``support_totals`` holds the counted support records (current, confirmed) summed per
donor, recipient, category, stage, origin, source and month. Triggers on ``support``
note every group an insert, update or delete touches in ``support_totals_pending``
(SQLite: one row per record; PostgreSQL: statement-level triggers with transition
tables, one row per group and statement); the writing transaction then sums those
groups again from their records (``aidtrack.db.aggregate.settle_totals``). An existing
ledger's totals are filled here, in the migration's transaction.

SQLite drops a table's triggers when a later migration rebuilds ``support`` in batch
mode (copy and rename): such a migration must create them again (:func:`create_triggers`).
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

KEYS = "donor, recipient, category, stage, origin, source_id"
COUNTED = "\"current\" AND status = 'confirmed'"


def counted(row: str) -> str:
    """Whether the trigger's ``row`` (NEW or OLD) counts in the figures: current and confirmed."""
    return f"{row}.\"current\" AND {row}.status = 'confirmed'"


SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER support_totals_insert AFTER INSERT ON support
    WHEN {counted("NEW")}
    BEGIN
        INSERT INTO support_totals_pending ({KEYS}, month) VALUES (NEW.donor, NEW.recipient,
            NEW.category, NEW.stage, NEW.origin, NEW.source_id, date(NEW.date, 'start of month'));
    END""",
    f"""CREATE TRIGGER support_totals_delete AFTER DELETE ON support
    WHEN {counted("OLD")}
    BEGIN
        INSERT INTO support_totals_pending ({KEYS}, month) VALUES (OLD.donor, OLD.recipient,
            OLD.category, OLD.stage, OLD.origin, OLD.source_id, date(OLD.date, 'start of month'));
    END""",
    f"""CREATE TRIGGER support_totals_update
    AFTER UPDATE OF {KEYS}, date, amount_eur, "current", status ON support
    WHEN ({counted("OLD")}) OR ({counted("NEW")})
    BEGIN
        INSERT INTO support_totals_pending ({KEYS}, month)
            SELECT OLD.donor, OLD.recipient, OLD.category, OLD.stage, OLD.origin, OLD.source_id,
                date(OLD.date, 'start of month') WHERE {counted("OLD")};
        INSERT INTO support_totals_pending ({KEYS}, month)
            SELECT NEW.donor, NEW.recipient, NEW.category, NEW.stage, NEW.origin, NEW.source_id,
                date(NEW.date, 'start of month') WHERE {counted("NEW")};
    END""",
]

_PG_NOTE = f"""INSERT INTO support_totals_pending ({KEYS}, month)
            SELECT DISTINCT {KEYS}, CAST(date_trunc('month', "date") AS DATE) FROM {{rows}} WHERE {COUNTED};"""
POSTGRES_TRIGGERS = [
    f"""CREATE FUNCTION support_totals_note() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            {_PG_NOTE.format(rows="old_rows")}
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
            {_PG_NOTE.format(rows="new_rows")}
        END IF;
        RETURN NULL;
    END
    $$""",
    """CREATE TRIGGER support_totals_insert AFTER INSERT ON support
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION support_totals_note()""",
    """CREATE TRIGGER support_totals_update AFTER UPDATE ON support
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION support_totals_note()""",
    """CREATE TRIGGER support_totals_delete AFTER DELETE ON support
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION support_totals_note()""",
]

MONTH = {
    "sqlite": "date(\"date\", 'start of month')",
    "postgresql": "CAST(date_trunc('month', \"date\") AS DATE)",
}


def create_triggers() -> None:
    """The triggers that note the groups a write to ``support`` touches (SQLite or PostgreSQL)."""
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_TRIGGERS if dialect == "sqlite" else POSTGRES_TRIGGERS:
        op.execute(statement)


def fill_totals() -> None:
    """Sum the counted records of an existing ledger into ``support_totals``."""
    month = MONTH[op.get_bind().dialect.name]
    op.execute(
        f"""INSERT INTO support_totals ({KEYS}, month, date, last_date, amount_eur, records)
        SELECT {KEYS}, {month}, min("date"), max("date"), sum(amount_eur), count(*)
        FROM support WHERE {COUNTED} GROUP BY {KEYS}, {month}"""
    )


def upgrade() -> None:
    op.create_table(
        "support_totals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("donor", sa.String(length=8), nullable=False),
        sa.Column("recipient", sa.String(length=8), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=True),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("origin", sa.String(length=60), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("month", sa.Date(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("last_date", sa.Date(), nullable=True),
        sa.Column("amount_eur", sa.Float(), nullable=True),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_totals")),
    )
    with op.batch_alter_table("support_totals", schema=None) as batch_op:
        batch_op.create_index("ix_support_totals_group", ["donor", "month", "stage"], unique=False)
    op.create_table(
        "support_totals_pending",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("donor", sa.String(length=8), nullable=False),
        sa.Column("recipient", sa.String(length=8), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=True),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("origin", sa.String(length=60), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("month", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_support_totals_pending")),
    )
    create_triggers()
    fill_totals()


def downgrade() -> None:
    for name in ("support_totals_insert", "support_totals_update", "support_totals_delete"):
        op.execute(
            f"DROP TRIGGER IF EXISTS {name}"
            + (" ON support" if op.get_bind().dialect.name == "postgresql" else "")
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS support_totals_note()")
    op.drop_table("support_totals_pending")
    with op.batch_alter_table("support_totals", schema=None) as batch_op:
        batch_op.drop_index("ix_support_totals_group")
    op.drop_table("support_totals")
