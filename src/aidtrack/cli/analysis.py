"""Analysis commands: rank, compare, timeline, report, brief (each with --json)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pandas as pd
from rich.table import Table

from aidtrack.cli import output
from aidtrack.cli.options import bundle, json_option
from aidtrack.cli.output import money, pct, print_json
from aidtrack.errors import AidtrackError, ValidationError
from aidtrack.models import Category, Stage, values
from aidtrack.services import analysis as service
from aidtrack.services import ledger
from aidtrack.services import report as report_service

console = output.console()

_CATEGORIES = values(Category)
_STAGES = values(Stage)
_SHORT = {
    "military": "military",
    "humanitarian": "humanit.",
    "financial": "financial",
    "unspecified": "not split",
}
_chart_option = click.option(
    "--chart",
    "chart",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the chart: .html (self-contained, offline) or .png.",
)
_stage_option = click.option("--stage", type=click.Choice(_STAGES), default="allocation", show_default=True)
_brief_options = bundle(
    click.option("--peers", default="G7", show_default=True, help="Peer group or codes for the comparison."),
    click.option("--as-of", "as_of", help="Support up to this date (YYYY-MM-DD)."),
    _stage_option,
)


def _print_table(rows: list[list[str]], columns: list[str], *, title: str | None = None) -> None:
    table = Table(title=title)
    for i, col in enumerate(columns):
        table.add_column(col, justify="left" if i < 3 else "right", overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def _cite(chart: Path | None, *, as_of: str | None = None) -> report_service.Cite:
    """Caption details for an exported chart: the data source and release, and the date of the data."""
    if chart is None:
        return {}
    return {"source": _data_source(), "as_of": as_of}


def _data_source() -> str | None:
    """The current Kiel release(s) in the ledger, e.g. "..., Ukraine Support Tracker, Release 29"."""
    try:
        return report_service.data_source(ledger.open_store())
    except AidtrackError:
        return None


def _write_chart(figure: Callable[[], Any], path: Path | None) -> None:
    """Build the figure (plotly is imported only then) and write it, when --chart was given."""
    if path is None:
        return
    try:
        service.write_chart(figure(), path)
    except ValidationError as ex:
        raise click.BadParameter(str(ex), param_hint="--chart") from None
    click.echo(f"Chart written to {path}", err=True)


def _charts() -> Any:
    from aidtrack import charts

    return charts


# -- rank --------------------------------------------------------------------------------


@click.command()
@click.option("--category", type=click.Choice(_CATEGORIES), help="One category (default: all together).")
@click.option(
    "--stage",
    type=click.Choice(_STAGES),
    default="allocation",
    show_default=True,
    help="Which measure: Kiel's headline is allocation.",
)
@click.option("--per", type=click.Choice(["gdp", "capita"]), help="Rank by % of GDP or per inhabitant.")
@click.option("--start", help="From this date (YYYY-MM-DD).")
@click.option("--end", help="Up to this date (YYYY-MM-DD).")
@click.option(
    "--eu-shares",
    "include_eu_shares",
    is_flag=True,
    help="Attribute EU-institution aid to member states with Kiel's keys.",
)
@click.option(
    "--gdp",
    type=click.Choice(["kiel", "current"]),
    default="kiel",
    show_default=True,
    help="GDP for --per gdp: Kiel's fixed 2021 GDP in EUR, or the latest WDI GDP converted to EUR.",
)
@click.option("--top", type=int, default=25, show_default=True, help="How many donors to show (0 = all).")
@_chart_option
@json_option
def rank(
    category: str | None,
    stage: str,
    per: str | None,
    start: str | None,
    end: str | None,
    include_eu_shares: bool,
    gdp: str,
    top: int,
    chart: Path | None,
    as_json: bool,
) -> None:
    """Rank donors by support, % of GDP or per capita, e.g. `aidtrack rank --per gdp`."""
    table = service.rank_donors(
        category=category,
        stage=stage,
        per=per,
        start=start,
        end=end,
        include_eu_shares=include_eu_shares,
        gdp=gdp,
    )
    shown = table.head(top) if top > 0 else table
    measure = {"gdp": "pct_gdp", "capita": "per_capita_eur"}.get(per or "", "value_eur")
    title = _rank_title(stage, category, per, table)
    _write_chart(
        lambda: _charts().plot_ranking(
            table, measure=measure, top=len(shown), title=title, **_cite(chart, as_of=end)
        ),
        chart,
    )
    if as_json:
        print_json(service.frame_records(shown))
        return
    if per and len(table) and table[measure].isna().all():
        click.echo(
            f"No {'GDP' if per == 'gdp' else 'population'} data in the ledger, so nothing can be ranked "
            "by it; import macro data first (`aidtrack import --help`).",
            err=True,
        )
    capita = per == "capita"
    parts = [c for c in (*_CATEGORIES, "unspecified") if shown[f"{c}_eur"].abs().sum() > 0]
    columns = [
        "#",
        "donor",
        "name",
        "total",
        "% GDP",
        *(["per capita"] if capita else []),
        *(_SHORT[c] for c in parts),
        *(["EU share"] if include_eu_shares else []),
    ]
    rows = [
        [
            _int(r["rank"]),
            r["donor"],
            str(r["name"]),
            money(r["value_eur"]),
            pct(r["pct_gdp"]),
            *([money(r["per_capita_eur"])] if capita else []),
            *(money(r[f"{c}_eur"]) for c in parts),
            *([money(r["eu_share_eur"])] if include_eu_shares else []),
        ]
        for _, r in shown.iterrows()
    ]
    _print_table(rows, columns, title=_rank_title(stage, category, per, table))


def _int(value: Any) -> str:
    return "" if pd.isna(value) else str(int(value))


def _rank_title(stage: str, category: str | None, per: str | None, table: pd.DataFrame) -> str:
    basis = f"; GDP: {table['gdp_basis'].iloc[0]}" if len(table) and per == "gdp" else ""
    by = {"gdp": "% of GDP", "capita": "EUR per inhabitant"}.get(per or "", "EUR")
    return f"{(category or 'all').capitalize()} support ({stage}) ranked by {by}{basis}"


# -- compare ------------------------------------------------------------------------------


@click.command()
@click.argument("donor")
@click.option(
    "--peers",
    default="G7",
    show_default=True,
    help="A group (G7, NATO, EU, OECD) or codes/names separated by commas (JPN,AUS).",
)
@_stage_option
@click.option(
    "--percentile",
    type=click.FloatRange(0, 100),
    default=50,
    show_default=True,
    help="Peer level to match: 50 = median.",
)
@click.option("--as-of", "as_of", help="Group membership and support up to this date (YYYY-MM-DD).")
@click.option("--gdp", type=click.Choice(["kiel", "current"]), default="kiel", show_default=True)
@_chart_option
@json_option
def compare(
    donor: str,
    peers: str,
    stage: str,
    percentile: float,
    as_of: str | None,
    gdp: str,
    chart: Path | None,
    as_json: bool,
) -> None:
    """Compare a donor with its peers and show the step-up gap, e.g. `aidtrack compare KOR --peers G7`."""
    code = service.resolve_donor(donor)  # a bad name is refused before the ledger is loaded
    result = service.compare_donors(
        code,
        peers=peers,
        stage=stage,
        percentile=percentile,
        as_of=as_of,
        gdp=gdp,
    )
    line = float(result.row("total")["peer_pct_gdp"])
    _write_chart(
        lambda: _charts().plot_peer_comparison(
            result.values,
            line=line,
            title=f"{result.name} and {', '.join(result.peers)}: {stage} as % of GDP",
            **_cite(chart, as_of=as_of),
        ),
        chart,
    )
    if as_json:
        print_json(service.comparison_dict(result))
        return
    label = "median" if percentile == 50 else f"p{percentile:g}"
    rows = [
        [
            str(r["category"]),
            money(r["donor_eur"]),
            pct(r["donor_pct_gdp"]),
            pct(r["peer_pct_gdp"]),
            f"{r['rank']} of {r['of']}",
            money(r["gap_eur"]),
        ]
        for _, r in result.table.iterrows()
    ]
    _print_table(
        rows,
        ["category", result.donor, "% GDP", f"peers {label}", "rank", "step-up gap"],
        title=f"{result.name} vs {', '.join(result.peers)} ({stage}; % of GDP)",
    )
    click.echo(f"Step-up gap: what {result.donor} would add to match the peers' {label} share of GDP.")
    if result.missing_peers:
        click.echo(f"Left out (no records or no GDP): {', '.join(result.missing_peers)}")


# -- timeline -----------------------------------------------------------------------------


@click.command()
@click.argument("donor", required=False)
@click.option("--stage", type=click.Choice(_STAGES), help="One measure (default: all).")
@click.option(
    "--freq",
    type=click.Choice(["m", "q", "y"], case_sensitive=False),
    default="m",
    show_default=True,
    help="Periods: m = months, q = quarters, y = years.",
)
@_chart_option
@json_option
def timeline(donor: str | None, stage: str | None, freq: str, chart: Path | None, as_json: bool) -> None:
    """Support per month (or quarter, year) and to date, and commitments vs allocations,
    e.g. `aidtrack timeline KOR --freq q`."""
    code = service.resolve_donor(donor) if donor else None  # refused before the ledger is loaded
    store = service.prepared_store()  # the starter data loaded once for both tables
    frame = service.donor_timeline(code, store=store, stage=stage, freq=freq)
    gap = service.commitment_gap(store=store, donors=None if code is None else [code])
    who = code or "All donors"
    _write_chart(
        lambda: _charts().plot_timeline(
            frame, title=f"{who}: cumulative support by category and stage", **_cite(chart)
        ),
        chart,
    )
    if as_json:
        print_json(
            {
                "donor": code,
                "timeline": service.frame_records(frame),
                "undated_eur": frame.attrs.get("undated_eur", 0.0),
                "commitment_gap": service.frame_records(gap),
            }
        )
        return
    _print_timeline(
        frame, freq=freq.upper(), title=f"{who}: support per {_PERIOD_NAMES[freq.upper()]} and to date"
    )
    rows = [
        [
            r["donor"],
            str(r["name"]),
            money(r["commitment_eur"]),
            money(r["allocation_eur"]),
            money(r["delivery_eur"]),
            money(r["unallocated_eur"]),
            pct(r["allocated_pct"], digits=0),
        ]
        for _, r in gap.head(25).iterrows()
    ]
    _print_table(
        rows,
        ["donor", "name", "committed", "allocated", "delivered", "unallocated", "allocated"],
        title="Commitments vs allocations",
    )


_PERIOD_NAMES = {"M": "month", "Q": "quarter", "Y": "year"}


def _print_timeline(frame: pd.DataFrame, *, freq: str, title: str) -> None:
    """One row per period: each series' amount in that period, then its running total."""
    if frame.empty:
        click.echo("No dated support records.")
        return
    names = [(s, c) for s, c in dict.fromkeys(zip(frame["stage"], frame["category"]))]
    per = frame.pivot_table(index="period", columns=["stage", "category"], values="amount_eur", aggfunc="sum")
    total = frame.pivot_table(
        index="period", columns=["stage", "category"], values="cumulative_eur", aggfunc="sum"
    )
    columns = ["period"]
    for stage, category in names:
        label = stage if category == "unspecified" else f"{category} {stage}"
        columns += [f"{label}, in {_PERIOD_NAMES[freq]}", f"{label}, to date"]
    rows = [
        [
            _period(period, freq),
            *(
                cell
                for s, c in names
                for cell in (money(per.at[period, (s, c)]), money(total.at[period, (s, c)]))
            ),
        ]
        for period in per.index
    ]
    table = Table(title=title)
    for i, col in enumerate(columns):
        table.add_column(col, justify="left" if i == 0 else "right")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def _period(period: pd.Timestamp, freq: str) -> str:
    if freq == "Y":
        return str(period.year)
    if freq == "Q":
        return f"{period.year}-Q{period.quarter}"
    return period.strftime("%Y-%m")


