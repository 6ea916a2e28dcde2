"""The digest: what changed in a period for the countries you follow, and watchlists.

A digest lists, per country (watched countries first), the records new or changed
in the period: support it gave and diplomatic events it took part in (as actor or
target) dated in the period, or added, edited or reviewed in it. They are grouped
by type (appeals, refusals, threats, policy changes, new support with its amounts,
sanctions), each with its evidence sentence and source link; confirmed records and
candidates still waiting for review alike (rejected ones are left out). Each country
also gets the changes of its export rules in the register dated in the period and,
when its support figures changed, its step-up gap to the G7 median before and after.
It renders as Markdown, as one self-contained HTML file (inline style, no scripts,
nothing loaded from elsewhere: an e-mail body) or as JSON.

    digest = build_digest(since="2024-01-01", countries=["KOR"])
    render_markdown(digest).splitlines()[0]
'# Digest: South Korea (KOR), 2024-01-01 to 2024-06-30'
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

import jinja2
import markupsafe

from aidtrack.analysis import formatting
from aidtrack.db import EventFilter, Store, SupportFilter
from aidtrack.db import feeds as feeds_db
from aidtrack.db.rows import RecordRow
from aidtrack.errors import AidtrackError, ValidationError
from aidtrack.rules.register import RegisterLike
from aidtrack.services import analysis as analysis_service
from aidtrack.services import ledger
from aidtrack.services import rules as rules_service

DEFAULT_LIST = "default"
MAX_ROWS = 200
PEERS = "G7"
_EVIDENCE_CHARS = 240
TYPES: tuple[tuple[str, str], ...] = (
    ("appeal", "Appeals"),
    ("refusal", "Refusals"),
    ("threat", "Threats"),
    ("policy_change", "Policy changes"),
    ("support", "New support"),
    ("sanction", "Sanctions"),
)
_TYPE_NAMES = dict(TYPES)
_RELATIVE_RE = re.compile(r"^\s*(\d{1,4})\s*([dw])\s*$", re.IGNORECASE)

__all__ = [
    "DEFAULT_LIST",
    "TYPES",
    "Digest",
    "DigestRow",
    "DigestSection",
    "RuleChangeRow",
    "StepUp",
    "WatchedCountry",
    "build_digest",
    "parse_since",
    "render",
    "render_fragment",
    "render_html",
    "render_markdown",
    "unwatch",
    "watch",
    "watched",
]


class WatchedCountry(TypedDict):
    """A country followed on a watchlist, and the only types of record shown for it (none: all)."""

    watchlist: str
    code: str
    name: str
    types: list[str]
    added: dt.datetime
    added_by: str


class SourceCell(TypedDict):
    """Where a row of the digest comes from: a name, and its address when it is http(s)."""

    source: str
    source_url: str | None


class DigestRow(SourceCell):
    """One record in a country's section."""

    id: int
    type: str
    date: str | None
    status: str
    change: str  # new, or changed: created before the period and edited or reviewed in it
    who: str
    what: str
    amount_eur: float | None
    amount: str
    evidence: str


class DigestGroup(TypedDict):
    """The rows of one type (at most ``MAX_ROWS``; ``more``: how many were left out)."""

    type: str
    label: str
    rows: list[DigestRow]
    more: int


class RuleChangeRow(SourceCell):
    """A change of the country's export rules in the register, dated in the period."""

    date: str
    kind: str
    direction: str
    rule_id: str
    title: str
    before: str
    after: str


class StepUp(TypedDict):
    """The step-up gap to the peers' median share of GDP before and after the period (EUR)."""

    peers: str
    before_date: str
    after_date: str
    before: float | None
    before_support: float | None
    after: float | None
    after_support: float | None


class SectionTotals(TypedDict):
    records: int
    changed: int
    confirmed_support: int
    confirmed_eur: float
    events: int
    candidates: int


class DigestSection(TypedDict):
    """One country's part of the digest."""

    code: str
    name: str
    watched: bool
    types: list[str]
    groups: list[DigestGroup]
    rule_changes: list[RuleChangeRow]
    step_up: StepUp | None
    totals: SectionTotals


