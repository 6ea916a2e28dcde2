"""RSS and Atom feeds (via feedparser) as plain items with stable keys."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import time
from typing import Any

import feedparser

from aidtrack.feeds.errors import FeedFormatError


@dataclasses.dataclass(frozen=True)
class FeedItem:
    """One entry of a feed.

    ``key`` identifies the entry within its feed across polls (its guid/id, else its
    link, else its title and date); ``fingerprint`` changes when the entry is edited
    (new title, summary or updated time), which is the cue to read the article again.
    """

    key: str
    url: str | None
    title: str
    published: dt.date | None
    summary: str
    fingerprint: str


@dataclasses.dataclass(frozen=True)
class ParsedFeed:
    """A feed's title and entries, in the order the feed lists them."""

    title: str
    items: list[FeedItem]


def _digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:32]


def _raw(entry: Any, field: str) -> Any:
    """A field as the feed gave it (feedparser's own ``get`` maps updated to published, with a warning)."""
    return dict.get(entry, field)


def _date(entry: Any) -> dt.date | None:
    for field in ("published_parsed", "updated_parsed"):
        value: time.struct_time | None = _raw(entry, field)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def item_key(entry: Any) -> str:
    """A stable key for an entry: its id (guid), else its link, else title and date."""
    ident = entry.get("id") or entry.get("link")
    if ident:
        return _digest("id", str(ident).strip())
    return _digest("title", entry.get("title", ""), _raw(entry, "published") or _raw(entry, "updated"))


def _item(entry: Any) -> FeedItem:
    title = " ".join(str(entry.get("title") or "").split())
    summary = str(entry.get("summary") or "")
    changed = _raw(entry, "updated") or _raw(entry, "published")
    return FeedItem(key=item_key(entry), url=entry.get("link") or None, title=title, published=_date(entry),
                    summary=summary, fingerprint=_digest(title, entry.get("link"), summary, changed))


def parse_feed(data: bytes, *, url: str) -> ParsedFeed:
    """Parse the bytes of an RSS or Atom feed fetched from ``url`` (relative links resolve against it).

    Raises :class:`FeedFormatError` when ``data`` is not a feed at all (an HTML page, broken XML
    with no entries); a feed with small defects but readable entries is accepted.
    """
    parsed = feedparser.parse(data, response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({type(reason).__name__}: {reason})" if reason else ""
        raise FeedFormatError(f'"{url}" is not an RSS or Atom feed{detail}; check the address '
                              "(the page may link to its feed) and change it with `aidtrack feeds`.")
    title = " ".join(str(parsed.feed.get("title") or url).split())
    return ParsedFeed(title=title, items=[_item(e) for e in parsed.entries])
