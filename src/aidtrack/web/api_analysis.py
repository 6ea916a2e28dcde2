"""The JSON API for analysis (rank, compare, timeline), export rules and news extraction."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import pydantic
from fastapi import APIRouter, Path, Query, Request, Response

from aidtrack.db import Store
from aidtrack.models import CategoryName, StageName
from aidtrack.services import analysis as analysis_service
from aidtrack.services import extraction, ledger
from aidtrack.services import rules as rules_service
from aidtrack.services.actors import resolve_actor
from aidtrack.web import cache, convert, review
from aidtrack.web.auth import get_store, token_user
from aidtrack.web.params import StoreDep, strict_body

router = APIRouter()
Actor = Annotated[
    str, Path(min_length=1, max_length=100, description="A code or name, e.g. KOR.", examples=["KOR"])
]
DateQ = Annotated[str | None, Query(max_length=20, description="YYYY-MM-DD.", examples=["2023-06-01"])]
MAX_TEXT = 200_000


class TransferIn(pydantic.BaseModel):
    """A proposed transfer: ``origin`` ships ``item`` to ``recipient`` through ``via``."""

    model_config = strict_body(
        {
            "origin": "KOR",
            "recipient": "UKR",
            "item": "ammunition",
            "via": ["USA"],
            "on": "2024-01-10",
        }
    )
    origin: str = pydantic.Field(min_length=1, max_length=100, examples=["KOR"])
    recipient: str = pydantic.Field("UKR", min_length=1, max_length=100)
    item: str = pydantic.Field(min_length=1, max_length=100, examples=["ammunition"])
    via: list[Annotated[str, pydantic.Field(min_length=1, max_length=100)]] = pydantic.Field(
        default_factory=list, max_length=5
    )
    manufacturer: str | None = pydantic.Field(None, max_length=100)
    equipment: str | None = pydantic.Field(None, max_length=100, examples=["leopard_2"])
    on: dt.date | None = None


class ArticleIn(pydantic.BaseModel):
    """A news article: its text (title on the first line, or given as ``title``)."""

    model_config = strict_body(
        {
            "text": "Kyiv urges Seoul\n\nKyiv urged South Korea to send artillery shells.",
            "url": "https://example.org/news",
            "published": "2024-05-02",
        }
    )
    text: str = pydantic.Field(min_length=1, max_length=MAX_TEXT)
    title: str | None = pydantic.Field(None, max_length=1000)
    url: str | None = pydantic.Field(None, max_length=2000)
    published: dt.date | None = None


# -- analysis ---------------------------------------------------------------------------


def _versioned(request: Request, store: Store, key: tuple[Any, ...], build: Any) -> Response:
    """The answer of ``build()`` kept per ledger version, with its ETag (304 while unchanged)."""
    from aidtrack.web.api import versioned_json  # api imports this module's router

    return versioned_json(request, store, key, build)


@router.get("/rank", tags=["analysis"])
def rank(
    request: Request,
    store: StoreDep,
    per: Literal["gdp", "capita"] | None = None,
    category: CategoryName | None = None,
    stage: StageName = "allocation",
    start: DateQ = None,
    end: DateQ = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> Response:
    """Donors ranked by support in EUR, as % of GDP (``per=gdp``) or per capita."""

    def build() -> dict[str, Any]:
        table = cache.ranking(store, per=per, category=category, stage=stage, start=start, end=end)
        return {
            "per": per,
            "stage": stage,
            "category": category,
            "total": len(table),
            "items": convert.frame(table.head(limit)),
        }

    return _versioned(request, store, ("rank", per, category, stage, start, end, limit), build)


@router.get("/compare/{donor}", tags=["analysis"])
def compare(
    request: Request,
    donor: Actor,
    store: StoreDep,
    peers: Annotated[str, Query(min_length=1, max_length=300, examples=["G7", "JPN,DEU"])] = "G7",
    stage: StageName = "allocation",
    percentile: Annotated[float, Query(ge=0, le=100)] = 50,
    as_of: DateQ = None,
) -> Response:
    """A donor against peers (a group such as G7/NATO/EU or codes "JPN,DEU") with the step-up gap."""
    return _versioned(
        request,
        store,
        ("compare", donor, peers, stage, percentile, as_of),
        lambda: cache.comparison(store, donor, peers=peers, stage=stage, percentile=percentile, as_of=as_of),
    )


@router.get("/timeline/{donor}", tags=["analysis"])
def timeline(
    request: Request,
    donor: Actor,
    store: StoreDep,
    stage: StageName | None = None,
    freq: Literal["M", "Q", "Y"] = "M",
) -> Response:
    """A donor's support per month (quarter, year) and cumulative, by stage and category."""
    return _versioned(
        request,
        store,
        ("timeline", donor, stage, freq),
        lambda: cache.donor_timeline(store, donor, stage=stage, freq=freq),
    )


