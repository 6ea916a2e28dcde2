"""Write figures as self-contained HTML (plotly.js inline) and as PNG, both offline.

PNG is rendered by taking a screenshot of the figure's HTML with headless
Chromium (Debian's ``chromium`` package; set ``AIDTRACK_CHROMIUM`` to use another
binary). No network is used: plotly.js is inlined and background networking is off.

    write_html(fig, "ranking.html")
    write_png(fig, "ranking.png")
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from aidtrack.errors import AidtrackError, NotFoundError

BROWSERS: tuple[str, ...] = ("chromium", "chromium-browser", "google-chrome", "chrome")
CHROMIUM_FLAGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--hide-scrollbars",
    "--mute-audio",
    "--disable-extensions",
    "--disable-sync",
)
_CONFIG = {"displaylogo": False, "responsive": True}


class ChartRenderError(AidtrackError):
    """A chart could not be rendered to an image."""

    type = "chart-render"


def write_html(fig: go.Figure, path: str | Path) -> Path:
    """Write ``fig`` as one HTML file with plotly.js inline (opens offline)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fig.write_html(target, include_plotlyjs=True, full_html=True, config=_CONFIG)
    return target


def figure_div(fig: go.Figure, *, div_id: str | None = None) -> str:
    """The figure as an HTML ``<div>`` + script, without plotly.js (embed :func:`plotly_js` once)."""
    return str(fig.to_html(full_html=False, include_plotlyjs=False, config=_CONFIG, div_id=div_id))


def plotly_js() -> str:
    """The plotly.js bundle, to inline once in a page."""
    return str(get_plotlyjs())


def find_browser() -> str:
    """Path of a Chromium binary: ``$AIDTRACK_CHROMIUM`` or the first of BROWSERS on PATH."""
    given = os.environ.get("AIDTRACK_CHROMIUM")
    if given:
        if not Path(given).exists():
            raise NotFoundError(
                f'AIDTRACK_CHROMIUM is "{given}", which does not exist; point it at a Chromium binary.'
            )
        return given
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise NotFoundError(
        f"No Chromium found (looked for {', '.join(BROWSERS)}) to render PNG; "
        "install it (apt-get install chromium) or set AIDTRACK_CHROMIUM."
    )


def write_png(
    fig: go.Figure, path: str | Path, *, width: int = 1000, height: int | None = None, scale: float = 1.0
) -> Path:
    """Render ``fig`` to a PNG file with headless Chromium, offline."""
    target = Path(path).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    height = height or int(fig.layout.height or 600)
    static = go.Figure(fig).update_layout(width=width, height=height)
    page = static.to_html(full_html=False, include_plotlyjs=True, config={"staticPlot": True})
    with tempfile.TemporaryDirectory(prefix="aidtrack-png-") as tmp:
        html = Path(tmp) / "figure.html"
        html.write_text(
            f'<!doctype html><html><head><meta charset="utf-8"><style>body{{margin:0}}</style>'
            f"</head><body>{page}</body></html>",
            encoding="utf-8",
        )
        _screenshot(html, target, width=width, height=height, scale=scale, profile=Path(tmp) / "profile")
    return target


def _screenshot(html: Path, png: Path, *, width: int, height: int, scale: float, profile: Path) -> None:
    if png.exists():
        png.unlink()
    command = [
        find_browser(),
        *CHROMIUM_FLAGS,
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
        f"--force-device-scale-factor={scale}",
        f"--screenshot={png}",
        html.as_uri(),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        raise ChartRenderError(
            f"Chromium took over 120 s to render {png.name}; try again or a smaller figure."
        ) from None
    if not png.exists() or png.stat().st_size == 0:
        tail = (done.stderr or "").strip().splitlines()[-3:]
        raise ChartRenderError(f"Chromium did not write {png} (exit {done.returncode}): {' | '.join(tail)}")
