"""Plotly figures for rankings, categories, timelines and peer comparisons.

Plain functions: rows in (the DataFrames of :mod:`aidtrack.analysis`), figure out.

    fig = plot_ranking(rank(support, macro, per="gdp"), measure="pct_gdp")
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from aidtrack.models import Category, values

COLOURS = {"military": "#4c5b8a", "humanitarian": "#d08c36", "financial": "#4f9a7d", "unspecified": "#9a9a9a"}
BASE, HIGHLIGHT, MEDIAN = "#8aa1c7", "#c0392b", "#333333"
CATEGORIES = (*values(Category), "unspecified")
_MEASURES = {"value_eur": "support in EUR", "pct_gdp": "% of GDP", "per_capita_eur": "EUR per inhabitant"}
DEFAULT_SOURCE = (
    "aidtrack ledger: Kiel Institute for the World Economy, Ukraine Support Tracker, and sourced records"
)
CAPTION_MARGIN = 120  # pixels below the plot for the axis title, the legend and a three-line caption


def caption_text(
    *, measure: str, unit: str, source: str | None = None, as_of: dt.date | str | None = None
) -> str:
    """What a chart shows, in words: measure, unit, data source and release, date.

    >>> caption_text(measure="Allocations", unit="% of GDP", source="Kiel, Release 29", as_of="2026-04-30")
    'Allocations, % of GDP. Source: Kiel, Release 29. Data as of 2026-04-30.'
    """
    when = f"Data as of {as_of}" if as_of else f"Made {dt.date.today().isoformat()}"
    return f"{measure}, {unit}. Source: {source or DEFAULT_SOURCE}. {when}."


def _lines(text: str) -> str:
    """The caption on up to three lines (plotly does not wrap), broken after its sentences."""
    return (
        text.replace(". Source: ", ".<br>Source: ")
        .replace(". Data as of ", ".<br>Data as of ")
        .replace(". Made ", ".<br>Made ")
    )


def add_caption(fig: go.Figure, text: str) -> go.Figure:
    """Put ``text`` under the plot (it stays on exported HTML and PNG), replacing an earlier caption."""
    fig.layout.annotations = [a for a in fig.layout.annotations if a.name != "caption"]
    fig.add_annotation(
        name="caption",
        text=_lines(text),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-CAPTION_MARGIN + 48,
        showarrow=False,
        align="left",
        font={"size": 11, "color": "#555555"},
    )
    fig.update_layout(margin={"b": CAPTION_MARGIN}, meta={"caption": text})
    return fig


def money_scale(values: pd.Series) -> tuple[float, str]:
    """Divisor and unit label for EUR amounts: billions if any reaches 1 bn, else millions."""
    largest = float(values.abs().max()) if len(values) else 0.0
    return (1e9, "EUR bn") if largest >= 1e9 else (1e6, "EUR m")


def _layout(fig: go.Figure, *, title: str, height: int, xaxis: str = "", yaxis: str = "") -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.01},
        height=height,
        template="plotly_white",
        margin={"l": 150, "r": 30, "t": 60, "b": 50},
        xaxis_title=xaxis,
        yaxis_title=yaxis,
        legend={"orientation": "h", "y": -0.12},
    )
    return fig


def _captioned(
    fig: go.Figure, *, measure: str, unit: str, source: str | None, as_of: dt.date | str | None
) -> go.Figure:
    return add_caption(fig, caption_text(measure=measure, unit=unit, source=source, as_of=as_of))


def plot_ranking(
    table: pd.DataFrame,
    *,
    measure: str = "value_eur",
    top: int = 20,
    highlight: str | None = None,
    title: str | None = None,
    source: str | None = None,
    as_of: dt.date | str | None = None,
) -> go.Figure:
    """Horizontal bars of the ``top`` donors of a :func:`rank` table, largest at the top.

    Where the ``rank`` column jumps (e.g. the top 15 and then the donor of interest at
    23), a labelled empty row says how many donors are left out in between.
    """
    rows = table.dropna(subset=[measure]).head(top)
    label = _MEASURES.get(measure, measure)
    divisor, unit = money_scale(rows[measure]) if measure == "value_eur" else (1.0, label)
    bars = _with_gaps(rows, measure=measure, divisor=divisor, highlight=highlight)[::-1]
    fig = go.Figure(
        go.Bar(
            x=[b[0] for b in bars],
            y=[b[1] for b in bars],
            orientation="h",
            marker_color=[b[2] for b in bars],
            hovertemplate="%{y}: %{x:,.3f} " + unit + "<extra></extra>",
        )
    )
    fig = _layout(
        fig,
        title=title or f"Donors ranked by {label}",
        xaxis=unit,
        height=max(320, 26 * len(bars) + 120 + CAPTION_MARGIN),
    )
    return _captioned(fig, measure=f"Donors ranked by {label}", unit=unit, source=source, as_of=as_of)


def _with_gaps(
    rows: pd.DataFrame, *, measure: str, divisor: float, highlight: str | None
) -> list[tuple[float | None, str, str]]:
    """(value, label, colour) per bar, top first, with a "... n donors left out ..." row where ranks jump."""
    bars: list[tuple[float | None, str, str]] = []
    previous = None
    for _, row in rows.iterrows():
        position = row.get("rank")
        if previous is not None and pd.notna(position) and int(position) - previous > 1:
            skipped = int(position) - previous - 1
            bars.append((None, f"\u2026 {skipped} donor{'s' if skipped > 1 else ''} left out \u2026", BASE))
        previous = int(position) if pd.notna(position) else previous
        bars.append(
            (
                float(row[measure]) / divisor,
                str(row["name"]),
                HIGHLIGHT if row["donor"] == highlight else BASE,
            )
        )
    return bars


def plot_categories(
    table: pd.DataFrame,
    *,
    top: int = 20,
    title: str | None = None,
    source: str | None = None,
    as_of: dt.date | str | None = None,
) -> go.Figure:
    """Stacked horizontal bars of support by category for the ``top`` rows of a :func:`rank` table."""
    rows = table.head(top).iloc[::-1]
    columns = [c for c in CATEGORIES if f"{c}_eur" in rows and rows[f"{c}_eur"].abs().sum() > 0]
    divisor, unit = money_scale(rows["value_eur"]) if "value_eur" in rows else (1e9, "EUR bn")
    fig = go.Figure(
        [
            go.Bar(
                x=rows[f"{c}_eur"] / divisor,
                y=rows["name"],
                name=c.capitalize(),
                orientation="h",
                marker_color=COLOURS[c],
                hovertemplate="%{y}: %{x:,.3f} " + unit + "<extra>" + c + "</extra>",
            )
            for c in columns
        ]
    )
    fig.update_layout(barmode="stack")
    fig = _layout(
        fig,
        title=title or "Support by category",
        xaxis=unit,
        height=max(320, 26 * len(rows) + 140 + CAPTION_MARGIN),
    )
    return _captioned(fig, measure="Support by category", unit=unit, source=source, as_of=as_of)


def plot_timeline(
    frame: pd.DataFrame,
    *,
    cumulative: bool = True,
    title: str | None = None,
    source: str | None = None,
    as_of: dt.date | str | None = None,
) -> go.Figure:
    """One line per stage and category of a :func:`timeline` frame (cumulative by default)."""
    column = "cumulative_eur" if cumulative else "amount_eur"
    divisor, unit = money_scale(frame[column]) if len(frame) else (1e9, "EUR bn")
    fig = go.Figure()
    for (stage, category), rows in frame.groupby(["stage", "category"], sort=False):
        name = f"{stage} (all categories)" if category == "unspecified" else f"{category} {stage}"
        fig.add_trace(
            go.Scatter(
                x=rows["period"],
                y=rows[column] / divisor,
                mode="lines",
                name=name,
                line={
                    "color": COLOURS.get(str(category), BASE),
                    "dash": "solid" if stage == "allocation" else "dot",
                },
                hovertemplate="%{x|%b %Y}: %{y:,.3f} " + unit + f"<extra>{name}</extra>",
            )
        )
    kind = "Cumulative support" if cumulative else "Support per period"
    fig = _layout(fig, title=title or kind, yaxis=unit, height=420 + CAPTION_MARGIN)
    return _captioned(fig, measure=kind, unit=unit, source=source, as_of=as_of)


def plot_peer_comparison(
    values: pd.DataFrame,
    *,
    category: str = "total",
    line: float | None = None,
    line_label: str = "peer median",
    title: str | None = None,
    source: str | None = None,
    as_of: dt.date | str | None = None,
) -> go.Figure:
    """Bars of % of GDP per actor for one ``category`` of a comparison, donor highlighted, median line."""
    rows = values.loc[values["category"] == category].sort_values("pct_gdp", ascending=False)
    colours = [HIGHLIGHT if d else BASE for d in rows["is_donor"]]
    fig = go.Figure(
        go.Bar(
            x=rows["name"],
            y=rows["pct_gdp"],
            marker_color=colours,
            hovertemplate="%{x}: %{y:.3f}% of GDP<extra></extra>",
        )
    )
    if line is not None:
        fig.add_hline(
            y=line,
            line_dash="dash",
            line_color=MEDIAN,
            annotation_text=f"{line_label}: {line:.3f}%",
            annotation_position="top right",
        )
    fig = _layout(
        fig,
        title=title or f"{category.capitalize()} support as % of GDP",
        yaxis="% of GDP",
        height=420 + CAPTION_MARGIN,
    )
    fig.update_layout(margin={"l": 60})
    return _captioned(
        fig,
        measure=f"{category.capitalize()} support as a share of GDP",
        unit="% of GDP",
        source=source,
        as_of=as_of,
    )
