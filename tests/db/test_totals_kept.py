"""The analysis totals kept in the database (``support_totals``) equal the records grouped afresh.

Every kind of write is exercised on SQLite and PostgreSQL: inserts, edits of the
fields that place a record in a group (donor, month, amount), review decisions,
dataset releases superseding each other, deletes, and a write made outside the
store's transactions. After each, the kept totals (read by ``support_totals``) must
equal :func:`aidtrack.db.aggregate.grouped_totals`, which groups every counted record
in one query and reads nothing kept; periods that cut months are compared too.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from aidtrack import models
from aidtrack.db import Store, aggregate, schema
from aidtrack.db.engine import _alembic_config, migrate

KEYS = ["donor", "recipient", "category", "stage", "origin", "source_url", "date"]
PERIODS = [
    (None, None),
    (dt.date(2024, 3, 16), dt.date(2024, 5, 9)),
    (dt.date(2024, 3, 1), dt.date(2024, 4, 30)),
    (None, dt.date(2024, 3, 15)),
    (dt.date(2024, 3, 17), None),
    (dt.date(2024, 3, 5), dt.date(2024, 3, 20)),
    (dt.date(2024, 5, 1), dt.date(2024, 3, 1)),
]
SOURCE = models.Source(url="https://example.org/a", title="Ministry of Defence release", kind="official")


def _support(donor: str, day: str | None, amount: float, **extra: object) -> models.Support:
    fields: dict[str, object] = {"category": "military", "stage": "allocation", **extra}
    return models.Support(
        donor=donor,
        amount=amount,
        currency="EUR",
        amount_eur=amount,
        date=None if day is None else dt.date.fromisoformat(day),
        **fields,  # type: ignore[arg-type]
    )


def _release(store: Store, release: str, amount: float) -> None:
    store.import_batch(
        origin="kiel-test",
        release=release,
        sha256=f"sha-{release}",
        path=f"r{release}.csv",
        records=[
            _support("KOR", "2024-05-07", amount, origin="kiel-test", source=SOURCE),
            _support("JPN", "2024-05-20", amount / 2, origin="kiel-test", category="humanitarian"),
        ],
        report=[],
        by="t",
    )


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(KEYS, na_position="first").reset_index(drop=True)


def assert_kept_equal_grouped(store: Store) -> None:
    """Kept and freshly grouped totals agree for every period, evidence origins in and out."""
    for start, end in PERIODS:
        for everything in (False, True):
            kept = aggregate.support_totals(store, start=start, end=end, everything=everything)
            grouped = aggregate.grouped_totals(store, start=start, end=end, everything=everything)
            pd.testing.assert_frame_equal(_sorted(kept), _sorted(grouped), check_dtype=False, rtol=1e-12)
    with store.engine.connect() as conn:
        pending = conn.execute(sa.select(sa.func.count()).select_from(schema.support_totals_pending))
        assert pending.scalar() == 0


def _insert_raw(conn: sa.Connection, donor: str, day: dt.date | None, amount: float) -> None:
    """One confirmed record written with plain SQL, past the store."""
    now = dt.datetime(2024, 6, 1)
    row = {"donor": donor, "recipient": "UKR", "category": "military", "stage": "allocation"}
    row |= {"amount_eur": amount, "channel": "bilateral", "date": day, "origin": "manual"}
    row |= {"current": True, "status": "confirmed", "created": now, "updated": now}
    conn.execute(schema.support.insert(), [row])


def _kept_rows(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(schema.support_totals)).scalar() or 0)


def test_kept_totals_follow_every_kind_of_write(any_store: Store) -> None:
    store = any_store
    ids = store.add_support(
        [
            _support("KOR", "2024-03-03", 11.5e6, source=SOURCE),
            _support("KOR", "2024-03-17", 7.25e6, source=SOURCE),
            _support("KOR", "2024-03-28", 3.0e6),
            _support("KOR", None, 9e6, category=None, stage="commitment"),
            _support("DEU", "2024-04-10", 1.1e9),
            _support("DEU", "2024-04-20", 0.9e9),
            _support("USA", "2024-03-15", 5e9, status="candidate"),
            _support("KOR", "2024-03-15", 8e9, origin="extract"),
        ],
        by="t",
    )
    assert _kept_rows(store) > 0
    assert_kept_equal_grouped(store)

    store.update_record("support", ids[1], {"date": dt.date(2024, 4, 2)}, by="t")  # to another month
    store.update_record("support", ids[4], {"donor": "FRA"}, by="t")  # to another group
    store.update_record("support", ids[5], {"amount_eur": 2.5e9}, by="t")
    store.update_record("support", ids[6], {"status": "confirmed"}, by="t")  # a candidate accepted
    store.update_record("support", ids[0], {"status": "rejected"}, by="t")  # a record rejected
    assert_kept_equal_grouped(store)

    _release(store, "1", 100e6)
    _release(store, "2", 60e6)  # supersedes release 1
    _release(store, "0", 10e6)  # older than the current release: stored as history
    totals = aggregate.support_totals(store)
    assert sorted(totals.loc[totals["origin"] == "kiel-test", "amount_eur"]) == [30e6, 60e6]
    assert_kept_equal_grouped(store)

    with store.transaction() as conn:  # a delete (as a restore or a clean-up does)
        conn.execute(schema.support.delete().where(schema.support.c.id == ids[2]))
    assert_kept_equal_grouped(store)
    assert 3.0e6 not in set(aggregate.support_totals(store)["amount_eur"])


def test_a_write_outside_the_store_is_summed_before_the_next_answer(any_store: Store) -> None:
    any_store.add_support([_support("KOR", "2024-03-03", 1e6)], by="t")
    with any_store.engine.begin() as conn:  # not a store transaction: the groups stay pending
        _insert_raw(conn, "KOR", dt.date(2024, 3, 9), 2e6)
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.support_totals_pending)).scalar()
    totals = aggregate.support_totals(any_store)
    assert totals["amount_eur"].sum() == pytest.approx(3e6)
    assert_kept_equal_grouped(any_store)


def test_many_pending_groups_are_summed_in_one_pass(
    any_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(aggregate, "REBUILD_FROM", 2)
    any_store.add_support(
        [_support(donor, f"2024-0{month}-11", month * 1e6) for donor in ("KOR", "JPN") for month in (3, 4)],
        by="t",
    )
    assert _kept_rows(any_store) == 4
    assert_kept_equal_grouped(any_store)


def test_migrating_a_ledger_fills_its_kept_totals(any_store: Store) -> None:
    """A ledger from before the kept totals (revision 0007) gets them filled by the migration."""
    from alembic import command

    any_store.add_support([_support("KOR", "2024-03-03", 1e6), _support("KOR", None, 2e6)], by="t")
    engine = any_store.engine
    command.downgrade(_alembic_config(engine), "0007")
    with engine.begin() as conn:  # records written before the kept totals existed
        _insert_raw(conn, "JPN", dt.date(2024, 4, 4), 4e6)
        _insert_raw(conn, "KOR", dt.date(2024, 3, 20), 3e6)
    migrate(engine)
    with engine.connect() as conn:
        kept = conn.execute(
            sa.select(schema.support_totals.c.donor, sa.func.sum(schema.support_totals.c.records))
            .group_by(schema.support_totals.c.donor)
            .order_by(schema.support_totals.c.donor)
        ).all()
    assert [tuple(row) for row in kept] == [("JPN", 1), ("KOR", 3)]
    assert_kept_equal_grouped(any_store)
