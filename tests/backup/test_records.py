"""`import records`: an export read back gives the same records; a team's sheet is checked row by row."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

from aidtrack.cli import main
from aidtrack.db import Store, SupportFilter
from aidtrack.errors import ImportFormatError
from aidtrack.services import ledger, records

EVERY = SupportFilter(limit=None, current=None)
LEDGER_ONLY = {"id", "source_id", "import_id"}  # numbering of the ledger the rows live in


def _comparable(store: Store) -> list[dict[str, Any]]:
    rows = [{k: v for k, v in r.items() if k not in LEDGER_ONLY} for r in store.list_support(EVERY)]
    return sorted(
        rows,
        key=lambda r: (
            r["origin"],
            str(r["external_id"]),
            str(r["date"]),
            r["donor"],
            r["stage"],
            str(r["category"]),
            str(r["amount"]),
        ),
    )


def _sources(store: Store) -> set[tuple[Any, ...]]:
    return {
        (r["source_url"], r["source_publisher"], r["source_title"], r["source_published"], r["source_kind"])
        for r in store.list_support(EVERY)
    }


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_export_then_import_gives_the_same_records(
    full_store: Store, any_store: Store, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"ledger-export.{fmt}"
    written = ledger.export_records("support", EVERY, store=full_store, fmt=fmt, out=out)
    assert written > 2000

    summary = records.import_records(any_store, out, by="me")

    assert (summary.status, summary.stored, summary.report) == ("imported", written, [])
    before, after = _comparable(full_store), _comparable(any_store)
    assert len(after) == len(before)
    for old, new in zip(before, after, strict=True):
        assert new == old  # field by field: status, origin, current, items, amounts, times, source
    assert _sources(any_store) == _sources(full_store)
    statuses = {r["status"] for r in after}
    assert statuses == {"confirmed", "candidate"}
    assert records.import_records(any_store, out, by="me").status == "unchanged"
    assert len(_comparable(any_store)) == written


SHEET = """donor,stage,category,amount,currency,date,items,source_url,evidence
Germany,delivery,military,100000000,USD,2023-03-01,155mm shells; IRIS-T,https://example.org/de,"said ""yes"" today"
South Korea,commitment,humanitarian,,,2024-01-10,,,
"""


def test_a_team_sheet_is_validated_like_add_support(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "pledges.csv"
    path.write_text(SHEET, encoding="utf-8")
    summary = records.import_records(store, path, by="me")
    assert (summary.status, summary.stored) == ("imported", 2)
    rows = {r["donor"]: r for r in store.list_support(EVERY)}
    assert set(rows) == {"DEU", "KOR"}
    german = rows["DEU"]
    assert german["items"] == [
        {"name": "155mm shells", "quantity": None},
        {"name": "IRIS-T", "quantity": None},
    ]
    assert (
        german["amount_eur"] is not None and german["amount_eur"] < 100_000_000
    )  # USD converted at the date
    assert (german["origin"], german["status"], german["current"]) == ("records", "confirmed", True)
    assert german["source_url"] == "https://example.org/de" and german["evidence"] == 'said "yes" today'
    assert [i["origin"] for i in store.list_imports()] == ["records"]


def test_one_bad_row_stores_nothing_and_every_problem_is_reported(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "pledges.xlsx"
    pd.DataFrame(
        [
            {"donor": "Germany", "stage": "delivery", "category": "military", "date": "2023-03-01"},
            {"donor": "Germny", "stage": "commitment", "category": "military", "date": "2023-13-01"},
            {"donor": "France", "stage": "pledge", "category": "military", "date": "2023-03-01"},
            {"donor": "Italy", "stage": "delivery", "category": "military", "amount": 5},
        ]
    ).to_excel(path, index=False)
    summary = records.import_records(store, path, by="me")
    assert summary.status == "rejected" and summary.stored == 0 and summary.bad_rows == 3
    problems = [(b.row, b.column, b.value) for b in summary.report]
    assert problems == [
        (2, "date", "2023-13-01"),
        (2, "donor", "Germny"),
        (3, "stage", "pledge"),
        (4, None, None),
    ]
    assert "Did you mean" in summary.report[1].reason
    assert "no currency" in summary.report[3].reason
    assert store.list_support(EVERY) == [] and store.list_imports() == []


def test_unknown_columns_are_named(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "pledges.json"
    path.write_text(json.dumps([{"doner": "DEU", "donor": "DEU", "stage": "delivery"}]), encoding="utf-8")
    with pytest.raises(ImportFormatError, match="unknown column.*'doner'.*the columns are: donor"):
        records.import_records(store, path, by="me")


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("pledges.txt", "donor\nDEU\n", "use a .csv, .json, .parquet or .xlsx file"),
        ("pledges.json", '{"donor": "DEU"}', "expected a list of objects"),
        ("pledges.parquet", "not parquet", "Cannot read"),
        ("pledges.xlsx", "PK\x03\x04 half a workbook", "Cannot read .*as XLSX"),
        ("pledges.csv", "donor,category\nDEU,military\n", "no column stage"),
    ],
)
def test_unreadable_files_say_what_was_expected(
    store: Store, tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFormatError, match=message):
        records.import_records(store, path, by="me")


def test_cli_import_records_reports_bad_rows(runner: CliRunner, tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'ledger.db'}"
    bad = tmp_path / "pledges.csv"
    bad.write_text("donor,stage\nDEU,delivery\nZZZ,delivery\n", encoding="utf-8")
    report = tmp_path / "bad-rows.csv"
    result = runner.invoke(
        main, ["--database", database, "import", "records", str(bad), "--report", str(report)]
    )
    assert result.exit_code == 1
    assert "1 of 2 rows" in result.output and "nothing was imported" in result.output
    assert "2,donor,ZZZ" in report.read_text(encoding="utf-8")
    good = tmp_path / "fixed.csv"
    good.write_text("donor,stage\nDEU,delivery\nFRA,delivery\n", encoding="utf-8")
    result = runner.invoke(main, ["--database", database, "import", "records", str(good)])
    assert result.exit_code == 0, result.output
    assert "2 support records" in result.output


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_cli_export_then_import_records(
    full_store: Store, runner: CliRunner, tmp_path: Path, fmt: str
) -> None:
    source = f"sqlite:///{tmp_path / 'source.db'}"
    target = f"sqlite:///{tmp_path / 'target.db'}"
    out = tmp_path / f"ledger-export.{fmt}"
    result = runner.invoke(
        main, ["--database", source, "export", "support", "--format", fmt, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Wrote 2267 support rows" in result.output  # every row, not a page of 100
    result = runner.invoke(main, ["--database", target, "import", "records", str(out)])
    assert result.exit_code == 0, result.output
    assert "2,267 support records" in result.output
    assert _comparable(ledger.open_store(target, fresh=True)) == _comparable(full_store)


def test_the_same_sheet_imported_twice_at_once_is_stored_once(any_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "pledges.csv"
    path.write_text(SHEET, encoding="utf-8")
    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(lambda _: records.import_records(any_store, path, by="me").status, range(2)))
    assert sorted(outcomes) == ["imported", "unchanged"]
    assert len(any_store.list_support(EVERY)) == 2 and len(any_store.list_imports()) == 1
