"""The JSON API: ledger records, actors and the writes (each needs a bearer token).

Analysis, rules and extraction endpoints are in :mod:`aidtrack.web.api_analysis`.
Every handler is a thin call into :mod:`aidtrack.services`; errors become
``{"ok": false, "type": ..., "error": ...}`` in :mod:`aidtrack.web.app`.
"""

from __future__ import annotations

import collections
import datetime as dt
import gzip
import itertools
import threading
from collections.abc import Callable, Hashable, Iterator
from typing import Annotated, Any, Literal

import pydantic
from fastapi import APIRouter, Body, Path, Query, Request
from fastapi.responses import Response, StreamingResponse

from aidtrack.db import Store
from aidtrack.db.rows import RecordRow
from aidtrack.errors import NotFoundError
from aidtrack.services import analysis as analysis_service
from aidtrack.services import ledger
from aidtrack.services import review as review_service
from aidtrack.web import api_analysis, convert, review
from aidtrack.web.params import StoreDep, Text, UserDep, strict_body

router = APIRouter(prefix="/api")
router.include_router(api_analysis.router)

Limit = Annotated[int, Query(ge=1, le=1000, description="Page size (at most 1000).")]
Offset = Annotated[int, Query(ge=0, le=2**31 - 1, description="Rows to skip.")]
RecordId = Annotated[int, Path(ge=1, le=2**62, description="Record id.", examples=[1])]
ActorQ = Annotated[
    str | None,
    Query(max_length=200, description="A code or name: KOR, South Korea, Seoul.", examples=["KOR"]),
]
DateQ = Annotated[
    str | None, Query(max_length=20, description="YYYY-MM-DD (or YYYY-MM).", examples=["2023-01-01"])
]
CategoryQ = Annotated[
    str | None,
    Query(max_length=40, description="military, humanitarian or financial.", examples=["military"]),
]
StatusQ = Annotated[
    str | None, Query(max_length=20, description="confirmed, candidate or rejected.", examples=["confirmed"])
]