class Digest(TypedDict):
    """What changed from ``since`` to ``until`` (ISO dates) for each country."""

    since: str
    until: str
    countries: list[DigestSection]


# -- watchlists -------------------------------------------------------------------------


def watch(
    names: Sequence[str],
    *,
    types: Sequence[str] = (),
    watchlist: str = DEFAULT_LIST,
    store: Store | None = None,
    by: str | None = None,
) -> list[str]:
    """Follow countries (names or codes) on a watchlist, only ``types`` of records when given
    (appeal, refusal, threat, policy_change, support, sanction); returns the codes added or changed."""
    store = store or ledger.open_store()
    codes = [_code(name) for name in names]
    kinds = _types(types)
    who = ledger.current_user(by)
    return [
        code
        for code in codes
        if feeds_db.add_watch(store, name=_list_name(watchlist), actor=code, types=kinds, by=who)
    ]


def unwatch(
    names: Sequence[str], *, watchlist: str = DEFAULT_LIST, store: Store | None = None, by: str | None = None
) -> list[str]:
    """Stop following countries; returns the codes that were removed."""
    store = store or ledger.open_store()
    codes = [_code(name) for name in names]
    who = ledger.current_user(by)
    return [
        code for code in codes if feeds_db.remove_watch(store, name=_list_name(watchlist), actor=code, by=who)
    ]


def watched(*, watchlist: str | None = DEFAULT_LIST, store: Store | None = None) -> list[WatchedCountry]:
    """The followed countries (of one watchlist, or of all with ``None``): list, code, name, types, added."""
    name = None if watchlist is None else _list_name(watchlist)
    rows = feeds_db.list_watches(store or ledger.open_store(), name=name)
    return [
        {
            "watchlist": r["name"],
            "code": r["actor"],
            "name": ledger.actor_name(r["actor"]),
            "types": r["types"].split(",") if r["types"] else [],
            "added": r["added"],
            "added_by": r["added_by"],
        }
        for r in rows
    ]


def _types(types: Sequence[str]) -> str | None:
    """``types`` (items may hold commas) checked and joined in the digest's order; None for all."""
    given = {
        t.strip().lower().replace("-", "_").replace(" ", "_") for value in types for t in value.split(",")
    }
    given.discard("")
    unknown = sorted(given - set(_TYPE_NAMES))
    if unknown:
        raise ValidationError(f'Unknown type "{unknown[0]}"; choose from {", ".join(_TYPE_NAMES)}.')
    return ",".join(t for t in _TYPE_NAMES if t in given) or None


def _code(name: str) -> str:
    code = ledger.resolve(name)
    if code is None:
        raise ValidationError("An empty country name cannot be watched; give a code or a name, e.g. KOR.")
    return code


def _list_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 60 or not name.isprintable():
        raise ValidationError(
            f'Watchlist name "{name}" must be 1 to 60 printable characters, e.g. "{DEFAULT_LIST}".'
        )
    return name


# -- building ---------------------------------------------------------------------------


def parse_since(value: str | dt.date, *, today: dt.date | None = None) -> dt.date:
    """A start date: YYYY-MM-DD, or ``7d`` / ``2w`` (days or weeks before ``today``)."""
    match = _RELATIVE_RE.match(value) if isinstance(value, str) else None
    if match:
        days = int(match.group(1)) * (7 if match.group(2).lower() == "w" else 1)
        return (today or dt.date.today()) - dt.timedelta(days=days)
    try:
        day = ledger.parse_date(value, field="since")
    except ValidationError:
        day = None
    if day is None:
        raise ValidationError(
            f'since "{value}" is not a date; write YYYY-MM-DD or a span back from today such as 7d or 2w.'
        )
    return day


