"""The country report: the analysis brief plus the donor's rules, routes and signals.

This is the main job of the README: ``aidtrack brief KOR`` on a fresh machine loads the
starter data and the shipped registers and prints it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from aidtrack import analysis
from aidtrack.analysis import Report, ReportSection, render_report_text, write_report_html
from aidtrack.db import Store
from aidtrack.rules import OptionsReport, rules_in_force
from aidtrack.services import analysis as analysis_service
from aidtrack.services import ledger
from aidtrack.services import rules as rules_service

__all__ = ["Report", "country_report", "options_section", "render_report_text", "rules_section",
           "signals_section", "write_report_html"]


def _first_url(sources: Any) -> str:
    for source in sources or ():
        url = source.get("url") if isinstance(source, dict) else getattr(source, "url", None)
        if url:
            return str(url)
    return ""


def options_section(options: OptionsReport) -> ReportSection:
    """Each route with its verdict and the rule and source that decide it."""
    rows = []
    for route in options.routes:
        deciding = [f for f in (route.check.findings if route.check else ()) if f.severity != "info"]
        finding = deciding[0] if deciding else None
        rows.append((route.title, route.label, finding.rule_id if finding and finding.rule_id else "",
                     finding.citation if finding and finding.citation else ""))
    return ReportSection(
        title=f"Routes open to {options.donor} on {options.as_of.isoformat()}",
        paragraphs=("Verdicts of the route checker against the rules in force on that date "
                    "(run aidtrack options for the peers and signals of each route).",),
        columns=("route", "verdict", "deciding rule", "source"), rows=rows)


def rules_section(donor: str, *, on: dt.date) -> ReportSection:
    rows = [(r.id, r.effect, ", ".join(r.covers), r.scope, r.valid_from.isoformat() if r.valid_from else "",
             _first_url(r.sources)) for r in rules_in_force(donor, on=on) if not r.superseded_by]
    return ReportSection(title=f"Export rules in force for {donor} on {on.isoformat()}",
                         paragraphs=() if rows else ("No rule on record for this country.",),
                         columns=("rule", "effect", "covers", "scope", "since", "source"), rows=rows)


def signals_section(options: OptionsReport) -> ReportSection:
    signals = sorted([*options.appeals, *options.threats], key=lambda s: str(s.get("date") or ""))
    rows = [(str(s.get("date") or ""), s["type"], s["actor"], s.get("summary") or "", _first_url(s.get("sources")))
            for s in signals]
    return ReportSection(title=f"Appeals to and threats against {options.donor}",
                         columns=("date", "type", "by", "summary", "source"), rows=rows,
                         paragraphs=() if rows else ("No appeals or threats on record.",))


def country_report(donor: str, *, peers: str = "G7", as_of: str | dt.date | None = None, stage: str = "allocation",
                   store: Store | None = None) -> Report:
    """The full country report for ``donor`` (analysis + options + rules + signals)."""
    store = store or ledger.open_store()
    analysis_service.load_starter_if_empty(store)
    support, macro = analysis_service.load_frames(store)
    code = analysis_service.resolve_donor(donor)
    when = ledger.parse_date(as_of) or dt.date.today()
    options = rules_service.options_report(code, as_of=when, peers=peers, store=store)
    sections = (options_section(options), rules_section(code, on=when), signals_section(options))
    return analysis.build_report(support, macro, code, peers=peers, as_of=as_of, stage=stage,
                                 extra_sections=sections)
