"""Opening a database and bringing its schema up to date with Alembic.

Alembic is imported only to upgrade: an up-to-date schema is told by reading the
``alembic_version`` row and the revisions named in the migration files, which keeps
every command's start quick.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from aidtrack.db.store import WRITE_OPTION, Store, is_locked, locked_error
from aidtrack.errors import StorageError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION_LINE = re.compile(
    r"""^(revision|down_revision)\s*(?::[^=]+)?=\s*['"]?(\w+)['"]?\s*$""", re.MULTILINE
)


def _alembic_config(engine: sa.Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


SQLITE_BUSY_SECONDS = 60
"""How long a SQLite writer waits for another process's write to finish before giving up."""


def _engine(url: str) -> sa.Engine:
    is_sqlite = url.startswith("sqlite")
    try:
        engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS} if is_sqlite else {})
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as ex:
        raise StorageError(
            f'Cannot use database URL "{url}": {ex}. Use sqlite:///PATH or '
            "postgresql+psycopg://user:password@host/dbname."
        ) from None
    if engine.dialect.name == "sqlite":
        database = engine.url.database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    """Foreign keys on; SQLAlchemy (not the driver) issues BEGIN (see :func:`_sqlite_begin`)."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(conn: sa.Connection) -> None:
    """A write transaction takes SQLite's write lock at once (BEGIN IMMEDIATE), so two writers
    queue instead of failing when both try to upgrade a read lock; reads begin deferred."""
    immediate = conn.get_execution_options().get(WRITE_OPTION)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def current_revision(engine: sa.Engine) -> str | None:
    """The migration the database's schema is at (its ``alembic_version`` row), None when new."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


@functools.cache
def head_revision() -> str | None:
    """The newest migration: the one revision no other migration builds on (read from the files)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if "revision" in found:
            revisions.add(found["revision"])
            parents.add(found.get("down_revision", "None"))
    heads = sorted(revisions - parents)
    if len(heads) > 1:
        raise StorageError(f"The migrations have several heads ({', '.join(heads)}); merge them.")
    return heads[0] if heads else None


def migrate(engine: sa.Engine) -> None:
    """Upgrade the schema to the newest migration (a no-op when up to date)."""
    if current_revision(engine) == head_revision():
        return
    from alembic import command

    try:
        command.upgrade(_alembic_config(engine), "head")
    except sa.exc.OperationalError as ex:
        url = engine.url.render_as_string(hide_password=True)
        if is_locked(ex):
            raise locked_error(url) from ex
        raise StorageError(f"Cannot migrate {url}: {ex.orig}") from ex


def connect(url: str, *, upgrade: bool = True) -> Store:
    """A :class:`Store` on ``url``; creates and migrates the schema unless ``upgrade=False``."""
    engine = _engine(url)
    try:
        if upgrade:
            migrate(engine)
    except sa.exc.OperationalError as ex:
        if is_locked(ex):
            raise locked_error(url) from ex
        raise StorageError(
            f'Cannot open database "{url}": {ex.orig}. Check the URL and that the server runs.'
        ) from ex
    return Store(engine)
