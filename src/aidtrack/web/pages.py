"""The dashboard: server-rendered pages (Jinja2, autoescaped) over the same services as the API."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, TypedDict

import jinja2
from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from aidtrack import charts
from aidtrack.analysis.report_html import add_formatting
from aidtrack.db import Store
from aidtrack.db.rows import EventRow
from aidtrack.errors import AidtrackError
from aidtrack.models import Category, EventType, Stage, Status, values
from aidtrack.services import ledger
from aidtrack.services import rules as rules_service
from aidtrack.services.actors import resolve_actor
from aidtrack.services.report import Cite, Report
from aidtrack.services.rules import CheckDict, Rule
from aidtrack.web import cache, convert, page_parts, review
from aidtrack.web.api_analysis import ArticleIn, extract_document
from aidtrack.web.auth import COOKIE, get_store, token_user
from aidtrack.web.params import StoreDep, Text
from aidtrack.web.status import status_of

router = APIRouter(include_in_schema=False)
TEMPLATES = Path(__file__).parent / "templates"
PAGE = 50

env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
add_formatting(env)
env.globals.update(
    categories=values(Category), stages=values(Stage), event_types=values(EventType), statuses=values(Status)
)
env.globals["actor_name"] = lambda code: ledger.actor_name(code) if code else ""
env.filters["code_spans"] = lambda text: Markup("").join(
    Markup("<code>{}</code>").format(part) if i % 2 else Markup.escape(part)
    for i, part in enumerate(str(text).replace("``", "`").split("`"))
)


def render(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page from ``templates/name`` (every value escaped unless it is Markup we built)."""
    html = env.get_template(name).render(**context)
    return HTMLResponse(html, status_code=status_code)


def error_page(request: Request, status_code: int, kind: str, message: str) -> HTMLResponse:
    return render("error.html", status_code, title="Error", kind=kind, message=message)


class WebSection(TypedDict):
    """A section of a country report as the page shows it (``country.html``)."""

    title: str
    columns: list[str]
    rows: list[list[Any]]  # table cells: text, numbers, dates
    paragraphs: list[Markup | str]


class CountryContext(TypedDict):
    """What ``country.html`` shows: the report and its parts made ready for the page."""

    report: Report
    as_of: dt.date
    comparison: list[dict[str, Any]]  # JSON rows of the peer comparison table
    categories: list[dict[str, Any]]  # JSON rows of the category table
    unsplit: tuple[str, ...]
    charts: dict[str, Markup]
    sections: list[WebSection]
    events: list[EventRow]


class PastedArticle(TypedDict):
    """An article pasted into the review page, with the events extraction found in it."""

    title: str | None
    text: str
    events: list[dict[str, Any]]  # extracted events (free-form) with their highlighted ``parts``


def _charts(**figures: Any) -> dict[str, Markup]:
    return {name: Markup(page_parts.figure(fig, name)) for name, fig in figures.items() if fig is not None}


# -- overview ---------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def overview(store: StoreDep) -> HTMLResponse:
    return render("overview.html", title="Overview", **_overview(store))


@cache.memo
def _overview(store: Store) -> dict[str, Any]:
    data = cache.overview(store)
    figures: dict[str, Any] = {}
    if data["records"]:
        cite = Cite(source=cache.data_source(store), as_of=data["latest"])
        figures["ranking"] = charts.plot_ranking(
            data["ranking"],
            measure="pct_gdp",
            top=25,
            title="Donors ranked by allocations as % of GDP",
            **cite,
        )
        figures["timeline"] = charts.plot_timeline(
            data["timeline"], title="Allocations over time, all donors", **cite
        )
    donors = convert.frame(data["by_value"]) if data["records"] else []
    return {"data": data, "donors": donors, "charts": _charts(**figures)}


# -- country ----------------------------------------------------------------------------


@router.get("/country")
def find_country(code: Annotated[str, Query(min_length=1, max_length=200)]) -> RedirectResponse:
    """The search box: a name or code typed by a user, to that country's page."""
    return RedirectResponse(f"/country/{resolve_actor(code)}", status_code=303)


@router.get("/country/{code}", response_class=HTMLResponse)
async def country(request: Request, code: str, peers: Text = "G7", as_of: Text = None) -> Response:
    """A country's page; kept per ledger version, so a repeat request costs one version lookup."""
    store, peers = get_store(request), peers or "G7"

    def render() -> str:
        return _country_page(store, resolve_actor(code), peers=peers, as_of=as_of)

    return await cache.kept_page(request, store, ("country", code, peers, as_of), render)


@cache.memo
def _country_page(store: Store, code: str, *, peers: str, as_of: str | None) -> str:
    """The country page's HTML, rendered once per ledger version (it is the dashboard's busiest page)."""
    context = _country(store, code, peers=peers, as_of=as_of)
    return env.get_template("country.html").render(title=context["report"].name, **context)


