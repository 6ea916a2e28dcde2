"""Use cases for news feeds: add, list, remove and poll them into the review queue.

A poll fetches each feed (conditional GET, so an unchanged feed costs one 304),
reads only the entries that are new or whose entry changed, fetches their
articles (trafilatura for the text), keeps those the relevance filter passes and
puts their events into the review queue the way ``aidtrack extract --store``
does. What was read is remembered per feed item (entry fingerprint, content hash),
so polling again proposes nothing new, and an article whose text changed is read
again. A feed that fails (HTTP error, timeout, not a feed) is reported and the
others go on. Each feed is polled under a lease in the database, so two servers
polling every 30 minutes never poll the same feed at once.

    report = poll()
    report.totals()["added"]
3
"""

from __future__ import annotations

import collections
import concurrent.futures
import dataclasses
import datetime as dt
import logging
import multiprocessing
import os
import re
import socket
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any, cast
from urllib.parse import urlsplit

from aidtrack import settings
from aidtrack.db import Store
from aidtrack.db import feeds as feeds_db
from aidtrack.errors import AidtrackError, ExtractionInputError, ValidationError
from aidtrack.extract import Article
from aidtrack.feeds import (
    FeedFetchError,
    FeedFormatError,
    FeedItem,
    Fetcher,
    Response,
    content_hash,
    parse_feed,
)
from aidtrack.relevance import load_filter
from aidtrack.services import extraction, ledger

log = logging.getLogger(__name__)
LOCK_SECONDS = 15 * 60
MAX_WORKERS = 16
_INTERVAL_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNITS = {"": 60, "s": 1, "m": 60, "h": 3600, "d": 86400}

__all__ = [
    "FeedReport",
    "PollReport",
    "Poller",
    "add_feed",
    "list_feeds",
    "make_fetcher",
    "parse_interval",
    "poll",
    "remove_feed",
    "start_poller",
]


@dataclasses.dataclass
class FeedReport:
    """What polling one feed did. ``status``: ok, not-modified, error or locked (another process polls it)."""

    id: int
    url: str
    status: str = "ok"
    items: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    not_relevant: int = 0
    unreadable: int = 0
    added: int = 0
    linked: int = 0
    errors: list[str] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass
class PollReport:
    """The reports of every feed polled, in the order of ``aidtrack feeds list``."""

    feeds: list[FeedReport]

    def totals(self) -> dict[str, int]:
        """Sums over the feeds (``added``: events proposed; ``linked``: matched to records), errors, feeds."""
        fields = ("items", "new", "changed", "unchanged", "not_relevant", "unreadable", "added", "linked")
        totals = {f: sum(getattr(r, f) for r in self.feeds) for f in fields}
        totals["errors"] = sum(len(r.errors) for r in self.feeds)
        totals["feeds"] = len(self.feeds)
        totals["failed_feeds"] = sum(r.status == "error" for r in self.feeds)
        return totals

    def to_dict(self) -> dict[str, Any]:
        return {"feeds": [r.to_dict() for r in self.feeds], "totals": self.totals()}


# -- managing feeds ---------------------------------------------------------------------

_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")


