"""SQL for news feeds, feed items and watchlists (tables in :mod:`aidtrack.db.feeds_schema`).

Every public write is one transaction; adding or removing a feed or a watched
country is written to ``audit_log`` like every other change to the ledger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Required, TypedDict, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from aidtrack.db import schema
from aidtrack.db.feeds_schema import feed_items, feed_tags, feeds, watchlists
from aidtrack.db.store import Store
from aidtrack.errors import NotFoundError, ValidationError

__all__ = [
    "Feed",
    "FeedFields",
    "FeedItemRow",
    "FeedItemUpdate",
    "ListedFeed",
    "Watch",
    "acquire_lock",
    "add_feed",
    "add_watch",
    "feed_items_of",
    "find_feed",
    "list_feeds",
    "list_watches",
    "release_lock",
    "remove_feed",
    "remove_watch",
    "save_item",
    "save_poll",
    "take_over_lock",
]


class FeedFields(TypedDict):
    """A row of ``feeds`` as a user sees it (without the lease of the process polling it), with
    the feed's tags."""

    id: int
    url: str
    name: str | None
    added: dt.datetime
    added_by: str
    etag: str | None
    last_modified: str | None
    polled: dt.datetime | None
    status: str | None
    error: str | None
    tags: list[str]


class Feed(FeedFields):
    """A row of ``feeds`` with the feed's tags and the lease of the process polling it."""

    lock_owner: str | None
    locked_until: dt.datetime | None


class ListedFeed(Feed):
    """A feed as listed: with the count of its items and of the events they gave."""

    items: int
    events: int


class FeedItemRow(TypedDict):
    """What is remembered of one entry of a feed (a row of ``feed_items``)."""

    id: int
    feed_id: int
    key: str
    url: str | None
    title: str | None
    published: dt.date | None
    fingerprint: str | None
    content_hash: str | None
    etag: str | None
    last_modified: str | None
    status: str
    events: int
    error: str | None
    first_seen: dt.datetime
    fetched: dt.datetime | None


class FeedItemUpdate(TypedDict, total=False):
    """What a poll writes of one entry (:func:`save_item`): its ``key`` and the columns of
    :class:`FeedItemRow` it sets."""

    key: Required[str]
    url: str | None
    title: str | None
    published: dt.date | None
    fingerprint: str | None
    content_hash: str | None
    etag: str | None
    last_modified: str | None
    status: str
    events: int
    error: str | None
    fetched: dt.datetime | None


class Watch(TypedDict):
    """A country followed on a watchlist (a row of ``watchlists``)."""

    id: int
    name: str
    actor: str
    types: str | None
    added: dt.datetime
    added_by: str


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


# -- feeds ------------------------------------------------------------------------------


def add_feed(store: Store, *, url: str, name: str | None, by: str, tags: Sequence[str] = ()) -> Feed:
    """Add a feed with its tags; raises ValidationError when its address is already there."""
    with store.transaction() as conn:
        if conn.execute(sa.select(feeds.c.id).where(feeds.c.url == url)).first() is not None:
            raise ValidationError(f'The feed "{url}" is already added; see `aidtrack feeds list`.')
        values = {"url": url, "name": name, "added": _now(), "added_by": by}
        feed_id = int(conn.execute(sa.insert(feeds).values(**values)).inserted_primary_key[0])
        for tag in tags:
            conn.execute(sa.insert(feed_tags).values(feed_id=feed_id, tag=tag))
        store._audit(
            conn,
            table="feeds",
            record_id=feed_id,
            action="insert",
            by=by,
            old=None,
            new={**values, "tags": list(tags)},
        )
        return _feed(conn, feed_id)


def _feed(conn: Connection, feed_id: int) -> Feed:
    row = conn.execute(sa.select(feeds).where(feeds.c.id == feed_id)).first()
    if row is None:
        raise NotFoundError(f"No feed with id {feed_id}; see `aidtrack feeds list`.")
    return cast(Feed, {**row._mapping, "tags": _tags(conn).get(feed_id, [])})


def _tags(conn: Connection) -> dict[int, list[str]]:
    """Every feed's tags, sorted, by feed id."""
    found: dict[int, list[str]] = {}
    for row in conn.execute(sa.select(feed_tags.c.feed_id, feed_tags.c.tag).order_by(feed_tags.c.tag)):
        found.setdefault(row.feed_id, []).append(row.tag)
    return found


