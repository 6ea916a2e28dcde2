"""The web app's cache of analysis results and pages, valid until the ledger changes.

:func:`memo` keeps a result per ledger fingerprint (:func:`ledger_state`), read afresh
for every request, so a write from any process shows at once. The cached results are what the API and the pages show:
rankings, comparisons, timelines and country reports over the ledger's frames (confirmed,
current records only), computed by :mod:`aidtrack.services.analysis` and
:mod:`aidtrack.services.report`.

:func:`kept_page` keeps a whole page per ledger version as it goes out: its encoded
bytes, its Content-Security-Policy (the hashes of its inline scripts, computed once)
and its gzipped bytes, so a busy page costs one version lookup per request. The page
and its policy are also written to the user's cache folder, where the server's other
worker processes find it instead of rendering it again.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import gzip
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
from fastapi import Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from aidtrack import cachefiles
from aidtrack.db import Store
from aidtrack.services import actors as actor_service
from aidtrack.services import analysis as analysis_service
from aidtrack.services import ledger
from aidtrack.services import report as report_service
from aidtrack.services.report import Report
from aidtrack.web import convert
from aidtrack.web.page_parts import page_policy

_CACHE: collections.OrderedDict[Hashable, Any] = collections.OrderedDict()
_LOCK = threading.Lock()
CACHE_SIZE = 256
F = TypeVar("F", bound=Callable[..., Any])


def ledger_state(store: Store) -> Hashable:
    """A fingerprint that changes whenever the ledger changes, whoever wrote to it.

    It is the ledger's version (:func:`aidtrack.services.analysis.ledger_version`: one
    query on primary keys) and today's date, read afresh for every request, so the pages,
    the API and their ``ETag`` always agree with the figures.
    """
    return (store.url, id(store.engine), dt.date.today(), analysis_service.ledger_version(store))


def memo(func: F) -> F:
    """Cache ``func(store, ...)`` until the ledger changes (results are shared: never mutate them)."""

    @functools.wraps(func)
    def wrapper(store: Store, *args: Any, **kwargs: Any) -> Any:
        key = (func.__name__, ledger_state(store), args, tuple(sorted(kwargs.items())))
        with _LOCK:
            if key in _CACHE:
                _CACHE.move_to_end(key)
                return _CACHE[key]
        value = func(store, *args, **kwargs)
        with _LOCK:
            _CACHE[key] = value
            while len(_CACHE) > CACHE_SIZE:
                _CACHE.popitem(last=False)
        return value

    return wrapper  # type: ignore[return-value]


@memo
def frames(store: Store) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The support frame (confirmed, current records) and the macro frame of the ledger."""
    return analysis_service.load_frames(store)