def _check_address(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or _CONTROL_RE.search(url) or " " in url:
        raise ValidationError(
            f'"{url}" is not a feed address; give a full http(s) URL such as https://example.org/feed.xml.'
        )
    return url


_TAG_RE = re.compile(r"^[\w][\w.-]{0,39}$")


def _tag(text: str) -> str:
    """A tag as stored: lower case; letters, digits, ``-``, ``_`` and ``.``, at most 40."""
    tag = (text or "").strip().lower()
    if not _TAG_RE.match(tag):
        raise ValidationError(
            f'Tag "{text}" must be 1 to 40 letters, digits, "-", "_" or ".", starting with a '
            "letter or digit, e.g. asia."
        )
    return tag


def add_feed(
    url: str,
    *,
    name: str | None = None,
    tags: Sequence[str] = (),
    store: Store | None = None,
    by: str | None = None,
) -> feeds_db.Feed:
    """Add the feed at ``url`` (RSS, Atom or a sitemap) with optional ``tags``; it is read at the next poll."""
    store = store or ledger.open_store()
    name = " ".join(_CONTROL_RE.sub(" ", name).split()) or None if name else None
    clean = list(dict.fromkeys(_tag(t) for t in tags))
    return feeds_db.add_feed(
        store, url=_check_address(url), name=name, tags=clean, by=ledger.current_user(by)
    )


class FeedListing(feeds_db.FeedFields):
    """A feed as :func:`list_feeds` shows it: a :class:`~aidtrack.db.feeds.ListedFeed` without
    the lease of the process polling it."""

    items: int
    events: int


def list_feeds(*, tags: Sequence[str] = (), store: Store | None = None) -> list[FeedListing]:
    """Every feed (or those with one of ``tags``): address, name, tags, last poll and its outcome, items
    remembered, events found."""
    rows = feeds_db.list_feeds(store or ledger.open_store())
    wanted = {_tag(t) for t in tags}
    return [_listing(row) for row in rows if not wanted or wanted & set(row["tags"])]


def _listing(row: feeds_db.ListedFeed) -> FeedListing:
    fields: dict[str, object] = {k: v for k, v in row.items() if k in FeedListing.__annotations__}
    return cast(FeedListing, fields)


def remove_feed(ref: str | int, *, store: Store | None = None, by: str | None = None) -> feeds_db.Feed:
    """Remove a feed (by id or address); the candidates it proposed stay in the review queue."""
    store = store or ledger.open_store()
    feed = feeds_db.find_feed(store, ref)
    return feeds_db.remove_feed(store, int(feed["id"]), by=ledger.current_user(by))


# -- polling ----------------------------------------------------------------------------


def make_fetcher(*, timeout: float = 20.0, retries: int = 2, backoff: float = 1.0) -> Fetcher:
    """A fetcher with the user agent and per-host delay of the settings."""
    delay = settings.get("feed_host_delay")
    try:
        host_delay = float(delay)
    except ValueError:
        raise ValidationError(
            f'feed_host_delay "{delay}" is not a number of seconds; set e.g. AIDTRACK_FEED_HOST_DELAY=1.0.'
        ) from None
    return Fetcher(
        user_agent=settings.get("feed_user_agent"),
        timeout=timeout,
        retries=retries,
        backoff=backoff,
        host_delay=host_delay,
    )


@dataclasses.dataclass(frozen=True)
class _Poll:
    """What every step of one poll needs: the ledger, the fetcher, who polls, the lease owner, the workers."""

    store: Store
    fetcher: Fetcher
    who: str
    owner: str
    recheck: bool
    pool: concurrent.futures.Executor | None = None

    def renew(self, feed_id: int) -> None:
        """Extend the feed's lease while a long feed is being read."""
        feeds_db.acquire_lock(self.store, feed_id, owner=self.owner, seconds=LOCK_SECONDS)


def poll(
    *,
    store: Store | None = None,
    feeds: Sequence[str | int] = (),
    tags: Sequence[str] = (),
    fetcher: Fetcher | None = None,
    by: str | None = None,
    owner: str | None = None,
    recheck: bool = False,
    workers: int = 1,
    progress: Callable[[FeedReport], None] | None = None,
) -> PollReport:
    """Poll every feed (or those named in ``feeds``, or tagged with one of ``tags``) once.

    Failures are reported, never raised. An article is read again when its feed entry
    changed. With ``recheck`` every entry's page is asked for again (a conditional GET:
    unchanged pages answer 304), to catch articles edited without their feed entry
    changing. With ``workers`` > 1, article text and extraction run in that many
    processes while pages are fetched; results are stored one entry at a time in feed
    order either way, so a poll killed midway keeps what it stored and the next poll
    reads only the rest. ``progress`` is called with each feed's report when it is done.
    """
    store = store or ledger.open_store()
    chosen = _chosen(store, feeds, tags)
    own_fetcher = fetcher is None
    fetcher = fetcher or make_fetcher()
    pool = _pool(workers) if chosen else None
    run = _Poll(store, fetcher, ledger.current_user(by), owner or _owner(), recheck, pool)
    reports = []
    try:
        for feed in chosen:
            reports.append(_poll_locked(run, feed))
            if progress is not None:
                progress(reports[-1])
        return PollReport(reports)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if own_fetcher:
            fetcher.close()


def _chosen(store: Store, refs: Sequence[str | int], tags: Sequence[str]) -> list[feeds_db.Feed]:
    feeds: list[feeds_db.Feed] = (
        [feeds_db.find_feed(store, ref) for ref in refs] if refs else list(feeds_db.list_feeds(store))
    )
    if not tags:
        return feeds
    wanted = {_tag(t) for t in tags}
    return [f for f in feeds if wanted & set(f["tags"])]


def _pool(workers: int) -> concurrent.futures.Executor | None:
    """Worker processes for article text and extraction (None: do it in this process)."""
    if not 1 <= workers <= MAX_WORKERS:
        raise ValidationError(
            f"--workers {workers} is out of range; give 1 to {MAX_WORKERS} "
            f"(this machine has {os.cpu_count()} cores)."
        )
    if workers == 1:
        return None
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:  # the workers inherit the filter and the language model loaded here
        _warm()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context)


