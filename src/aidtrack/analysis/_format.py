"""Former name of :mod:`aidtrack.analysis.formatting`, kept while other modules still import it."""

from aidtrack.analysis.formatting import breakable, eur, host, is_isodate, is_weblink, number, pct
from aidtrack.analysis.formatting import eur_figure as money

__all__ = ["breakable", "eur", "host", "is_isodate", "is_weblink", "money", "number", "pct"]
