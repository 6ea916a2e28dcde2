"""World Bank GDP and population: long CSVs and wdi.json, aggregates left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from kiel_shared import MACRO, need

from aidtrack.db import Store
from aidtrack.errors import ImportFormatError
from aidtrack.importers.macro import is_country, read_macro
from aidtrack.services import imports


def test_gdp_csv_keeps_countries_only() -> None:
    read = read_macro(need(MACRO / "gdp.csv"))
    values = {(r["actor"], r["year"]): r for r in read.rows}
    assert ("DEU", 2021) in values and values[("DEU", 2021)]["indicator"] == "gdp_usd"
    assert values[("DEU", 2021)]["unit"] == "USD" and values[("UKR", 2023)]["value"] > 1e11
    assert not {code for code, _ in values} & {"WLD", "EUU", "EMU", "OED", "HIC"}
    assert read.aggregates > 1000


def test_population_csv_by_file_name() -> None:
    read = read_macro(need(MACRO / "population.csv"))
    assert {r["indicator"] for r in read.rows} == {"population"}
    assert any(r["actor"] == "NOR" and r["year"] == 2024 for r in read.rows)


def test_wdi_json_gives_2024_gdp_and_population() -> None:
    read = read_macro(need(MACRO / "wdi.json"))
    by_key = {(r["actor"], r["indicator"]): r for r in read.rows}
    assert by_key[("AUS", "gdp_usd")]["year"] == 2024
    assert by_key[("AUS", "population")]["value"] == 27196812
    assert len({r["actor"] for r in read.rows}) == 40


def test_indicator_from_option_or_error(tmp_path: Path) -> None:
    path = tmp_path / "wb.csv"
    path.write_text(
        "Country Name,Country Code,Year,Value\nWorld,WLD,2021,1\nNorway,NOR,2021,5\n", encoding="utf-8"
    )
    with pytest.raises(ImportFormatError, match="--indicator"):
        read_macro(path)
    read = read_macro(path, indicator="gdp")
    assert [(r["actor"], r["value"]) for r in read.rows] == [("NOR", 5.0)] and read.aggregates == 1


def test_wrong_columns_are_named(tmp_path: Path) -> None:
    path = tmp_path / "gdp.csv"
    path.write_text("country,value\nNorway,5\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="Country Name,Country Code,Year,Value".replace(",", ", ")):
        read_macro(path)


@pytest.mark.parametrize(("code", "expected"), [("DEU", True), ("XKX", True), ("WLD", False), ("EUU", False)])
def test_is_country(code: str, expected: bool) -> None:
    assert is_country(code) is expected


def test_import_macro_upserts(store: Store) -> None:
    path = need(MACRO / "wdi.json")
    first = imports.import_macro(store, path, by="tester")
    again = imports.import_macro(store, path, by="tester")
    assert first.changed == first.rows == 80 and again.changed == 0
    assert first.indicators == ["gdp_usd", "population"]
