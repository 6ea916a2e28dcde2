"""The digest: what the ledger records for the countries you follow in a period, and watchlists.

A digest lists, per country, the support it gave and the diplomatic events it took
part in (as actor or target) dated in the period, confirmed records and candidates
still waiting for review alike (rejected ones are left out), each with its source.
It renders as Markdown, as one self-contained HTML file (inline style, no scripts,
nothing loaded from elsewhere) or as JSON.

>>> digest = build_digest(since="2024-01-01", countries=["KOR"])  # doctest: +SKIP
>>> render_markdown(digest).splitlines()[0]  # doctest: +SKIP
'# Digest: South Korea (KOR), 2024-01-01 to 2024-06-30'
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

import jinja2

from aidtrack.db import EventFilter, Store, SupportFilter
from aidtrack.db import feeds as feeds_db
from aidtrack.errors import ValidationError
from aidtrack.services import ledger

DEFAULT_LIST = "default"
MAX_ROWS = 200
_EVIDENCE_CHARS = 240

__all__ = ["DEFAULT_LIST", "build_digest", "render", "render_html", "render_markdown", "unwatch", "watch",
           "watched"]


# -- watchlists -------------------------------------------------------------------------

def watch(names: Sequence[str], *, watchlist: str = DEFAULT_LIST, store: Store | None = None,
          by: str | None = None) -> list[str]:
    """Follow countries (names or codes) on a watchlist; returns the codes newly added."""
    store = store or ledger.open_store()
    codes = [_code(name) for name in names]
    who = ledger.current_user(by)
    return [code for code in codes if feeds_db.add_watch(store, name=_list_name(watchlist), actor=code, by=who)]


def unwatch(names: Sequence[str], *, watchlist: str = DEFAULT_LIST, store: Store | None = None,
            by: str | None = None) -> list[str]:
    """Stop following countries; returns the codes that were removed."""
    store = store or ledger.open_store()
    codes = [_code(name) for name in names]
    who = ledger.current_user(by)
    return [code for code in codes if feeds_db.remove_watch(store, name=_list_name(watchlist), actor=code, by=who)]


def watched(*, watchlist: str | None = DEFAULT_LIST, store: Store | None = None) -> list[dict[str, Any]]:
    """The followed countries (of one watchlist, or of all with ``None``): list, code, name, added."""
    name = None if watchlist is None else _list_name(watchlist)
    rows = feeds_db.list_watches(store or ledger.open_store(), name=name)
    return [{"watchlist": r["name"], "code": r["actor"], "name": ledger.actor_name(r["actor"]),
             "added": r["added"], "added_by": r["added_by"]} for r in rows]


def _code(name: str) -> str:
    code = ledger.resolve(name)
    if code is None:
        raise ValidationError('An empty country name cannot be watched; give a code or a name, e.g. KOR.')
    return code


def _list_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 60 or not name.isprintable():
        raise ValidationError(f'Watchlist name "{name}" must be 1 to 60 printable characters, e.g. "{DEFAULT_LIST}".')
    return name


# -- building ---------------------------------------------------------------------------

def build_digest(*, since: str | dt.date, until: str | dt.date | None = None, countries: Sequence[str] = (),
                 watchlist: str = DEFAULT_LIST, store: Store | None = None) -> dict[str, Any]:
    """The digest of ``countries`` (default: the watchlist) for records dated ``since`` to ``until`` (default today)."""
    store = store or ledger.open_store()
    start = ledger.parse_date(since, field="since")
    end = ledger.parse_date(until, field="until") or dt.date.today()
    assert start is not None
    if end < start:
        raise ValidationError(f"until {end} is before since {start}; give a period that runs forward.")
    codes = [_code(c) for c in countries] or [w["code"] for w in watched(watchlist=watchlist, store=store)]
    if not codes:
        raise ValidationError(f'The watchlist "{watchlist}" is empty and no country was given; follow one with '
                              "`aidtrack watch add KOR` or name a country (--country KOR; ?country=KOR in the API).")
    sections = [_section(store, code, start, end) for code in dict.fromkeys(codes)]
    return {"since": start.isoformat(), "until": end.isoformat(), "countries": sections}


def _section(store: Store, code: str, start: dt.date, end: dt.date) -> dict[str, Any]:
    support = [_support_row(r) for r in store.list_support(SupportFilter(donor=code, start=start, end=end,
                                                                         limit=None)) if r["status"] != "rejected"]
    events = _events_of(store, code, start, end)
    confirmed = [r for r in support if r["status"] == "confirmed"]
    return {
        "code": code, "name": ledger.actor_name(code),
        "support": support[:MAX_ROWS], "events": events[:MAX_ROWS],
        "more_support": max(0, len(support) - MAX_ROWS), "more_events": max(0, len(events) - MAX_ROWS),
        "totals": {
            "support_records": len(support), "confirmed_records": len(confirmed),
            "confirmed_eur": round(sum(r["amount_eur"] or 0.0 for r in confirmed), 2),
            "events": len(events),
            "candidates": sum(r["status"] == "candidate" for r in support + events),
        },
    }


def _events_of(store: Store, code: str, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """Events with ``code`` as actor or target, newest first, each once."""
    found: dict[int, dict[str, Any]] = {}
    for where in (EventFilter(actor=code, start=start, end=end, limit=None),
                  EventFilter(target=code, start=start, end=end, limit=None)):
        for row in store.list_events(where):
            if row["status"] != "rejected":
                found[row["id"]] = _event_row(row)
    return sorted(found.values(), key=lambda r: (r["date"] or "", r["id"]), reverse=True)


def _source(row: dict[str, Any]) -> dict[str, Any]:
    url = row.get("source_url")
    return {"source": row.get("source_publisher") or row.get("source_title") or url or "",
            "source_url": url if url and str(url).startswith(("http://", "https://")) else None}


def _evidence(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= _EVIDENCE_CHARS else text[:_EVIDENCE_CHARS - 1].rstrip() + "…"


def _support_row(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "date": _iso(row["date"]), "status": row["status"], "recipient": row["recipient"],
            "category": row["category"] or "", "stage": row["stage"], "amount_eur": _number(row["amount_eur"]),
            "amount": money(row["amount"], row["currency"], row["amount_eur"]), "via": row["via"] or "",
            "evidence": _evidence(row["evidence"]), **_source(row)}


def _event_row(row: dict[str, Any]) -> dict[str, Any]:
    what = row["summary"] or row["category"] or row["direction"] or ""
    return {"id": row["id"], "date": _iso(row["date"]), "status": row["status"], "type": row["type"],
            "actor": row["actor"], "target": row["target"] or "", "what": what,
            "evidence": _evidence(row["evidence"]), **_source(row)}


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


def _number(value: Any) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def eur(value: float | None) -> str:
    """``EUR 8.32 bn``, ``EUR 431.2 m``, ``EUR 12,345`` (the format of the analysis tables); "n/a" if missing."""
    number = _number(value)
    if number is None:
        return "n/a"
    size = abs(number)
    if size >= 1e9:
        return f"EUR {number / 1e9:,.2f} bn"
    if size >= 1e6:
        return f"EUR {number / 1e6:,.1f} m"
    return f"EUR {number:,.0f}"


def money(amount: float | None, currency: str | None, amount_eur: float | None = None) -> str:
    """``EUR 27.7 m (USD 30.0 m)``: in euros when converted, with the amount as reported; "" when none."""
    reported = "" if _number(amount) is None else eur(amount).replace("EUR", currency or "?", 1)
    if _number(amount_eur) is None:
        return reported
    converted = eur(amount_eur)
    return converted if not reported or (currency or "EUR") == "EUR" else f"{converted} ({reported})"


# -- rendering --------------------------------------------------------------------------

_MARKDOWN = """\
# Digest: {{ heading }}, {{ d.since }} to {{ d.until }}

