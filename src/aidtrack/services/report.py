"""The country report: the analysis brief plus the donor's rules, routes and signals.

This is the main job of the README: ``aidtrack brief KOR`` on a fresh machine loads the
starter data and the shipped registers and prints it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypedDict

from aidtrack import analysis, cachefiles
from aidtrack.analysis import (
    Report,
    ReportSection,
    render_report_text,
)
from aidtrack.db import Store
from aidtrack.rules import OptionsReport, Rule, load_register, rules_in_force
from aidtrack.services import analysis as analysis_service
from aidtrack.services import bootstrap, ledger
from aidtrack.services import rules as rules_service

__all__ = [
    "Cite",
    "Report",
    "brief_text",
    "cited_rule_ids",
    "country_report",
    "data_source",
    "kiel_releases",
    "options_section",
    "render_report_text",
    "rules_section",
    "signals_section",
    "write_report_html",
]


def write_report_html(report: Report, path: str | Path) -> Path:
    """Write ``report`` as a self-contained HTML page (the template engine loads only here)."""
    from aidtrack.analysis.report_html import write_report_html as write

    return write(report, path)


def _first_url(sources: Any) -> str:
    for source in sources or ():
        url = source.get("url") if isinstance(source, dict) else getattr(source, "url", None)
        if url:
            return str(url)
    return ""


def options_section(options: OptionsReport) -> ReportSection:
    """Each route, most open first, with its verdict, how firmly it binds, and the deciding rule."""
    rows = []
    for route in options.routes:
        check = route.check
        deciding = [f for f in (check.deciding if check else ()) if f.rule_id]
        finding = deciding[0] if deciding else None
        rule = f"{finding.rule_title} ({finding.rule_id})" if finding else ""
        rows.append(
            (
                route.title,
                route.label,
                route.strength,
                rule,
                finding.basis_label if finding else "",
                finding.citation if finding and finding.citation else "",
            )
        )
    return ReportSection(
        title=f"Routes open to {options.donor} on {options.as_of.isoformat()}",
        paragraphs=(
            (
                "Verdicts of the route checker against the rules in force on that date, most open "
                "route first. The strength says what the deciding rule rests on: a statute, a "
                "government policy or a guideline. Every rule cited is listed in the next table."
            ),
        ),
        columns=("route", "verdict", "strength", "deciding rule", "basis", "source"),
        rows=rows,
    )


def _rule_row(rule: Rule) -> tuple[str, ...]:
    since = rule.valid_from.isoformat() if rule.valid_from else "not dated"
    caveat = f"Not established: {rule.unverified}." if rule.unverified else ""
    return (
        rule.title,
        rule.id,
        rule.country,
        rule.basis_label,
        rule.legal_reference,
        rule.effect.replace("_", " "),
        since,
        rule.last_reviewed.isoformat() if rule.last_reviewed else "never",
        _first_url(rule.sources),
        caveat,
    )


def cited_rule_ids(options: OptionsReport) -> list[str]:
    """Ids of every rule a route's findings cite, in route order."""
    found = (f.rule_id for r in options.routes if r.check for f in r.check.findings if f.rule_id)
    return list(dict.fromkeys(found))


def rules_section(donor: str, *, on: dt.date, cited: Sequence[str] = ()) -> ReportSection:
    """The rules in force for ``donor`` on ``on`` plus every rule in ``cited`` (the routes'), titled."""
    in_force = [r for r in rules_in_force(donor, on=on) if not r.superseded_by]
    register = load_register()
    listed = {r.id for r in in_force}
    extra = [register.get(rule_id) for rule_id in cited if rule_id not in listed]
    rows = [_rule_row(r) for r in [*in_force, *extra]]
    return ReportSection(
        title=f"Export rules in force for {donor} on {on.isoformat()}, and every rule the routes cite",
        paragraphs=() if rows else ("No rule on record for this country.",),
        columns=(
            "title",
            "rule",
            "country",
            "basis",
            "legal reference",
            "effect",
            "since",
            "last reviewed",
            "source",
            "note",
        ),
        rows=rows,
    )


def signals_section(options: OptionsReport) -> ReportSection:
    signals = sorted([*options.appeals, *options.threats], key=lambda s: str(s.get("date") or ""))
    rows = [
        (
            str(s.get("date") or ""),
            s["type"],
            s["actor"],
            s.get("summary") or "",
            _first_url(s.get("sources")),
        )
        for s in signals
    ]
    return ReportSection(
        title=f"Appeals to and threats against {options.donor}",
        columns=("date", "type", "by", "summary", "source"),
        rows=rows,
        paragraphs=() if rows else ("No appeals or threats on record.",),
    )


