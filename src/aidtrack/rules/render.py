"""Plain-text (Markdown) renderings of check results and options reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from aidtrack.rules.changes import RuleChange
from aidtrack.rules.model import CheckResult, Rule, Source
from aidtrack.rules.naming import country_name
from aidtrack.rules.options import OptionsReport, RouteOption


def render_check(result: CheckResult) -> str:
    """A Markdown summary of a transfer check: route, verdict, one line per finding."""
    t = result.transfer
    route = " -> ".join(t.chain)
    made = f", made in {t.manufacturer}" if t.manufacturer != t.origin else ""
    lines = [f"**{route}**, {t.item.replace('_', '-')}{made}, on {t.on}: **{result.label}**", ""]
    for f in result.findings:
        cite = f" [source]({f.citation})" if f.citation else ""
        lines.append(f"- `{f.slug}` ({f.severity}, hop {f.hop + 1}, {f.country}): {f.message}{cite}")
    return "\n".join(lines)


def render_options(report: OptionsReport) -> str:
    """The options report as Markdown: one section per route, then appeals and threats."""
    donor = country_name(report.donor)
    lines = [f"# Options for {donor} ({report.donor}) to support {country_name(report.recipient)} "
             f"({report.recipient}), as of {report.as_of}", ""]
    for route in report.routes:
        lines.extend(_route(route))
    lines.extend(_signal_section(f"{report.donor}'s own record", tuple(_own_record(report))))
    lines.extend(_signal_section("Appeals to " + report.donor, report.appeals))
    lines.extend(_signal_section("Threats against " + report.donor, report.threats))
    if report.notes:
        lines.extend(["## Notes", "", *[f"- {n}" for n in report.notes], ""])
    return "\n".join(lines)


def _route(route: RouteOption) -> list[str]:
    lines = [f"## {route.title}: {route.label}", ""]
    if route.note:
        lines.extend([route.note, ""])
    if route.check:
        for f in route.check.findings:
            cite = f" ([source]({f.citation}))" if f.citation else ""
            lines.append(f"- `{f.slug}` {f.country}: {f.message}{cite}")
        lines.append("")
    if route.peers:
        lines.append("Peers on this route: " + "; ".join(_peer(p) for p in route.peers) + ".")
        lines.append("")
    if route.step_up:
        lines.extend([f"Step-up gap: {_gap(g)}" for g in route.step_up] + [""])
    indirect = [s for s in route.signals if s.get("via")]
    if indirect:
        lines.extend(["Reported use of this route:", *[_signal(s) for s in indirect], ""])
    if len(route.signals) > len(indirect):
        lines.extend([f"{len(route.signals) - len(indirect)} more signal(s) bear on this route; "
                      "see the record, appeals and threats below.", ""])
    return lines


def _own_record(report: OptionsReport) -> list[dict[str, Any]]:
    """The donor's refusals, policy changes and direct support, once, in date order."""
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    for route in report.routes:
        for s in route.signals:
            if s["actor"] == report.donor and not s.get("via"):
                seen.setdefault((s["date"], s["type"], s["summary"]), s)
    return list(seen.values())


def _peer(row: dict[str, Any]) -> str:
    amount = row.get("amount_eur")
    money = f"EUR {amount / 1e6:,.0f}m" if isinstance(amount, (int, float)) else "amount unknown"
    return f"{row.get('donor')} {money} ({row.get('measure')})"


def _gap(row: dict[str, Any]) -> str:
    return ", ".join(f"{k.replace('_', ' ')} {_number(v)}" for k, v in row.items())


def _number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def _signal(event: dict[str, Any]) -> str:
    day = event.get("date") or "undated"
    source = event["sources"][0] if event.get("sources") else {}
    cite = f" ([{source.get('publisher')}]({source.get('url')}))" if source else ""
    return f"- {day} {event['type']} {event['actor']}: {event['summary']}{cite}"


def _signal_section(title: str, events: tuple[dict[str, Any], ...]) -> list[str]:
    if not events:
        return [f"## {title}", "", "None on record.", ""]
    return [f"## {title}", "", *[_signal(e) for e in events], ""]


def render_rules(found: list[Rule], *, country: str, on: dt.date) -> str:
    """Markdown list of the rules binding ``country`` on ``on`` (from :func:`rules_in_force`)."""
    lines = [f"# Rules binding {country_name(country)} ({country}) on {on}", ""]
    if not found:
        return "\n".join(lines + ["No rules on record."])
    for r in found:
        state = f"yields to {', '.join(r.superseded_by)} where that applies" if r.superseded_by else "applies"
        start = r.valid_from or "long-standing"
        lines += [f"## {r.id}: {state}", "",
                  f"**{r.title}**: {r.effect} {', '.join(r.covers)}, {r.scope}, to {r.applies_to}; "
                  f"from {start}{f' to {r.valid_to}' if r.valid_to else ''}; confidence {r.confidence}.",
                  "", r.summary, "", "Sources: " + _sources(r.sources), ""]
    return "\n".join(lines)


def render_changes(changes: list[RuleChange], *, since: dt.date, until: dt.date | None) -> str:
    """Markdown list of rule changes (from :func:`rule_changes`)."""
    span = f"since {since}" + (f" until {until}" if until else "")
    lines = [f"# Rule changes {span}", ""]
    for c in changes:
        effect = f"{c.effect_before or 'no rule'} -> {c.effect_after or 'no rule'}"
        lines += [f"- **{c.date} {c.country} {c.direction}** ({c.kind} `{c.rule_id}`, {effect}): "
                  f"{c.summary} Sources: {_sources(c.sources)}"]
    return "\n".join(lines if changes else lines + ["No changes on record."])


def _sources(sources: tuple[Source, ...]) -> str:
    return "; ".join(f"[{s.publisher}{', ' + s.date if s.date else ''}]({s.url})" for s in sources)
