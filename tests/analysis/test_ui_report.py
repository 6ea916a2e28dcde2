"""What a reader of the report sees: Kiel cited by release, commitments not split by category
said in words, charts with captions and a marked gap, wide tables kept inside the page."""

from __future__ import annotations

import pandas as pd
import pytest

from aidtrack import charts
from aidtrack.analysis import (
    ReportSection,
    build_report,
    rank,
    render_report_html,
    write_report_html,
)
from aidtrack.analysis.report import NOT_SPLIT, sources, unsplit_stages

RULES = ReportSection(
    title="Export rules in force for KOR on 2026-11-30",
    columns=("rule", "effect", "covers", "scope", "since", "source"),
    rows=[
        (
            f"kor_rule_with_a_rather_long_identifier_number_{i}",
            "require_consent",
            "lethal, ammunition",
            "reexport",
            "2023-03-01",
            "https://www.example.org/a/very/long/path/to/a/ministry/statement/about/export/licences/"
            + "x" * 60,
        )
        for i in range(4)
    ],
)


@pytest.fixture(scope="module")
def kor_r29(r29_support, r29_macro):
    support = r29_support.copy()
    kiel = support["origin"].fillna("").str.startswith("kiel")
    support.loc[kiel, "source_title"] = "Ukraine Support Tracker, Release 29"
    return build_report(support, r29_macro, "KOR", peers="G7", extra_sections=[RULES])


def test_kiel_is_cited_by_release(kor_r29):
    first = kor_r29.sources[0]
    assert first.label == "Kiel Institute for the World Economy, Ukraine Support Tracker, Release 29"
    assert all("imported as" not in s.label for s in kor_r29.sources)
    html = render_report_html(kor_r29)
    assert "Ukraine Support Tracker, Release 29" in html and "imported as: kiel" not in html


def test_two_releases_are_both_named(r29_support):
    rows = r29_support.loc[r29_support["donor"] == "KOR"].head(4).copy()
    rows["origin"] = "kiel"
    rows["source_title"] = ["Ukraine Support Tracker, Release 7", "Ukraine Support Tracker, Release 29"] * 2
    labels = [s.label for s in sources(rows)][:2]
    assert labels == [
        "Kiel Institute for the World Economy, Ukraine Support Tracker, Release 7",
        "Kiel Institute for the World Economy, Ukraine Support Tracker, Release 29",
    ]


def test_commitments_without_a_category_split_are_said_in_words(kor_r29):
    assert unsplit_stages(kor_r29.categories) == ("commitment",)
    html = render_report_html(kor_r29)
    categories = html[html.index('id="categories"') : html.index('id="rank"')]
    assert categories.count(NOT_SPLIT) == 3  # military, humanitarian, financial
    assert "<td>unspecified</td>" in categories and "EUR 2.78 bn" in categories


def test_charts_carry_a_caption_with_measure_unit_source_and_date(kor_r29):
    html = render_report_html(kor_r29)
    caption = (
        "Donors ranked by % of GDP, % of GDP. Source: Kiel Institute for the World Economy, "
        "Ukraine Support Tracker, Release 29. Data as of "
    )
    assert caption in html
    assert html.count('"name":"caption"') == 4


def test_exported_chart_has_the_caption(tmp_path, r29_support, r29_macro):
    fig = charts.plot_ranking(rank(r29_support, r29_macro), source="Kiel, Release 29", as_of="2026-04-30")
    html = charts.write_html(fig, tmp_path / "rank.html").read_text(encoding="utf-8")
    assert "Donors ranked by support in EUR, EUR bn. Source: Kiel, Release 29. Data as of 2026-04-30." in html


def test_ranking_marks_donors_left_out(r29_support, r29_macro):
    table = rank(r29_support, r29_macro, per="gdp").dropna(subset=["pct_gdp"])
    shown = pd.concat([table.head(3), table.loc[table["donor"] == "KOR"]])
    position = int(table.loc[table["donor"] == "KOR", "rank"].iloc[0])
    fig = charts.plot_ranking(shown, measure="pct_gdp", top=len(shown), highlight="KOR")
    labels = list(fig.data[0].y)[::-1]
    assert labels[3] == f"\u2026 {position - 4} donors left out \u2026"
    assert labels[4] == "South Korea" and fig.data[0].x[0] == pytest.approx(shown["pct_gdp"].iloc[-1])


@pytest.mark.browser
@pytest.mark.parametrize("width", [1100, 400])
def test_report_tables_stay_inside_the_page(kor_r29, tmp_path, chromium, width):
    from playwright.sync_api import sync_playwright

    path = write_report_html(kor_r29, tmp_path / "kor.html")
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
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(path.as_uri())
        page.wait_for_selector("#chart-timeline.js-plotly-plot svg.main-svg")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        main_right = page.evaluate("document.querySelector('main').getBoundingClientRect().right")
        table_right = page.evaluate(
            "Math.max(...[...document.querySelectorAll('section.extra table')].map("
            "t => t.parentElement.getBoundingClientRect().right))"
        )
        page.screenshot(path=str(tmp_path / f"report-{width}.png"), full_page=True)
        browser.close()
    assert overflow <= 0
    assert table_right <= main_right


def test_release_recorded_by_the_import_is_cited(r29_support, r29_macro):
    report = build_report(r29_support, r29_macro, "KOR", releases=["29"])
    assert (
        report.sources[0].label == "Kiel Institute for the World Economy, Ukraine Support Tracker, Release 29"
    )