@memo
def ranking(
    store: Store,
    *,
    per: str | None = None,
    category: str | None = None,
    stage: str = "allocation",
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    return analysis_service.rank_donors(
        store=store,
        per=per,
        category=category,
        stage=stage,
        start=ledger.parse_date(start, field="start"),
        end=ledger.parse_date(end, field="end"),
    )


@memo
def comparison(
    store: Store,
    donor: str,
    *,
    peers: str = "G7",
    stage: str = "allocation",
    percentile: float = 50,
    as_of: str | None = None,
) -> dict[str, Any]:
    peer_list: str | list[str] = (
        peers if "," not in peers else [p.strip() for p in peers.split(",") if p.strip()]
    )
    result = analysis_service.compare_donors(
        actor_service.resolve_actor(donor),
        store=store,
        peers=peer_list,
        stage=stage,
        percentile=percentile,
        as_of=ledger.parse_date(as_of, field="as_of"),
    )
    return analysis_service.comparison_dict(result)


@memo
def donor_timeline(store: Store, donor: str, *, stage: str | None = None, freq: str = "M") -> dict[str, Any]:
    code = actor_service.resolve_actor(donor)
    table = analysis_service.donor_timeline(code, store=store, stage=stage, freq=freq)
    return {
        "donor": code,
        "freq": freq.upper(),
        "undated_eur": table.attrs.get("undated_eur", 0.0),
        "rows": convert.frame(table),
    }


@memo
def country_report(store: Store, donor: str, *, peers: str = "G7", as_of: str | None = None) -> Report:
    """The country report (figures, peers, step-up gap) with the routes, rules and signals sections."""
    return report_service.country_report(
        actor_service.resolve_actor(donor), peers=peers, as_of=as_of, store=store
    )


@memo
def overview(store: Store) -> dict[str, Any]:
    """Totals per stage and category, the ranking and the all-donor timeline for the front page."""
    data = frames(store)
    support = data[0]
    totals = support.groupby(["stage", support["category"].fillna("unspecified")])["amount_eur"].sum()
    table = analysis_service.rank_donors(frames=data, per="gdp") if not support.empty else pd.DataFrame()
    by_value = analysis_service.rank_donors(frames=data) if not support.empty else pd.DataFrame()
    timeline = (
        analysis_service.donor_timeline(None, frames=data, stage="allocation")
        if not support.empty
        else pd.DataFrame()
    )
    return {
        "records": int(support["records"].sum()) if not support.empty else 0,
        "donors": int(support["donor"].nunique()),
        "totals": {f"{s}/{c}": float(v) for (s, c), v in totals.items()},
        "stage_totals": {s: float(v) for s, v in support.groupby("stage")["amount_eur"].sum().items()},
        "ranking": table,
        "by_value": by_value,
        "timeline": timeline,
        "latest": convert.value(support["last_date"].max()) if not support.empty else None,
    }


@memo
def data_source(store: Store) -> str | None:
    """The dataset behind the figures, to cite under charts: the current Kiel release(s), if any."""
    return report_service.data_source(store)


# -- whole pages, as they go out ------------------------------------------------------

LEDGER_ETAG = "ledger_etag"
"""Key of the ledger's entity tag in a request's state (set by the app's ``LedgerETag`` middleware)."""
GZIP_FROM = 1000
PAGE_BUDGET = 64 * 2**20
"""Bytes of kept pages (plain and gzipped) this process holds at most; least recently used go first."""


@dataclass
class KeptPage:
    """One rendered page: its bytes, its policy, and (once a client asked) its gzipped bytes."""

    body: bytes
    policy: str
    packed: bytes | None = None

    @property
    def size(self) -> int:
        return len(self.body) + len(self.packed or b"")


_PAGES: collections.OrderedDict[Hashable, KeptPage] = collections.OrderedDict()


async def kept_page(request: Request, store: Store, key: Hashable, render: Callable[[], str]) -> Response:
    """The HTML of ``render()`` for the ledger's current version, rendered, hashed and gzipped once.

    ``key`` names everything the page depends on besides the ledger (route and parameters).
    The version is the entity tag the ``LedgerETag`` middleware read for this request
    (else it is read here), so a write shows on the next request. A kept page is sent
    from the event loop; rendering and compressing run in the thread pool.
    """
    etag = request.scope.get("state", {}).get(LEDGER_ETAG)
    if etag is None:
        etag = await run_in_threadpool(analysis_service.ledger_etag, store)
    page = _kept((key, etag))
    if page is None:
        page = await run_in_threadpool(_from_disk_or_rendered, store, (key, etag), render)
        _keep((key, etag), page)
    headers = {"Content-Security-Policy": page.policy}
    if len(page.body) < GZIP_FROM or not accepts_gzip(request.headers.get("accept-encoding", "")):
        return Response(page.body, media_type="text/html; charset=utf-8", headers=headers)
    if page.packed is None:
        page.packed = await run_in_threadpool(gzip.compress, page.body, compresslevel=9)
        _keep((key, etag), page)
    headers |= {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
    return Response(page.packed, media_type="text/html; charset=utf-8", headers=headers)


def _from_disk_or_rendered(store: Store, key: Hashable, render: Callable[[], str]) -> KeptPage:
    """The page another worker (process) kept on disk for this version, else ``render()`` kept there."""
    path = _disk_path(store, key)
    if path is not None:
        data = cachefiles.read_bytes(path)
        if data is not None:
            policy, _, body = data.partition(b"\n")
            return KeptPage(body, policy.decode("utf-8"))
    html = render()
    page = KeptPage(html.encode("utf-8"), page_policy(html))
    _write_page(path, page)
    return page


DISK_PAGES = 128
"""Pages kept in the user's cache folder (shared by the server's worker processes), newest first."""


def _disk_path(store: Store, key: Hashable) -> Path | None:
    """Where a page of ``key`` (which holds the ledger's entity tag) lives; None for in-memory ledgers."""
    if ledger.in_memory(store):
        return None
    return cachefiles.keyed_path("pages", repr(key), ".html")


def _write_page(path: Path | None, page: KeptPage) -> None:
    """Keep the page (the policy on the first line) for the other workers; the oldest go."""
    data = page.policy.encode("utf-8") + b"\n" + page.body
    cachefiles.keep(path, lambda partial: partial.write_bytes(data), most=DISK_PAGES)


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an ``Accept-Encoding`` header allows gzip (``gzip``, ``*``; not ``gzip;q=0``).

    >>> accepts_gzip("gzip, deflate, br"), accepts_gzip("gzip;q=0"), accepts_gzip("identity")
    (True, False, False)
    """
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() in ("gzip", "*"):
            quality = params.strip().removeprefix("q=")
            try:
                return not params.strip() or float(quality) > 0
            except ValueError:
                return False
    return False


def _kept(key: Hashable) -> KeptPage | None:
    with _LOCK:
        page = _PAGES.get(key)
        if page is not None:
            _PAGES.move_to_end(key)
        return page


def _keep(key: Hashable, page: KeptPage) -> None:
    with _LOCK:
        _PAGES[key] = page
        while sum(p.size for p in _PAGES.values()) > PAGE_BUDGET and len(_PAGES) > 1:
            _PAGES.popitem(last=False)
