"""Render a :class:`~aidtrack.analysis.report.Report` as one self-contained HTML page.

plotly.js is inlined once, so the page works offline; every text value passes
through Jinja2 with autoescaping on, and only http(s) source URLs become links.

    html = render_report_html(build_report(support, macro, "KOR"))
"""

from __future__ import annotations

import functools
import importlib.metadata
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd
from markupsafe import Markup

from aidtrack import charts
from aidtrack.analysis.brief import eur_or_dash, gap_sentence
from aidtrack.analysis.formatting import (
    breakable,
    eur,
    host,
    is_isodate,
    is_weblink,
    pct,
)
from aidtrack.analysis.report import KIEL_PUBLISHER, NOT_SPLIT, Report

TEMPLATES = Path(__file__).resolve().parent.parent / "data" / "templates"
TOP_DONORS = 15


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    add_formatting(env)
    return env


def add_formatting(env: jinja2.Environment) -> None:
    """Give ``env`` the number and link formats every page template uses: the filters ``eur``,
    ``pct``, ``host`` and ``breakable`` and the tests ``weblink`` and ``isodate``."""
    env.filters.update(eur=eur, pct=pct, host=host, breakable=breakable)
    env.tests.update(weblink=is_weblink, isodate=is_isodate)


def render_report_html(report: Report) -> str:
    """The report as an HTML page with charts, peer comparison, step-up gap and sources."""
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        version=_version(),
        plotly_js=Markup(charts.plotly_js()),
        charts=_charts(report),
        cards=_cards(report),
        headline_lines=_headline_lines(report),
        category_stages=[c.removesuffix("_eur") for c in report.categories.columns if c.endswith("_eur")],
        category_rows=_category_rows(report),
        rank_line=_rank_line(report),
        undated=_undated(report),
        comparison=_comparison(report),
        sources=_sources(report),
        not_split=NOT_SPLIT,
        gdp_basis=report.headline["gdp_basis"] or "no GDP",
    )


