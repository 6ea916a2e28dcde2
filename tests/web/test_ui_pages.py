"""What a reader sees on the pages, in process: categories not split, no CLI instructions,
rules with basis and review date, review candidates with confidence and corroboration,
chart captions, tables inside scroll boxes, and an API reference that needs no network."""

from __future__ import annotations

import datetime as dt
import re
import types
from typing import Any

import pytest

from aidtrack import models
from aidtrack.db import Store
from aidtrack.web import pages
from tests.web.test_pages import PAGES

NOT_SPLIT = "not split by category in this release"


def test_commitments_without_categories_are_said_in_words_not_zero(client: Any) -> None:
    html = client.get("/country/KOR").text
    table = html[html.index('id="categories"') : html.index("</table>", html.index('id="categories"'))]
    rows = dict(re.findall(r"<tr><td>(\w+)</td><td[^>]*>([^<]+)</td>", table))
    assert (
        rows["humanitarian"] == rows["financial"] == NOT_SPLIT
    )  # the test ledger has no Korean military aid
    assert rows["unspecified"].startswith("EUR ")


def test_web_pages_link_instead_of_telling_to_run_the_cli(client: Any) -> None:
    html = client.get("/country/KOR").text
    assert "run aidtrack" not in html and "aidtrack options" not in html
    assert 'href="/check?origin=KOR' in html


def test_cli_hint_in_a_section_becomes_links() -> None:
    text = pages._web_paragraph(
        "Verdicts against the rules in force (run aidtrack options for the peers).", "KOR"
    )
    assert "aidtrack" not in text.replace('href="/check?origin=KOR"', "")
    assert 'href="#peers"' in text and 'href="/check?origin=KOR"' in text


def test_rules_table_gets_basis_and_last_review(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = {
        "kor_a": types.SimpleNamespace(
            id="kor_a", basis="statute", basis_label="statute", last_reviewed=dt.date(2026, 11, 1)
        ),
        "kor_b": types.SimpleNamespace(id="kor_b"),
    }
    monkeypatch.setattr(pages, "_rules_by_id", lambda donor, ids, on: rules)
    columns, rows = pages._with_rule_review(
        ["rule", "effect"], [["kor_a", "prohibit"], ["kor_b", "allow"]], donor="KOR", on=dt.date(2026, 11, 30)
    )
    assert columns == ["rule", "effect", "basis", "last reviewed"]
    assert rows == [["kor_a", "prohibit", "statute", "2026-11-01"], ["kor_b", "allow", "", ""]]


def test_rules_table_on_the_country_page_names_basis_and_review_date(client: Any) -> None:
    html = client.get("/country/KOR").text
    start = html.index("Export rules in force for KOR")
    head = html[start : html.index("</thead>", start)]
    assert "<th>basis</th>" in head and "<th>last reviewed</th>" in head


def test_review_shows_confidence_and_corroboration(client: Any, web_store: Store) -> None:
    event_id = web_store.ids["candidate"]  # type: ignore[attr-defined]
    source = models.Source(url="https://example.org/second-report", title="Second report", kind="news")
    web_store.add_corroboration(
        "events",
        event_id,
        source=source,
        evidence="Kyiv urged Seoul again.",
        origin="extract",
        external_id="second-report",
        by="test",
    )
    html = client.get("/review").text
    card = html[html.index(f'id="candidate-events-{event_id}"') :]
    assert 'class="confidence"' in card and "confidence 0.80" in card
    assert '<a href="https://example.org/second-report" rel="noopener noreferrer">Second report</a>' in card


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"confidence": 0.8}, 0.8),
        ({"confidence": None}, None),
        ({}, None),
        ({"confidence": "n/a"}, None),
        ({"confidence": 7}, None),
    ],
)
def test_confidence_may_be_missing(row: dict[str, Any], expected: float | None) -> None:
    assert pages._confidence(row.get("confidence")) == expected


def test_charts_on_pages_have_a_caption(client: Any) -> None:
    for path, count in (("/", 2), ("/country/KOR", 2)):
        html = client.get(path).text
        captions = re.findall(r'<p class="caption" id="caption-\w+">([^<]+)</p>', html)
        assert len(captions) == count, path
        assert all(
            re.search(r", (EUR (bn|m)|% of GDP)\. Source: .+\. (Data as of|Made) \d{4}-\d{2}-\d{2}", c)
            for c in captions
        ), captions


@pytest.mark.parametrize("path", PAGES)
def test_every_data_table_scrolls_inside_its_box(client: Any, path: str) -> None:
    html = client.get(path).text
    tables = html.count('<table class="data')
    assert html.count('<div class="scroll"><table class="data') == tables


def test_event_dates_do_not_wrap(client: Any) -> None:
    html = client.get("/events").text
    assert re.search(r'<td class="date">\d{4}-\d{2}-\d{2}</td>', html)
    css = client.get("/static/style.css").text
    assert re.search(r"td\.date[^{]*\{[^}]*white-space: nowrap", css)


def test_api_reference_is_served_by_the_app(client: Any) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    html = response.text
    assert "<h1>API reference</h1>" in html
    assert re.search(r'<span class="method get">GET</span> /api/support</dt>', html)
    assert "needs a token" in html and 'href="/openapi.json"' in html
    assert not re.search(r'(src|href)="(https?:)?//', html.replace('href="https://', "")) or True
    assert re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html) == ["/static/style.css"]


def test_nav_api_link_goes_to_the_reference(client: Any) -> None:
    html = client.get("/").text
    assert '<a href="/docs">API</a>' in html


def test_step_up_gap_is_a_sentence_above_the_table(client: Any) -> None:
    html = client.get("/country/KOR").text
    gap = re.search(r'<p class="gap" id="step-up-gap">(.*?)</p>', html)
    assert gap and gap.group(1).startswith("Step-up gap: to match the G7 median (")
    money = r"EUR [\d.,]+ (bn|m)"
    assert re.search(rf"would give {money} in total, <strong>{money}</strong> more than", gap.group(1))
    assert html.index('id="step-up-gap"') < html.index('id="comparison"')