Records dated in the period, confirmed and waiting for review (candidates); rejected records are left out.
{% for c in d.countries %}
## {{ c.name }} ({{ c.code }})

{{ c.totals.confirmed_records }} confirmed support record(s) worth {{ eur(c.totals.confirmed_eur) }}; \
{{ c.totals.events }} diplomatic event(s); {{ c.totals.candidates }} candidate(s) waiting for review.
{% if c.support %}
### Support given

| Date | Status | Category | Stage | Amount | Evidence | Source |
|---|---|---|---|---|---|---|
{% for r in c.support -%}
| {{ r.date or "" }} | {{ r.status }} | {{ cell(r.category) }} | {{ cell(r.stage) }} | {{ r.amount }} | {{ cell(r.evidence) }} | \
{{ link(r) }} |
{% endfor %}{% if c.more_support %}
... and {{ c.more_support }} more support record(s).
{% endif %}{% endif %}{% if c.events %}
### Diplomatic events

| Date | Status | Type | Actor | Target | What | Evidence | Source |
|---|---|---|---|---|---|---|---|
{% for r in c.events -%}
| {{ r.date or "" }} | {{ r.status }} | {{ r.type }} | {{ r.actor }} | {{ r.target }} | {{ cell(r.what) }} | \
{{ cell(r.evidence) }} | {{ link(r) }} |
{% endfor %}{% if c.more_events %}
... and {{ c.more_events }} more event(s).
{% endif %}{% endif %}{% if not c.support and not c.events %}
Nothing recorded in this period.
{% endif %}{% endfor %}"""

_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Digest: {{ heading }}, {{ d.since }} to {{ d.until }}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; max-width: 72rem; margin: 1.5rem auto; padding: 0 1rem; color: #1d2430; }
h1 { font-size: 1.5rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ccd; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #dde; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
td.date, td.num { white-space: nowrap; } td.text { min-width: 16rem; }
.candidate { color: #8a5a00; } .note { color: #555; }
</style>
</head>
<body>
<h1>Digest: {{ heading }}, {{ d.since }} to {{ d.until }}</h1>
<p class="note">Records dated in the period, confirmed and waiting for review (candidates); rejected records are left out.</p>
{% for c in d.countries %}
<section id="{{ c.code }}">
<h2>{{ c.name }} ({{ c.code }})</h2>
<p>{{ c.totals.confirmed_records }} confirmed support record(s) worth {{ eur(c.totals.confirmed_eur) }}; {{ c.totals.events }} diplomatic event(s); {{ c.totals.candidates }} candidate(s) waiting for review.</p>
{% if c.support %}<h3>Support given</h3>
<div class="scroll"><table>
<thead><tr><th>Date</th><th>Status</th><th>Category</th><th>Stage</th><th>Amount</th><th>Evidence</th><th>Source</th></tr></thead>
<tbody>{% for r in c.support %}
<tr class="{{ r.status }}"><td class="date">{{ r.date or "" }}</td><td>{{ r.status }}</td><td>{{ r.category }}</td><td>{{ r.stage }}</td><td class="num">{{ r.amount }}</td><td class="text">{{ r.evidence }}</td><td class="text">{% if r.source_url %}<a href="{{ r.source_url }}" rel="noopener noreferrer">{{ r.source or "source" }}</a>{% else %}{{ r.source }}{% endif %}</td></tr>{% endfor %}
</tbody></table></div>{% if c.more_support %}
<p class="note">... and {{ c.more_support }} more support record(s).</p>{% endif %}{% endif %}
{% if c.events %}<h3>Diplomatic events</h3>
<div class="scroll"><table>
<thead><tr><th>Date</th><th>Status</th><th>Type</th><th>Actor</th><th>Target</th><th>What</th><th>Evidence</th><th>Source</th></tr></thead>
<tbody>{% for r in c.events %}
<tr class="{{ r.status }}"><td class="date">{{ r.date or "" }}</td><td>{{ r.status }}</td><td>{{ r.type }}</td><td>{{ r.actor }}</td><td>{{ r.target }}</td><td class="text">{{ r.what }}</td><td class="text">{{ r.evidence }}</td><td class="text">{% if r.source_url %}<a href="{{ r.source_url }}" rel="noopener noreferrer">{{ r.source or "source" }}</a>{% else %}{{ r.source }}{% endif %}</td></tr>{% endfor %}
</tbody></table></div>{% if c.more_events %}
<p class="note">... and {{ c.more_events }} more event(s).</p>{% endif %}{% endif %}
{% if not c.support and not c.events %}<p>Nothing recorded in this period.</p>{% endif %}
</section>
{% endfor %}
</body>
</html>
"""


