"""Plain-text (Markdown) renderings of check results and options reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from aidtrack.actors import display_name
from aidtrack.analysis.formatting import eur
from aidtrack.models import Category, values
from aidtrack.rules.changes import RuleChange
from aidtrack.rules.model import BASES, CheckResult, Finding, Rule, RuleSource
from aidtrack.rules.options import OptionsReport, PeerSupport, RouteOption
from aidtrack.rules.signals import Signal


def render_check(result: CheckResult) -> str:
    """A Markdown summary of a transfer check: route, verdict and its strength, one line per finding."""
    t = result.transfer
    route = " -> ".join(t.chain)
    made = f", made in {t.manufacturer}" if t.manufacturer != t.origin else ""
    crossing = f", crossing {', '.join(t.transit)}" if t.transit else ""
    named = f" ({t.equipment.replace('_', ' ')})" if t.equipment else ""
    lines = [
        f"**{route}**, {t.item.replace('_', '-')}{named}{made}{crossing}, on {t.on}: **{result.label}**",
        "",
        f"Strength: {result.strength}" + _basis_note(result) + ".",
        "",
    ]
    lines.extend(_unverified(result))
    for f in result.findings:
        cite = f" [source]({f.citation})" if f.citation else ""
        basis = f", {f.basis_label}" if f.rule_id else ""
        lines.append(f"- `{f.slug}` ({f.severity}, hop {f.hop + 1}, {f.country}{basis}): {f.message}{cite}")
    return "\n".join(lines)


def _basis_note(result: CheckResult) -> str:
    """`` (basis: government policy)`` unless the strength already names the basis."""
    words = BASES.get(result.basis or "", "")
    return f" (basis: {words})" if words and words not in result.strength else ""


def _unverified(result: CheckResult) -> list[str]:
    if not result.unverified:
        return []
    return ["Not established (the verdict rests on these): " + "; ".join(result.unverified) + ".", ""]


def render_options(report: OptionsReport, *, rules: Sequence[Rule] = ()) -> str:
    """The options report as Markdown: routes ranked most open first, then peers and step-up
    gap once per category, the donor's record, appeals and threats, and the rules cited.

    ``rules`` are the rules the verdicts cite (for their titles); without them the table
    lists ids and titles from the findings.
    """
    donor = display_name(report.donor)
    lines = [
        (
            f"# Options for {donor} ({report.donor}) to support {display_name(report.recipient)} "
            f"({report.recipient}), as of {report.as_of}"
        ),
        "",
        "Routes are ranked most open first; the strength says what the deciding rule rests on.",
        "",
    ]
    for route in report.routes:
        lines.extend(_route(route))
    lines.extend(_peers_section(report))
    lines.extend(_step_up_section(report))
    lines.extend(_signal_section(f"{report.donor}'s own record", tuple(_own_record(report))))
    lines.extend(_signal_section("Appeals to " + report.donor, report.appeals))
    lines.extend(_signal_section("Threats against " + report.donor, report.threats))
    lines.extend(_cited_rules_section(report, rules))
    if report.notes:
        lines.extend(["## Notes", "", *[f"- {n}" for n in report.notes], ""])
    return "\n".join(lines)


def _heading(route: RouteOption) -> str:
    if route.verdict == "prohibited":
        return f"## {route.title}: {route.strength}"
    licence = ", subject to an export licence" if route.check and route.check.licensed else ""
    return f"## {route.title}: {route.label}{licence}"


def _route(route: RouteOption) -> list[str]:
    lines = [_heading(route), ""]
    if route.check:
        lines.extend(_deciding(route.check))
        lines.extend(_unverified(route.check))
        for f in route.check.findings:
            cite = f" ([source]({f.citation}))" if f.citation else ""
            lines.append(f"- `{f.slug}` {f.country}: {f.message}{cite}")
        lines.append("")
    elif route.note:
        lines.extend([route.note, ""])
    via = route.check.transfer.via if route.check else ()
    own = [p for p in route.peers if p.get("donor") in via]
    if own:
        lines.extend(
            [
                f"{display_name(p['donor'])} itself gave {_amount(p)} of {p.get('category')} aid "
                f"({p.get('measure')})."
                for p in own
            ]
            + [""]
        )
    indirect = [s for s in route.signals if s.get("via")]
    if indirect:
        lines.extend(["Reported use of this route:", *[_signal(s) for s in indirect], ""])
    return lines


def _deciding(check: CheckResult) -> list[str]:
    deciding = [f for f in check.deciding if f.rule_id]
    if not deciding:
        return []
    f = deciding[0]
    return [
        f"Deciding rule: {f.rule_title} (`{f.rule_id}`, {f.country}; basis: {f.basis_label}"
        + (f"; {f.legal_reference}" if f.legal_reference else "")
        + ").",
        "",
    ]


def _peers_section(report: OptionsReport) -> list[str]:
    """Peers once per category (every military route shares one list)."""
    by_category: dict[str, tuple[PeerSupport, ...]] = {}
    for route in report.routes:
        via = route.check.transfer.via if route.check else ()
        peers = tuple(p for p in route.peers if p.get("donor") not in via)
        if len(peers) > len(by_category.get(route.category, ())):
            by_category[route.category] = peers
    if not by_category:
        return []
    lines = [
        "## Peers",
        "",
        (
            "What other donors gave, by kind of aid (the same list applies to every route "
            "of that kind; the ledger does not split lethal from non-lethal military aid)."
        ),
        "",
    ]
    for category in values(Category):
        lines.append(f"- {category.capitalize()} aid{_peer_list(by_category.get(category, ()))}.")
    return [*lines, ""]


def _peer_list(peers: tuple[PeerSupport, ...]) -> str:
    """`` (allocation): USA EUR 56.21 bn; DEU ...`` naming a shared measure once."""
    if not peers:
        return ": none on record"
    measures = {p.get("measure") for p in peers}
    if len(measures) == 1:
        return f" ({measures.pop()}): " + "; ".join(f"{p.get('donor')} {_amount(p)}" for p in peers)
    return ": " + "; ".join(_peer(p) for p in peers)


def _step_up_section(report: OptionsReport) -> list[str]:
    rows = {g["category"]: g for route in report.routes for g in route.step_up if g.get("category")}
    if not rows:
        return []
    lines = ["## Step-up gap", ""]
    for category, g in rows.items():
        lines.append(
            f"- {str(category).capitalize()} aid: {report.donor} gave {eur(g.get('donor_eur'))}; "
            f"the peer median is {_pct(g.get('peer_median_pct_gdp'))} of GDP, which would take "
            f"{eur(g.get('gap_eur'))} more to match."
        )
    return [*lines, ""]


def _pct(value: Any) -> str:
    return f"{value:.3f}%" if isinstance(value, (int, float)) else "n/a"


def _cited_rules_section(report: OptionsReport, rules: Sequence[Rule]) -> list[str]:
    known = {r.id: r for r in rules}
    cited: dict[str, Finding] = {}
    for route in report.routes:
        for f in route.check.findings if route.check else ():
            if f.rule_id:
                cited.setdefault(f.rule_id, f)
    if not cited:
        return []
    lines = ["## Rules cited above", ""]
    for rule_id, f in cited.items():
        rule = known.get(rule_id)
        reviewed = f"; last reviewed {rule.last_reviewed}" if rule and rule.last_reviewed else ""
        caveat = f"; not established: {f.unverified}" if f.unverified else ""
        lines.append(
            f"- {f.rule_title} (`{rule_id}`, {f.country}; {f.basis_label}"
            + (f"; {f.legal_reference}" if f.legal_reference else "")
            + f"{reviewed}{caveat})."
        )
    return [*lines, ""]


def _own_record(report: OptionsReport) -> list[Signal]:
    """The donor's refusals, policy changes and direct support, once, in date order."""
    seen: dict[tuple[Any, ...], Signal] = {}
    for route in report.routes:
        for s in route.signals:
            if s["actor"] == report.donor and not s.get("via"):
                seen.setdefault((s["date"], s["type"], s["summary"]), s)
    return sorted(seen.values(), key=lambda s: str(s.get("date") or "9999"))