def _warm() -> None:
    """Load the relevance filter and the extraction pipeline once, before worker processes start."""
    _relevance()
    extraction.extract_documents(
        [
            Article(
                id="warm-up", url=None, title="Warm-up", published=None, text="Norway pledged aid to Ukraine."
            )
        ]
    )


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _dead_owner(owner: str | None) -> bool:
    """Was the lease taken by a process of this machine that no longer runs (killed midway)?"""
    host, _, rest = (owner or "").partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False


def _take_lease(run: _Poll, feed_id: int) -> bool:
    if feeds_db.acquire_lock(run.store, feed_id, owner=run.owner, seconds=LOCK_SECONDS):
        return True
    holder = feeds_db.find_feed(run.store, feed_id)["lock_owner"]
    return (
        holder is not None
        and _dead_owner(holder)
        and feeds_db.take_over_lock(run.store, feed_id, stale=holder, owner=run.owner, seconds=LOCK_SECONDS)
    )


def _poll_locked(run: _Poll, feed: feeds_db.Feed) -> FeedReport:
    feed_id = int(feed["id"])
    if not _take_lease(run, feed_id):
        return FeedReport(feed_id, feed["url"], status="locked")
    try:
        return _poll_feed(run, feeds_db.find_feed(run.store, feed_id))
    finally:
        feeds_db.release_lock(run.store, feed_id, owner=run.owner)


def _poll_feed(run: _Poll, feed: feeds_db.Feed) -> FeedReport:
    report = FeedReport(int(feed["id"]), feed["url"])
    validators = {} if run.recheck else {"etag": feed["etag"], "last_modified": feed["last_modified"]}
    try:
        answer = run.fetcher.get(feed["url"], **validators)
        if answer.not_modified:
            report.status = "not-modified"
            feeds_db.save_poll(run.store, report.id, status=report.status, keep_validators=True)
            return report
        items = parse_feed(answer.content, url=answer.url).items
    except (FeedFetchError, FeedFormatError) as ex:
        report.status, report.errors = "error", [str(ex)]
        feeds_db.save_poll(run.store, report.id, status="error", error=str(ex))
        return report
    _read_items(run, report, items)
    # Keep no validators after an article failed, so the next poll reads the feed and retries it.
    failed = bool(report.errors)
    feeds_db.save_poll(
        run.store,
        report.id,
        status="ok",
        error="; ".join(report.errors) or None,
        etag=None if failed else answer.etag,
        last_modified=None if failed else answer.last_modified,
    )
    return report


@dataclasses.dataclass(frozen=True)
class _Fetched:
    """One entry to read, with its page as fetched (None: no link, or the fetch failed with ``error``)."""

    item: FeedItem
    old: feeds_db.FeedItemRow | None
    answer: Response | None = None
    error: str | None = None