def write_report_html(report: Report, path: str | Path) -> Path:
    """Write :func:`render_report_html` to ``path`` (UTF-8)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_report_html(report), encoding="utf-8")
    return target


def _version() -> str:
    try:
        return importlib.metadata.version("aidtrack")
    except importlib.metadata.PackageNotFoundError:
        return "dev"


def _cards(report: Report) -> list[dict[str, str]]:
    h = report.headline
    return [
        {"value": eur(h["value_eur"]), "label": f"{report.stage} to date"},
        {"value": pct(h["pct_gdp"]), "label": "of GDP"},
        {"value": eur(h["per_capita_eur"]), "label": "per inhabitant"},
        {"value": eur(h["commitment_eur"]), "label": "committed"},
    ]


def _headline_lines(report: Report) -> list[str]:
    h = report.headline
    lines = [
        f"Committed {eur(h['commitment_eur'])}, allocated {eur(h['allocation_eur'])}"
        + (f", delivered {eur(h['delivery_eur'])}." if h["delivery_known"] else "; deliveries not recorded.")
    ]
    if h["first_date"]:
        lines.append(f"Records dated {h['first_date']} to {h['last_date']}.")
    return lines


def _category_rows(report: Report) -> list[list[str]]:
    """Category x stage amounts; "not split by category in this release" where the source gives totals only."""
    stages = [c for c in report.categories.columns if c.endswith("_eur")]
    return [
        [str(r["category"]), *(_category_cell(report, str(r["category"]), s, r[s]) for s in stages)]
        for _, r in report.categories.iterrows()
    ]


def _category_cell(report: Report, category: str, column: str, value: float) -> str:
    if category != "unspecified" and column.removesuffix("_eur") in report.unsplit_stages:
        return NOT_SPLIT
    return eur_or_dash(value)


def _rank_line(report: Report) -> str:
    h = report.headline
    value = f"#{h['rank_value']} of {h['ranked_value']}" if h["rank_value"] else "unranked"
    share = f"#{h['rank_pct_gdp']} of {h['ranked_pct_gdp']}" if h["rank_pct_gdp"] else "unranked"
    return (
        f"{report.name} ranks {value} donors by {report.stage} in EUR and {share} by share of GDP "
        f"({pct(h['pct_gdp'])}; {h['gdp_basis'] or 'no GDP'})."
    )


def _undated(report: Report) -> str:
    undated = float(report.timeline.attrs.get("undated_eur", 0.0))
    return f"{eur(undated)} of records have no date and are left out of the chart." if undated else ""


def _comparison(report: Report) -> dict[str, Any] | None:
    c = report.comparison
    if c is None:
        return None
    label = "median" if c.percentile == 50 else f"{c.percentile:g}th percentile"
    rows = [
        [
            str(r["category"]),
            eur(r["donor_eur"]),
            pct(r["donor_pct_gdp"]),
            pct(r["peer_pct_gdp"]),
            f"{r['rank']} of {r['of']}",
            eur(r["target_eur"]),
            eur(r["gap_eur"]),
        ]
        for _, r in c.table.iterrows()
    ]
    return {
        "intro": f"{c.name} against {', '.join(c.peers)} ({c.stage}, % of GDP; rank 1 = highest share).",
        "columns": [
            "Category",
            c.donor,
            f"{c.donor} % GDP",
            f"Peer {label} % GDP",
            "Rank",
            "At peer level",
            "Step-up gap",
        ],
        "rows": rows,
        "gap": gap_sentence(report),
    }


def _sources(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "label": s.label,
            "url": s.url,
            "link": bool(s.url and s.url.lower().startswith(("https://", "http://"))),
        }
        for s in report.sources
    ]


def _charts(report: Report) -> dict[str, Markup]:
    cite: dict[str, Any] = {
        "source": chart_source(report),
        "as_of": report.as_of or report.headline["last_date"],
    }
    figures = {
        "ranking": _ranking_figure(report, cite),
        "timeline": charts.plot_timeline(
            report.timeline, title=f"{report.name}: cumulative support by category and stage", **cite
        ),
    }
    c = report.comparison
    if c is not None:
        line = float(c.row("total")["peer_pct_gdp"])
        label = "peer median" if c.percentile == 50 else f"peer {c.percentile:g}th pct"
        figures["peers"] = charts.plot_peer_comparison(
            c.values,
            line=line,
            line_label=label,
            title=f"{report.name} and {report.peers}: {c.stage} as % of GDP",
            **cite,
        )
        group = report.ranking.loc[report.ranking["donor"].isin([c.donor, *c.peers])]
        figures["categories"] = charts.plot_categories(
            group.sort_values("value_eur", ascending=False),
            title=f"{c.stage.capitalize()} by category, EUR",
            **cite,
        )
    return {k: Markup(charts.figure_div(fig, div_id=f"chart-{k}")) for k, fig in figures.items()}


def chart_source(report: Report) -> str | None:
    """The data source to name under a chart: the report's Kiel citation(s) by release, if any."""
    kiel = [s.label for s in report.sources if s.label.startswith(KIEL_PUBLISHER)]
    return "; ".join(kiel) if kiel else None


def _ranking_figure(report: Report, cite: dict[str, Any]) -> Any:
    """The top donors by % of GDP and, if it is not among them, the donor (the gap between is labelled)."""
    table = report.ranking.dropna(subset=["pct_gdp"])
    top = table.head(TOP_DONORS)
    if report.donor not in set(top["donor"]):
        top = pd.concat([top, table.loc[table["donor"] == report.donor]])
    return charts.plot_ranking(
        top,
        measure="pct_gdp",
        top=len(top),
        highlight=report.donor,
        title=f"Donors by {report.stage} as % of GDP ({report.name} highlighted)",
        **cite,
    )