class Page(pydantic.BaseModel):
    """One page of records: ``items``, the ``total`` matching and the ``next_offset`` (or null)."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    next_offset: int | None


class Created(pydantic.BaseModel):
    ok: bool = True
    id: int
    by: str


class _Sourced(pydantic.BaseModel):
    """Fields every record added through the API carries: date, evidence, status and source."""

    date: dt.date | None = None
    evidence: str | None = pydantic.Field(None, max_length=20_000)
    status: str = pydantic.Field("confirmed", max_length=20)
    source_url: str | None = pydantic.Field(None, max_length=2000)
    source_title: str | None = pydantic.Field(None, max_length=2000)
    source_publisher: str | None = pydantic.Field(None, max_length=300)
    source_date: dt.date | None = None
    source_kind: Literal["dataset", "official", "news"] | None = None


class SupportIn(_Sourced):
    """A support record to add; actors may be names ("South Korea") or codes ("KOR")."""

    model_config = strict_body(
        {
            "donor": "South Korea",
            "stage": "allocation",
            "category": "humanitarian",
            "amount": 5000000,
            "currency": "USD",
            "date": "2024-02-01",
            "source_url": "https://example.org/source",
        }
    )
    donor: str = pydantic.Field(max_length=200)
    recipient: str = pydantic.Field("UKR", max_length=200)
    category: str | None = pydantic.Field(None, max_length=40)
    stage: str = pydantic.Field(max_length=40)
    subtype: str | None = pydantic.Field(None, max_length=200)
    amount: float | None = pydantic.Field(None, ge=0, allow_inf_nan=False)
    currency: str | None = pydantic.Field(None, max_length=3)
    via: str | None = pydantic.Field(None, max_length=200)


class EventIn(_Sourced):
    """A diplomatic event to add: appeal, refusal, threat, policy_change or sanction."""

    model_config = strict_body(
        {
            "type": "appeal",
            "actor": "UKR",
            "target": "KOR",
            "category": "military",
            "date": "2024-02-02",
            "summary": "Kyiv asks Seoul for artillery shells",
            "source_url": "https://example.org/appeal",
        }
    )
    type: str = pydantic.Field(max_length=40)
    actor: str = pydantic.Field(max_length=200)
    target: str | None = pydantic.Field(None, max_length=200)
    beneficiary: str | None = pydantic.Field(None, max_length=200)
    recipient: str | None = pydantic.Field(None, max_length=200)
    category: str | None = pydantic.Field(None, max_length=40)
    direction: str | None = pydantic.Field(None, max_length=20)
    consequence: str | None = pydantic.Field(None, max_length=2000)
    condition: str | None = pydantic.Field(None, max_length=2000)
    summary: str | None = pydantic.Field(None, max_length=5000)


class Review(pydantic.BaseModel):
    """A decision on a candidate: accept, reject, or edit fields and accept."""

    model_config = strict_body({"action": "edit", "changes": {"summary": "Kyiv asks Seoul for shells"}})
    action: Literal["accept", "reject", "edit"]
    table: Literal["events", "support"] = "events"
    changes: dict[str, str | float | int | None] = pydantic.Field(default_factory=dict, max_length=30)


# -- records ----------------------------------------------------------------------------


class _RecordQuery(pydantic.BaseModel):
    """The filters both record lists take: category, status, a date range and the page."""

    category: CategoryQ = None
    status: StatusQ = None
    start: DateQ = None
    end: DateQ = None
    limit: Limit = 100
    offset: Offset = 0


class SupportQuery(_RecordQuery):
    """Filters of the support list: donor, recipient and stage besides the common ones."""

    donor: ActorQ = None
    recipient: ActorQ = None
    stage: Text = None


class EventQuery(_RecordQuery):
    """Filters of the event list: type, actor and target besides the common ones."""

    type: Text = None
    actor: ActorQ = None
    target: ActorQ = None


@router.get("/support", response_model=Page, tags=["records"])
def list_support(request: Request, store: StoreDep, query: Annotated[SupportQuery, Query()]) -> Response:
    """Support records, newest first. Actors may be names or codes; dates YYYY-MM-DD.

    The answer carries the ledger's ``ETag``: send it back as ``If-None-Match`` to get 304
    while the ledger is unchanged."""
    where = ledger.support_filter(**query.model_dump())
    return _page("support", where, store=store, request=request)


@router.get("/events", response_model=Page, tags=["records"])
def list_events(request: Request, store: StoreDep, query: Annotated[EventQuery, Query()]) -> Response:
    """Diplomatic events (appeals, refusals, threats, policy changes, sanctions), newest first."""
    where = ledger.event_filter(**query.model_dump())
    return _page("events", where, store=store, request=request)


class PageCache:
    """Encoded list pages of the current ledger version, least recently used dropped first.

    A page is keyed by its table, its filter and the ledger's entity tag, so any write,
    import or review decision makes every kept page unreachable (never a stale answer).
    At most ``budget`` bytes are kept in this process; a page larger than an eighth of
    that is streamed but not kept.
    """

    def __init__(self, budget: int = 64 * 2**20) -> None:
        self.budget = budget
        self.size = 0
        self._pages: collections.OrderedDict[Hashable, bytes] = collections.OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: Hashable, page: bytes) -> None:
        if len(page) > self.budget // 8:
            return
        with self._lock:
            self.size += len(page) - len(self._pages.pop(key, b""))
            self._pages[key] = page
            while self.size > self.budget:
                self.size -= len(self._pages.popitem(last=False)[1])

    def keeping(self, key: Hashable, pieces: Iterator[bytes]) -> Iterator[bytes]:
        """``pieces`` passed on as they come; the whole page is kept once the last one is sent."""
        sent = []
        for piece in pieces:
            sent.append(piece)
            yield piece
        self.put(key, b"".join(sent))


PAGES = PageCache()


def versioned_json(request: Request, store: Store, key: Hashable, build: Callable[[], Any]) -> Response:
    """The JSON of ``build()`` for the ledger's current version, with its ``ETag``.

    304 when the client sent that tag in ``If-None-Match``; else the encoded answer kept in
    :data:`PAGES` under ``key`` and the version, built and encoded only on the first request
    after a change. ``key`` must name everything the answer depends on besides the ledger
    (the route and its parameters).
    """
    etag, headers = _etag(store)
    if analysis_service.etag_matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    full_key = (key, etag)
    body = PAGES.get(full_key)
    if body is None:
        body = convert.json_bytes(build())
        PAGES.put(full_key, body)
    return _kept(request, full_key, body, headers)


GZIP_FROM = 1000
"""Kept answers at least this long are also kept gzipped, for clients that accept it."""


def _kept(request: Request, key: Hashable, body: bytes, headers: dict[str, str]) -> Response:
    """A kept answer: gzipped once (then kept too) when the client accepts gzip, so a popular
    page is not compressed again for every request."""
    if len(body) < GZIP_FROM or not _accepts_gzip(request.headers.get("accept-encoding", "")):
        return Response(body, media_type="application/json", headers=headers)
    packed = PAGES.get((key, "gzip"))
    if packed is None:
        packed = gzip.compress(body, compresslevel=6)
        PAGES.put((key, "gzip"), packed)
    return Response(
        packed,
        media_type="application/json",
        headers={**headers, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"},
    )


def _accepts_gzip(accept_encoding: str) -> bool:
    """Whether an ``Accept-Encoding`` header allows gzip (``gzip``, ``*``; not ``gzip;q=0``)."""
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        if name.strip() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _etag(store: Store) -> tuple[str, dict[str, str]]:
    """The ledger's entity tag and the headers that carry it (clients revalidate every time)."""
    etag = analysis_service.ledger_etag(store)
    return etag, {"ETag": etag, "Cache-Control": "no-cache"}