def find_feed(store: Store, ref: str | int) -> Feed:
    """A feed by its id or its address; raises NotFoundError naming the command that lists them."""
    column = feeds.c.id if isinstance(ref, int) or str(ref).isdigit() else feeds.c.url
    value: Any = int(ref) if column is feeds.c.id else str(ref)
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(feeds).where(column == value)).first()
        if row is None:
            raise NotFoundError(f'No feed "{ref}"; give an id or an address from `aidtrack feeds list`.')
        return cast(Feed, {**row._mapping, "tags": _tags(conn).get(row.id, [])})


def list_feeds(store: Store) -> list[ListedFeed]:
    """Every feed with the count of its items and of the events they gave, in the order added."""
    counts = (
        sa.select(
            feed_items.c.feed_id,
            sa.func.count().label("items"),
            sa.func.coalesce(sa.func.sum(feed_items.c.events), 0).label("events"),
        )
        .group_by(feed_items.c.feed_id)
        .subquery()
    )
    query = (
        sa.select(
            feeds,
            sa.func.coalesce(counts.c["items"], 0).label("items"),
            sa.func.coalesce(counts.c.events, 0).label("events"),
        )
        .select_from(feeds.outerjoin(counts, counts.c.feed_id == feeds.c.id))
        .order_by(feeds.c.id)
    )
    with store.engine.connect() as conn:
        tags = _tags(conn)
        return [cast(ListedFeed, {**r._mapping, "tags": tags.get(r.id, [])}) for r in conn.execute(query)]


def remove_feed(store: Store, feed_id: int, *, by: str) -> Feed:
    """Remove a feed and what it remembers of its items (candidates already proposed stay)."""
    with store.transaction() as conn:
        old = _feed(conn, feed_id)
        conn.execute(sa.delete(feed_items).where(feed_items.c.feed_id == feed_id))
        conn.execute(sa.delete(feed_tags).where(feed_tags.c.feed_id == feed_id))
        conn.execute(sa.delete(feeds).where(feeds.c.id == feed_id))
        store._audit(
            conn,
            table="feeds",
            record_id=feed_id,
            action="delete",
            by=by,
            old={k: old[k] for k in ("url", "name", "added", "added_by")},
            new=None,
        )
        return old


# -- the polling lease ------------------------------------------------------------------


def acquire_lock(store: Store, feed_id: int, *, owner: str, seconds: float) -> bool:
    """Take the feed's lease for ``seconds`` unless another owner holds an unexpired one.

    One conditional UPDATE, so two processes (or servers) racing for the same feed
    cannot both win, on SQLite and on PostgreSQL alike.
    """
    now = _now()
    free = sa.or_(feeds.c.locked_until.is_(None), feeds.c.locked_until < now, feeds.c.lock_owner == owner)
    until = now + dt.timedelta(seconds=seconds)
    with store.transaction() as conn:
        result = conn.execute(
            sa.update(feeds).where(feeds.c.id == feed_id, free).values(lock_owner=owner, locked_until=until)
        )
        return result.rowcount == 1


def take_over_lock(store: Store, feed_id: int, *, stale: str, owner: str, seconds: float) -> bool:
    """Take the lease from ``stale`` (a process known to be gone) if it still holds it; one conditional UPDATE."""
    until = _now() + dt.timedelta(seconds=seconds)
    with store.transaction() as conn:
        result = conn.execute(
            sa.update(feeds)
            .where(feeds.c.id == feed_id, feeds.c.lock_owner == stale)
            .values(lock_owner=owner, locked_until=until)
        )
        return result.rowcount == 1


def release_lock(store: Store, feed_id: int, *, owner: str) -> None:
    """Give the lease back (only if ``owner`` still holds it)."""
    with store.transaction() as conn:
        conn.execute(
            sa.update(feeds)
            .where(feeds.c.id == feed_id, feeds.c.lock_owner == owner)
            .values(lock_owner=None, locked_until=None)
        )


# -- polls and items --------------------------------------------------------------------


def feed_items_of(store: Store, feed_id: int) -> dict[str, FeedItemRow]:
    """What is remembered of a feed's items, by item key."""
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(feed_items).where(feed_items.c.feed_id == feed_id))
        return {r.key: cast(FeedItemRow, dict(r._mapping)) for r in rows}