def build_digest(
    *,
    since: str | dt.date,
    until: str | dt.date | None = None,
    countries: Sequence[str] = (),
    watchlist: str = DEFAULT_LIST,
    store: Store | None = None,
    register: RegisterLike = None,
) -> Digest:
    """The digest of ``countries`` (default: the watchlist) for ``since`` to ``until`` (default today).

    Watched countries come first. When the countries come from the watchlist, a country
    watched for some types only shows those types. ``register`` is the rules register
    (default: the shipped one).
    """
    store = store or ledger.open_store()
    start = parse_since(since)
    end = ledger.parse_date(until, field="until") or dt.date.today()
    if end < start:
        raise ValidationError(f"until {end} is before since {start}; give a period that runs forward.")
    follows = {w["code"]: w["types"] for w in watched(watchlist=watchlist, store=store)}
    codes = list(dict.fromkeys(_code(c) for c in countries)) or list(follows)
    if not codes:
        raise ValidationError(
            f'The watchlist "{watchlist}" is empty and no country was given; follow one with '
            "`aidtrack watch add KOR` or name a country (--country KOR; ?country=KOR in the API)."
        )
    codes.sort(key=lambda c: c not in follows)  # watched first, otherwise in the order given
    only = {} if countries else follows
    sections = [
        _section(
            store, code, start, end, watched=code in follows, types=only.get(code) or [], register=register
        )
        for code in codes
    ]
    return {"since": start.isoformat(), "until": end.isoformat(), "countries": sections}


def _section(
    store: Store,
    code: str,
    start: dt.date,
    end: dt.date,
    *,
    watched: bool,
    types: list[str],
    register: RegisterLike,
) -> DigestSection:
    since = dt.datetime.combine(start, dt.time())
    support = [_support_row(r, since) for r in _records(store, "support", code, start, end)]
    events = [_event_row(r, since) for r in _records(store, "events", code, start, end)]
    rows = [r for r in support + events if not types or r["type"] in types]
    groups: list[DigestGroup] = []
    for kind, label in TYPES + tuple(
        (t, t.replace("_", " ").capitalize()) for t in sorted({r["type"] for r in rows} - set(_TYPE_NAMES))
    ):
        found = [r for r in rows if r["type"] == kind]
        if found:
            groups.append(
                {
                    "type": kind,
                    "label": label,
                    "rows": found[:MAX_ROWS],
                    "more": max(0, len(found) - MAX_ROWS),
                }
            )
    confirmed = [r for r in rows if r["type"] == "support" and r["status"] == "confirmed"]
    return {
        "code": code,
        "name": ledger.actor_name(code),
        "watched": watched,
        "types": types,
        "groups": groups,
        "rule_changes": _rule_changes(code, start, end, register),
        "step_up": _step_up(store, code, start, end) if confirmed else None,  # figures count confirmed only
        "totals": {
            "records": len(rows),
            "changed": sum(r["change"] == "changed" for r in rows),
            "confirmed_support": len(confirmed),
            "confirmed_eur": round(sum(r["amount_eur"] or 0.0 for r in confirmed), 2),
            "events": sum(r["type"] != "support" for r in rows),
            "candidates": sum(r["status"] == "candidate" for r in rows),
        },
    }


def _records(store: Store, table: str, code: str, start: dt.date, end: dt.date) -> list[RecordRow]:
    """Records of ``code`` dated in the period or created, edited or reviewed in it; newest first, each once."""
    filters: list[SupportFilter | EventFilter] = (
        [SupportFilter(donor=code, start=start, end=end, limit=None)]
        if table == "support"
        else [
            EventFilter(actor=code, start=start, end=end, limit=None),
            EventFilter(target=code, start=start, end=end, limit=None),
        ]
    )
    found: dict[int, RecordRow] = {}
    for where in filters:
        rows = store.list_support(where) if isinstance(where, SupportFilter) else store.list_events(where)
        found.update((r["id"], r) for r in rows if r["status"] != "rejected")
    since = dt.datetime.combine(start, dt.time())
    before = dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
    for record_id in feeds_db.changed_record_ids(store, table, code, since=since, before=before):
        if record_id not in found:
            found[record_id] = store.get(table, record_id)
    return sorted(found.values(), key=lambda r: (_iso(r["date"]) or "", r["id"]), reverse=True)