# -- report and brief ------------------------------------------------------------------------


@click.command()
@click.argument("donor")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="HTML file to write (default: <donor>.html in the current folder).",
)
@_brief_options
@json_option
def report(donor: str, out: Path | None, peers: str, as_of: str | None, stage: str, as_json: bool) -> None:
    """Write a self-contained HTML country report (charts, peers, step-up gap, routes,
    rules, signals, sources) that works offline, e.g. `aidtrack report KOR --out kor.html`."""
    code = service.resolve_donor(donor)  # a bad name is refused before the ledger is loaded
    built = report_service.country_report(code, peers=peers, as_of=as_of, stage=stage)
    path = report_service.write_report_html(built, out or Path(f"{built.donor.lower()}.html"))
    if as_json:
        print_json({"path": str(path), **service.report_dict(built)})
        return
    click.echo(f"Report for {built.name} written to {path}")


@click.command()
@click.argument("donor")
@_brief_options
@json_option
def brief(donor: str, peers: str, as_of: str | None, stage: str, as_json: bool) -> None:
    """A donor's country brief in the terminal: totals, categories, peers, step-up gap,
    routes open under the export rules, appeals and threats, sources, e.g. `aidtrack brief KOR`.

    On an empty ledger it first loads the offline starter data (Kiel Release 29)."""
    code = service.resolve_donor(donor)  # a bad name is refused before the ledger is loaded
    if as_json:
        built = report_service.country_report(code, peers=peers, as_of=as_of, stage=stage)
        print_json(service.report_dict(built))
        return
    # kept per ledger version: a brief run again on an unchanged ledger is read back
    click.echo(report_service.brief_text(code, peers=peers, as_of=as_of, stage=stage), nl=False)


COMMANDS = [rank, compare, timeline, report, brief]
