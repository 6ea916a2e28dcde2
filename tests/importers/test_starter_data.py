"""The committed starter dataset: small, attributed, loads offline and idempotently."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from kiel_shared import R29, need

from aidtrack.db import Store, SupportFilter
from aidtrack.importers import read_kiel
from aidtrack.importers.release import BadRow, sha256_of
from aidtrack.importers.starter import META_FILE, STARTER_DIR, read_starter
from aidtrack.services import imports, ledger


def test_starter_is_small_and_attributed() -> None:
    size = sum(p.stat().st_size for p in STARTER_DIR.iterdir())
    assert size < 300 * 1024
    meta = json.loads((STARTER_DIR / META_FILE).read_text(encoding="utf-8"))
    assert meta["release"] == "29" and meta["period"] == "04/2026"
    assert meta["citation"] == "Kiel Institute for the World Economy, Ukraine Support Tracker, Release 29"
    assert len(meta["source_sha256"]) == 64


def test_starter_reproduces_release29_totals() -> None:
    release = read_starter()
    sums: dict[tuple[str, str | None], float] = defaultdict(float)
    for r in release.records:
        sums[(r.stage.value, r.category.value if r.category else None)] += r.amount_eur or 0
    assert sum(v for (s, _), v in sums.items() if s == "allocation") / 1e9 == pytest.approx(358.4, rel=1e-3)
    assert sums[("allocation", "military")] / 1e9 == pytest.approx(173.0, rel=1e-3)
    assert sums[("commitment", None)] / 1e9 == pytest.approx(548.0, rel=1e-3)
    indicators = {m["indicator"] for m in release.macro}
    assert indicators == {"gdp_eur_kiel_2021", "eu_share", "population"}
    population = {m["actor"]: m["value"] for m in release.macro if m["indicator"] == "population"}
    assert len(population) == 40 and 51e6 < population["KOR"] < 52e6


def test_load_starter_twice_changes_nothing(store: Store) -> None:
    first = imports.load_starter(store, by="tester")
    second = imports.load_starter(store, by="tester")
    assert (first.status, second.status) == ("imported", "unchanged")
    assert first.release == "29" and first.stored == store.count("support", SupportFilter(limit=None))
    assert len(store.macro_frame("gdp_eur_kiel_2021")) == 41 and len(store.macro_frame("eu_share")) == 27


def test_starter_matches_the_folder_it_was_built_from(store: Store) -> None:
    folder = need(R29)
    meta = json.loads((STARTER_DIR / META_FILE).read_text(encoding="utf-8"))
    assert meta["source_sha256"] == sha256_of(folder), "starter is stale: run scripts/build_starter.py"
    website = read_kiel(folder)
    starter = read_starter()
    project = lambda records: sorted((r.external_id, r.amount_eur, r.date, r.donor) for r in records)  # noqa: E731
    assert project(starter.records) == project(website.records)
    assert imports.load_starter(store, by="tester").status == "imported"
    assert imports.import_kiel(store, folder, by="tester").status == "unchanged"


def test_the_packaged_starter_read_once_serves_every_ledger_alike(tmp_path: Path) -> None:
    """The shipped starter is parsed once per process; each import still gets its own report."""
    first_store = ledger.open_store(f"sqlite:///{tmp_path / 'one.db'}", fresh=True)
    second_store = ledger.open_store(f"sqlite:///{tmp_path / 'two.db'}", fresh=True)
    first = imports.load_starter(first_store, by="tester")
    first.report.append(BadRow(1, "x", "y", "added by a caller"))
    first.notes.append("added by a caller")
    second = imports.load_starter(second_store, by="tester")
    assert (second.status, second.stored, second.totals) == ("imported", first.stored, first.totals)
    assert "added by a caller" not in second.notes and len(second.report) == len(first.report) - 1
    frames = [
        store.support_frame().drop(columns=["created", "updated"], errors="ignore")
        for store in (first_store, second_store)
    ]
    assert len(frames[0]) == first.stored and frames[0].equals(frames[1])