def _amount(row: PeerSupport) -> str:
    amount = row.get("amount_eur")
    return eur(amount) if isinstance(amount, (int, float)) else "an unknown amount"


def _peer(row: PeerSupport) -> str:
    return f"{row.get('donor')} {_amount(row)} ({row.get('measure')})"


def _signal(event: Signal) -> str:
    day = event.get("date") or "undated"
    sources = event.get("sources") or []
    source: Mapping[str, object] = sources[0] if sources else {}
    cite = f" ([{source.get('publisher')}]({source.get('url')}))" if source else ""
    return f"- {day} {event['type']} {event['actor']}: {event['summary']}{cite}"


def _signal_section(title: str, events: Sequence[Signal]) -> list[str]:
    if not events:
        return [f"## {title}", "", "None on record.", ""]
    return [f"## {title}", "", *[_signal(e) for e in events], ""]


def render_rules(found: list[Rule], *, country: str, on: dt.date) -> str:
    """Markdown list of the rules binding ``country`` on ``on`` (from :func:`rules_in_force`)."""
    lines = [f"# Rules binding {display_name(country)} ({country}) on {on}", ""]
    if not found:
        return "\n".join(lines + ["No rules on record."])
    for r in found:
        state = f"yields to {', '.join(r.superseded_by)} where that applies" if r.superseded_by else "applies"
        start = r.valid_from or "long-standing"
        lines += [
            f"## {r.id}: {state}",
            "",
            (
                f"**{r.title}**: {r.effect} {', '.join(r.covers)}, {r.scope}, to {r.applies_to}"
                f"{_via(r)}; from {start}{f' to {r.valid_to}' if r.valid_to else ''}; confidence {r.confidence}."
            ),
            "",
            r.summary,
            "",
            *_provenance(r),
            "Sources: " + _sources(r.sources),
            "",
        ]
    return "\n".join(lines)


