"""Shared fixtures: a fresh store, a CLI runner, a clean environment, shared data paths.

Every test gets its ledgers quickly: Alembic builds one migrated SQLite ledger per session
(:func:`template_ledger`), and a new SQLite file that a test (or a command it runs in-process)
opens starts as a copy of it instead of running the migrations again (:func:`_migrate_from_template`).
The migrations themselves are still run: once per session here, and by the tests of
``tests/db`` on ledgers at older revisions.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from aidtrack import settings
from aidtrack.db import Store
from aidtrack.db import engine as db_engine

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


@pytest.fixture(scope="session")
def template_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite ledger that Alembic migrated to the newest revision, built once per session."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    store = db_engine.connect(f"sqlite:///{path}")
    assert db_engine.current_revision(store.engine) == db_engine.head_revision()
    store.engine.dispose()
    return path


_COPY_LOCK = threading.Lock()


def _migrate_from_template(
    template: Path, migrate: Callable[[sa.Engine], None]
) -> Callable[[sa.Engine], None]:
    """``migrate`` that first copies the migrated template into a SQLite file that does not
    exist yet (what Alembic would have built there), then lets the real upgrade check it."""

    def migrate_copying(engine: sa.Engine) -> None:
        database = engine.url.database if engine.dialect.name == "sqlite" else None
        if database and database != ":memory:":
            _copy_if_absent(template, Path(database).expanduser())
        migrate(engine)

    return migrate_copying


def _copy_if_absent(template: Path, path: Path) -> None:
    """Put a copy of ``template`` at ``path`` unless a file is there (atomically: a reader never
    sees half a file, and a file created meanwhile is kept)."""
    with _COPY_LOCK:
        if path.exists():
            return
        partial = path.with_name(f".{path.name}.{os.getpid()}.copy")
        try:
            shutil.copyfile(template, partial)
            os.link(partial, path)
        except OSError:
            pass  # a file created meanwhile, or a place a ledger cannot be: the real upgrade says so
        finally:
            partial.unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def quick_new_ledgers(monkeypatch: pytest.MonkeyPatch, template_ledger: Path) -> None:
    """A new SQLite ledger opened in this process starts as a copy of the migrated template."""
    monkeypatch.setattr(db_engine, "migrate", _migrate_from_template(template_ledger, db_engine.migrate))


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


@pytest.fixture(scope="session")
def starter_ledger(tmp_path_factory: pytest.TempPathFactory, template_ledger: Path) -> Path:
    """A SQLite ledger holding the packaged starter data (imported by "importer"), built once per
    session with no AIDTRACK_* setting and caches of its own."""
    from aidtrack.services import imports
    from aidtrack.services.ledger import open_store

    path = tmp_path_factory.mktemp("starter") / "starter.db"
    home = tmp_path_factory.mktemp("starter-home")
    with pytest.MonkeyPatch.context() as patch:
        for name in [n for n in os.environ if n.startswith("AIDTRACK_")]:
            patch.delenv(name)
        patch.setenv("AIDTRACK_CONFIG_FILE", str(home / "aidtrack.toml"))
        patch.setenv("XDG_CACHE_HOME", str(home / "cache"))
        patch.setattr(db_engine, "migrate", _migrate_from_template(template_ledger, db_engine.migrate))
        store = open_store(f"sqlite:///{path}", fresh=True)
        imports.load_starter(store, by="importer")
        store.engine.dispose()
    return path


@pytest.fixture
def starter_store(tmp_path: Path, starter_ledger: Path) -> Store:
    """A fresh SQLite ledger with the starter data: a private copy of :func:`starter_ledger`."""
    from aidtrack.services.ledger import open_store

    path = tmp_path / "starter.db"
    shutil.copyfile(starter_ledger, path)
    return open_store(f"sqlite:///{path}", fresh=True)


@pytest.fixture
def any_starter_store(any_store: Store, starter_ledger: Path) -> Store:
    """:func:`any_store` holding the starter data: on SQLite a copy of :func:`starter_ledger` put
    in its place, on PostgreSQL imported."""
    from aidtrack.services import imports
    from aidtrack.services.ledger import open_store

    database = any_store.engine.url.database
    if any_store.dialect != "sqlite" or not database:
        imports.load_starter(any_store, by="importer")
        return any_store
    any_store.engine.dispose()
    shutil.copyfile(starter_ledger, database)
    return open_store(any_store.url, fresh=True)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


SLOW_TESTS = {
    "tests/web/test_fuzz.py::test_api_never_fails_with_a_server_error": (
        "schemathesis walks every endpoint with generated requests: about 4 s a case"
    ),
    "tests/feeds/test_poll.py::test_failing_feeds_are_reported_and_the_others_go_on": (
        "waits out a feed that answers late: a 1 s timeout, twice"
    ),
    "tests/backup/test_backup.py::test_a_backup_taken_while_writers_work_is_one_consistent_state": (
        "a race: 300 single-record transactions, then a writer thread all through a backup"
    ),
    "tests/backup/test_backup.py::test_postgres_ledger_backs_up_and_restores_into_sqlite": (
        "three backups and three restores of the starter ledger, across backends"
    ),
}
"""Tests that take several seconds each for a reason of their own, with that reason; PostgreSQL
and browser tests are slow too. All of them run in CI's full command."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """PostgreSQL, browser and :data:`SLOW_TESTS` count as slow: `pytest -m "not slow"` is the quick loop."""
    for item in items:
        function = item.nodeid.partition("[")[0]
        if (
            item.get_closest_marker("postgres")
            or item.get_closest_marker("browser")
            or function in SLOW_TESTS
        ):
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
