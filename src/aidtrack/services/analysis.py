"""Use cases for analysis: the ledger's frames, the analyses and charts over them, JSON views.

>>> frames = open_frames()                     # doctest: +SKIP
>>> rank_donors(frames=frames, per="gdp")      # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pandas as pd

from aidtrack import analysis, charts
from aidtrack.analysis import Comparison
from aidtrack.analysis._format import eur, money, number, pct
from aidtrack.charts import figure_div, plot_peer_comparison, plot_ranking, plot_timeline
from aidtrack.errors import ValidationError
from aidtrack.services import ledger

__all__ = ["CHART_SUFFIXES", "EVIDENCE_ORIGINS", "Comparison", "Frames", "commitment_gap", "compare_donors",
           "comparison_dict", "donor_timeline", "eur", "figure_div", "frame_records", "load_frames",
           "load_starter_if_empty", "money", "number", "open_frames", "pct", "plot_peer_comparison",
           "plot_ranking", "plot_timeline", "rank_donors", "report_dict", "resolve_donor", "write_chart"]

Frames = tuple[pd.DataFrame, pd.DataFrame]
CHART_SUFFIXES = (".html", ".htm", ".png")


EVIDENCE_ORIGINS = ("signals", "extract")


def load_frames(store: Any, *, everything: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The current, confirmed support records and the macro data of ``store`` as DataFrames.

    Records from the signals register and from news extraction are evidence of single
    events that the datasets (Kiel) already count; they are left out of the figures so
    nothing is counted twice, unless ``everything=True``. Imported datasets and records
    added by hand or through the API count.
    """
    where = dataclasses.replace(ledger.support_filter(current=True, status="confirmed"), limit=None)
    support = store.support_frame(where)
    if not everything:
        support = support[~support["origin"].isin(EVIDENCE_ORIGINS)].reset_index(drop=True)
    return support, store.macro_frame()


def open_frames(*, database_url: str | None = None, starter: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Open the ledger and load its frames; an empty ledger first gets the shipped starter dataset.

    With ``starter=False`` an empty ledger gives empty frames.
    """
    store = ledger.open_store(database_url)
    support, macro = load_frames(store)
    if support.empty and starter and load_starter_if_empty(store):
        support, macro = load_frames(store)
    return support, macro


def load_starter_if_empty(store: Any) -> bool:
    """Load the shipped starter dataset into a ledger that has no support records yet."""
    if store.count("support", ledger.support_filter(current=None, limit=None)) > 0:
        return False
    from aidtrack.services import imports

    imports.load_starter(store, by=ledger.current_user())
    return True


def resolve_donor(name: str) -> str:
    """An actor code for a donor typed by a user ("South Korea", "kor" -> "KOR")."""
    code = ledger.resolve(name)
    assert code is not None
    return code


# -- analyses over the ledger's frames -------------------------------------------------
# Each takes ``frames`` (support, macro) already loaded, else loads those of ``store``,
# else opens the ledger of the settings (with the starter data if it is empty).

def _frames(frames: Frames | None, store: Any) -> Frames:
    if frames is not None:
        return frames
    return load_frames(store) if store is not None else open_frames()


def rank_donors(*, frames: Frames | None = None, store: Any = None, **options: Any) -> pd.DataFrame:
    """Donors ranked by support (see :func:`aidtrack.analysis.rank` for ``options``)."""
    support, macro = _frames(frames, store)
    return analysis.rank(support, macro, **options)


def compare_donors(donor: str, *, frames: Frames | None = None, store: Any = None, **options: Any) -> Comparison:
    """``donor`` (a code) against its peers (see :func:`aidtrack.analysis.compare` for ``options``)."""
    support, macro = _frames(frames, store)
    return analysis.compare(support, macro, donor, **options)


def donor_timeline(donor: str | None, *, frames: Frames | None = None, store: Any = None,
                   **options: Any) -> pd.DataFrame:
    """Support of ``donor`` (None: all donors) per period and cumulative."""
    support, _ = _frames(frames, store)
    return analysis.timeline(support, donor, **options)


def commitment_gap(*, frames: Frames | None = None, store: Any = None,
                   donors: list[str] | None = None) -> pd.DataFrame:
    """Commitments vs allocations and deliveries per donor."""
    support, _ = _frames(frames, store)
    return analysis.commitment_gap(support, donors=donors)


def write_chart(fig: Any, path: Path) -> Path:
    """Write a chart as a self-contained .html page or a .png image (by the file's suffix)."""
    suffix = path.suffix.lower()
    if suffix not in CHART_SUFFIXES:
        raise ValidationError(f'"{path}" ends neither in .html nor .png; name the chart file e.g. rank.html.')
    if suffix == ".png":
        charts.write_png(fig, path)
    else:
        charts.write_html(fig, path)
    return path


# -- JSON-ready views ----------------------------------------------------------------

def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of ``frame`` as dicts: missing values as None, timestamps as ISO dates."""
    out = frame.astype(object).where(frame.notna(), None)
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            out[column] = [None if v is None else pd.Timestamp(v).date().isoformat() for v in out[column]]
    return [{str(k): _plain(v) for k, v in row.items()} for row in out.to_dict(orient="records")]


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def comparison_dict(comparison: Any) -> dict[str, Any]:
    """A :class:`~aidtrack.analysis.Comparison` as plain data."""
    return {
        "donor": comparison.donor, "name": comparison.name, "peers": comparison.peers,
        "missing_peers": comparison.missing_peers, "stage": comparison.stage,
        "percentile": comparison.percentile, "as_of": _iso(comparison.as_of), "gdp_basis": comparison.gdp_basis,
        "table": frame_records(comparison.table), "values": frame_records(comparison.values),
    }


def report_dict(report: Any) -> dict[str, Any]:
    """A :class:`~aidtrack.analysis.Report` as plain data (without the full ranking)."""
    return {
        "donor": report.donor, "name": report.name, "as_of": _iso(report.as_of), "stage": report.stage,
        "peers": report.peers, "headline": report.headline, "categories": frame_records(report.categories),
        "comparison": None if report.comparison is None else comparison_dict(report.comparison),
        "timeline": frame_records(report.timeline), "notes": report.notes,
        "sources": [{"label": s.label, "url": s.url} for s in report.sources],
        "sections": [{"title": s.title, "paragraphs": list(s.paragraphs), "columns": list(s.columns),
                      "rows": [list(map(str, r)) for r in s.rows]} for s in report.sections],
    }


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()
