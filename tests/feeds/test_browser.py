"""The digest in a real browser (Debian's Chromium): the HTML file loads nothing from anywhere,
and neither it nor the /digest page scrolls sideways on a 400 px phone."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aidtrack.db import Store
from aidtrack.services import digest, ledger
from aidtrack.web import create_app
from tests.feeds.test_digest import fill, kor

pytestmark = pytest.mark.browser


@pytest.fixture
def filled(tmp_path: Path) -> tuple[str, Store]:
    url = f"sqlite:///{tmp_path / 'digest.db'}"
    store = ledger.open_store(url, fresh=True)
    fill(store)
    return url, store


def _page(chromium: Any, width: int, allowed: str) -> Any:
    """A page that aborts (and lists in ``page.blocked``) every request not starting with ``allowed``."""
    context = chromium.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.blocked, page.errors = [], []

    def only(route: Any) -> None:
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            page.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


def _sideways(page: Any) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


@pytest.mark.parametrize("width", [400, 1400])
def test_the_html_digest_stands_alone(
    chromium: Any, filled: tuple[str, Store], tmp_path: Path, width: int
) -> None:
    path = tmp_path / "kor.html"
    path.write_text(digest.render_html(kor(filled[1])), encoding="utf-8")
    page = _page(chromium, width, path.as_uri())
    page.goto(path.as_uri())
    assert page.blocked == [] and page.errors == []
    assert page.locator("section#KOR table.support tbody tr").count() == 3
    assert page.locator("section#KOR table.rules tbody tr").count() == 1  # the sample rule change
    assert page.locator("section#KOR tbody tr").count() == 7
    assert _sideways(page) == 0
    assert page.evaluate("getComputedStyle(document.body).fontFamily")  # the inline style applied
    page.context.close()


@pytest.fixture
def live(filled: tuple[str, Store]) -> Iterator[str]:
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(filled[0]), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def test_the_digest_page_fits_a_phone(chromium: Any, live: str) -> None:
    page = _page(chromium, 400, live)
    page.goto(f"{live}/digest")
    page.fill("input[name=since]", "2024-01-01")
    page.fill("input[name=until]", "2024-06-30")
    page.fill("input[name=country]", "KOR JPN")
    page.click("form.inline button")
    page.wait_for_selector("section#JPN")
    page.wait_for_load_state("load")  # the stylesheet too: the width is measured as laid out
    assert page.locator("section#KOR h3").all_inner_texts()[:4] == [
        "Appeals",
        "Refusals",
        "New support",
        "Sanctions",
    ]
    assert (
        page.locator("section#KOR table.appeal a").get_attribute("href") == "https://news.example/kyiv-asks"
    )
    assert _sideways(page) == 0 and page.blocked == [] and page.errors == []
    page.context.close()
