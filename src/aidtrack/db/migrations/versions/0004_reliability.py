"""reliability: unique candidate identity, confidence

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 05:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Existing extracted identities (records first, then links), one row each, oldest kept.
_BACKFILL = (
    "INSERT INTO candidate_ids (table_name, origin, external_id, created) "
    "SELECT '{table}', origin, external_id, MIN(created) FROM {table} "
    "WHERE origin = 'extract' AND external_id IS NOT NULL GROUP BY origin, external_id",
    "INSERT INTO candidate_ids (table_name, origin, external_id, created) "
    "SELECT c.table_name, c.origin, c.external_id, MIN(c.created) FROM corroborations c "
    "WHERE c.external_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM candidate_ids i WHERE "
    "i.table_name = c.table_name AND i.origin = c.origin AND i.external_id = c.external_id) "
    "GROUP BY c.table_name, c.origin, c.external_id",
)


def upgrade() -> None:
    op.create_table(
        "candidate_ids",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("origin", sa.String(length=60), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("created", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate_ids")),
        sa.UniqueConstraint("table_name", "origin", "external_id", name="uq_candidate_ids_identity"),
    )
    with op.batch_alter_table("support", schema=None) as batch_op:
        batch_op.add_column(sa.Column("confidence", sa.Float(), nullable=True))
    with op.batch_alter_table("tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("last_used", sa.DateTime(), nullable=True))
    with op.batch_alter_table("corroborations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("record", sa.JSON(), nullable=True))
    op.execute(_BACKFILL[0].format(table="support"))
    op.execute(_BACKFILL[0].format(table="events"))
    op.execute(_BACKFILL[1])


def downgrade() -> None:
    with op.batch_alter_table("corroborations", schema=None) as batch_op:
        batch_op.drop_column("record")
    with op.batch_alter_table("tokens", schema=None) as batch_op:
        batch_op.drop_column("last_used")
        batch_op.drop_column("expires")
    with op.batch_alter_table("support", schema=None) as batch_op:
        batch_op.drop_column("confidence")
    op.drop_table("candidate_ids")
