"""The dashboard: server-rendered pages (Jinja2, autoescaped) over the same services as the API."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from aidtrack.db import Store
from aidtrack.errors import AidtrackError
from aidtrack.services import analysis as analysis_service
from aidtrack.services import ledger
from aidtrack.services import rules as rules_service
from aidtrack.services.analysis import eur, pct
from aidtrack.services.rules import resolve_country
from aidtrack.web import convert, review, views
from aidtrack.web.api_analysis import ArticleIn, extract_document
from aidtrack.web.auth import COOKIE, get_store, token_user
from aidtrack.web.status import status_of

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(get_store)]
Text = Annotated[str | None, Query(max_length=200)]
TEMPLATES = Path(__file__).parent / "templates"
PAGE = 50

env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
env.filters["eur"] = eur
env.filters["pct"] = pct
env.globals["actor_name"] = lambda code: ledger.actor_name(code) if code else ""


def render(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page from ``templates/name`` (every value escaped unless it is Markup we built)."""
    html = env.get_template(name).render(**context)
    return HTMLResponse(html, status_code=status_code)


def error_page(request: Request, status_code: int, kind: str, message: str) -> HTMLResponse:
    return render("error.html", status_code, title="Error", kind=kind, message=message)


def _charts(**figures: Any) -> dict[str, Markup]:
    return {name: Markup(views.figure(fig, name)) for name, fig in figures.items() if fig is not None}


# -- overview ---------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def overview(store: StoreDep) -> HTMLResponse:
    return render("overview.html", title="Overview", **_overview(store))


@views.memo
def _overview(store: Store) -> dict[str, Any]:
    data = views.overview(store)
    figures: dict[str, Any] = {}
    if data["records"]:
        figures["ranking"] = analysis_service.plot_ranking(data["ranking"], measure="pct_gdp", top=25,
                                                           title="Donors ranked by allocations as % of GDP")
        figures["timeline"] = analysis_service.plot_timeline(data["timeline"],
                                                             title="Allocations over time, all donors")
    donors = convert.frame(data["by_value"]) if data["records"] else []
    return {"data": data, "donors": donors, "charts": _charts(**figures)}


# -- country ----------------------------------------------------------------------------

@router.get("/country")
def find_country(code: Annotated[str, Query(min_length=1, max_length=200)]) -> RedirectResponse:
    """The search box: a name or code typed by a user, to that country's page."""
    return RedirectResponse(f"/country/{views.donor_code(code)}", status_code=303)


@router.get("/country/{code}", response_class=HTMLResponse)
def country(code: str, store: StoreDep, peers: Text = "G7", as_of: Text = None) -> HTMLResponse:
    context = _country(store, views.donor_code(code), peers=peers or "G7", as_of=as_of)
    return render("country.html", title=context["report"].name, **context)


@views.memo
def _country(store: Store, code: str, *, peers: str, as_of: str | None) -> dict[str, Any]:
    report = views.country_report(store, code, peers=peers, as_of=as_of)
    c = report.comparison
    figures: dict[str, Any] = {"timeline": analysis_service.plot_timeline(
        report.timeline, title=f"{report.name}: cumulative support by category and stage")}
    if c is not None:
        figures["peers"] = analysis_service.plot_peer_comparison(
            c.values, line=float(c.row("total")["peer_pct_gdp"]),
            title=f"{report.name} and peers ({report.peers}): {c.stage} as % of GDP")
    return {"report": report, "as_of": ledger.parse_date(as_of, field="as_of") or dt.date.today(),
            "comparison": convert.frame(c.table) if c is not None else [],
            "categories": convert.frame(report.categories), "charts": _charts(**figures),
            "events": _events(store, report.donor)}


def _events(store: Store, code: str) -> list[dict[str, Any]]:
    """Confirmed ledger events (signals register, reviewed news) by or aimed at ``code``, newest first."""
    found = {r["id"]: r for role in ("actor", "target") for r in ledger.list_records(
        "events", ledger.event_filter(**{role: code}, status="confirmed", limit=40), store=store)}
    return sorted(found.values(), key=lambda r: (r["date"] or dt.date.min, r["id"]), reverse=True)[:40]


# -- compare ----------------------------------------------------------------------------

@router.get("/compare", response_class=HTMLResponse)
def compare(store: StoreDep, donor: Text = "KOR", peers: Text = "G7",
            stage: Text = "allocation") -> HTMLResponse:
    result = views.comparison(store, donor or "KOR", peers=peers or "G7", stage=stage or "allocation")
    return render("compare.html", title=f"Compare {result['name']}", result=result,
                  peers=peers or "G7", stage=stage or "allocation")


# -- events -----------------------------------------------------------------------------

