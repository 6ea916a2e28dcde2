"""reference data versions (re-seed actors after an upgrade) and a covering index for analysis totals

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 06:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reference_versions",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("loaded", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_reference_versions")),
    )
    with op.batch_alter_table("support", schema=None) as batch_op:
        batch_op.create_index(
            "ix_support_totals",
            [
                "status",
                "current",
                "donor",
                "recipient",
                "category",
                "stage",
                "origin",
                "source_id",
                "date",
                "amount_eur",
            ],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("support", schema=None) as batch_op:
        batch_op.drop_index("ix_support_totals")
    op.drop_table("reference_versions")
