"""Storage: migrations, round trips, audit trail, imports; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from aidtrack import models
from aidtrack.db import EventFilter, Store, SupportFilter
from aidtrack.db.engine import current_revision, head_revision
from aidtrack.errors import NotFoundError, ValidationError
from aidtrack.services import ledger

SOURCE = models.Source(
    url="https://example.org/a", publisher="Example", title="A", kind="news", published="2023-01-02"
)


def _support(**over: object) -> models.Support:
    fields: dict[str, object] = dict(
        donor="KOR",
        recipient="UKR",
        category="humanitarian",
        stage="commitment",
        amount=10e6,
        currency="USD",
        amount_eur=9.4e6,
        date="2022-03-01",
        source=SOURCE,
        evidence="Seoul pledged $10m.",
        origin="test",
    )
    fields.update(over)
    return models.Support(**fields)  # type: ignore[arg-type]


def test_migrations_from_empty_reach_head(any_store: Store) -> None:
    assert current_revision(any_store.engine) == head_revision() >= "0004"
    names = set(sa.inspect(any_store.engine).get_table_names())
    assert {"support", "events", "sources", "audit_log", "imports", "macro", "actors"} <= names


def test_support_round_trip_keeps_source_and_items(any_store: Store) -> None:
    record = _support(items=[{"name": "M777 howitzer", "quantity": 6}])
    [record_id] = any_store.add_support([record], by="tester")
    row = any_store.get("support", record_id)
    assert (row["donor"], row["category"], row["stage"], row["amount"], row["currency"]) == (
        "KOR",
        "humanitarian",
        "commitment",
        10e6,
        "USD",
    )
    assert row["date"] == dt.date(2022, 3, 1)
    assert row["items"] == [{"name": "M777 howitzer", "quantity": 6.0}]
    assert (row["source_url"], row["source_publisher"], row["source_published"]) == (
        "https://example.org/a",
        "Example",
        dt.date(2023, 1, 2),
    )


def test_sources_are_deduplicated(any_store: Store) -> None:
    any_store.add_support([_support(), _support(amount=5.0)], by="tester")
    assert any_store.summary()["counts"]["sources"] == 1


def test_event_round_trip_and_filters(any_store: Store) -> None:
    event = models.Event(
        type="threat",
        actor="RUS",
        target="KOR",
        consequence="end of relations",
        date="2024-06-20",
        source=SOURCE,
        evidence="Putin warned Seoul.",
    )
    any_store.add_events([event], by="tester")
    assert [e["actor"] for e in any_store.list_events(EventFilter(type="threat", target="KOR"))] == ["RUS"]
    assert any_store.list_events(EventFilter(type="appeal")) == []


def test_audit_trail_records_every_change(any_store: Store) -> None:
    [record_id] = any_store.add_support([_support()], by="alice")
    ledger.edit_record(
        "support", record_id, {"amount": 12e6, "status": "candidate"}, store=any_store, by="bob"
    )
    trail = any_store.audit_trail("support", record_id)
    assert [(t["action"], t["by"]) for t in trail] == [("insert", "alice"), ("update", "bob")]
    assert trail[1]["old"] == {
        "amount": 10e6,
        "status": "confirmed",
        "amount_eur": 9.4e6,
        "amount_usd": None,
        "fx_note": None,
    }
    new = trail[1]["new"]
    assert (new["amount"], new["status"], new["amount_usd"]) == (12e6, "candidate", 12e6)
    assert 10e6 < new["amount_eur"] < 12e6 and "ECB" in new["fx_note"]


def test_edit_validates_through_the_model(any_store: Store) -> None:
    [record_id] = any_store.add_support([_support()], by="alice")
    with pytest.raises(ValidationError, match='"-5"|-5'):
        ledger.edit_record("support", record_id, {"amount": -5}, store=any_store)
    assert any_store.get("support", record_id)["amount"] == 10e6
    assert len(any_store.audit_trail("support", record_id)) == 1


def test_missing_record_says_how_to_find_one(any_store: Store) -> None:
    with pytest.raises(NotFoundError, match="id 999"):
        any_store.get("support", 999)


def _import(store: Store, *, sha: str, release: str, n: int = 3) -> object:
    records = [_support(origin="kiel", external_id=f"r{release}-{i}", amount=float(i + 1)) for i in range(n)]
    return store.import_batch(
        origin="kiel",
        release=release,
        sha256=sha,
        path="x.xlsx",
        records=records,
        report=[{"row": 9, "column": "date", "value": "soon", "reason": "not a date"}],
        by="importer",
        macro=[{"actor": "KOR", "indicator": "population", "year": 2024, "value": 51.7e6, "unit": "persons"}],
    )


def test_import_twice_changes_nothing(any_store: Store) -> None:
    first = _import(any_store, sha="a" * 64, release="7")
    before = any_store.summary()["counts"]
    second = _import(any_store, sha="a" * 64, release="7")
    assert (first.status, first.stored, second.status, second.stored) == ("imported", 3, "unchanged", 0)
    assert any_store.summary()["counts"] == before


def test_newer_release_supersedes_older_and_keeps_history(any_store: Store) -> None:
    _import(any_store, sha="a" * 64, release="7", n=3)
    outcome = _import(any_store, sha="b" * 64, release="12", n=2)
    assert outcome.superseded == 3
    assert any_store.count("support", SupportFilter(current=True)) == 2
    assert any_store.count("support", SupportFilter(current=None)) == 5
    older = _import(any_store, sha="c" * 64, release="5", n=4)
    assert older.status == "imported"
    assert any_store.count("support", SupportFilter(current=True)) == 2


def test_failed_import_leaves_database_unchanged(any_store: Store) -> None:
    _import(any_store, sha="a" * 64, release="7")
    before = any_store.summary()["counts"]
    good = [_support(origin="kiel"), _support(origin="kiel")]
    broken_macro = [{"actor": "KOR", "indicator": "population"}]  # no year, no value: fails after the inserts
    with pytest.raises(KeyError):
        any_store.import_batch(
            origin="kiel",
            release="12",
            sha256="d" * 64,
            path="y",
            records=good,
            report=[],
            by="importer",
            macro=broken_macro,
        )
    assert any_store.summary()["counts"] == before
    assert any_store.count("support", SupportFilter(current=True)) == 3
    assert any_store.find_import(origin="kiel", sha256="d" * 64) is None


def test_macro_upsert_is_audited(any_store: Store) -> None:
    row = {"actor": "KOR", "indicator": "gdp_usd", "year": 2023, "value": 1.7e12, "unit": "USD"}
    assert any_store.upsert_macro([row], by="t") == 1
    assert any_store.upsert_macro([row], by="t") == 0
    assert any_store.upsert_macro([{**row, "value": 1.8e12}], by="t") == 1
    frame = any_store.macro_frame("gdp_usd")
    assert frame.to_dict("records") == [
        {"actor": "KOR", "indicator": "gdp_usd", "year": 2023, "value": 1.8e12, "unit": "USD"}
    ]


def test_support_frame_for_analysis(any_store: Store) -> None:
    any_store.add_support([_support(), _support(donor="JPN", category="financial", amount_eur=1.0)], by="t")
    frame = any_store.support_frame()
    assert sorted(frame["donor"]) == ["JPN", "KOR"]
    assert list(frame.columns) == [
        "donor",
        "recipient",
        "category",
        "stage",
        "date",
        "amount_eur",
        "origin",
        "source_url",
    ]
    assert frame["amount_eur"].sum() == pytest.approx(9.4e6 + 1.0)


def test_nato_members_by_date(any_store: Store) -> None:
    march = any_store.group_members("NATO", on=dt.date(2023, 3, 15))
    assert len(march) == 30 and "FIN" not in march and "SWE" not in march
    assert "FIN" in any_store.group_members("NATO", on=dt.date(2023, 4, 5))
    assert "GBR" not in any_store.group_members("EU", on=dt.date(2021, 1, 1))


def test_migrations_match_the_schema(any_store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from aidtrack.db.schema import metadata

    with any_store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_candidates_sorted_by_confidence_in_sql(any_store: Store) -> None:
    """Highest confidence first, records without one last, on both backends (a page, not all rows)."""
    from aidtrack.db import SupportFilter

    any_store.add_support([_support(status="candidate", confidence=c) for c in (0.2, None, 0.9, 0.5)], by="x")
    rows = any_store.list_support(SupportFilter(status="candidate", order="confidence", limit=3))
    assert [r["confidence"] for r in rows] == [0.9, 0.5, 0.2]
    with pytest.raises(ValidationError, match="Unknown order"):
        any_store.list_support(SupportFilter(order="colour"))


def test_head_revision_read_from_the_files_is_alembics_head() -> None:
    import sqlalchemy as sa
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from aidtrack.db.engine import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert head_revision() == ScriptDirectory.from_config(config).get_current_head()
    assert current_revision(sa.create_engine("sqlite://")) is None


def test_an_up_to_date_ledger_opens_without_alembic(tmp_path: Path) -> None:
    """Alembic is loaded only to upgrade: a second open reads the revision with a plain query."""
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    script = (
        "import sys; from aidtrack.db import connect; connect(sys.argv[1]); print('alembic' in sys.modules)"
    )
    first, second = (
        subprocess.run(
            [sys.executable, "-c", script, url], capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    )
    assert (first, second) == ("True", "False")
    behind = f"sqlite:///{tmp_path / 'behind.db'}"
    from alembic import command

    from aidtrack.db.engine import _alembic_config

    engine = sa.create_engine(behind)
    command.upgrade(_alembic_config(engine), "0005")
    assert current_revision(engine) == "0005"
    again = subprocess.run([sys.executable, "-c", script, behind], capture_output=True, text=True, check=True)
    assert again.stdout.strip() == "True" and current_revision(engine) == head_revision() != "0005"


def test_has_actors_tells_a_seeded_ledger(tmp_path: Path) -> None:
    from aidtrack.db import connect

    url = f"sqlite:///{tmp_path / 'actors.db'}"
    assert connect(url).has_actors() is False
    assert ledger.open_store(url, fresh=True).has_actors() is True