def _via(rule: Rule) -> str:
    how = "passed on by or via" if rule.scope == "reexport" else "on routes via"
    via = f" (only {how} {', '.join(rule.via)})" if rule.via else ""
    named = f" (only for {', '.join(e.replace('_', ' ') for e in rule.equipment)})" if rule.equipment else ""
    return via + named


def _provenance(rule: Rule) -> list[str]:
    """Basis, legal reference, review date and open questions of a rule, as Markdown lines."""
    lines = [f"Basis: {rule.basis_label}."]
    if rule.legal_reference:
        lines.append(f"Legal reference: {rule.legal_reference.rstrip('.')}.")
    if rule.topic != "export":
        lines.append(f"Topic: {rule.topic.replace('_', ' ')}.")
    if rule.valid_from is None and rule.valid_from_reason:
        lines.append(f"Start: {rule.valid_from_reason}")
    lines.append(f"Last reviewed: {rule.last_reviewed or 'never'}.")
    if rule.unverified:
        lines.append(f"Not established: {rule.unverified}.")
    if rule.no_primary_reason:
        lines.append(f"No primary source: {rule.no_primary_reason}")
    return [" ".join(lines), ""]


def render_stale(found: list[Rule], *, older_than: int, today: dt.date) -> str:
    """Markdown list of rules not reviewed within ``older_than`` days of ``today``."""
    lines = [f"# Rules not reviewed in the {older_than} days before {today}", ""]
    if not found:
        return "\n".join(lines + ["None: every rule was reviewed in that time."])
    for r in found:
        lines.append(f"- `{r.id}` ({r.country}): {r.title}; last reviewed {r.last_reviewed or 'never'}.")
    return "\n".join(lines)


def render_changes(changes: list[RuleChange], *, since: dt.date, until: dt.date | None) -> str:
    """Markdown list of rule changes (from :func:`rule_changes`)."""
    span = f"since {since}" + (f" until {until}" if until else "")
    lines = [f"# Rule changes {span}", ""]
    for c in changes:
        effect = f"{c.effect_before or 'no rule'} -> {c.effect_after or 'no rule'}"
        lines += [
            (
                f"- **{c.date} {c.country} {c.direction}** ({c.kind} `{c.rule_id}`, {effect}): "
                f"{c.summary} Sources: {_sources(c.sources)}"
            )
        ]
    return "\n".join(lines if changes else lines + ["No changes on record."])


def _sources(sources: tuple[RuleSource, ...]) -> str:
    return "; ".join(f"[{s.publisher}{', ' + s.date if s.date else ''}]({s.url})" for s in sources)
