"""Feeds, watchlists and the digest: JSON API and the /digest page.

``/api/feeds`` lists news feeds (open; poll errors only for token holders) and adds
and removes them (with a bearer token); ``/api/watch`` is the token holder's own
watchlist (named after the token's user, the same list as ``aidtrack watch --list
NAME``); ``/api/digest`` returns the digest as JSON (the caller's watchlist when a
token is sent and no country is named); ``/digest`` shows it as a page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

import pydantic
from fastapi import APIRouter, Depends, Path, Query, Request, Security
from fastapi.responses import HTMLResponse
from fastapi.security import HTTPAuthorizationCredentials

from aidtrack.errors import AidtrackError, NotFoundError
from aidtrack.services import digest as digest_service
from aidtrack.services import feeds as feeds_service
from aidtrack.web.auth import bearer, get_store, token_user
from aidtrack.web.pages import render
from aidtrack.web.params import StoreDep, UserDep, strict_body

router = APIRouter()
DateQ = Annotated[str | None, Query(max_length=20, description="YYYY-MM-DD.", examples=["2024-01-01"])]
CountriesQ = Annotated[
    list[str] | None,
    Query(
        max_length=50,
        description="Country codes or names (repeatable); default: the watchlist.",
        examples=[["KOR"]],
    ),
]
ListQ = Annotated[str, Query(min_length=1, max_length=60, description="Watchlist name.")]
OptionalListQ = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=60,
        description="Watchlist name; default: the token holder's, else `default`.",
    ),
]


def optional_user(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]
) -> str | None:
    """The token's user when a token is sent (an unknown token is refused with 401), else None."""
    return token_user(credentials.credentials, get_store(request)) if credentials else None


MaybeUserDep = Annotated[str | None, Depends(optional_user)]


class FeedIn(pydantic.BaseModel):
    """A feed to add: its address and, optionally, a name to show."""

    model_config = strict_body({"url": "https://example.org/world/rss.xml", "name": "World desk"})
    url: str = pydantic.Field(min_length=1, max_length=2000)
    name: str | None = pydantic.Field(None, max_length=300)
    tags: list[str] = pydantic.Field(default_factory=list, max_length=20)


class Feed(pydantic.BaseModel):
    """A feed with the outcome of its last poll."""

    id: int
    url: str
    name: str | None = None
    added: Any = None
    added_by: str | None = None
    tags: list[str] = []
    polled: Any = None
    status: str | None = None
    error: str | None = None
    items: int = 0
    events: int = 0


def _feed(row: Mapping[str, Any], *, errors: bool = True) -> Feed:
    fields: dict[str, Any] = {k: row.get(k) for k in Feed.model_fields if k in row}
    feed = Feed(**fields)
    return feed if errors else feed.model_copy(update={"error": None})


@router.get("/api/feeds", response_model=list[Feed], tags=["feeds"])
def list_feeds(
    user: MaybeUserDep,
    store: StoreDep,
    tag: Annotated[
        list[str] | None, Query(max_length=20, description="Only feeds with one of these tags (repeatable).")
    ] = None,
) -> list[Feed]:
    """The news feeds polled into the review queue; the last poll's error only with a token."""
    return [
        _feed(row, errors=user is not None) for row in feeds_service.list_feeds(tags=tag or [], store=store)
    ]


@router.post("/api/feeds", status_code=201, response_model=Feed, tags=["feeds", "writes"])
def add_feed(body: FeedIn, user: UserDep, store: StoreDep) -> Feed:
    """Add an RSS or Atom feed or a sitemap; it is read at the next poll."""
    return _feed(feeds_service.add_feed(body.url, name=body.name, tags=body.tags, store=store, by=user))


@router.delete("/api/feeds/{feed_id}", response_model=Feed, tags=["feeds", "writes"])
def remove_feed(feed_id: Annotated[int, Path(ge=1, le=2**62)], user: UserDep, store: StoreDep) -> Feed:
    """Remove a feed; the candidates it proposed stay in the review queue."""
    return _feed(feeds_service.remove_feed(feed_id, store=store, by=user))


