"""Analysis results are cached per ledger version: every write changes the answer, nothing stale."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from aidtrack import models
from aidtrack.cli import main
from aidtrack.db import Store, aggregate
from aidtrack.services import analysis as service
from aidtrack.services import review


def _korea(amount: float, **extra: object) -> models.Support:
    return models.Support(
        donor="KOR",
        category="military",
        stage="allocation",
        amount=amount,
        currency="EUR",
        amount_eur=amount,
        date=dt.date(2024, 5, 2),
        **extra,
    )


def _korea_total(store: Store) -> float:
    table = service.rank_donors(store=store)
    return float(table.loc[table["donor"] == "KOR", "value_eur"].iloc[0])


@pytest.fixture()
def starter(any_starter_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Store:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    service.clear_cache()
    return any_starter_store


def test_a_cached_answer_changes_after_each_kind_of_write(starter: Store) -> None:
    before = _korea_total(starter)
    assert service.rank_donors(store=starter) is service.rank_donors(store=starter)  # served from the cache
    [new_id] = starter.add_support([_korea(1e9)], by="t")
    assert _korea_total(starter) == pytest.approx(before + 1e9)
    starter.update_record("support", new_id, {"amount_eur": 2e9}, by="t")
    assert _korea_total(starter) == pytest.approx(before + 2e9)
    [candidate] = starter.add_support([_korea(5e8, status="candidate", origin="manual")], by="t")
    assert _korea_total(starter) == pytest.approx(before + 2e9)
    review.decide("support", candidate, "accept", store=starter, by="t")
    assert _korea_total(starter) == pytest.approx(before + 2.5e9)
    outcome = starter.import_batch(
        origin="kiel-cache",
        release="1",
        sha256="cache-1",
        path="c.csv",
        records=[_korea(3e8, origin="kiel-cache")],
        report=[],
        by="t",
    )
    assert outcome.status == "imported"
    assert _korea_total(starter) == pytest.approx(before + 2.8e9)


def test_timeline_and_comparison_follow_a_write(starter: Store) -> None:
    timeline = service.donor_timeline("KOR", store=starter)
    gap = service.compare_donors("KOR", store=starter, peers="G7").row("total")["gap_eur"]
    starter.add_support([_korea(4e9)], by="t")
    after = service.donor_timeline("KOR", store=starter)
    assert after["amount_eur"].sum() == pytest.approx(timeline["amount_eur"].sum() + 4e9)
    assert service.compare_donors("KOR", store=starter, peers="G7").row("total")["gap_eur"] < gap


def test_frames_loaded_once_per_version(starter: Store) -> None:
    first = service.load_frames(starter)
    again = service.load_frames(starter)
    assert first[0] is again[0] and first.version == again.version
    starter.upsert_macro([{"actor": "KOR", "indicator": "population", "year": 2031, "value": 1.0}], by="t")
    changed = service.load_frames(starter)
    assert changed.version != first.version
    assert changed[1]["year"].max() == 2031


def test_a_new_process_reads_unchanged_totals_from_disk(
    starter: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(service, "DISK_FROM", 0)  # the starter's totals are kept on disk too
    grouped: list[int] = []
    real = aggregate.support_totals
    monkeypatch.setattr(aggregate, "support_totals", lambda *a, **k: grouped.append(1) or real(*a, **k))
    first = service.load_frames(starter)[0]
    assert grouped == [1]
    service.clear_cache()  # what a new process starts with
    pd.testing.assert_frame_equal(service.load_frames(starter)[0], first)
    assert grouped == [1]  # read from the cache folder, not grouped again
    starter.add_support([_korea(7e8)], by="t")
    service.clear_cache()
    after = service.load_frames(starter)[0]
    assert grouped == [1, 1]
    assert after["amount_eur"].sum() == pytest.approx(first["amount_eur"].sum() + 7e8)
    files = list((tmp_path / "cache").rglob("*.parquet"))
    assert len(files) == 1  # the older version's file is gone


def test_small_totals_are_read_from_the_ledger_not_from_a_file(
    starter: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(service, "DISK_FROM", 10**9)
    first = service.load_frames(starter)[0]
    service.clear_cache()
    pd.testing.assert_frame_equal(service.load_frames(starter)[0], first)
    assert not list((tmp_path / "cache").rglob("*.parquet"))


def test_the_etag_changes_with_the_ledger_only(starter: Store) -> None:
    tag = service.ledger_etag(starter)
    assert tag == service.ledger_etag(starter) and tag.startswith('"') and tag.endswith('"')
    service.rank_donors(store=starter, per="gdp")
    assert service.ledger_etag(starter) == tag  # reading changes nothing
    assert service.etag_matches(f'"other", {tag}', service.ledger_etag(starter))  # answer 304
    starter.add_support([_korea(1.0, status="rejected")], by="t")
    assert service.ledger_etag(starter) != tag
    assert not service.etag_matches(tag, service.ledger_etag(starter))  # answer 200 with fresh figures
    assert aggregate.ledger_etag(starter.engine) != tag  # the service tag also covers the day and release


@pytest.mark.parametrize("args", [["brief", ""], ["compare", " "], ["timeline", "  "], ["report", ""]])
def test_a_blank_donor_gives_the_unknown_actor_message(
    store: Store, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv("AIDTRACK_DATABASE_URL", store.url)
    result = CliRunner().invoke(main, args)
    assert result.exit_code != 0
    assert "Unknown actor" in result.output and "Traceback" not in result.output
    assert not isinstance(result.exception, AssertionError)
