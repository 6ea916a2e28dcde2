"""Errors of feed fetching and parsing (both are :class:`aidtrack.errors.AidtrackError`)."""

from __future__ import annotations

from aidtrack.errors import DownloadError, ImportFormatError


class FeedFetchError(DownloadError):
    """A feed or an article page could not be fetched (HTTP error, timeout, refused)."""

    type = "feed-fetch"


class FeedFormatError(ImportFormatError):
    """The bytes at a feed's address are not an RSS or Atom feed."""

    type = "feed-format"
