"""Feed fixtures: the sample feed server on 127.0.0.1, a fast fetcher, a fresh ledger."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from aidtrack.feeds import Fetcher
from aidtrack.feeds.demo import FixtureServer, serve_demo
from aidtrack.services import feeds as feeds_service


@pytest.fixture(autouse=True)
def no_host_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests poll a local server: no pause between two requests to it."""
    monkeypatch.setenv("AIDTRACK_FEED_HOST_DELAY", "0")


@pytest.fixture
def server() -> Iterator[FixtureServer]:
    """The sample RSS and Atom feeds and their article pages, on a free loopback port."""
    with serve_demo() as running:
        yield running


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    """A fetcher that gives up quickly: a 1 s timeout, one retry without backoff."""
    with feeds_service.make_fetcher(timeout=1.0, retries=1, backoff=0.0) as made:
        yield made