class WatchIn(pydantic.BaseModel):
    """Countries to follow (codes or names) and, optionally, the only types to show for them."""

    model_config = strict_body({"countries": ["KOR"], "types": ["appeal", "threat", "policy_change"]})
    countries: list[str] = pydantic.Field(min_length=1, max_length=50)
    types: list[str] = pydantic.Field(default_factory=list, max_length=10)


class Watched(pydantic.BaseModel):
    """A followed country on the token holder's watchlist."""

    watchlist: str
    code: str
    name: str
    types: list[str]
    added: Any = None
    added_by: str | None = None


@router.get("/api/watch", response_model=list[Watched], tags=["feeds"])
def my_watchlist(user: UserDep, store: StoreDep) -> list[Watched]:
    """The countries the token holder follows (their own watchlist, named after them)."""
    return [Watched(**row) for row in digest_service.watched(watchlist=user, store=store)]


@router.post("/api/watch", response_model=list[Watched], tags=["feeds", "writes"])
def watch(body: WatchIn, user: UserDep, store: StoreDep) -> list[Watched]:
    """Follow countries on the token holder's watchlist (new types replace old ones); returns the list."""
    digest_service.watch(body.countries, types=body.types, watchlist=user, store=store, by=user)
    return my_watchlist(user, store)


@router.delete("/api/watch/{country}", response_model=list[Watched], tags=["feeds", "writes"])
def unwatch(
    country: Annotated[str, Path(min_length=1, max_length=100)], user: UserDep, store: StoreDep
) -> list[Watched]:
    """Stop following a country; 404 when it was not on the token holder's watchlist."""
    if not digest_service.unwatch([country], watchlist=user, store=store, by=user):
        raise NotFoundError(f'"{country}" is not on your watchlist; see GET /api/watch.')
    return my_watchlist(user, store)


@router.get("/api/digest", tags=["feeds"])
def digest_json(
    since: Annotated[
        str,
        Query(
            min_length=2,
            max_length=20,
            description="YYYY-MM-DD, or a span back from today such as 7d or 2w.",
            examples=["2024-01-01"],
        ),
    ],
    store: StoreDep,
    user: MaybeUserDep,
    until: DateQ = None,
    country: CountriesQ = None,
    watchlist: OptionalListQ = None,
) -> dict[str, Any]:
    """What is new or changed from ``since`` to ``until`` for the countries named, else those watched
    (the token holder's watchlist when a token is sent)."""
    chosen = watchlist or user or digest_service.DEFAULT_LIST
    digest = digest_service.build_digest(
        since=since, until=until, countries=country or [], watchlist=chosen, store=store
    )
    return dict(digest)


@router.get("/digest", response_class=HTMLResponse, include_in_schema=False)
def digest_page(
    store: StoreDep,
    since: DateQ = None,
    until: DateQ = None,
    country: CountriesQ = None,
    watchlist: ListQ = digest_service.DEFAULT_LIST,
) -> HTMLResponse:
    """The digest as a page, with a form to choose the period and the countries."""
    form = {
        "since": since or "",
        "until": until or "",
        "country": " ".join(country or []),
        "watchlist": watchlist,
    }
    watched = digest_service.watched(watchlist=watchlist, store=store)
    if not since:
        return render("digest.html", title="Digest", form=form, digest=None, watched=watched, message=None)
    codes = [c for value in country or [] for c in value.replace(",", " ").split()]
    try:
        data = digest_service.build_digest(
            since=since, until=until, countries=codes, watchlist=watchlist, store=store
        )
    except AidtrackError as ex:
        return render(
            "digest.html", 422, title="Digest", form=form, digest=None, watched=watched, message=str(ex)
        )
    return render(
        "digest.html",
        title="Digest",
        form=form,
        digest=data,
        watched=watched,
        message=None,
        fragment=digest_service.render_fragment(data),
    )
