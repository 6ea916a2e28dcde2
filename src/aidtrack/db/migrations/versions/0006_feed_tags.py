"""feed tags and watched types: tags to list and poll feeds by, event types per watched country

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 06:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feed_tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["feed_id"], ["feeds.id"], name=op.f("fk_feed_tags_feed_id_feeds")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_tags")),
        sa.UniqueConstraint("feed_id", "tag", name="uq_feed_tags_feed_id_tag"),
    )
    with op.batch_alter_table("feed_tags", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feed_tags_feed_id"), ["feed_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_feed_tags_tag"), ["tag"], unique=False)
    with op.batch_alter_table("watchlists", schema=None) as batch_op:
        batch_op.add_column(sa.Column("types", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("watchlists", schema=None) as batch_op:
        batch_op.drop_column("types")
    with op.batch_alter_table("feed_tags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feed_tags_tag"))
        batch_op.drop_index(batch_op.f("ix_feed_tags_feed_id"))
    op.drop_table("feed_tags")
