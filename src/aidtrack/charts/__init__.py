"""Charts: plain functions from analysis rows to Plotly figures, and offline writers."""

from __future__ import annotations

from aidtrack.charts.figures import (
    add_caption,
    caption_text,
    plot_categories,
    plot_peer_comparison,
    plot_ranking,
    plot_timeline,
)
from aidtrack.charts.output import (
    ChartRenderError,
    figure_div,
    plotly_js,
    write_html,
    write_png,
)

__all__ = [
    "ChartRenderError",
    "add_caption",
    "caption_text",
    "figure_div",
    "plot_categories",
    "plot_peer_comparison",
    "plot_ranking",
    "plot_timeline",
    "plotly_js",
    "write_html",
    "write_png",
]
