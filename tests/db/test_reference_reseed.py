"""The ledger's copy of the actor and group tables follows the packaged data after an upgrade."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from aidtrack import actors
from aidtrack.db import Store, schema
from aidtrack.services import ledger


def test_a_fresh_ledger_records_the_version_of_its_copy(any_store: Store) -> None:
    assert any_store.reference_version("actors") == actors.reference_fingerprint()


def test_group_membership_after_an_upgrade_matches_the_packaged_data(any_store: Store) -> None:
    on = dt.date(2023, 3, 15)
    packaged = sorted(actors.group_members("NATO", on=on))
    # an older release of aidtrack seeded a different group table and its own version
    with any_store.engine.begin() as conn:
        conn.execute(sa.delete(schema.memberships).where(schema.memberships.c.member == "DEU"))
        conn.execute(sa.update(schema.reference_versions).values(version="older-release"))
    assert "DEU" not in any_store.group_members("NATO", on=on)
    assert ledger.refresh_reference_data(any_store) is True  # what open_store does on every open
    assert sorted(any_store.group_members("NATO", on=on)) == packaged
    assert any_store.reference_version("actors") == actors.reference_fingerprint()


def test_an_unchanged_ledger_is_not_seeded_again(any_store: Store) -> None:
    with any_store.engine.begin() as conn:
        conn.execute(sa.insert(schema.actors).values(code="ZZT", name="Kept", kind="country"))
    try:
        assert ledger.refresh_reference_data(any_store) is False
        assert "ZZT" in {row["code"] for row in any_store.actor_rows()}
    finally:
        with any_store.engine.begin() as conn:
            conn.execute(sa.delete(schema.actors).where(schema.actors.c.code == "ZZT"))
