"""Migration 0004 keeps one identity per extracted record already stored (duplicates from the old race)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command

from aidtrack.db.engine import _alembic_config, _engine
from tests.conftest import missing_service


def _upgrade_with_duplicates(url: str) -> list[tuple[str, str]]:
    engine = _engine(url)
    config = _alembic_config(engine)
    command.upgrade(config, "0003")
    now = dt.datetime(2024, 1, 1)
    record = {
        "donor": "KOR",
        "recipient": "UKR",
        "category": "military",
        "stage": "delivery",
        "channel": "direct",
        "origin": "extract",
        "current": True,
        "status": "candidate",
        "created": now,
        "updated": now,
    }
    with engine.begin() as conn:
        support = sa.Table("support", sa.MetaData(), autoload_with=conn)
        cor = sa.Table("corroborations", sa.MetaData(), autoload_with=conn)
        conn.execute(
            support.insert(),
            [
                {**record, "external_id": "same"},
                {**record, "external_id": "same"},
                {**record, "external_id": "other", "origin": "kiel"},
            ],
        )
        conn.execute(
            cor.insert(),
            [
                {
                    "table_name": "support",
                    "record_id": 1,
                    "origin": "extract",
                    "external_id": e,
                    "created": now,
                }
                for e in ("same", "linked", "linked")
            ],
        )
    command.upgrade(config, "head")
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT table_name, external_id FROM candidate_ids ORDER BY external_id"))
        found = [tuple(r) for r in rows]
    engine.dispose()
    return found


def test_backfill_on_sqlite(tmp_path: Path) -> None:
    assert _upgrade_with_duplicates(f"sqlite:///{tmp_path / 'old.db'}") == [
        ("support", "linked"),
        ("support", "same"),
    ]


@pytest.mark.postgres
def test_backfill_on_postgres() -> None:
    url = os.environ.get("AIDTRACK_TEST_DATABASE_URL")
    if not url:
        missing_service("AIDTRACK_TEST_DATABASE_URL is not set; .ci/run starts PostgreSQL and sets it")
        return
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"{sa.engine.make_url(url).database}_migration"
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        target = sa.engine.make_url(url).set(database=name).render_as_string(hide_password=False)
        assert _upgrade_with_duplicates(target) == [("support", "linked"), ("support", "same")]
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()
