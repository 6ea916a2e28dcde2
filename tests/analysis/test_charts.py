"""Charts: figures from analysis rows; offline HTML and PNG output."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest

from aidtrack import charts
from aidtrack.analysis import compare, rank, timeline
from aidtrack.charts.figures import HIGHLIGHT


def test_ranking_highlights_the_donor_largest_on_top(hand):
    support, macro = hand
    fig = charts.plot_ranking(rank(support, macro, per="gdp"), measure="pct_gdp", highlight="AAA")
    bar = fig.data[0]
    assert list(bar.y) == ["CCC", "BBB", "AAA", "DDD"]  # names fall back to codes; largest last = top
    assert list(bar.x) == pytest.approx([3.0, 3.0, 4.0, 5.0])
    assert [c == HIGHLIGHT for c in bar.marker.color] == [False, False, True, False]


def test_categories_are_stacked_in_billions(r29_support, r29_macro):
    fig = charts.plot_categories(rank(r29_support, r29_macro), top=5)
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == ["Military", "Humanitarian", "Financial"]
    assert fig.layout.xaxis.title.text == "EUR bn"
    assert sum(t.x[-1] for t in fig.data) == pytest.approx(115.38, abs=0.01)  # the US on top


def test_timeline_has_one_line_per_stage_and_category(hand):
    fig = charts.plot_timeline(timeline(hand[0]))
    assert sorted(t.name for t in fig.data) == [
        "commitment (all categories)",
        "financial allocation",
        "humanitarian allocation",
        "military allocation",
    ]


def test_peer_comparison_has_median_line_and_highlight(hand):
    support, macro = hand
    result = compare(support, macro, "AAA", peers=["BBB", "CCC", "DDD"])
    fig = charts.plot_peer_comparison(result.values, line=result.row("total")["peer_pct_gdp"])
    assert [s.y0 for s in fig.layout.shapes] == [3.0]
    assert [c == HIGHLIGHT for c in fig.data[0].marker.color] == [False, True, False, False]


def test_write_html_is_self_contained(tmp_path, hand):
    path = charts.write_html(charts.plot_timeline(timeline(hand[0])), tmp_path / "out" / "t.html")
    html = path.read_text(encoding="utf-8")
    assert path.stat().st_size > 3_000_000  # plotly.js inline
    assert re.search(r"<script[^>]*\ssrc=", html) is None and "<link" not in html
    assert "Plotly.newPlot" in html


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.browser
def test_write_png_renders_offline(tmp_path, hand, monkeypatch, chromium):
    monkeypatch.setenv("AIDTRACK_CHROMIUM", str(chromium))
    support, macro = hand
    path = charts.write_png(
        charts.plot_ranking(rank(support, macro), highlight="AAA"), tmp_path / "r.png", width=640, height=400
    )
    assert _png_size(path) == (640, 400)
    assert path.stat().st_size > 5_000  # an empty white page is about 2 kB


def test_missing_browser_is_explained(tmp_path, hand, monkeypatch):
    from aidtrack.errors import NotFoundError

    monkeypatch.setenv("AIDTRACK_CHROMIUM", str(tmp_path / "no-such-chromium"))
    with pytest.raises(NotFoundError, match="no-such-chromium"):
        charts.write_png(charts.plot_timeline(timeline(hand[0])), tmp_path / "t.png")
