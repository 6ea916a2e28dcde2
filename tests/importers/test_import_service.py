"""Imports through the store: idempotent, superseding, atomic, with a saved report."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from kiel_fixture import EXPECTED

from aidtrack.db import Store, SupportFilter
from aidtrack.errors import StorageError
from aidtrack.importers.release import KielRelease
from aidtrack.models import Support
from aidtrack.services import imports


def all_support(store: Store) -> list[dict[str, Any]]:
    """Every support record, current or not, as (id, donor, stage, amount_eur, current, import_id)."""
    rows = store.list_support(SupportFilter(current=None, limit=None))
    keys = ("id", "donor", "stage", "amount_eur", "current", "import_id")
    return sorted(({k: r[k] for k in keys} for r in rows), key=lambda r: r["id"])


def test_same_file_twice_changes_nothing(any_store: Store, activities_xlsx: Path) -> None:
    first = imports.import_kiel(any_store, activities_xlsx, by="tester")
    before = all_support(any_store)
    second = imports.import_kiel(any_store, activities_xlsx, by="tester")
    assert (first.status, second.status) == ("imported", "unchanged")
    assert second.import_id == first.import_id and second.stored == 0
    assert all_support(any_store) == before and len(any_store.list_imports()) == 1


def test_import_summary_totals_follow_kiel_rule(store: Store, activities_xlsx: Path) -> None:
    summary = imports.import_kiel(store, activities_xlsx, by="tester")
    assert summary.release == "31" and summary.stored == summary.records == len(all_support(store))
    allocation = sum(v for (stage, _), v in summary.totals.items() if stage == "allocation")
    assert allocation == pytest.approx(sum(v for (_, s), v in EXPECTED.items() if s == "allocation"))
    assert summary.macro == 2 and len(store.macro_frame("gdp_eur_kiel_2021")) == 2


def test_newer_release_supersedes_older_and_keeps_history(
    any_store: Store, packages_xlsx: Callable[..., Path], activities_xlsx: Path
) -> None:
    older = imports.import_kiel(any_store, packages_xlsx(), by="tester")  # release 99 per its ReadMe
    newer_path = activities_xlsx.with_name("Ukraine_Support_Tracker_Release_100.xlsx")
    newer_path.write_bytes(activities_xlsx.read_bytes())
    newer = imports.import_kiel(any_store, newer_path, by="tester")
    rows = all_support(any_store)
    assert newer.superseded == older.stored > 0
    assert {r["current"] for r in rows if r["import_id"] == older.import_id} == {False}
    assert {r["current"] for r in rows if r["import_id"] == newer.import_id} == {True}
    assert len(rows) == older.stored + newer.stored  # history kept


def test_older_release_imported_later_is_history(
    any_store: Store, packages_xlsx: Callable[..., Path], activities_xlsx: Path
) -> None:
    newer = imports.import_kiel(any_store, activities_xlsx, by="tester")  # release 31
    older = imports.import_kiel(any_store, packages_xlsx(), by="tester", release="7")
    rows = all_support(any_store)
    assert {r["current"] for r in rows if r["import_id"] == older.import_id} == {False}
    assert {r["current"] for r in rows if r["import_id"] == newer.import_id} == {True}


def _state(store: Store) -> tuple[Any, ...]:
    return (
        all_support(store),
        [(i["id"], i["superseded_by"]) for i in store.list_imports()],
        store.macro_frame().to_dict("records"),
        store.summary()["counts"],
    )


def test_store_error_midway_leaves_database_as_before(
    any_store: Store,
    packages_xlsx: Callable[..., Path],
    activities_xlsx: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    imports.import_kiel(any_store, packages_xlsx(), by="tester")
    before = _state(any_store)

    def broken_finish(*args: Any, **kwargs: Any) -> None:
        raise StorageError("disk full (simulated) after writing the rows")

    monkeypatch.setattr(Store, "_finish_import", broken_finish)
    with pytest.raises(StorageError, match="simulated"):
        imports.import_kiel(any_store, activities_xlsx, by="tester")
    assert _state(any_store) == before


def test_invalid_record_midway_leaves_database_as_before(
    any_store: Store,
    packages_xlsx: Callable[..., Path],
    activities_xlsx: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    imports.import_kiel(any_store, packages_xlsx(), by="tester")
    before = _state(any_store)
    real = imports.read_kiel

    def with_bad_record(path: Path, *, release: str | None = None) -> KielRelease:
        result = real(path, release=release)
        bad = Support.model_construct(**{**result.records[0].model_dump(), "donor": None})
        result.records.insert(len(result.records) // 2, bad)  # a NOT NULL column left empty
        return result

    monkeypatch.setattr(imports, "read_kiel", with_bad_record)
    with pytest.raises(Exception):  # noqa: B017 - whatever the driver raises, nothing may be written
        imports.import_kiel(any_store, activities_xlsx, by="tester")
    assert _state(any_store) == before


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_bad_rows_go_to_saved_report(
    store: Store, packages_xlsx: Callable[..., Path], tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / f"report{suffix}"
    summary = imports.import_kiel(store, packages_xlsx(broken=True), by="tester", report_path=target)
    assert summary.report_path == target and len(summary.report) >= 5
    if suffix == ".csv":
        with target.open(encoding="utf-8") as fh:
            saved = list(csv.DictReader(fh))
    else:
        saved = json.loads(target.read_text(encoding="utf-8"))
    assert [str(r["row"]) for r in saved] == [str(b.row) for b in summary.report]
    assert any(r["value"] == "Atlantis" and "unknown donor" in r["reason"] for r in saved)
    stored = store.list_imports()[0]
    assert stored["rows_rejected"] == len(summary.report) and len(stored["report"]) == len(summary.report)


def test_default_report_is_written_beside_sqlite_database(
    store: Store, packages_xlsx: Callable[..., Path]
) -> None:
    summary = imports.import_kiel(store, packages_xlsx(broken=True), by="tester")
    assert summary.report_path is not None and summary.report_path.exists()
    database = Path(store.engine.url.database or "")
    assert summary.report_path.parent == database.with_suffix(".reports")


def test_release_unknown_is_noted(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "ID,Countries,Type of Aid General,Converted Value in EUR\nDEM1,Germany,Military,100\n",
        encoding="utf-16",
    )
    summary = imports.import_kiel(store, path, by="tester")
    assert summary.release is None and any("--release" in n for n in summary.notes)


def test_report_file_must_be_csv_or_json(tmp_path: Path) -> None:
    from aidtrack.errors import ValidationError

    with pytest.raises(ValidationError, match=r"\.csv or \.json"):
        imports.write_report([], tmp_path / "report.txt")


def test_older_release_does_not_overwrite_newer_gdp_base(
    store: Store, activities_xlsx: Path, tmp_path: Path
) -> None:
    from kiel_fixture import write_activities_workbook

    imports.import_kiel(store, activities_xlsx, by="tester")  # release 31: Norway GDP 407.5 bn
    older = write_activities_workbook(
        tmp_path / "old" / "Ukraine_Support_Tracker_Release_20.xlsx",
        gdp={"Norway": 111.0, "United States": 222.0},
    )
    frame_before = store.macro_frame("gdp_eur_kiel_2021").to_dict("records")
    summary = imports.import_kiel(store, older, by="tester")
    assert summary.status == "imported" and summary.macro == 0
    assert any("Release 31 is already imported" in n for n in summary.notes)
    assert store.macro_frame("gdp_eur_kiel_2021").to_dict("records") == frame_before
    assert {r["value"] for r in frame_before} == {407.5e9, 19712.8e9}
