"""Tables for news feeds, their items and watchlists (registered on :data:`schema.metadata`).

``feeds`` holds each feed's address, its HTTP validators (ETag, Last-Modified), the
outcome of its last poll and a lease (``lock_owner``, ``locked_until``) so that two
processes never poll the same feed at once. ``feed_items`` remembers every entry
seen (by its stable key), the fingerprint of the entry and the hash of the article
text, so a poll reads only what is new or changed. ``feed_tags`` (migration 0006)
gives feeds tags to list and poll them by. ``watchlists`` names the countries a
user follows, for the digest (a token holder's list is named after the user).
"""

from __future__ import annotations

import sqlalchemy as sa

from aidtrack.db.schema import metadata

feeds = sa.Table(
    "feeds",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.String(2000), nullable=False, unique=True),
    sa.Column("name", sa.String(300)),
    sa.Column("added", sa.DateTime, nullable=False),
    sa.Column("added_by", sa.String(200), nullable=False),
    sa.Column("etag", sa.String(500)),
    sa.Column("last_modified", sa.String(100)),
    sa.Column("polled", sa.DateTime),
    sa.Column("status", sa.String(20)),
    sa.Column("error", sa.Text),
    sa.Column("lock_owner", sa.String(200)),
    sa.Column("locked_until", sa.DateTime),
)

feed_items = sa.Table(
    "feed_items",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("feed_id", sa.Integer, sa.ForeignKey("feeds.id"), nullable=False, index=True),
    sa.Column("key", sa.String(64), nullable=False),
    sa.Column("url", sa.String(2000)),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("fingerprint", sa.String(64)),
    sa.Column("content_hash", sa.String(64)),
    sa.Column("etag", sa.String(500)),
    sa.Column("last_modified", sa.String(100)),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("events", sa.Integer, nullable=False, default=0),
    sa.Column("error", sa.Text),
    sa.Column("first_seen", sa.DateTime, nullable=False),
    sa.Column("fetched", sa.DateTime),
    sa.UniqueConstraint("feed_id", "key", name="uq_feed_items_feed_id_key"),
)

feed_tags = sa.Table(
    "feed_tags",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("feed_id", sa.Integer, sa.ForeignKey("feeds.id"), nullable=False, index=True),
    sa.Column("tag", sa.String(40), nullable=False, index=True),
    sa.UniqueConstraint("feed_id", "tag", name="uq_feed_tags_feed_id_tag"),
)

watchlists = sa.Table(
    "watchlists",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(60), nullable=False),
    sa.Column("actor", sa.String(8), nullable=False),
    sa.Column("types", sa.String(200)),
    sa.Column("added", sa.DateTime, nullable=False),
    sa.Column("added_by", sa.String(200), nullable=False),
    sa.UniqueConstraint("name", "actor", name="uq_watchlists_name_actor"),
)
