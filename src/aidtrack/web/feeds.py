"""Feeds, watchlists and the digest: JSON API and the /digest page.

``/api/feeds`` lists, adds and removes news feeds (each call needs a bearer token,
since feed addresses and poll errors are the operator's business); ``/api/digest``
returns the digest as JSON; ``/digest`` shows it as a page.
"""

from __future__ import annotations

from typing import Annotated, Any

import pydantic
from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import HTMLResponse

from aidtrack.db import Store
from aidtrack.errors import AidtrackError
from aidtrack.services import digest as digest_service
from aidtrack.services import feeds as feeds_service
from aidtrack.web.auth import get_store, require_token
from aidtrack.web.pages import render

router = APIRouter()
StoreDep = Annotated[Store, Depends(get_store)]
UserDep = Annotated[str, Depends(require_token)]
DateQ = Annotated[str | None, Query(max_length=20, description="YYYY-MM-DD.", examples=["2024-01-01"])]
CountriesQ = Annotated[list[str] | None, Query(max_length=50, description="Country codes or names (repeatable); "
                                               "default: the watchlist.", examples=[["KOR"]])]
ListQ = Annotated[str, Query(min_length=1, max_length=60, description="Watchlist name.")]


class FeedIn(pydantic.BaseModel):
    """A feed to add: its address and, optionally, a name to show."""

    model_config = pydantic.ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"url": "https://example.org/world/rss.xml", "name": "World desk"}]})
    url: str = pydantic.Field(min_length=1, max_length=2000)
    name: str | None = pydantic.Field(None, max_length=300)


class Feed(pydantic.BaseModel):
    """A feed with the outcome of its last poll."""

    id: int
    url: str
    name: str | None = None
    added: Any = None
    added_by: str | None = None
    polled: Any = None
    status: str | None = None
    error: str | None = None
    items: int = 0
    events: int = 0


def _feed(row: dict[str, Any]) -> Feed:
    return Feed(**{k: row.get(k) for k in Feed.model_fields if k in row})


@router.get("/api/feeds", response_model=list[Feed], tags=["feeds"])
def list_feeds(user: UserDep, store: StoreDep) -> list[Feed]:
    """The news feeds polled into the review queue (needs a token)."""
    return [_feed(row) for row in feeds_service.list_feeds(store=store)]


@router.post("/api/feeds", status_code=201, response_model=Feed, tags=["feeds", "writes"])
def add_feed(body: FeedIn, user: UserDep, store: StoreDep) -> Feed:
    """Add an RSS or Atom feed; it is read at the next poll."""
    return _feed(feeds_service.add_feed(body.url, name=body.name, store=store, by=user))


@router.delete("/api/feeds/{feed_id}", response_model=Feed, tags=["feeds", "writes"])
def remove_feed(feed_id: Annotated[int, Path(ge=1, le=2**62)], user: UserDep, store: StoreDep) -> Feed:
    """Remove a feed; the candidates it proposed stay in the review queue."""
    return _feed(feeds_service.remove_feed(feed_id, store=store, by=user))


@router.get("/api/digest", tags=["feeds"])
def digest_json(since: Annotated[str, Query(min_length=7, max_length=20, description="YYYY-MM-DD.",
                                            examples=["2024-01-01"])],
                store: StoreDep, until: DateQ = None, country: CountriesQ = None,
                watchlist: ListQ = digest_service.DEFAULT_LIST) -> dict[str, Any]:
    """Support given and diplomatic events dated ``since``..``until`` for the countries named (or watched)."""
    return digest_service.build_digest(since=since, until=until, countries=country or [], watchlist=watchlist,
                                       store=store)


@router.get("/digest", response_class=HTMLResponse, include_in_schema=False)
def digest_page(store: StoreDep, since: DateQ = None, until: DateQ = None, country: CountriesQ = None,
                watchlist: ListQ = digest_service.DEFAULT_LIST) -> HTMLResponse:
    """The digest as a page, with a form to choose the period and the countries."""
    form = {"since": since or "", "until": until or "", "country": " ".join(country or []), "watchlist": watchlist}
    watched = digest_service.watched(watchlist=watchlist, store=store)
    if not since:
        return render("digest.html", title="Digest", form=form, digest=None, watched=watched, message=None)
    codes = [c for value in country or [] for c in value.replace(",", " ").split()]
    try:
        data = digest_service.build_digest(since=since, until=until, countries=codes, watchlist=watchlist,
                                           store=store)
    except AidtrackError as ex:
        return render("digest.html", 422, title="Digest", form=form, digest=None, watched=watched, message=str(ex))
    return render("digest.html", title="Digest", form=form, digest=data, watched=watched, message=None,
                  fragment=digest_service.render_fragment(data))
