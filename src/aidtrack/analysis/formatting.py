"""Number and link formatting shared by the text brief, the HTML report, the dashboard and the CLI.

Pure presentation (values in, text out), so the CLI and the web import it directly.

>>> eur(8_321_000_000), eur_figure(431_200_000), pct(0.0421), number(1234.5)
('EUR 8.32 bn', '431.2 m', '0.042%', '1,234')
"""

from __future__ import annotations

import math
import re
from urllib.parse import urlsplit

from markupsafe import Markup

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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


def eur_figure(value: float | None) -> str:
    """:func:`eur` without the currency, for tables headed "EUR": ``8.32 bn``, ``431.2 m``."""
    text = eur(value)
    return text.removeprefix("EUR ")


def is_weblink(text: object) -> bool:
    """Whether ``text`` is an http(s) URL (only those become links; never ``javascript:``)."""
    return isinstance(text, str) and text.lower().startswith(("https://", "http://"))


def host(url: str) -> str:
    """The site of a URL for a short link text: ``https://www.mofa.go.kr/eng/x`` -> ``mofa.go.kr``."""
    name = urlsplit(url).hostname or url
    return name.removeprefix("www.")


def is_isodate(text: object) -> bool:
    """Whether ``text`` is a date as ``YYYY-MM-DD`` (kept on one line in tables)."""
    return isinstance(text, str) and bool(_ISO_DATE.fullmatch(text))


def breakable(text: object) -> Markup:
    """``text`` escaped, with a line-break opportunity after each ``_`` (long rule ids wrap in tables)."""
    return Markup.escape(str(text)).replace("_", Markup("_<wbr>"))
