"""News feeds: read RSS and Atom feeds and fetch their articles politely.

This package knows nothing of the ledger: :func:`parse_feed` turns the bytes of a
feed into :class:`FeedItem` rows with stable keys, and :class:`Fetcher` gets feeds
and article pages over HTTP with a user agent, timeouts, retries with backoff,
conditional requests (ETag, Last-Modified) and a delay between two requests to
the same host. :mod:`aidtrack.services.feeds` wires them to the review queue.

>>> feed = parse_feed(b"<rss version='2.0'><channel><title>T</title><item><title>A</title>"
...                   b"<link>https://example.org/a</link></item></channel></rss>", url="https://example.org/rss")
>>> [(i.title, i.url) for i in feed.items]
[('A', 'https://example.org/a')]
"""

from aidtrack.feeds.errors import FeedFetchError, FeedFormatError
from aidtrack.feeds.fetch import Fetcher, Response, content_hash
from aidtrack.feeds.parse import FeedItem, ParsedFeed, parse_feed

__all__ = [
    "FeedFetchError",
    "FeedFormatError",
    "FeedItem",
    "Fetcher",
    "ParsedFeed",
    "Response",
    "content_hash",
    "parse_feed",
]