@cache.memo
def _country(store: Store, code: str, *, peers: str, as_of: str | None) -> CountryContext:
    report = cache.country_report(store, code, peers=peers, as_of=as_of)
    on = ledger.parse_date(as_of, field="as_of") or dt.date.today()
    c = report.comparison
    cite = Cite(source=cache.data_source(store), as_of=report.headline.get("last_date"))
    figures: dict[str, Any] = {
        "timeline": charts.plot_timeline(
            report.timeline, title=f"{report.name}: cumulative support by category and stage", **cite
        )
    }
    if c is not None:
        figures["peers"] = charts.plot_peer_comparison(
            c.values,
            line=float(c.row("total")["peer_pct_gdp"]),
            title=f"{report.name} and peers ({report.peers}): {c.stage} as % of GDP",
            **cite,
        )
    return CountryContext(
        report=report,
        as_of=on,
        comparison=convert.frame(c.table) if c is not None else [],
        categories=convert.frame(report.categories),
        unsplit=tuple(report.unsplit_stages),
        charts=_charts(**figures),
        sections=_web_sections(report, on=on),
        events=_events(store, report.donor),
    )


NOT_SPLIT = "not split by category in this release"
_CLI_HINT = re.compile(r"\s*\(?\s*run `?aidtrack [^)]*\)?")


def _web_sections(report: Report, *, on: dt.date) -> list[WebSection]:
    """The report's extra sections for the page: no CLI instructions, rules with basis and review date."""
    out = []
    for section in report.sections:
        columns, rows = list(section.columns), [list(r) for r in section.rows]
        if columns[:1] == ["rule"]:
            columns, rows = _with_rule_review(columns, rows, donor=report.donor, on=on)
        out.append(
            WebSection(
                title=section.title,
                columns=columns,
                rows=rows,
                paragraphs=[_web_paragraph(p, report.donor) for p in section.paragraphs],
            )
        )
    return out


def _web_paragraph(text: str, donor: str) -> Markup | str:
    """A paragraph with a "run aidtrack ..." hint replaced by links to the pages that show the same."""
    if not _CLI_HINT.search(text):
        return text
    plain = _CLI_HINT.sub("", text).rstrip(" .") + ". "
    return Markup(
        '{}Peers are compared <a href="#peers">above</a>, signals listed <a href="#events">below</a>; '
        'check any route in the <a href="/check?origin={}">route checker</a>.'
    ).format(plain, donor)


def _with_rule_review(
    columns: list[str], rows: list[list[Any]], *, donor: str, on: dt.date
) -> tuple[list[str], list[list[Any]]]:
    """Add each rule's basis and last review date (when the register has them) to a rules table."""
    rules = _rules_by_id(donor, [str(r[0]) for r in rows if r], on=on)
    extra = [
        ("basis", lambda r: getattr(r, "basis_label", None) if getattr(r, "basis", None) else None),
        ("last reviewed", lambda r: getattr(r, "last_reviewed", None)),
    ]
    added = [
        (name, get)
        for name, get in extra
        if name not in columns and any(get(rule) for rule in rules.values())
    ]
    if not added:
        return columns, rows
    cells = [
        [*row, *(_text(get(rules[row[0]])) if row and row[0] in rules else "" for _, get in added)]
        for row in rows
    ]
    return [*columns, *(name for name, _ in added)], cells


def _rules_by_id(donor: str, ids: list[str], *, on: dt.date) -> dict[str, Rule]:
    """The register's rules in force for ``donor`` and for the countries that prefix ``ids`` (pol_...)."""
    countries = dict.fromkeys([donor, *(i.split("_", 1)[0].upper() for i in ids if "_" in i)])
    found: dict[str, Rule] = {}
    for country in countries:
        try:
            found.update({r.id: r for r in rules_service.rules_in_force(country, on=on)})
        except AidtrackError:
            continue
    return found


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _events(store: Store, code: str) -> list[EventRow]:
    """Confirmed ledger events (signals register, reviewed news) by or aimed at ``code``, newest first."""
    found = {
        r["id"]: r
        for role in ("actor", "target")
        for r in ledger.list_records(
            "events", ledger.event_filter(**{role: code}, status="confirmed", limit=40), store=store
        )
    }
    return sorted(found.values(), key=lambda r: (r["date"] or dt.date.min, r["id"]), reverse=True)[:40]


# -- compare ----------------------------------------------------------------------------


@router.get("/compare", response_class=HTMLResponse)
def compare(
    store: StoreDep, donor: Text = "KOR", peers: Text = "G7", stage: Text = "allocation"
) -> HTMLResponse:
    result = cache.comparison(store, donor or "KOR", peers=peers or "G7", stage=stage or "allocation")
    return render(
        "compare.html",
        title=f"Compare {result['name']}",
        result=result,
        peers=peers or "G7",
        stage=stage or "allocation",
    )


# -- events -----------------------------------------------------------------------------


@router.get("/events", response_class=HTMLResponse)
def events(
    store: StoreDep,
    type: Text = None,
    actor: Text = None,
    status: Text = "confirmed",
    offset: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
) -> HTMLResponse:
    where = ledger.event_filter(
        type=type or None, actor=actor or None, status=status or None, limit=PAGE, offset=offset
    )
    rows = ledger.list_records("events", where, store=store)
    total = store.count("events", where)
    return render(
        "events.html",
        title="Events",
        rows=rows,
        total=total,
        offset=offset,
        page=PAGE,
        filters={"type": type or "", "actor": actor or "", "status": status or ""},
    )


