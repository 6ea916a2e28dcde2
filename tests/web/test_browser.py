"""End to end in Debian's headless Chromium (Playwright): the pages a new user clicks through.

The server runs in a thread on a free loopback port; Chromium never touches the network
(plotly.js comes from /static). Screenshots go to the test's temporary folder, or to
``$AIDTRACK_SCREENSHOTS`` when set.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aidtrack.db import Store
from tests.web.conftest import XSS, LiveServer, offline_page
from tests.web.conftest import shots_folder as _shots

pytestmark = pytest.mark.browser


@pytest.fixture
def page(chromium: Any, live_server: LiveServer) -> Iterator[Any]:
    with offline_page(chromium, live_server, width=1280) as opened:
        yield opened


def test_overview_to_country_page(page: Any, tmp_path: Path) -> None:
    page.goto("/")
    assert page.title() == "Overview · aidtrack"
    page.locator("#chart-ranking .main-svg").first.wait_for()
    assert page.locator("#donors tbody tr").count() == 8
    page.screenshot(path=str(_shots(tmp_path) / "overview.png"), full_page=True)
    page.locator("#donors").get_by_role("link", name="South Korea").click()
    page.wait_for_url("**/country/KOR")
    assert "South Korea (KOR)" in page.locator("#headline").inner_text()
    page.locator("#chart-peers .main-svg").first.wait_for()
    assert page.locator("#comparison tbody tr").count() >= 2
    rules = page.locator("section.report-section", has_text="Export rules in force for KOR")
    assert rules.locator("tbody tr").count() >= 1
    page.screenshot(path=str(_shots(tmp_path) / "country-kor.png"), full_page=True)
    assert page.dialogs == []


def test_country_search_box(page: Any) -> None:
    page.goto("/")
    page.fill("header input[name=code]", "Japan")
    page.press("header input[name=code]", "Enter")
    page.wait_for_url("**/country/JPN")
    assert "Japan (JPN)" in page.locator("#headline").inner_text()


def test_route_check(page: Any, tmp_path: Path) -> None:
    page.goto("/check")
    page.fill("input[name=origin]", "South Korea")
    page.select_option("select[name=item]", "ammunition")
    page.fill("input[name=via]", "USA")
    page.fill("input[name=on]", "2024-01-10")
    page.get_by_role("button", name="Check").click()
    verdict = page.locator("#verdict")
    verdict.wait_for()
    assert verdict.inner_text().startswith("KOR → USA → UKR, ammunition, on 2024-01-10:")
    assert page.locator("#findings tbody tr").count() >= 2
    page.screenshot(path=str(_shots(tmp_path) / "check.png"), full_page=True)


def test_accept_a_candidate_and_see_the_ledger_change(
    page: Any, web_store: Store, token: str, tmp_path: Path
) -> None:
    event_id = web_store.ids["candidate"]  # type: ignore[attr-defined]
    page.goto("/events?status=confirmed")
    confirmed_before = page.locator("#events tbody tr").count()
    page.goto("/review")
    card = page.locator(f"#candidate-events-{event_id}")
    assert XSS in card.locator("mark.evidence").inner_text()
    page.screenshot(path=str(_shots(tmp_path) / "review.png"), full_page=True)
    card.locator("input[name=token]").fill("not-a-token")
    card.get_by_role("button", name="Accept", exact=True).click()
    assert "token is unknown" in page.locator("#error").inner_text()
    assert web_store.get("events", event_id)["status"] == "candidate"
    card = page.locator(f"#candidate-events-{event_id}")
    card.locator("input[name=token]").fill(token)
    card.get_by_role("button", name="Accept", exact=True).click()
    assert page.locator("#done").inner_text() == f"Done: accepted events {event_id}."
    assert page.locator("#empty").is_visible()
    assert web_store.get("events", event_id)["status"] == "confirmed"
    page.goto("/events?status=confirmed")
    assert page.locator("#events tbody tr").count() == confirmed_before + 1
    assert XSS in page.locator(f'#events tr[data-id="{event_id}"]').inner_text()
    assert page.dialogs == []


def test_pasted_article_with_a_payload_is_shown_as_text(page: Any) -> None:
    page.goto("/review")
    page.locator("#paste summary").click()
    page.fill(
        "textarea[name=text]", f"Appeal {XSS}\n\nKyiv urged South Korea to send artillery shells. {XSS}"
    )
    page.get_by_role("button", name="Show events").click()
    section = page.locator("#extracted")
    section.wait_for()
    assert XSS in section.inner_text()
    assert (
        section.locator("mark.evidence").first.inner_text()
        == "Kyiv urged South Korea to send artillery shells."
    )
    assert page.locator("#extracted img, #extracted script").count() == 0
    assert page.dialogs == []
