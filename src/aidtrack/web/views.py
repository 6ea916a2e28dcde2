"""What the API and the pages show: analysis results as JSON rows and figures.

Frames come from the ledger (confirmed, current records only); the numbers and the
charts from :mod:`aidtrack.services.analysis`.
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import html
import threading
import time
import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import pandas as pd

from aidtrack import charts
from aidtrack.db import Store
from aidtrack.services import actors as actor_service
from aidtrack.services import analysis as analysis_service
from aidtrack.services import ledger
from aidtrack.services import report as report_service
from aidtrack.services import rules as rules_service
from aidtrack.services.report import Report
from aidtrack.web import convert

_CACHE: collections.OrderedDict[Hashable, Any] = collections.OrderedDict()
_LOCK = threading.Lock()
CACHE_SIZE = 256
F = TypeVar("F", bound=Callable[..., Any])


STATE_TTL = 1.0  # seconds a fingerprint is trusted; writes through this app call forget()
_STATES: weakref.WeakKeyDictionary[Store, tuple[float, Hashable]] = weakref.WeakKeyDictionary()


def ledger_state(store: Store) -> Hashable:
    """A fingerprint that changes whenever the ledger changes (every write adds an audit or import row).

    Recomputed at most every STATE_TTL seconds, so another process's writes (the CLI)
    show within a second; this app's own writes call :func:`forget` and show at once.
    """
    now = time.monotonic()
    known = _STATES.get(store)
    if known is not None and now - known[0] < STATE_TTL:
        return known[1]
    state = (store.url, id(store.engine), dt.date.today(), tuple(sorted(store.summary()["counts"].items())))
    _STATES[store] = (now, state)
    return state


def forget(store: Store) -> None:
    """Drop the fingerprint of ``store`` after a write, so the next read sees the change."""
    _STATES.pop(store, None)


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


def donor_code(name: str) -> str:
    """A donor code from a name or code typed by a user (UnknownActorError with suggestions)."""
    return actor_service.resolve_actor(name)


@memo
def ranking(store: Store, *, per: str | None = None, category: str | None = None, stage: str = "allocation",
            start: str | None = None, end: str | None = None) -> pd.DataFrame:
    return analysis_service.rank_donors(frames=frames(store), per=per, category=category, stage=stage,
                                        start=ledger.parse_date(start, field="start"),
                                        end=ledger.parse_date(end, field="end"))


@memo
def comparison(store: Store, donor: str, *, peers: str = "G7", stage: str = "allocation",
               percentile: float = 50, as_of: str | None = None) -> dict[str, Any]:
    data = frames(store)
    peer_list: str | list[str] = peers if "," not in peers else [p.strip() for p in peers.split(",") if p.strip()]
    result = analysis_service.compare_donors(donor_code(donor), frames=data, peers=peer_list, stage=stage,
                                             percentile=percentile, as_of=ledger.parse_date(as_of, field="as_of"))
    return analysis_service.comparison_dict(result)


@memo
def donor_timeline(store: Store, donor: str, *, stage: str | None = None, freq: str = "M") -> dict[str, Any]:
    data = frames(store)
    code = donor_code(donor)
    table = analysis_service.donor_timeline(code, frames=data, stage=stage, freq=freq)
    return {"donor": code, "freq": freq.upper(), "undated_eur": table.attrs.get("undated_eur", 0.0),
            "rows": convert.frame(table)}


@memo
def country_report(store: Store, donor: str, *, peers: str = "G7", as_of: str | None = None) -> Report:
    """The country report (figures, peers, step-up gap) with the routes, rules and signals sections."""
    return report_service.country_report(donor_code(donor), peers=peers, as_of=as_of, store=store)


@memo
def overview(store: Store) -> dict[str, Any]:
    """Totals per stage and category, the ranking and the all-donor timeline for the front page."""
    data = frames(store)
    support = data[0]
    totals = support.groupby(["stage", support["category"].fillna("unspecified")])["amount_eur"].sum()
    table = analysis_service.rank_donors(frames=data, per="gdp") if not support.empty else pd.DataFrame()
    by_value = analysis_service.rank_donors(frames=data) if not support.empty else pd.DataFrame()
    timeline = (analysis_service.donor_timeline(None, frames=data, stage="allocation") if not support.empty
                else pd.DataFrame())
    return {
        "records": len(support), "donors": int(support["donor"].nunique()),
        "totals": {f"{s}/{c}": float(v) for (s, c), v in totals.items()},
        "stage_totals": {s: float(v) for s, v in support.groupby("stage")["amount_eur"].sum().items()},
        "ranking": table, "by_value": by_value, "timeline": timeline,
        "latest": convert.value(support["date"].max()) if not support.empty else None,
    }


@memo
def data_source(store: Store) -> str | None:
    """The dataset behind the figures, to cite under charts: the current Kiel release(s), if any."""
    return report_service.data_source(store)


@functools.lru_cache(maxsize=1)
def signals() -> list[dict[str, Any]]:
    """The shipped register of diplomatic signals (read once; shared, never mutate)."""
    return rules_service.load_signals()


def figure(fig: Any, name: str) -> str:
    """A chart as an HTML div (plotly.js is loaded once by the page from /static) and its caption.

    On a page the caption (measure, unit, source, date) is HTML text under the chart, so it
    wraps on a phone; exported charts keep it inside the figure.
    """
    caption, title = _caption(fig), _title(fig)
    div = charts.figure_div(fig, div_id=f"chart-{name}")
    head = f'<h3 class="chart-title" id="title-{html.escape(name)}">{html.escape(title)}</h3>' if title else ""
    tail = f'<p class="caption" id="caption-{html.escape(name)}">{html.escape(caption)}</p>' if caption else ""
    return f'<figure class="chart">{head}{div}{tail}</figure>'


def _title(fig: Any) -> str | None:
    """Take the title out of ``fig``: as HTML it wraps on a narrow screen instead of being cut off."""
    title = fig.layout.title.text
    if title:
        fig.update_layout(title_text=None, margin={"t": 20}, height=max(300, int(fig.layout.height or 480) - 40))
    return str(title) if title else None


def _caption(fig: Any) -> str | None:
    """Take the caption annotation out of ``fig`` (a copy is never needed: figures are built per page)."""
    meta = fig.layout.meta
    caption = meta.get("caption") if isinstance(meta, dict) else None
    if caption:
        fig.layout.annotations = [a for a in fig.layout.annotations if a.name != "caption"]
        fig.update_layout(margin={"b": 60}, height=max(320, int(fig.layout.height or 480) - 60))
    return str(caption) if caption else None


def today() -> dt.date:
    return dt.date.today()


# -- the API reference page (served by the app itself, so it works offline) ---------------

def api_reference(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The endpoints of an OpenAPI ``schema`` grouped by tag, as plain data for a page."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for path, operations in schema.get("paths", {}).items():
        for method, op in operations.items():
            tag = (op.get("tags") or ["other"])[0]
            groups.setdefault(tag, []).append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""), "token": bool(op.get("security")),
                "parameters": [_parameter(p) for p in op.get("parameters", [])],
                "body": _body(schema, op.get("requestBody")),
                "anchor": op.get("operationId") or f"{method}-{path}",
            })
    return [{"tag": tag, "endpoints": endpoints} for tag, endpoints in groups.items()]


def _type(schema: dict[str, Any]) -> str:
    """A JSON schema's type in words: ``string``, ``integer or null``, ``array of string``, ``Support``."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(dict.fromkeys(_type(s) for s in schema["anyOf"]))
    if schema.get("type") == "array":
        return f"array of {_type(schema.get('items', {}))}"
    if "enum" in schema:
        return " | ".join(map(str, schema["enum"]))
    return str(schema.get("type", "any"))


def _parameter(param: dict[str, Any]) -> dict[str, Any]:
    schema = param.get("schema", {})
    return {"name": param.get("name", ""), "in": param.get("in", ""), "required": bool(param.get("required")),
            "type": _type(schema), "description": param.get("description") or schema.get("description", ""),
            "default": schema.get("default")}


def _body(schema: dict[str, Any], body: dict[str, Any] | None) -> dict[str, Any] | None:
    """The fields of a JSON request body (resolved from ``components``), or None."""
    if not body:
        return None
    content = body.get("content", {})
    media = next(iter(content), "application/json")
    shape = content.get(media, {}).get("schema", {})
    name = _type(shape)
    if "$ref" in shape:
        shape = schema.get("components", {}).get("schemas", {}).get(name, {})
    required = set(shape.get("required", []))
    fields = [{"name": key, "type": _type(value), "required": key in required,
               "description": value.get("description", "")} for key, value in shape.get("properties", {}).items()]
    return {"media": media, "name": name, "fields": fields}