@dataclasses.dataclass(frozen=True)
class _Read:
    """What reading one entry gave: the row to remember, the outcome, the document to store, an error."""

    row: feeds_db.FeedItemUpdate
    outcome: str  # new, changed, unchanged, unreadable or error
    relevant: bool = False
    document: dict[str, Any] | None = None  # as extraction gives it: free-form
    error: str | None = None


def _read_items(run: _Poll, report: FeedReport, items: Sequence[FeedItem]) -> None:
    """Read the new and changed entries and store each (queue candidates, then its row) in feed order."""
    known = feeds_db.feed_items_of(run.store, report.id)
    todo: list[tuple[FeedItem, feeds_db.FeedItemRow | None]] = []
    for item in items:
        report.items += 1
        old = known.get(item.key)
        if old is not None and old["fingerprint"] == item.fingerprint and not run.recheck:
            report.unchanged += 1
        else:
            todo.append((item, old))
    for read in _reads(run, todo):
        _store_read(run, report, read)
        run.renew(report.id)


def _reads(run: _Poll, todo: Sequence[tuple[FeedItem, feeds_db.FeedItemRow | None]]) -> Iterator[_Read]:
    """Fetch each entry's page here and read it here or in a worker; yields the reads in feed order."""
    if run.pool is None:
        for item, old in todo:
            yield read_entry(_fetch(run.fetcher, item, old))
        return
    pending: collections.deque[concurrent.futures.Future[_Read]] = collections.deque()
    for item, old in todo:
        pending.append(run.pool.submit(read_entry, _fetch(run.fetcher, item, old)))
        while pending and pending[0].done():
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _fetch(fetcher: Fetcher, item: FeedItem, old: feeds_db.FeedItemRow | None) -> _Fetched:
    """The entry's article page (conditionally, when it was fetched before); no request without a link."""
    if not item.url:
        return _Fetched(item, old)
    etag, modified = (old["etag"], old["last_modified"]) if old is not None else (None, None)
    try:
        return _Fetched(item, old, fetcher.get(item.url, etag=etag, last_modified=modified))
    except FeedFetchError as ex:
        return _Fetched(item, old, error=str(ex))


def read_entry(fetched: _Fetched) -> _Read:
    """Text, content hash, relevance and extraction of one fetched entry (runs in a worker process too)."""
    item, old = fetched.item, fetched.old
    row = _base_row(item)
    if fetched.error is not None:  # perhaps passing: forget the fingerprint, so the next poll tries again
        return _Read(
            {**row, "fingerprint": None, "status": "error", "error": fetched.error},
            "error",
            error=f'"{item.title or item.url}": {fetched.error}',
        )
    try:
        article = _article(fetched)
    except ExtractionInputError as ex:  # the page itself is unreadable: try again when the entry changes
        return _Read({**row, "status": "unreadable", "error": str(ex)}, "unreadable")
    digest = content_hash(article.text) if article is not None else None
    if old is not None and (article is None or old["content_hash"] == digest):
        status = "read" if old["status"] == "error" else old["status"]  # a page that failed once is back
        return _Read({**row, "status": status, "error": None}, "unchanged")
    assert article is not None
    outcome = "new" if old is None or old["content_hash"] is None else "changed"
    answer = fetched.answer
    row.update(
        {
            "content_hash": digest,
            "etag": answer.etag if answer else None,
            "error": None,
            "last_modified": answer.last_modified if answer else None,
            "fetched": _now(),
        }
    )
    if not _relevance().passes(article):
        return _Read({**row, "status": "not-relevant", "events": 0}, outcome)
    document = extraction.extract_documents([article])[0]
    return _Read(
        {**row, "status": "read", "events": len(document.get("events", []))}, outcome, True, document
    )