def _page(table: str, where: Any, *, store: Store, request: Request) -> Response:
    """A :class:`Page` with the ledger's ``ETag`` (304 when the client has it already).

    A page not kept in :data:`PAGES` is written as the rows come from the database cursor,
    a chunk at a time (no model per row, no second validation); the count and the first
    chunk are read before the answer starts, so a database fault is still a 503.
    """
    etag, headers = _etag(store)
    if analysis_service.etag_matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    key = (table, where, etag)
    kept = PAGES.get(key)
    if kept is not None:
        return _kept(request, key, kept, headers)
    total = store.count(table, where)
    chunks = ledger.stream_records(table, where, store=store)
    first = next(chunks, [])
    body = _page_body(first, chunks, total=total, limit=where.limit, offset=where.offset)
    return StreamingResponse(PAGES.keeping(key, body), media_type="application/json", headers=headers)


def _page_body(
    first: list[RecordRow],
    chunks: Iterator[list[RecordRow]],
    *,
    total: int,
    limit: int,
    offset: int,
) -> Iterator[bytes]:
    """``{"items": [...], "total", "limit", "offset", "next_offset"}`` as UTF-8 pieces."""
    yield b'{"items":['
    sent = 0
    for rows in itertools.chain([first], chunks):
        if rows:
            yield (b"," if sent else b"") + convert.json_bytes(rows)[1:-1]
            sent += len(rows)
    following = offset + sent
    tail = {
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": following if following < total and sent else None,
    }
    yield b"]," + convert.json_bytes(tail)[1:]


@router.get("/support/{record_id}", tags=["records"])
def get_support(record_id: RecordId, store: StoreDep) -> dict[str, Any]:
    """One support record with its source (404 if there is none)."""
    return convert.row(store.get("support", record_id))


@router.get("/events/{record_id}", tags=["records"])
def get_event(record_id: RecordId, store: StoreDep) -> dict[str, Any]:
    """One event with its source (404 if there is none)."""
    return convert.row(store.get("events", record_id))


# -- actors -----------------------------------------------------------------------------


@router.get("/actors", tags=["actors"])
def list_actors(kind: Literal["country", "organisation"] | None = None) -> list[dict[str, str]]:
    """Every known country and organisation: code, name, kind."""
    return ledger.list_actors(kind=kind)


