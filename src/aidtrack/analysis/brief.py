"""The country brief as Markdown-style plain text, for the terminal (``aidtrack brief KOR``).

print(render_report_text(build_report(support, macro, "KOR")))
"""

from __future__ import annotations

from typing import Any

from aidtrack.analysis.formatting import eur, pct
from aidtrack.analysis.report import Report, ReportSection


def render_report_text(report: Report) -> str:
    """A :class:`Report` as Markdown-style text."""
    parts = [
        f"# {report.name} ({report.donor}): support to Ukraine"
        + (f", as of {report.as_of}" if report.as_of else ""),
        _headline_text(report),
        _categories_text(report),
        _peers_text(report),
        *(_section_text(s) for s in report.sections),
        "## Notes\n" + "\n".join(f"- {n}" for n in report.notes) if report.notes else "",
        _sources_text(report),
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _headline_text(report: Report) -> str:
    h = report.headline
    lines = [
        (
            f"- {report.stage.capitalize()}: {eur(h['value_eur'])}, {pct(h['pct_gdp'])} of GDP "
            f"({h['gdp_basis'] or 'no GDP'}), {eur(h['per_capita_eur'])} per inhabitant"
        ),
        (
            f"- Rank: {_rank(h['rank_value'], h['ranked_value'])} donors by value, "
            f"{_rank(h['rank_pct_gdp'], h['ranked_pct_gdp'])} by % of GDP"
        ),
        f"- Committed: {eur(h['commitment_eur'])}; allocated: {eur(h['allocation_eur'])}"
        + (f"; delivered: {eur(h['delivery_eur'])}" if h["delivery_known"] else "; deliveries not recorded"),
    ]
    if h["first_date"]:
        lines.append(f"- Records dated {h['first_date']} to {h['last_date']}")
    return "## Headline\n" + "\n".join(lines)


def eur_or_dash(value: float) -> str:
    """:func:`eur`, with "-" for exactly zero (nothing recorded)."""
    return "-" if value == 0 else eur(value)


def _rank(position: int | None, of: int) -> str:
    return f"{position} of {of}" if position else f"unranked among {of}"


NOT_SPLIT = "not split by category in this release"


def _categories_text(report: Report) -> str:
    table = report.categories
    stages = [c for c in table.columns if c.endswith("_eur")]
    unsplit = {f"{stage}_eur" for stage in report.unsplit_stages}
    header = "| category | " + " | ".join(s.removesuffix("_eur") for s in stages) + " |"
    rule = "|---" * (len(stages) + 1) + "|"

    def cell(row: Any, column: str) -> str:
        if column in unsplit and row["category"] != "unspecified":
            return NOT_SPLIT
        return eur_or_dash(row[column])

    rows = [
        "| " + " | ".join([str(r["category"]), *(cell(r, s) for s in stages)]) + " |"
        for _, r in table.iterrows()
    ]
    return "## By category\n" + "\n".join([header, rule, *rows])


def _peers_text(report: Report) -> str:
    c = report.comparison
    if c is None:
        return ""
    label = "median" if c.percentile == 50 else f"{c.percentile:g}th percentile"
    lines = [
        f"## Peers: {report.peers} ({', '.join(c.peers)}), {c.stage} as % of GDP",
        f"| category | {c.donor} | peer {label} | rank | step-up gap |",
        "|---|---|---|---|---|",
    ]
    for _, r in c.table.iterrows():
        lines.append(
            f"| {r['category']} | {pct(r['donor_pct_gdp'])} | {pct(r['peer_pct_gdp'])} | "
            f"{r['rank']} of {r['of']} | {eur(r['gap_eur'])} |"
        )
    lines.extend(["", gap_sentence(report)])
    return "\n".join(lines)


def gap_sentence(report: Report) -> str:
    """One sentence on the total step-up gap, e.g. "To match the G7 median (0.585% of GDP), ..."."""
    c = report.comparison
    if c is None:
        return ""
    total = c.row("total")
    label = "median" if c.percentile == 50 else f"{c.percentile:g}th percentile"
    target = f"the {report.peers} {label} ({pct(total['peer_pct_gdp'])} of GDP)"
    if total["gap_eur"] <= 0:
        return (
            f"{c.name} already gives more than {target}: "
            f"{eur(total['donor_eur'])} against {eur(total['target_eur'])}."
        )
    return (
        f"To match {target}, {c.name} would give {eur(total['target_eur'])} in total: "
        f"{eur(total['gap_eur'])} more than its {eur(total['donor_eur'])}."
    )


def _section_text(section: ReportSection) -> str:
    lines = [f"## {section.title}", *section.paragraphs]
    if section.columns:
        lines.append("| " + " | ".join(map(str, section.columns)) + " |")
        lines.append("|---" * len(section.columns) + "|")
    lines.extend("| " + " | ".join(map(str, row)) + " |" for row in section.rows)
    return "\n".join(lines)


def _sources_text(report: Report) -> str:
    lines = [f"- {s.label}" + (f": {s.url}" if s.url else "") for s in report.sources[:10]]
    if len(report.sources) > 10:
        lines.append(
            f"- ... {len(report.sources) - 10} more in the HTML report (`aidtrack report {report.donor}`)"
        )
    return "## Sources\n" + "\n".join(lines)