# -- review -----------------------------------------------------------------------------


@router.get("/review", response_class=HTMLResponse)
def review_queue(request: Request, store: StoreDep, done: Text = None) -> HTMLResponse:
    return _review_page(request, store, done=done)


def _review_page(
    request: Request,
    store: Store,
    *,
    done: str | None = None,
    error: str | None = None,
    status_code: int = 200,
    article: PastedArticle | None = None,
) -> HTMLResponse:
    rows, total = review.candidates(store=store, limit=PAGE)
    items = [
        {
            **_BLANK,
            **r,
            "confidence": _confidence(r.get("confidence")),
            "corroborations": _corroborations(r),
            "parts": convert.highlight(None, None, None, r.get("evidence")),
        }
        for r in rows
    ]
    return render(
        "review.html",
        status_code,
        title="Review queue",
        items=items,
        total=total,
        done=done,
        error=error,
        has_token=bool(request.cookies.get(COOKIE)),
        article=article,
    )


def _confidence(value: Any) -> float | None:
    """An extraction confidence between 0 and 1, or None when missing or not a number."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if 0.0 <= number <= 1.0 else None


def _corroborations(row: Mapping[str, Any]) -> list[dict[str, str | None]]:
    """Other sources linked to a candidate: ``corroborations`` rows, or one ``corroboration`` (dict or URL)."""
    found = row.get("corroborations") or []
    single = row.get("corroboration")
    if isinstance(single, str):
        single = {"source_url": single}
    listed = [c for c in [*found, *([single] if single else [])] if isinstance(c, dict)]
    return [
        {
            "source_url": c.get("source_url") or c.get("url"),
            "source_title": c.get("source_title") or c.get("title"),
        }
        for c in listed
    ]


_BLANK = dict.fromkeys(
    (
        "type",
        "actor",
        "target",
        "summary",
        "confidence",
        "donor",
        "recipient",
        "amount",
        "currency",
        "stage",
        "category",
        "source_url",
        "source_title",
        "evidence",
    )
)


def _user(request: Request, store: Store, token: str) -> str:
    return token_user(token.strip() or request.cookies.get(COOKIE), store)


def _remember(response: Response, token: str) -> Response:
    if token.strip():
        response.set_cookie(COOKIE, token.strip(), httponly=True, samesite="strict", max_age=30 * 86400)
    return response


@router.post("/review/{table}/{record_id}", response_class=HTMLResponse)
def review_decide(
    table: str,
    record_id: int,
    request: Request,
    store: StoreDep,
    action: Annotated[str, Form(max_length=10)],
    token: Annotated[str, Form(max_length=200)] = "",
    summary: Annotated[str, Form(max_length=5000)] = "",
    category: Annotated[str, Form(max_length=40)] = "",
) -> Response:
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
def review_extract(
    request: Request,
    store: StoreDep,
    text: Annotated[str, Form(max_length=200_000)],
    token: Annotated[str, Form(max_length=200)] = "",
    keep: Annotated[str, Form(max_length=10)] = "",
) -> Response:
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
    events = [
        {**e, "parts": convert.highlight(document["text"], e.get("start"), e.get("end"), e.get("evidence"))}
        for e in document["events"]
    ]
    article = PastedArticle(title=document["title"], text=text, events=events)
    return _review_page(request, store, article=article)


# -- API reference ----------------------------------------------------------------------


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API reference, built from the app's OpenAPI description (no script, no other host)."""
    schema = request.app.openapi()
    info = schema.get("info", {})
    paragraphs = [" ".join(p.split()) for p in str(info.get("description", "")).split("\n\n") if p.strip()]
    return render(
        "api_docs.html",
        title="API reference",
        description=paragraphs,
        version=info.get("version", ""),
        openapi=schema.get("openapi", ""),
        groups=page_parts.api_reference(schema),
    )


# -- route checker ----------------------------------------------------------------------


@router.get("/check", response_class=HTMLResponse)
def check(
    origin: Text = None, recipient: Text = "UKR", item: Text = "ammunition", via: Text = None, on: Text = None
) -> HTMLResponse:
    form = {
        "origin": origin or "",
        "recipient": recipient or "UKR",
        "item": item or "ammunition",
        "via": via or "",
        "on": on or "",
    }
    result, error = None, None
    if origin:
        try:
            result = _check(form)
        except AidtrackError as ex:
            error = str(ex)
    return render(
        "check.html",
        422 if error else 200,
        title="Route checker",
        form=form,
        result=result,
        error=error,
        items=["lethal", "non_lethal", "ammunition", "dual_use"],
    )


def _check(form: dict[str, str]) -> CheckDict:
    via = tuple(resolve_actor(v) for v in form["via"].replace(";", ",").split(",") if v.strip())
    result = rules_service.check_route(
        resolve_actor(form["origin"]),
        resolve_actor(form["recipient"]),
        form["item"],
        via=via,
        on=ledger.parse_date(form["on"], field="date"),
    )
    return result.to_dict()
