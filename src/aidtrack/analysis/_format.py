"""Number formatting shared by the text brief, the HTML report and the CLI."""

from __future__ import annotations

import math


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def eur(value: float | None) -> str:
    """``EUR 8.32 bn``, ``EUR 431.2 m``, ``EUR 12,345``; "n/a" when missing."""
    if _missing(value):
        return "n/a"
    assert value is not None
    size = abs(value)
    if size >= 1e9:
        return f"EUR {value / 1e9:,.2f} bn"
    if size >= 1e6:
        return f"EUR {value / 1e6:,.1f} m"
    return f"EUR {value:,.0f}"


def pct(value: float | None, *, digits: int = 3) -> str:
    """``0.042%``; "n/a" when missing."""
    return "n/a" if _missing(value) else f"{value:.{digits}f}%"


def number(value: float | None, *, digits: int = 0) -> str:
    """``1,234`` with thousands separators; "n/a" when missing."""
    return "n/a" if _missing(value) else f"{value:,.{digits}f}"


def money(value: float | None) -> str:
    """:func:`eur` without the currency, for tables headed "EUR": ``8.32 bn``, ``431.2 m``."""
    text = eur(value)
    return text.removeprefix("EUR ")
