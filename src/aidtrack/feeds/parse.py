"""RSS and Atom feeds (via feedparser) and plain or news sitemaps (via lxml) as items with stable keys."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import time
from typing import Any

from aidtrack.feeds.errors import FeedFormatError

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
MAX_SITEMAP_URLS = 1000
# feedparser and lxml come with the optional extract extra, so they are imported on first use.


@functools.cache
def _safe_xml() -> Any:
    """An XML parser with no entities, no DTD and no network: a sitemap is read as plain data."""
    from lxml import etree  # type: ignore[import-untyped]

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


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
    return FeedItem(
        key=item_key(entry),
        url=entry.get("link") or None,
        title=title,
        published=_date(entry),
        summary=summary,
        fingerprint=_digest(title, entry.get("link"), summary, changed),
    )


def parse_feed(data: bytes, *, url: str) -> ParsedFeed:
    """Parse the bytes of an RSS or Atom feed, or of a sitemap, fetched from ``url``.

    Relative links resolve against ``url``. Raises :class:`FeedFormatError` when ``data``
    is none of these (an HTML page, broken XML with no entries); a feed with small
    defects but readable entries is accepted.
    """
    if _looks_like_sitemap(data):
        return parse_sitemap(data, url=url)
    import feedparser  # type: ignore[import-untyped]

    parsed = feedparser.parse(data, response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({type(reason).__name__}: {reason})" if reason else ""
        raise FeedFormatError(
            f'"{url}" is not an RSS or Atom feed or a sitemap{detail}; check the address '
            "(the page may link to its feed) and change it with `aidtrack feeds`."
        )
    title = " ".join(str(parsed.feed.get("title") or url).split())
    return ParsedFeed(title=title, items=[_item(e) for e in parsed.entries])


def _looks_like_sitemap(data: bytes) -> bool:
    head = data[:2000]
    return SITEMAP_NS.encode() in head and (b"<urlset" in head or b"<sitemapindex" in head)


def parse_sitemap(data: bytes, *, url: str) -> ParsedFeed:
    """A sitemap's pages as items, newest ``lastmod`` (or news publication date) first, at most
    :data:`MAX_SITEMAP_URLS`. A news sitemap gives titles and dates; a plain one only addresses
    and ``lastmod``, so its pages are keyed by address and read again when ``lastmod`` changes.
    """
    from lxml import etree

    try:
        root = etree.fromstring(data, parser=_safe_xml())
    except etree.XMLSyntaxError as ex:
        raise FeedFormatError(f'"{url}" is not a readable sitemap ({ex}); check the address.') from None
    if etree.QName(root).localname == "sitemapindex":
        first = root.findtext(f"{{{SITEMAP_NS}}}sitemap/{{{SITEMAP_NS}}}loc") or "none listed"
        raise FeedFormatError(
            f'"{url}" is a sitemap index, not a sitemap; add the sitemaps it lists one by '
            f"one (the first is {first.strip()}), preferably a news sitemap."
        )
    found = (_sitemap_item(node) for node in root.iterfind(f"{{{SITEMAP_NS}}}url"))
    items = [i for i in found if i is not None]
    items.sort(key=lambda i: i[0], reverse=True)
    return ParsedFeed(title=url, items=[item for _, item in items[:MAX_SITEMAP_URLS]])


def _sitemap_item(node: Any) -> tuple[str, FeedItem] | None:
    """(sort key, item) of one ``<url>``; None without an http(s) address."""
    loc = (node.findtext(f"{{{SITEMAP_NS}}}loc") or "").strip()
    if not loc.startswith(("http://", "https://")):
        return None
    news = f"{{{NEWS_NS}}}news/{{{NEWS_NS}}}"
    title = " ".join((node.findtext(news + "title") or "").split())
    stamp = (
        node.findtext(news + "publication_date") or node.findtext(f"{{{SITEMAP_NS}}}lastmod") or ""
    ).strip()
    return stamp, FeedItem(
        key=_digest("id", loc),
        url=loc,
        title=title,
        published=_iso_date(stamp),
        summary="",
        fingerprint=_digest(title, loc, "", stamp),
    )


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
