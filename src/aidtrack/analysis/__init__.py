"""Analysis: rankings, peer comparison and step-up gap, time series, country reports.

Pure pandas functions over the support and macro frames; nothing here opens the
database. The ledger hands them support totals summed in SQL
(:func:`aidtrack.db.aggregate.support_totals`, one row per donor, recipient, category,
stage, month, origin and source) and ``store.macro_frame()``; a frame with one row per
record gives the same figures.

Example::

    from aidtrack.analysis import rank, compare, timeline
    rank(support, macro, per="gdp").head()
    compare(support, macro, "KOR", peers="G7").table
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aidtrack.analysis.brief import render_report_text
from aidtrack.analysis.compare import Comparison, compare
from aidtrack.analysis.rank import rank
from aidtrack.analysis.report import Citation, Report, ReportSection, build_report
from aidtrack.analysis.timeline import commitment_gap, timeline

if TYPE_CHECKING:
    from aidtrack.analysis.report_html import render_report_html, write_report_html

__all__ = [
    "Citation",
    "Comparison",
    "Report",
    "ReportSection",
    "build_report",
    "commitment_gap",
    "compare",
    "rank",
    "render_report_html",
    "render_report_text",
    "timeline",
    "write_report_html",
]


def __getattr__(name: str) -> Any:
    """The HTML report (and its template engine) loads only when asked for: a brief in the
    terminal does not need it."""
    if name in ("render_report_html", "write_report_html"):
        from aidtrack.analysis import report_html

        return getattr(report_html, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