def _cell(text: str | None) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks, no raw HTML tags."""
    text = " ".join((text or "").split()).replace("|", "\\|")
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _link(row: dict[str, Any]) -> str:
    name = _cell(row["source"]).replace("[", "(").replace("]", ")")
    return f"[{name or 'source'}]({row['source_url']})" if row["source_url"] else name


def _heading(digest: dict[str, Any]) -> str:
    return ", ".join(f"{c['name']} ({c['code']})" for c in digest["countries"])


_TEXT = jinja2.Environment(autoescape=False, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
_PAGE = jinja2.Environment(autoescape=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)


def render_markdown(digest: dict[str, Any]) -> str:
    """The digest as Markdown (tables, source links)."""
    template = _TEXT.from_string(_MARKDOWN)
    return template.render(d=digest, heading=_heading(digest), eur=eur, cell=_cell, link=_link)


def render_html(digest: dict[str, Any]) -> str:
    """The digest as one self-contained HTML page: inline style, no scripts, no external resources."""
    return _PAGE.from_string(_HTML).render(d=digest, heading=_heading(digest), eur=eur)


FORMATS = {".md": render_markdown, ".markdown": render_markdown, ".html": render_html, ".htm": render_html}


def render(digest: dict[str, Any], *, suffix: str) -> str:
    """The digest in the format of a file suffix (.md or .html)."""
    renderer = FORMATS.get(suffix.lower())
    if renderer is None:
        raise ValidationError(f'Cannot write a digest as "{suffix}"; name the file .md or .html.')
    return renderer(digest)