def save_item(store: Store, feed_id: int, item: FeedItemUpdate) -> None:
    """Insert or update one item (by key) in its own transaction, as soon as it has been read."""
    values = {k: v for k, v in item.items() if k != "key"}
    with store.transaction() as conn:
        known = conn.execute(
            sa.select(feed_items.c.id).where(feed_items.c.feed_id == feed_id, feed_items.c.key == item["key"])
        ).scalar()
        if known is not None:
            conn.execute(sa.update(feed_items).where(feed_items.c.id == known).values(**values))
        else:
            conn.execute(
                sa.insert(feed_items).values(
                    feed_id=feed_id, key=item["key"], first_seen=_now(), **{"events": 0, **values}
                )
            )


def save_poll(
    store: Store,
    feed_id: int,
    *,
    status: str,
    error: str | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    keep_validators: bool = False,
) -> None:
    """Record the outcome of a poll (and the feed's validators unless ``keep_validators``)."""
    values: dict[str, Any] = {"polled": _now(), "status": status, "error": error}
    if not keep_validators:
        values.update(etag=etag, last_modified=last_modified)
    with store.transaction() as conn:
        conn.execute(sa.update(feeds).where(feeds.c.id == feed_id).values(**values))


# -- watchlists -------------------------------------------------------------------------


def add_watch(store: Store, *, name: str, actor: str, by: str, types: str | None = None) -> bool:
    """Follow ``actor`` on watchlist ``name`` (only ``types``, comma-separated, when given).

    Returns False when it is already there with the same types; new types replace the old.
    """
    with store.transaction() as conn:
        query = sa.select(watchlists).where(watchlists.c.name == name, watchlists.c.actor == actor)
        row = conn.execute(query).first()
        if row is not None:
            if row.types == types:
                return False
            conn.execute(sa.update(watchlists).where(watchlists.c.id == row.id).values(types=types))
            store._audit(
                conn,
                table="watchlists",
                record_id=row.id,
                action="update",
                by=by,
                old={"types": row.types},
                new={"types": types},
            )
            return True
        values = {"name": name, "actor": actor, "types": types, "added": _now(), "added_by": by}
        watch_id = int(conn.execute(sa.insert(watchlists).values(**values)).inserted_primary_key[0])
        store._audit(
            conn, table="watchlists", record_id=watch_id, action="insert", by=by, old=None, new=values
        )
        return True


def remove_watch(store: Store, *, name: str, actor: str, by: str) -> bool:
    """Stop following ``actor`` on watchlist ``name``; False when it was not there."""
    with store.transaction() as conn:
        row = conn.execute(
            sa.select(watchlists).where(watchlists.c.name == name, watchlists.c.actor == actor)
        ).first()
        if row is None:
            return False
        conn.execute(sa.delete(watchlists).where(watchlists.c.id == row.id))
        store._audit(
            conn,
            table="watchlists",
            record_id=row.id,
            action="delete",
            by=by,
            old={"name": name, "actor": actor},
            new=None,
        )
        return True


def list_watches(store: Store, *, name: str | None = None) -> list[Watch]:
    """Watched countries (of one watchlist, or of all), by list then code."""
    query = sa.select(watchlists).order_by(watchlists.c.name, watchlists.c.actor)
    if name is not None:
        query = query.where(watchlists.c.name == name)
    with store.engine.connect() as conn:
        return [cast(Watch, dict(r._mapping)) for r in conn.execute(query)]


# -- the digest: records changed in a period --------------------------------------------


def changed_record_ids(
    store: Store, table: str, code: str, *, since: dt.datetime, before: dt.datetime
) -> list[int]:
    """Ids of current, not rejected records of ``code`` (donor of support; actor or target of an
    event) created or updated from ``since`` up to, not including, ``before``."""
    tbl = schema.support if table == "support" else schema.events
    whose = tbl.c.donor == code if table == "support" else sa.or_(tbl.c.actor == code, tbl.c.target == code)
    query = (
        sa.select(tbl.c.id)
        .where(
            whose,
            tbl.c.current.is_(True),
            tbl.c.status != "rejected",
            tbl.c.updated >= since,
            tbl.c.updated < before,
        )
        .order_by(tbl.c.id)
    )
    with store.engine.connect() as conn:
        return [int(i) for i in conn.execute(query).scalars()]