@router.get("/actors/resolve", tags=["actors"])
def resolve_actor(
    name: Annotated[str, Query(min_length=1, max_length=200, examples=["Republic of Korea"])],
    date: DateQ = None,
) -> dict[str, str]:
    """The code for a name ("Seoul", "Republic of Korea" -> KOR); 400 with suggestions if unknown."""
    code = ledger.resolve(name, on=ledger.parse_date(date))
    if code is None:
        raise NotFoundError(f'No actor for "{name}"; give a name or code such as KOR.')
    return {"name": name, "code": code, "label": ledger.actor_name(code)}


@router.get("/groups/{group}/members", tags=["actors"])
def group_members(
    group: Annotated[str, Path(max_length=100, examples=["NATO"])], store: StoreDep, date: DateQ = None
) -> dict[str, Any]:
    """Members of a group (NATO, EU, G7, OECD ...) on ``date`` (default today)."""
    on = ledger.parse_date(date) or dt.date.today()
    members = ledger.group_members(group, on=on, store=store)
    return {"group": ledger.resolve(group), "date": on.isoformat(), "members": members}


# -- writes -----------------------------------------------------------------------------


@router.post("/support", status_code=201, response_model=Created, tags=["writes"])
def add_support(body: SupportIn, user: UserDep, store: StoreDep) -> Created:
    """Add a support record (token needed)."""
    new_id = ledger.add_support(body.model_dump(mode="json", exclude_none=True), store=store, by=user)
    return Created(id=new_id, by=user)


@router.post("/events", status_code=201, response_model=Created, tags=["writes"])
def add_event(body: EventIn, user: UserDep, store: StoreDep) -> Created:
    """Add a diplomatic event (token needed)."""
    new_id = ledger.add_event(body.model_dump(mode="json", exclude_none=True), store=store, by=user)
    return Created(id=new_id, by=user)


Changes = Annotated[
    dict[str, str | float | int | bool | None],
    pydantic.Field(max_length=30),
    Body(examples=[{"category": "financial"}]),
]


@router.patch("/support/{record_id}", tags=["writes"])
def edit_support(record_id: RecordId, changes: Changes, user: UserDep, store: StoreDep) -> dict[str, Any]:
    """Change fields of a support record (token needed); the old values go to the audit trail."""
    return convert.row(ledger.edit_record("support", record_id, changes, store=store, by=user))


@router.patch("/events/{record_id}", tags=["writes"])
def edit_event(record_id: RecordId, changes: Changes, user: UserDep, store: StoreDep) -> dict[str, Any]:
    """Change fields of an event (token needed)."""
    return convert.row(ledger.edit_record("events", record_id, changes, store=store, by=user))


@router.get("/review", tags=["review"], response_model=dict[str, Any])
def review_queue(
    request: Request,
    store: StoreDep,
    sort: Literal["created", "confidence"] = "created",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> Response:
    """Candidates waiting for review (each with ``ref``, ``confidence`` and ``corroborations``), oldest
    first or most confident first, and the links of news articles to existing records."""
    return versioned_json(
        request,
        store,
        ("review", sort, limit),
        lambda: {
            "items": review_service.candidates(store=store, limit=limit, sort=sort),
            "links": review_service.links(store=store, limit=limit),
        },
    )


@router.post("/review/links/{link_id}/undo", tags=["writes"])
def undo_link(link_id: RecordId, user: UserDep, store: StoreDep) -> dict[str, Any]:
    """Undo a link of a news article to an existing record: it becomes a candidate (token needed)."""
    return convert.row(review_service.undo_link(link_id, store=store, by=user))


@router.post("/review/{event_id}", tags=["writes"])
def review_event(event_id: RecordId, body: Review, user: UserDep, store: StoreDep) -> dict[str, Any]:
    """Accept, reject or edit-and-accept a candidate (an event, or support with table=support; token needed)."""
    row = review.decide(body.table, event_id, body.action, body.changes, store=store, by=user)
    return convert.row(row)