@router.get("/events", response_class=HTMLResponse)
def events(store: StoreDep, type: Text = None, actor: Text = None, status: Text = "confirmed",
           offset: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0) -> HTMLResponse:
    where = ledger.event_filter(type=type or None, actor=actor or None, status=status or None,
                                limit=PAGE, offset=offset)
    rows = ledger.list_records("events", where, store=store)
    total = store.count("events", where)
    return render("events.html", title="Events", rows=rows, total=total, offset=offset, page=PAGE,
                  filters={"type": type or "", "actor": actor or "", "status": status or ""})


# -- review -----------------------------------------------------------------------------

@router.get("/review", response_class=HTMLResponse)
def review_queue(request: Request, store: StoreDep, done: Text = None) -> HTMLResponse:
    return _review_page(request, store, done=done)


def _review_page(request: Request, store: Store, *, done: str | None = None, error: str | None = None,
                 status_code: int = 200, article: dict[str, Any] | None = None) -> HTMLResponse:
    rows, total = review.candidates(store=store, limit=PAGE)
    items = [{**_BLANK, **r, "parts": convert.highlight(None, None, None, r.get("evidence"))} for r in rows]
    return render("review.html", status_code, title="Review queue", items=items, total=total, done=done,
                  error=error, has_token=bool(request.cookies.get(COOKIE)), article=article)


_BLANK = dict.fromkeys(("type", "actor", "target", "summary", "confidence", "donor", "recipient", "amount",
                         "currency", "stage", "category", "source_url", "source_title", "evidence"))


def _user(request: Request, store: Store, token: str) -> str:
    return token_user(token.strip() or request.cookies.get(COOKIE), store)


def _remember(response: Response, token: str) -> Response:
    if token.strip():
        response.set_cookie(COOKIE, token.strip(), httponly=True, samesite="strict", max_age=30 * 86400)
    return response


@router.post("/review/{table}/{record_id}", response_class=HTMLResponse)
def review_decide(table: str, record_id: int, request: Request, store: StoreDep,
                  action: Annotated[str, Form(max_length=10)],
                  token: Annotated[str, Form(max_length=200)] = "",
                  summary: Annotated[str, Form(max_length=5000)] = "",
                  category: Annotated[str, Form(max_length=40)] = "") -> Response:
    try:
        user = _user(request, store, token)
        changes = {k: v.strip() for k, v in (("summary", summary), ("category", category)) if v.strip()}
        if table == "support":
            changes.pop("summary", None)
        review.decide(table, record_id, action, changes, store=store, by=user)
    except AidtrackError as ex:
        return _review_page(request, store, error=str(ex), status_code=status_of(ex))
    return _remember(RedirectResponse(f"/review?done={action}ed+{table}+{record_id}", status_code=303), token)


@router.post("/review/extract", response_class=HTMLResponse)
def review_extract(request: Request, store: StoreDep, text: Annotated[str, Form(max_length=200_000)],
                   token: Annotated[str, Form(max_length=200)] = "",
                   keep: Annotated[str, Form(max_length=10)] = "") -> Response:
    """Extract events from a pasted article, show them in the text, optionally store them as candidates."""
    try:
        user = _user(request, store, token) if keep else None
        document = extract_document(ArticleIn(text=text))
        if user is not None:
            outcome = review.store_extracted(document, store=store, by=user)
            done = f"stored {len(outcome['added'])} new candidate(s), linked {len(outcome['linked'])}"
            return _remember(RedirectResponse(f"/review?done={done}", status_code=303), token)
    except AidtrackError as ex:
        return _review_page(request, store, error=str(ex), status_code=status_of(ex))
    events = [{**e, "parts": convert.highlight(document["text"], e.get("start"), e.get("end"), e.get("evidence"))}
              for e in document["events"]]
    return _review_page(request, store, article={"title": document["title"], "text": text, "events": events})


# -- route checker ----------------------------------------------------------------------

@router.get("/check", response_class=HTMLResponse)
def check(origin: Text = None, recipient: Text = "UKR", item: Text = "ammunition", via: Text = None,
          on: Text = None) -> HTMLResponse:
    form = {"origin": origin or "", "recipient": recipient or "UKR", "item": item or "ammunition",
            "via": via or "", "on": on or ""}
    result, error = None, None
    if origin:
        try:
            result = _check(form)
        except AidtrackError as ex:
            error = str(ex)
    return render("check.html", 422 if error else 200, title="Route checker", form=form, result=result,
                  error=error, items=["lethal", "non_lethal", "ammunition", "dual_use"])


def _check(form: dict[str, str]) -> dict[str, Any]:
    via = tuple(resolve_country(v) for v in form["via"].replace(";", ",").split(",") if v.strip())
    result = rules_service.check_route(resolve_country(form["origin"]), resolve_country(form["recipient"]),
                                       form["item"], via=via, on=ledger.parse_date(form["on"], field="date"))
    return dict(result.to_dict())