def _change(row: Mapping[str, Any], since: dt.datetime) -> str:
    """ "changed" for a record created before the period and edited or reviewed in it, else "new"."""
    created, updated = row.get("created"), row.get("updated")
    if created is not None and updated is not None and created < since <= updated:
        return "changed"
    return "new"


def _rule_changes(code: str, start: dt.date, end: dt.date, register: RegisterLike) -> list[RuleChangeRow]:
    """The register's rule changes for ``code`` dated in the period (read from the register, never the ledger)."""
    changes = rules_service.rule_changes(since=start, until=end, country=code, register=register)
    rows: list[RuleChangeRow] = []
    for change in changes:
        source = change.sources[0] if change.sources else None
        url = str(source.url) if source is not None and source.url else None
        rows.append(
            {
                "date": change.date.isoformat(),
                "kind": change.kind,
                "direction": change.direction,
                "rule_id": change.rule_id,
                "title": change.title,
                "before": change.effect_before or "",
                "after": change.effect_after or "",
                "source": (source.publisher if source is not None else None) or url or "",
                "source_url": url if url and url.startswith(("http://", "https://")) else None,
            }
        )
    return rows


def _step_up(store: Store, code: str, start: dt.date, end: dt.date) -> StepUp | None:
    """The step-up gap to the peers' median on the day before the period and on its last day, when the
    country's counted support changed in between; None when it did not or cannot be computed (no GDP)."""
    before_day = start - dt.timedelta(days=1)
    try:
        before, before_support = _gap(store, code, before_day)
        after, after_support = _gap(store, code, end)
    except AidtrackError:  # no GDP or no peers in this ledger: no figures to compare
        return None
    if before_support == after_support:
        return None
    return {
        "peers": PEERS,
        "before_date": before_day.isoformat(),
        "after_date": end.isoformat(),
        "before": before,
        "before_support": before_support,
        "after": after,
        "after_support": after_support,
    }


def _gap(store: Store, code: str, day: dt.date) -> tuple[float | None, float | None]:
    """The step-up gap of ``code`` to the peers' median on ``day``, and the support it is based on."""
    row = analysis_service.compare_donors(code, store=store, peers=PEERS, as_of=day).row("total")
    return _rounded(row.get("gap_eur")), _rounded(row.get("donor_eur"))


def _rounded(value: Any) -> float | None:
    number = _number(value)
    return None if number is None else round(number, 2)


def _source(row: Mapping[str, Any]) -> SourceCell:
    url = row.get("source_url")
    return {
        "source": row.get("source_publisher") or row.get("source_title") or url or "",
        "source_url": url if url and str(url).startswith(("http://", "https://")) else None,
    }


