"""Shared fixtures: a fresh store, a CLI runner, a clean environment, shared data paths.

Every test gets its ledgers quickly: Alembic builds one migrated SQLite ledger per session
(:func:`template_ledger`), and a new SQLite file that a test (or a command it runs in-process)
opens starts as a copy of it instead of running the migrations again (:func:`_migrate_from_template`).
The migrations themselves are still run: once per session here, and by the tests of
``tests/db`` on ledgers at older revisions. Likewise a new ledger opened through
``services.ledger.open_store`` starts as a copy of one that it opened once per session (migrated
and given its copy of the actor tables, :func:`seeded_template`), and test ledgers skip the wait
for the disk at each commit (:func:`throwaway_sqlite_commits`).
"""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import sqlalchemy as sa
import yaml
from click.testing import CliRunner

from aidtrack import models, settings
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


def script_module(name: str) -> ModuleType:
    """One of the project's scripts (``scripts/<name>.py``) imported as a module, registered under
    its name (its dataclasses look their module up there)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def eur_support(donor: str, amount_eur: float, **fields: Any) -> models.Support:
    """A support record of ``amount_eur`` euros from ``donor`` (given in EUR, so no conversion);
    ``fields`` sets the rest (category, stage, date, origin, status...)."""
    return models.Support(donor=donor, amount=amount_eur, currency="EUR", amount_eur=amount_eur, **fields)


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Any) -> Any:
    """The data of a YAML file (a ``Path`` or a package resource), as ``yaml.safe_load`` reads
    it but with libyaml when it is there (Python's reader takes a third of a second for the
    signals register)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)


@pytest.fixture(scope="session")
def template_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite ledger that Alembic migrated to the newest revision, built once per session."""
    path = tmp_path_factory.mktemp("template") / "migrated.db"
    store = db_engine.connect(f"sqlite:///{path}")
    assert db_engine.current_revision(store.engine) == db_engine.head_revision()
    store.engine.dispose()
    return path


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory, template_ledger: Path) -> Path:
    """What ``open_store`` makes of a new SQLite file: the migrated template given its copy of the
    packaged actor and group tables (by ``refresh_reference_data``, as ``open_store`` does)."""
    from aidtrack.services import ledger

    path = tmp_path_factory.mktemp("seeded") / "seeded.db"
    shutil.copyfile(template_ledger, path)
    store = db_engine.connect(f"sqlite:///{path}")
    assert ledger.refresh_reference_data(store) is True
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


def _connect_from_template(template: Path, connect: Callable[..., Store]) -> Callable[..., Store]:
    """``connect`` as ``open_store`` calls it, that first copies the seeded template into a SQLite
    file that does not exist yet; the real migration check and reference refresh then find it done."""

    def connect_copying(url: str, *args: Any, **kwargs: Any) -> Store:
        try:
            parsed = sa.engine.make_url(url)
        except sa.exc.ArgumentError:
            return connect(url, *args, **kwargs)  # the real connect explains a bad URL
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            _copy_if_absent(template, Path(parsed.database).expanduser())
        return connect(url, *args, **kwargs)

    return connect_copying


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


def _quicken_new_ledgers(patch: pytest.MonkeyPatch, template: Path, seeded: Path) -> None:
    """New SQLite ledgers start as copies: of the migrated template when the database layer opens
    one, of the seeded template when ``open_store`` does."""
    from aidtrack.services import ledger

    patch.setattr(db_engine, "migrate", _migrate_from_template(template, db_engine.migrate))
    patch.setattr(ledger, "connect", _connect_from_template(seeded, ledger.connect))


@pytest.fixture(autouse=True)
def quick_new_ledgers(monkeypatch: pytest.MonkeyPatch, template_ledger: Path, seeded_template: Path) -> None:
    """A new SQLite ledger opened in this process starts as a copy of a template."""
    _quicken_new_ledgers(monkeypatch, template_ledger, seeded_template)


def _skip_fsync(dbapi_connection: Any, _record: Any) -> None:
    """On a new SQLite connection: commit without waiting for the disk."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute("PRAGMA synchronous=OFF")


