"""In Debian's headless Chromium with the network blocked: the API reference works offline,
every page fits a 400 px phone screen, dates stay on one line. Screenshots of the country page
at 1400 and 400 px and of /docs go to ``$AIDTRACK_SCREENSHOTS`` (or the test's folder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import LiveServer, offline_page, shots_folder
from tests.web.test_pages import PAGES

pytestmark = pytest.mark.browser
PHONE = 400
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _settle(page: Any) -> None:
    """Wait until the page's charts (if any) are drawn, so their width counts."""
    page.wait_for_load_state("load")
    if page.locator(".plotly-graph-div").count():
        page.locator(".plotly-graph-div .main-svg").first.wait_for()


def test_api_reference_works_with_the_network_blocked(
    chromium: Any, live_server: LiveServer, tmp_path: Path
) -> None:
    with offline_page(chromium, live_server, width=1280) as page:
        page.goto("/")
        page.locator("header nav").get_by_role("link", name="API").click()
        page.wait_for_url("**/docs")
        assert page.locator("h1").inner_text() == "API reference"
        support = page.locator("dt", has_text="/api/support").first
        assert support.is_visible() and "GET" in support.inner_text()
        assert page.locator("section.api-group").count() >= 5
        page.screenshot(path=str(shots_folder(tmp_path) / "docs-offline.png"), full_page=True)
        assert page.blocked == [] and page.dialogs == []


@pytest.mark.parametrize("path", [*PAGES, "/docs"])
def test_no_page_scrolls_sideways_on_a_phone(chromium: Any, live_server: LiveServer, path: str) -> None:
    with offline_page(chromium, live_server, width=PHONE) as page:
        page.goto(path)
        _settle(page)
        assert page.evaluate(OVERFLOW) <= 0, f"{path} is wider than {PHONE} px"
        for chart in page.locator(".plotly-graph-div").all():
            box = chart.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE, path
        assert page.blocked == []


def test_country_page_on_a_phone_and_a_wide_screen(
    chromium: Any, live_server: LiveServer, tmp_path: Path
) -> None:
    for width in (1400, PHONE):
        with offline_page(chromium, live_server, width=width) as page:
            page.goto("/country/KOR")
            _settle(page)
            page.locator("#chart-peers .main-svg").first.wait_for()
            assert page.evaluate(OVERFLOW) <= 0
            assert "Source:" in page.locator("#caption-peers").inner_text()
            page.screenshot(path=str(shots_folder(tmp_path) / f"country-kor-{width}.png"), full_page=True)
            assert page.blocked == []


def test_event_dates_stay_on_one_line_on_a_phone(chromium: Any, live_server: LiveServer) -> None:
    with offline_page(chromium, live_server, width=PHONE) as page:
        page.goto("/events")
        cell = page.locator("#events td.date").first
        lines = cell.evaluate(
            "td => { const r = document.createRange(); r.selectNodeContents(td); "
            "return r.getClientRects().length; }"
        )
        assert cell.inner_text() == "2023-04-01"
        assert lines == 1