def _evidence(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= _EVIDENCE_CHARS else text[: _EVIDENCE_CHARS - 1].rstrip() + "…"


def _support_row(row: Mapping[str, Any], since: dt.datetime) -> DigestRow:
    what = " ".join(x for x in (row["stage"], row["category"] or "", "support") if x)
    via = f" via {row['via']}" if row.get("via") else ""
    return {
        "id": row["id"],
        "type": "support",
        "date": _iso(row["date"]),
        "status": row["status"],
        "change": _change(row, since),
        "who": f"{row['donor']} to {row['recipient']}{via}",
        "what": what,
        "amount_eur": _number(row["amount_eur"]),
        "amount": money(row["amount"], row["currency"], row["amount_eur"]),
        "evidence": _evidence(row["evidence"]),
        **_source(row),
    }


def _event_row(row: Mapping[str, Any], since: dt.datetime) -> DigestRow:
    what = row["summary"] or row["category"] or row["direction"] or ""
    who = f"{row['actor']} to {row['target']}" if row["target"] else row["actor"]
    return {
        "id": row["id"],
        "type": row["type"],
        "date": _iso(row["date"]),
        "status": row["status"],
        "change": _change(row, since),
        "who": who,
        "what": what,
        "amount_eur": None,
        "amount": "",
        "evidence": _evidence(row["evidence"]),
        **_source(row),
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


def _number(value: Any) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def eur(value: float | None) -> str:
    """``EUR 8.32 bn``, ``EUR 431.2 m``, ``EUR 12,345`` (:func:`aidtrack.analysis.formatting.eur` of
    any number a row holds); "n/a" if missing."""
    return formatting.eur(_number(value))


def money(amount: float | None, currency: str | None, amount_eur: float | None = None) -> str:
    """``EUR 27.7 m (USD 30.0 m)``: in euros when converted, with the amount as reported; "" when none."""
    reported = "" if _number(amount) is None else eur(amount).replace("EUR", currency or "?", 1)
    if _number(amount_eur) is None:
        return reported
    converted = eur(amount_eur)
    return converted if not reported or (currency or "EUR") == "EUR" else f"{converted} ({reported})"


# -- rendering --------------------------------------------------------------------------

_NOTE = (
    "Records dated in the period or added, edited or reviewed in it, confirmed and waiting for review "
    "(candidates); rejected records are left out."
)

_MARKDOWN = """\
# Digest: {{ heading }}, {{ d.since }} to {{ d.until }}

{{ note }}
{% for c in d.countries %}
## {{ c.name }} ({{ c.code }}){% if c.watched %}, watched{% endif %}

{% if c.types %}Watched for: {{ c.types | join(", ") }}.
{% endif %}{{ c.totals.records }} record(s) ({{ c.totals.changed }} changed), {{ c.totals.candidates }} waiting for \
review; {{ c.totals.confirmed_support }} confirmed support record(s) worth {{ eur(c.totals.confirmed_eur) }}.
{% for g in c.groups %}
### {{ g.label }}

| Date | Status | Who | What | Amount | Evidence | Source |
|---|---|---|---|---|---|---|
{% for r in g.rows -%}
| {{ r.date or "" }} | {{ r.status }}, {{ r.change }} | {{ r.who }} | {{ cell(r.what) }} | {{ r.amount }} | \
{{ cell(r.evidence) }} | {{ link(r) }} |
{% endfor %}{% if g.more %}
... and {{ g.more }} more.
{% endif %}{% endfor %}{% if not c.groups %}
Nothing recorded in this period.
{% endif %}{% if c.rule_changes %}
### Rule changes in the register

| Date | Change | Direction | Effect | Rule | Source |
|---|---|---|---|---|---|
{% for r in c.rule_changes -%}
| {{ r.date }} | {{ r.kind }} | {{ r.direction }} | {{ r.before or "none" }} to {{ r.after or "none" }} | \
{{ cell(r.title) }} | {{ link(r) }} |
{% endfor %}{% endif %}{% if c.step_up %}
### Step-up gap

{{ step_up(c) }}
{% endif %}{% endfor %}"""

_FRAGMENT = """{% for c in d.countries %}
<section id="{{ c.code }}">
<h2>{{ c.name }} ({{ c.code }}){% if c.watched %} <small>watched</small>{% endif %}</h2>
{% if c.types %}<p class="note">Watched for: {{ c.types | join(", ") }}.</p>{% endif %}
<p>{{ c.totals.records }} record(s) ({{ c.totals.changed }} changed), {{ c.totals.candidates }} waiting for review; {{ c.totals.confirmed_support }} confirmed support record(s) worth {{ eur(c.totals.confirmed_eur) }}.</p>
{% for g in c.groups %}<h3>{{ g.label }}</h3>
<div class="scroll"><table class="digest {{ g.type }}">
<thead><tr><th>Date</th><th>Status</th><th>Who</th><th>What</th><th>Amount</th><th>Evidence</th><th>Source</th></tr></thead>
<tbody>{% for r in g.rows %}
<tr class="{{ r.status }}"><td class="date">{{ r.date or "" }}</td><td>{{ r.status }}, {{ r.change }}</td><td>{{ r.who }}</td><td class="text">{{ r.what }}</td><td class="num">{{ r.amount }}</td><td class="text">{{ r.evidence }}</td><td class="text">{{ a(r) }}</td></tr>{% endfor %}
</tbody></table></div>{% if g.more %}
<p class="note">... and {{ g.more }} more.</p>{% endif %}
{% endfor %}{% if not c.groups %}<p>Nothing recorded in this period.</p>
{% endif %}{% if c.rule_changes %}<h3>Rule changes in the register</h3>
<div class="scroll"><table class="digest rules">
<thead><tr><th>Date</th><th>Change</th><th>Direction</th><th>Effect</th><th>Rule</th><th>Source</th></tr></thead>
<tbody>{% for r in c.rule_changes %}
<tr><td class="date">{{ r.date }}</td><td>{{ r.kind }}</td><td>{{ r.direction }}</td><td>{{ r.before or "none" }} to {{ r.after or "none" }}</td><td class="text">{{ r.title }}</td><td class="text">{{ a(r) }}</td></tr>{% endfor %}
</tbody></table></div>
{% endif %}{% if c.step_up %}<h3>Step-up gap</h3>
<p>{{ step_up(c) }}</p>
{% endif %}</section>
{% endfor %}"""

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
<p class="note">{{ note }}</p>
{{ fragment }}
</body>
</html>
"""


def _cell(text: str | None) -> str:
    """Text safe inside a Markdown table cell: no pipes, no line breaks, no raw HTML tags."""
    text = " ".join((text or "").split()).replace("|", "\\|")
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _link(row: SourceCell) -> str:
    name = _cell(row["source"]).replace("[", "(").replace("]", ")")
    return f"[{name or 'source'}]({row['source_url']})" if row["source_url"] else name


def _anchor(row: SourceCell) -> markupsafe.Markup:
    """The source as an HTML link (escaped); its name alone when it has no http(s) address."""
    if row["source_url"]:
        return markupsafe.Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(
            row["source_url"], row["source"] or "source"
        )
    return markupsafe.escape(row["source"])


def _step_up_text(section: DigestSection) -> str:
    """One sentence on the step-up gap before and after the period."""
    f = section["step_up"]
    if f is None:
        return ""
    return (
        f"Allocations counted for {section['name']} went from {eur(f['before_support'])} on {f['before_date']} "
        f"to {eur(f['after_support'])} on {f['after_date']}; to match the {f['peers']} median share of GDP "
        f"it would need {eur(f['after'])} more (was {eur(f['before'])})."
    )


def _heading(digest: Digest) -> str:
    return ", ".join(f"{c['name']} ({c['code']})" for c in digest["countries"])


_TEXT = jinja2.Environment(autoescape=False, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
_PAGE = jinja2.Environment(autoescape=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)


def render_markdown(digest: Digest) -> str:
    """The digest as Markdown (tables, source links)."""
    template = _TEXT.from_string(_MARKDOWN)
    return template.render(
        d=digest, heading=_heading(digest), note=_NOTE, eur=eur, cell=_cell, link=_link, step_up=_step_up_text
    )


def render_fragment(digest: Digest) -> markupsafe.Markup:
    """The countries' sections as HTML (escaped), for the standalone page and the dashboard's /digest."""
    html = _PAGE.from_string(_FRAGMENT).render(d=digest, eur=eur, a=_anchor, step_up=_step_up_text)
    return markupsafe.Markup(html)


def render_html(digest: Digest) -> str:
    """The digest as one self-contained HTML page: inline style, no scripts, no external resources."""
    return _PAGE.from_string(_HTML).render(
        d=digest, heading=_heading(digest), note=_NOTE, fragment=render_fragment(digest)
    )


FORMATS = {".md": render_markdown, ".markdown": render_markdown, ".html": render_html, ".htm": render_html}


def render(digest: Digest, *, suffix: str) -> str:
    """The digest in the format of a file suffix (.md or .html)."""
    renderer = FORMATS.get(suffix.lower())
    if renderer is None:
        raise ValidationError(f'Cannot write a digest as "{suffix}"; name the file .md or .html.')
    return renderer(digest)