@pytest.fixture(scope="session", autouse=True)
def throwaway_sqlite_commits() -> Iterator[None]:
    """Test ledgers are thrown away, so a SQLite commit in this process does not wait for the disk
    (``PRAGMA synchronous=OFF``): a transaction is still all or nothing, only a power cut could
    lose it. Commands run in a child process keep SQLite's default."""
    sa.event.listen(sa.Engine, "connect", _skip_fsync)
    yield
    sa.event.remove(sa.Engine, "connect", _skip_fsync)


@pytest.fixture(scope="session")
def homes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder that holds each test's home (config file, cache folder, default ledger)."""
    return tmp_path_factory.mktemp("homes")


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch, homes: Path) -> Iterator[None]:
    """No AIDTRACK_* variable leaks into a test; config and data dirs are temporary.

    Each home is a new folder under :func:`homes`, made by ``mkdtemp`` (``tmp_path_factory.mktemp``
    lists every folder made so far to number a new one)."""
    test_db = os.environ.get("AIDTRACK_TEST_DATABASE_URL")
    for name in list(os.environ):
        if name.startswith("AIDTRACK_") and name not in ("AIDTRACK_SHARED_DIR",):
            monkeypatch.delenv(name)
    home = Path(tempfile.mkdtemp(prefix="home", dir=homes))
    monkeypatch.setenv("AIDTRACK_CONFIG_FILE", str(home / "aidtrack.toml"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))  # per-version totals files stay in the test
    monkeypatch.setenv("AIDTRACK_DATABASE_URL", f"sqlite:///{home / 'aidtrack.db'}")
    if test_db:
        monkeypatch.setenv("AIDTRACK_TEST_DATABASE_URL", test_db)
    settings.override("database_url", None)
    yield
    settings.override("database_url", None)


@pytest.fixture(autouse=True)
def forget_opened_stores(monkeypatch: pytest.MonkeyPatch) -> None:
    """``open_store`` keeps each ledger it opens for the next call; a test starts with none kept
    and its own are let go when it ends. (Kept across a session, hundreds of engines and their
    compiled statements made every full garbage collection take about half a second.)"""
    from aidtrack.services import ledger

    if hasattr(ledger, "_STORES"):
        monkeypatch.setattr(ledger, "_STORES", {})


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
def starter_ledger(
    tmp_path_factory: pytest.TempPathFactory, template_ledger: Path, seeded_template: Path
) -> Path:
    """A SQLite ledger holding the packaged starter data (imported by "importer"), built once per
    session with no AIDTRACK_* setting and caches of its own."""
    from aidtrack.services import imports
    from aidtrack.services.ledger import open_store

    path = tmp_path_factory.mktemp("starter") / "starter.db"
    with _session_environ(tmp_path_factory, "starter-home") as patch:
        _quicken_new_ledgers(patch, template_ledger, seeded_template)
        store = open_store(f"sqlite:///{path}", fresh=True)
        imports.load_starter(store, by="importer")
        store.engine.dispose()
    return path


@contextlib.contextmanager
def _session_environ(factory: pytest.TempPathFactory, name: str) -> Iterator[pytest.MonkeyPatch]:
    """No AIDTRACK_* setting, and a config file and cache folder of its own, while a session
    fixture builds something."""
    home = factory.mktemp(name)
    with pytest.MonkeyPatch.context() as patch:
        for variable in [n for n in os.environ if n.startswith("AIDTRACK_")]:
            patch.delenv(variable)
        patch.setenv("AIDTRACK_CONFIG_FILE", str(home / "aidtrack.toml"))
        patch.setenv("XDG_CACHE_HOME", str(home / "cache"))
        yield patch


@pytest.fixture(scope="session")
def prepared_ledger(tmp_path_factory: pytest.TempPathFactory, starter_ledger: Path) -> Path:
    """What a new user's ledger holds after the first command: the starter ledger once
    ``services.bootstrap.prepare`` has also loaded the signals register into it."""
    from aidtrack.services import bootstrap
    from aidtrack.services.ledger import open_store

    path = tmp_path_factory.mktemp("prepared") / "prepared.db"
    shutil.copyfile(starter_ledger, path)
    with _session_environ(tmp_path_factory, "prepared-home"):
        store = open_store(f"sqlite:///{path}", fresh=True)
        assert bootstrap.prepare(store) is False  # the starter data is there already
        store.engine.dispose()
    return path