def _store_read(run: _Poll, report: FeedReport, read: _Read) -> None:
    """Count one read, put its events into the review queue, then remember the entry.

    The queue recognises events it already holds, so an entry whose candidates were
    stored just before a poll was killed proposes nothing twice when read again.
    """
    if read.outcome != "error":
        setattr(report, read.outcome, getattr(report, read.outcome) + 1)
    if read.outcome in ("new", "changed") and not read.relevant:
        report.not_relevant += 1
    if read.error:
        report.errors.append(read.error)
    if read.document is not None:
        outcome = extraction.store_documents([read.document], store=run.store, by=run.who)
        report.added += int(outcome.get("added", 0))
        report.linked += int(outcome.get("linked", 0))
        for bad in outcome.get("invalid", []):
            report.errors.append(
                f'"{read.row["title"] or read.row["url"]}": event not stored: {bad.get("error")}'
            )
    feeds_db.save_item(run.store, report.id, read.row)


def _base_row(item: FeedItem) -> feeds_db.FeedItemUpdate:
    """What is remembered of every entry read: its key, address, title, date and fingerprint."""
    return feeds_db.FeedItemUpdate(
        key=item.key, url=item.url, title=item.title, published=item.published, fingerprint=item.fingerprint
    )


def _article(fetched: _Fetched) -> Article | None:
    """The entry's article (None when its page answered 304), or its summary when it has no link."""
    item, answer = fetched.item, fetched.answer
    if answer is None:
        text = f"{item.title}\n\n{_plain(item.summary)}"
        return _as_entry(extraction.article_from_bytes(text.encode(), name=item.key, html=False), item)
    if answer.not_modified:
        return None
    html = True if "html" in answer.content_type.lower() else None
    return _as_entry(extraction.article_from_bytes(answer.content, name=item.key, html=html), item)


def _plain(summary: str) -> str:
    return re.sub(r"<[^>]+>", " ", summary)


def _as_entry(article: Article, item: FeedItem) -> Article:
    """The article with the feed's link, title and date (more reliable than the page's)."""
    return dataclasses.replace(
        article,
        id=item.url or item.key,
        url=item.url or article.url,
        title=item.title or article.title,
        published=item.published or article.published,
    )


def _relevance() -> Any:
    return load_filter()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


# -- polling while serving --------------------------------------------------------------


def parse_interval(text: str) -> float:
    """Seconds in an interval typed by a user: ``30m``, ``2h``, ``90s``, ``1d`` (a bare number is minutes)."""
    match = _INTERVAL_RE.match(text or "")
    seconds = float(match.group(1)) * _UNITS[match.group(2).lower()] if match else 0.0
    if seconds < 1:
        raise ValidationError(f'Poll interval "{text}" is not a duration; write e.g. 30m, 2h or 90s.')
    return seconds


class Poller:
    """Polls every feed every ``every`` seconds in a background thread (first poll at once).

    Each feed is polled under its lease, so several servers with ``--poll-every`` on one
    database share the work instead of polling a feed twice. Errors are logged, never raised.
    """

    def __init__(self, every: float, *, database_url: str | None = None, by: str | None = None) -> None:
        self.every, self.database_url, self.by = every, database_url, by
        self.owner = _owner()
        self.runs = 0
        self.last: PollReport | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="aidtrack-feed-poller", daemon=True)

    def start(self) -> Poller:
        self._thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        """Ask the loop to end and wait (at most ``timeout`` seconds) for a poll under way."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def poll_once(self) -> None:
        try:
            store = ledger.open_store(self.database_url)
            self.last = poll(store=store, by=self.by, owner=self.owner)
            totals = self.last.totals()
            log.info(
                "Polled %d feed(s): %d new candidate(s), %d error(s)",
                len(self.last.feeds),
                totals["added"],
                totals["errors"],
            )
        except AidtrackError as ex:
            log.warning("Feed poll failed: %s", ex)
        except Exception:  # a bug must not stop the server's polling loop
            log.exception("Feed poll failed")
        finally:
            self.runs += 1

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll_once()
            if self._stop.wait(self.every):
                break


def start_poller(every: float | str, *, database_url: str | None = None, by: str | None = None) -> Poller:
    """Start polling in the background every ``every`` (seconds, or ``"30m"``); ``.stop()`` ends it."""
    seconds = parse_interval(every) if isinstance(every, str) else float(every)
    return Poller(seconds, database_url=database_url, by=by).start()
