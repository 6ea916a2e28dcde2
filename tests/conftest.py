"""Shared fixtures: a fresh store, a CLI runner, a clean environment, shared data paths."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from aidtrack import settings
from aidtrack.db import Store

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("AIDTRACK_SHARED_DIR", REPO.parent / "shared"))
REQUIRE_SERVICES = os.environ.get("AIDTRACK_REQUIRE_SERVICES") == "1"


def missing_service(message: str) -> None:
    """Skip when a real service (PostgreSQL, Chromium) is absent; fail in CI, which installs them."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{message} (CI must provide it: see .ci/run)")
    pytest.skip(message)


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or skip the test with a clear message when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference data {path} is absent; put ../shared beside the checkout to run this test")
    return path


@pytest.fixture(autouse=True)
def clean_environ(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """No AIDTRACK_* variable leaks into a test; config and data dirs are temporary."""
    test_db = os.environ.get("AIDTRACK_TEST_DATABASE_URL")
    for name in list(os.environ):
        if name.startswith("AIDTRACK_") and name not in ("AIDTRACK_SHARED_DIR",):
            monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("AIDTRACK_CONFIG_FILE", str(home / "aidtrack.toml"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))  # per-version totals files stay in the test
    monkeypatch.setenv("AIDTRACK_DATABASE_URL", f"sqlite:///{home / 'aidtrack.db'}")
    if test_db:
        monkeypatch.setenv("AIDTRACK_TEST_DATABASE_URL", test_db)
    settings.override("database_url", None)
    yield
    settings.override("database_url", None)


def _database_urls() -> list[object]:
    urls: list[object] = [pytest.param("sqlite", id="sqlite")]
    urls.append(pytest.param("postgres", id="postgres", marks=pytest.mark.postgres))
    return urls


@pytest.fixture(params=_database_urls())
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A fresh, migrated store on SQLite and (when configured) on the real PostgreSQL server."""
    from aidtrack.services.ledger import open_store

    if request.param == "sqlite":
        yield open_store(f"sqlite:///{tmp_path / 'ledger.db'}", fresh=True)
        return
    url = os.environ.get("AIDTRACK_TEST_DATABASE_URL")
    if not url:
        missing_service("AIDTRACK_TEST_DATABASE_URL is not set; .ci/run starts PostgreSQL and sets it")
    store = open_store(url, fresh=True)
    _truncate(store)
    yield store
    _truncate(store)
    store.engine.dispose()


def _truncate(store: Store) -> None:
    from aidtrack.db import schema

    with store.transaction() as conn:
        for table in reversed(schema.metadata.sorted_tables):
            if table.name not in ("actors", "memberships", "reference_versions"):
                conn.execute(table.delete())


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A fresh SQLite store in a temporary file."""
    from aidtrack.services.ledger import open_store

    return open_store(f"sqlite:///{tmp_path / 'ledger.db'}", fresh=True)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """PostgreSQL and browser tests count as slow, so `pytest -m "not slow"` is the quick loop."""
    for item in items:
        if item.get_closest_marker("postgres") or item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)


# -- headless Chromium (Debian's), never touching the network ---------------------------------

CHROMIUM = Path(os.environ.get("AIDTRACK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One headless Chromium per test module (skipped, or failed in CI, when it is not installed)."""
    if not CHROMIUM.exists():
        missing_service(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