@pytest.fixture
def prepared_default_ledger(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, prepared_ledger: Path) -> str:
    """The default ledger (``AIDTRACK_DATABASE_URL``) is a private copy of :func:`prepared_ledger`,
    for commands whose answer does not come from the ledger but which prepare it first."""
    path = tmp_path / "prepared.db"
    shutil.copyfile(prepared_ledger, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("AIDTRACK_DATABASE_URL", url)
    return url


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
    # whole corpora through the extractor, for quality floors
    "tests/extract/test_constructions.py::test_constructions_meet_the_floor": (
        "extracts every sentence of constructions.yaml (over a thousand) for the precision and recall floors"
    ),
    "tests/extract/test_dev_score.py::test_dev_set_meets_the_floor": (
        "extracts the whole ../shared/eval/dev set, then scores it with score.py in another interpreter"
    ),
    "tests/extract/test_dev_score.py::test_predictions_follow_the_schema": (
        "extracts the whole ../shared/eval/dev set"
    ),
    "tests/extract/test_validation_score.py::test_validation_part_meets_the_floor": (
        "extracts the validation part of ../shared/eval, then scores it in another interpreter"
    ),
    "tests/extract/test_heldout_score.py::test_heldout_set_meets_the_floor": (
        "extracts the held-out set, then scores it with score.py in another interpreter"
    ),
    # a fresh interpreter is what they check
    "tests/db/test_store.py::test_an_up_to_date_ledger_opens_without_alembic": (
        "three fresh interpreters, to see which of them imported Alembic"
    ),
    "tests/test_cli_startup.py::test_a_missing_extra_names_its_install_line": (
        "a fresh interpreter per extra, with the extra's package made unimportable"
    ),
    "tests/web/test_serving.py::test_extraction_is_loaded_on_first_use_and_a_missing_extra_is_503": (
        "a fresh interpreter without spaCy"
    ),
    "tests/test_docs.py::test_cli_docs_are_generated_from_help": (
        "another interpreter renders every command's --help into docs/cli.md to compare"
    ),
    # the starter ledger (2,267 records) round-tripped: the quick loop keeps one format of each
    "tests/backup/test_records.py::test_export_then_import_gives_the_same_records[sqlite-json]": (
        "exports and imports the 2,267 records of the starter ledger; csv does it in the quick loop"
    ),
    "tests/backup/test_records.py::test_export_then_import_gives_the_same_records[sqlite-parquet]": (
        "exports and imports the 2,267 records of the starter ledger; csv does it in the quick loop"
    ),
    "tests/backup/test_records.py::test_cli_export_then_import_records[parquet]": (
        "exports and imports the starter ledger through the CLI; csv does it in the quick loop"
    ),
    "tests/backup/test_backup.py::test_restore_gives_every_table_back[sqlite-.db]": (
        "backs up and restores every table of the starter ledger; .zip does it in the quick loop"
    ),
}
"""Tests (or one parameter set of a test) that take a second or more each for a reason of their
own, with that reason; PostgreSQL and browser tests are slow too. All of them run in CI's full
command."""


# -- garbage collection: the test process holds pandas, spaCy, SQLAlchemy and every test module,
# and each full collection walks all of it (a few tenths of a second); with Python's default
# thresholds a quick loop made 36 of them, about a seventh of its time.

FULL_COLLECTION_EVERY = 100
"""Younger-generation collections between two full ones (Python's default is 10)."""

gc.set_threshold(*gc.get_threshold()[:2], FULL_COLLECTION_EVERY)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What the imports and the collection built lives until the end: after one last collection,
    the garbage collector stops walking it (``gc.freeze``), so a full collection while tests run
    only walks what the tests made. Garbage is collected as before, only less often; the
    unraisable-exception check at the end still collects everything the tests left."""
    gc.collect()
    gc.freeze()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """PostgreSQL, browser and :data:`SLOW_TESTS` count as slow: `pytest -m "not slow"` is the quick loop."""
    for item in items:
        function = item.nodeid.partition("[")[0]
        if (
            item.get_closest_marker("postgres")
            or item.get_closest_marker("browser")
            or function in SLOW_TESTS
            or item.nodeid in SLOW_TESTS
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
