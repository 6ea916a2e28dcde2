"""a covering index on the kept totals, so totals summed over months read the index alone

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 10:20:00
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

COLUMNS = [
    "donor",
    "recipient",
    "category",
    "stage",
    "origin",
    "source_id",
    "date",
    "last_date",
    "amount_eur",
    "records",
]


def upgrade() -> None:
    with op.batch_alter_table("support_totals", schema=None) as batch_op:
        batch_op.create_index("ix_support_totals_cover", COLUMNS, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("support_totals", schema=None) as batch_op:
        batch_op.drop_index("ix_support_totals_cover")