@router.get("/report/{donor}", tags=["analysis"])
def report(
    donor: Actor,
    store: StoreDep,
    peers: Annotated[str, Query(min_length=1, max_length=300, examples=["G7"])] = "G7",
    as_of: DateQ = None,
) -> dict[str, Any]:
    """The country report behind /country/{donor}: headline figures, categories, peers, step-up gap,
    timeline, routes, rules and signals, with sources."""
    found = cache.country_report(store, donor, peers=peers, as_of=as_of)
    return convert.value(analysis_service.report_dict(found))  # type: ignore[no-any-return]


# -- rules ------------------------------------------------------------------------------


@router.get("/rules/changes", tags=["rules"])
def rule_changes(
    since: Annotated[str, Query(max_length=20, examples=["2023-01-01"])] = "2022-01-01",
    until: DateQ = None,
    country: Annotated[str | None, Query(max_length=100, examples=["DEU"])] = None,
) -> dict[str, Any]:
    """Rules adopted, ended or pending between ``since`` and ``until``: who loosened or tightened what."""
    start = ledger.parse_date(since, field="since") or dt.date(2022, 1, 1)
    code = resolve_actor(country) if country else None
    found = rules_service.rule_changes(
        since=start, until=ledger.parse_date(until, field="until"), country=code
    )
    return {"since": start.isoformat(), "country": code, "items": [c.to_dict() for c in found]}


@router.get("/rules/{country}", tags=["rules"])
def rules_in_force(country: Actor, as_of: DateQ = None) -> dict[str, Any]:
    """The export rules binding a country on ``as_of`` (default today), with their sources."""
    code = resolve_actor(country)
    on = ledger.parse_date(as_of, field="as_of") or dt.date.today()
    found = rules_service.rules_in_force(code, on=on)
    return {"country": code, "as_of": on.isoformat(), "items": [convert.value(r.model_dump()) for r in found]}


@router.post("/check-transfer", tags=["rules"])
def check_transfer(body: TransferIn) -> dict[str, Any]:
    """Judge a transfer route hop by hop against the rules in force (read-only: no token)."""
    result = rules_service.check_route(
        resolve_actor(body.origin),
        resolve_actor(body.recipient),
        body.item,
        via=tuple(resolve_actor(v) for v in body.via),
        manufacturer=resolve_actor(body.manufacturer) if body.manufacturer else None,
        on=body.on,
        equipment=body.equipment,
    )
    return dict(result.to_dict())


# -- extraction -------------------------------------------------------------------------


@router.post("/extract", tags=["extraction"])
def extract_article(
    body: ArticleIn,
    request: Request,
    store: Annotated[
        bool, Query(description="Also store the events as candidates for review (token needed).")
    ] = False,
) -> dict[str, Any]:
    """Events reported by an article (appeals, refusals, threats, ...), each with its evidence."""
    user = token_user(_bearer(request), get_store(request)) if store else None
    document = extract_document(body)
    if user is not None:
        document["stored"] = review.store_extracted(document, store=get_store(request), by=user)
    return document


def extract_document(body: ArticleIn) -> dict[str, Any]:
    text = body.text if body.title is None else f"{body.title}\n\n{body.text}"
    document = extraction.extract_text(text, name="api", url=body.url, published=body.published)
    return convert.value(document)  # type: ignore[no-any-return]


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None
