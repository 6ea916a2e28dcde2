"""Layout detection, the snake_case aggregation rule on a hand-built workbook, bad rows."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from kiel_fixture import ACTIVITIES, EXPECTED, write_activities_workbook

from aidtrack.errors import ImportFormatError
from aidtrack.importers import detect_layout, read_kiel
from aidtrack.importers.release import kiel_month, parse_kiel_date, parse_number


def by_donor(records: list) -> dict[tuple[str, str], float]:
    out: dict[tuple[str, str], float] = defaultdict(float)
    for r in records:
        out[(r.donor, r.stage.value)] += r.amount_eur or 0.0
    return out


def test_activities_workbook_follows_kiel_rule(activities_xlsx: Path) -> None:
    release = read_kiel(activities_xlsx)
    assert (release.release, release.layout, release.rows_read) == (
        "31",
        "kiel-activities-xlsx",
        len(ACTIVITIES),
    )
    sums = by_donor(release.records)
    for key, value in EXPECTED.items():
        assert sums.get(key, 0.0) == pytest.approx(value), key


def test_activities_rows_become_records_with_kiel_month(activities_xlsx: Path) -> None:
    records = {r.external_id: r for r in read_kiel(activities_xlsx).records}
    first = records["NOM1#r2/allocation"]
    assert (first.donor, first.category.value, first.date) == ("NOR", "military", dt.date(2022, 3, 1))
    assert first.source is not None and first.source.url == "https://example.org/nom1"
    commitment = records["NOM1#r2/commitment"]
    assert (commitment.amount, commitment.currency, commitment.amount_eur) == (1e9, "NOK", 100e6)
    assert records["NOM1#r2/delivery"].amount_eur == 50e6
    assert "NOM1#r3/commitment" not in records  # the activity value sits on its first row only
    undated = records["USH1#r7/allocation"]
    assert undated.date is None and undated.category.value == "humanitarian"  # "Humanitarian " stripped


def test_activities_workbook_gdp_base(activities_xlsx: Path) -> None:
    gdp = {m["actor"]: m["value"] for m in read_kiel(activities_xlsx).macro}
    assert gdp == {"NOR": pytest.approx(407.5e9), "USA": pytest.approx(19712.8e9)}


def test_activities_bad_rows_are_reported(tmp_path: Path) -> None:
    rows = list(ACTIVITIES) + [
        ("ZZM1", "Narnia", None, "Military", "x", "Allocation", "EUR", 1, 1, 1, 1, None, None, 5, 1),
        ("FRM1", "France", None, "Military", "x", "Pledge", "EUR", 1, 1, 1, 1, None, None, 5, 1),
        ("FRM2", "France", None, "Space", "x", "Allocation", "EUR", 1, 1, 1, 1, None, None, 5, 1),
        ("SEM1", "Sweden", None, "Military", "x", "Allocation", "EUR", 1, 5e6, 1, -5e6, None, None, 5, 1),
    ]
    release = read_kiel(write_activities_workbook(tmp_path / "k.xlsx", rows))
    found = {(b.row, b.column) for b in release.report}
    first_bad = len(ACTIVITIES) + 2
    assert found == {
        (first_bad, "donor"),
        (first_bad + 1, "measure"),
        (first_bad + 2, "aid_type_general"),
        (first_bad + 3, "tot_sub_activity_value_EUR_redistr"),
    }
    assert any(r.external_id == f"SEM1#r{first_bad + 3}/commitment" for r in release.records)


@pytest.mark.parametrize(
    ("folder", "layout"),
    [
        ("release07_xlsx/Ukraine_Support_Tracker.xlsx", "kiel-packages-xlsx"),
        ("release12_main_data_csv/src_ukraine_support.csv", "kiel-packages-csv"),
        ("release28_derived_ukrainastotte", "kiel-r28-derived"),
        ("release28_derived_ukrainastotte/bilateral_activities.csv", "kiel-r28-derived"),
        ("release29_website_csv", "kiel-website"),
        ("release29_website_csv/data_explorer.csv", "kiel-website"),
    ],
)
def test_detects_real_layouts(folder: str, layout: str) -> None:
    from kiel_shared import KIEL, need

    assert detect_layout(need(KIEL / folder)) == layout


def test_detects_fixture_layouts(activities_xlsx: Path, packages_xlsx: Callable[..., Path]) -> None:
    assert detect_layout(activities_xlsx) == "kiel-activities-xlsx"
    assert detect_layout(packages_xlsx()) == "kiel-packages-xlsx"


def test_utf16_and_utf8_csv_exports_are_detected(tmp_path: Path) -> None:
    header = "ID,Countries,Type of Aid General,Converted Value in EUR\nDEM1,Germany,Military,100\n"
    for encoding in ("utf-16", "utf-8"):
        path = tmp_path / f"export-{encoding}.csv"
        path.write_text(header, encoding=encoding)
        release = read_kiel(path, release="12")
        assert release.layout == "kiel-packages-csv"
        assert [(r.donor, r.amount_eur) for r in release.records] == [("DEU", 100.0)]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("notes.csv", "a,b,c\n1,2,3\n", 'first columns: "a", "b", "c"'),
        ("empty.csv", "", "first columns: none"),
        ("book.xlsx", None, 'Sheet "Bilateral assistance, MAIN DATA" not found'),
        ("fake.xlsx", b"PK\x03\x04 not really a zip", "expected a Kiel release workbook"),
    ],
)
def test_wrong_file_names_what_was_expected(
    tmp_path: Path, name: str, content: object, expected: str
) -> None:
    path = tmp_path / name
    if content is None:
        book = openpyxl.Workbook()
        book.active.title = "Data"
        book.save(path)
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(str(content), encoding="utf-8")
    with pytest.raises(ImportFormatError, match="expected|Kiel") as info:
        read_kiel(path)
    assert expected in str(info.value)


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="does not exist"):
        read_kiel(tmp_path / "nope.xlsx")
    with pytest.raises(ImportFormatError, match="release_info.csv"):
        read_kiel(tmp_path)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (dt.datetime(2022, 3, 1, 0, 0), dt.date(2022, 3, 1)),
        ("2022-03-01 00:00:00", dt.date(2022, 3, 1)),
        ("until 6/7/2022", dt.date(2022, 6, 7)),
        ("unclear, 10/2022", dt.date(2022, 10, 1)),
        ("not specified, 03/22", dt.date(2022, 3, 1)),
        ("unspecified", None),
        (".", None),
        ("Undisclosed", None),
    ],
)
def test_parse_kiel_date(raw: object, expected: dt.date | None) -> None:
    assert parse_kiel_date(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["2922-02-09", "until 06/31/2022", "soon"])
def test_parse_kiel_date_problems_are_explained(raw: str) -> None:
    day, problem = parse_kiel_date(raw)
    assert day is None and problem is not None and raw in problem and "kept without a date" in problem


@pytest.mark.parametrize(("raw", "expected"), [(".", None), ("1,500.5", 1500.5), (3, 3.0), ("", None)])
def test_parse_number(raw: object, expected: float | None) -> None:
    assert parse_number(raw) == expected


def test_parse_number_rejects_text() -> None:
    with pytest.raises(ValueError):
        parse_number("about 5m")


def test_kiel_month_index() -> None:
    assert (kiel_month(1), kiel_month(12), kiel_month(13)) == (
        dt.date(2022, 1, 1),
        dt.date(2022, 12, 1),
        dt.date(2023, 1, 1),
    )


def test_broken_packages_workbook_reports_every_bad_row(packages_xlsx: Callable[..., Path]) -> None:
    release = read_kiel(packages_xlsx(broken=True))
    assert release.release == "99"
    reasons = {(b.row, b.column): b.reason for b in release.report}
    assert "unknown donor" in reasons[(6, "countries")]
    assert "not Military, Financial or Humanitarian" in reasons[(7, "Type of Aid General")]
    assert "implausible" in reasons[(8, "Announcement Date")]
    assert "negative" in reasons[(9, "Converted Value in EUR")]
    assert "not a number" in reasons[(10, "Converted Value in EUR")]
    stored = {r.external_id for r in release.records}
    assert "FRM1#r8" in stored and "ITM1#r10" in stored  # kept, without date / value
    assert not {"XXM1#r6", "FRX1#r7", "DEH9#r9"} & stored


def test_packages_workbook_groups_items_and_deliveries(packages_xlsx: Callable[..., Path]) -> None:
    records = {r.external_id: r for r in read_kiel(packages_xlsx()).records}
    german = records["DEM1#r2"]
    assert [(i.name, i.quantity) for i in german.items] == [("Stinger", 500), ("Panzerfaust 3", 1000)]
    delivered = records["DEM1#r2/delivery"]
    assert delivered.amount_eur == 25e6 and [(i.name, i.quantity) for i in delivered.items] == [
        ("Stinger", 500)
    ]
    loan = records["GBF1#r4"]
    assert (loan.amount, loan.currency, loan.amount_eur, loan.date) == (
        500e6,
        "GBP",
        590e6,
        dt.date(2022, 6, 7),
    )
    food = records["USH1#r5"]
    assert food.amount_usd == 100e6 and food.source is not None and food.source.kind.value == "news"


def test_committed_small_fixture_matches_its_generator() -> None:
    committed = Path(__file__).resolve().parents[1] / "fixtures" / "kiel_small.xlsx"
    release = read_kiel(committed)
    assert release.layout == "kiel-activities-xlsx" and release.rows_read == len(ACTIVITIES)
    sums = by_donor(release.records)
    assert {k: sums.get(k, 0.0) for k in EXPECTED} == pytest.approx(EXPECTED)