def country_report(
    donor: str,
    *,
    peers: str = "G7",
    as_of: str | dt.date | None = None,
    stage: str = "allocation",
    store: Store | None = None,
) -> Report:
    """The full country report for ``donor`` (analysis + options + rules + signals)."""
    code = analysis_service.resolve_donor(donor)  # a bad name is refused before any loading
    store = store or ledger.open_store()
    bootstrap.prepare(store)
    day = ledger.parse_date(as_of)
    frames = analysis_service.load_frames(store, end=day)  # cut to the day: as_of may fall inside a month
    support, macro = frames
    when = day or dt.date.today()
    options = rules_service.options_report(code, as_of=when, peers=peers, store=store, frames=frames)
    sections = (
        options_section(options),
        rules_section(code, on=when, cited=cited_rule_ids(options)),
        signals_section(options),
    )
    return analysis.build_report(
        support,
        macro,
        code,
        peers=peers,
        as_of=as_of,
        stage=stage,
        extra_sections=sections,
        releases=kiel_releases(store),
    )


def kiel_releases(store: Store) -> list[str]:
    """The Kiel releases whose records are current in the ledger, e.g. ``["29"]``."""
    return sorted(
        {
            str(i["release"])
            for i in ledger.status(store=store)["imports"]
            if str(i.get("origin") or "").lower().startswith("kiel")
            and i.get("release")
            and not i.get("superseded_by")
        },
        key=lambda r: (len(r), r),
    )


class Cite(TypedDict, total=False):
    """What a chart cites under it (keyword arguments of the ``charts`` functions): the dataset
    (:func:`data_source`) and the date of the data."""

    source: str | None
    as_of: dt.date | str | None


def data_source(store: Store) -> str | None:
    """The dataset behind the figures, to cite under charts: the current Kiel release(s), if any."""
    from aidtrack.importers.release import KIEL_CITATION  # the importers load only here

    return "; ".join(KIEL_CITATION.format(release=r) for r in kiel_releases(store)) or None


# -- the brief as text, kept per ledger version ------------------------------------------

BRIEF_FILES = 64
"""Brief texts kept in the user's cache folder, newest first."""


def brief_text(
    donor: str,
    *,
    peers: str = "G7",
    as_of: str | dt.date | None = None,
    stage: str = "allocation",
    store: Store | None = None,
) -> str:
    """The country brief as terminal text: ``render_report_text(country_report(...))``.

    The text is kept in the user's cache folder under the ledger's entity tag (its
    database, version, today's date and the aidtrack release), a fingerprint of the
    installed code and data, and the options, so running the same brief again on an
    unchanged ledger reads it back instead of computing the report again; any write,
    import or review decision gives a new tag.
    """
    store = store or ledger.open_store()
    bootstrap.prepare(store)
    path = _brief_path(store, (donor, peers, str(as_of) if as_of else None, stage))
    text = _read_text(path)
    if text is None:
        report = country_report(donor, peers=peers, as_of=as_of, stage=stage, store=store)
        text = render_report_text(report)
        _write_text(path, text)
    return text


def _brief_path(store: Store, options: tuple[Any, ...]) -> Path | None:
    """Where the brief of ``options`` on the ledger's current version lives (None: in-memory ledger)."""
    if ledger.in_memory(store):
        return None
    key = repr((analysis_service.ledger_etag(store), _installed_fingerprint(), options))
    return cachefiles.keyed_path("briefs", key, ".txt")


@functools.cache
def _installed_fingerprint() -> str:
    """Name, size and change time of every file of the installed package (code and shipped data),
    so an edited rule file or module never brings back a brief computed before the edit."""
    root = Path(__file__).resolve().parents[1]
    entries = []
    for folder, folders, files in os.walk(root):
        folders[:] = [f for f in folders if f != "__pycache__"]
        for name in files:
            stat = os.stat(os.path.join(folder, name))
            entries.append(
                (os.path.relpath(os.path.join(folder, name), root), stat.st_size, stat.st_mtime_ns)
            )
    return hashlib.sha256(repr(sorted(entries)).encode("utf-8")).hexdigest()


def _read_text(path: Path | None) -> str | None:
    data = cachefiles.read_bytes(path)
    try:
        return None if data is None else data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _write_text(path: Path | None, text: str) -> None:
    """Keep the text (atomically; the oldest past :data:`BRIEF_FILES` go)."""
    cachefiles.keep(path, lambda partial: partial.write_text(text, encoding="utf-8"), most=BRIEF_FILES)
