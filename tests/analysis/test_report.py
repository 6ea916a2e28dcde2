"""The country report: contents, escaping, text brief, and a look in headless Chromium."""

from __future__ import annotations

import re

import pytest

from aidtrack.analysis import (
    ReportSection,
    build_report,
    render_report_html,
    render_report_text,
    write_report_html,
)
from aidtrack.analysis import _actors as actor_names
from aidtrack.errors import NotFoundError

EVIL = '<script>alert("x")</script>'


@pytest.fixture(scope="module")
def kor_report(r29_support, r29_macro):
    return build_report(r29_support, r29_macro, "KOR", peers="G7")


def test_report_collects_headline_categories_rank_and_gap(kor_report):
    h = kor_report.headline
    assert h["allocation_eur"] == pytest.approx(0.64663e9, rel=1e-3)
    assert h["pct_gdp"] == pytest.approx(0.042232, rel=1e-3)
    assert (h["rank_value"], h["ranked_value"]) == (23, 42)
    assert not h["delivery_known"]
    cats = kor_report.categories.set_index("category")
    assert cats.loc["humanitarian", "allocation_eur"] == pytest.approx(0.431237e9, rel=1e-3)
    assert cats.loc["unspecified", "commitment_eur"] > cats["allocation_eur"].sum()
    assert kor_report.comparison is not None
    assert kor_report.comparison.row("total")["gap_eur"] > 8e9
    assert kor_report.sources[0].label.startswith("Kiel Institute for the World Economy")


def test_html_is_self_contained_and_shows_the_figures(kor_report, tmp_path):
    path = write_report_html(kor_report, tmp_path / "kor.html")
    html = path.read_text(encoding="utf-8")
    assert re.search(r"<script[^>]*\ssrc=", html) is None and "<link" not in html
    for chart in ("chart-ranking", "chart-timeline", "chart-peers", "chart-categories"):
        assert f'id="{chart}"' in html
    for figure in ("EUR 646.6 m", "0.042%", "0.585%", "EUR 8.32 bn", "8 of 8", "Step-up gap"):
        assert figure in html
    assert 'href="https://github.com/UkraineSupportTrackerWebsite/ukraine-support-tracker"' in html


def test_untrusted_text_is_escaped(r29_support, r29_macro, monkeypatch):
    monkeypatch.setattr(actor_names, "actor_name", lambda code: EVIL if code == "KOR" else code)
    support = r29_support.copy()
    support.loc[support["donor"] == "KOR", "source_url"] = "javascript:alert(1)"
    support.loc[support["donor"] == "KOR", "origin"] = "<b>origin</b>"
    section = ReportSection(
        title=f"Rules {EVIL}", paragraphs=[f"para {EVIL}"], columns=["a", EVIL], rows=[("1", EVIL)]
    )
    report = build_report(support, r29_macro, "KOR", extra_sections=[section])
    html = render_report_html(report)
    assert EVIL not in html and "<b>origin</b>" not in html
    assert html.count("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") >= 5  # title, h1, section x 4
    assert 'href="javascript:' not in html
    assert "\\u003cscript\\u003e" in html  # inside the chart JSON, plotly escapes it too


def test_text_brief_reads_like_the_report(r29_support, r29_macro):
    text = render_report_text(build_report(r29_support, r29_macro, "KOR"))
    assert text.startswith("# South Korea (KOR): support to Ukraine")
    assert "| total | 0.042% | 0.585% | 8 of 8 | EUR 8.32 bn |" in text
    assert "To match the G7 median (0.585% of GDP), South Korea would give EUR 8.96 bn in total" in text
    assert "Kiel Institute for the World Economy" in text


def test_extra_sections_appear_in_text(r29_support, r29_macro):
    report = build_report(
        r29_support,
        r29_macro,
        "KOR",
        extra_sections=[
            ReportSection(
                "Export rules",
                ["Korea bans lethal aid to parties at war."],
                ["rule", "status"],
                [("FTTA art. 19", "in force")],
            )
        ],
    )
    text = render_report_text(report)
    assert "## Export rules\nKorea bans lethal aid to parties at war.\n| rule | status |" in text


def test_donor_above_the_peer_median_has_no_gap(r29_support, r29_macro):
    report = build_report(r29_support, r29_macro, "DNK", peers="G7", as_of="2025-12-31")
    assert report.comparison is not None and report.comparison.row("total")["gap_eur"] == 0
    assert "already gives more than the G7 median" in render_report_text(report)


def test_unknown_donor_is_not_found(r29_support, r29_macro):
    with pytest.raises(NotFoundError, match='"XKX"'):
        build_report(r29_support, r29_macro, "XKX")


def test_donor_without_gdp_gets_a_note_not_a_crash(r29_support, r29_macro):
    report = build_report(r29_support, r29_macro, "EU")
    assert report.comparison is None
    assert any("No GDP" in note for note in report.notes)
    assert "chart-peers" not in render_report_html(report)


@pytest.mark.browser
def test_report_renders_charts_in_headless_chromium(kor_report, tmp_path, chromium):
    from playwright.sync_api import sync_playwright

    path = write_report_html(kor_report, tmp_path / "kor.html")
    requests: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(chromium),
            args=[
                "--no-sandbox",
                "--headless",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri())
        page.wait_for_selector("#chart-timeline.js-plotly-plot svg.main-svg")
        plots = page.locator(".js-plotly-plot")
        bars = page.locator("#chart-ranking g.point").count()
        labels = page.eval_on_selector_all("#chart-ranking .ytick text", "els => els.map(e => e.textContent)")
        title = page.title()
        page.screenshot(path=str(tmp_path / "kor.png"), full_page=True)
        n_plots = plots.count()
        browser.close()
    assert n_plots == 4
    assert bars == 17  # top 15 by % of GDP, a row for the donors left out, and Korea
    position = kor_report.headline["rank_pct_gdp"]
    assert f"\u2026 {position - 16} donors left out \u2026" in labels and labels[0] == "South Korea"
    assert title == "South Korea (KOR): support to Ukraine"
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:"))] == []
    assert (tmp_path / "kor.png").stat().st_size > 50_000
