"""World Bank macro data (GDP in current US$, population) as macro rows.

Two layouts:

* the long CSV of the ``datasets/gdp`` and ``datasets/population`` packages
  (``Country Name,Country Code,Year,Value``); the indicator comes from the file
  name (``gdp``/``population``) or the ``indicator`` argument;
* ``wdi.json`` (World Bank API extract with ``land`` -> ``iso3``, ``bnp_usd``,
  ``bnp_aar``, ``folketall``, ``folketall_aar``).

Regional and income-group aggregates (``WLD``, ``EUU``, ``EMU``, ``OED``...) are left
out: only ISO 3166-1 countries are kept (Kosovo ``XKX`` too).

    rows = read_macro("../shared/data/macro/gdp.csv")
    rows[0]["indicator"], rows[0]["unit"]
('gdp_usd', 'USD')
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Iterable
from pathlib import Path

import pycountry

from aidtrack.errors import ImportFormatError
from aidtrack.importers import sniff
from aidtrack.importers.release import BadRow, MacroValue, parse_number
from aidtrack.models import Source, SourceKind

__all__ = ["INDICATORS", "MacroFile", "is_country", "read_macro"]

INDICATORS = {
    "gdp_usd": ("USD", "NY.GDP.MKTP.CD", "GDP (current US$)"),
    "population": ("persons", "SP.POP.TOTL", "Population, total"),
}
_ALIASES = {"gdp": "gdp_usd", "gdp_usd": "gdp_usd", "population": "population", "pop": "population"}
_WB_COLUMNS = ("Country Name", "Country Code", "Year", "Value")
_EXTRA_COUNTRIES = {"XKX"}  # Kosovo: a World Bank economy without an ISO 3166-1 code


@dataclasses.dataclass
class MacroFile:
    """Rows read from one macro file and the rows left out, with why."""

    rows: list[MacroValue]
    report: list[BadRow]
    aggregates: int = 0


def _value(actor: str, indicator: str, year: int, value: float, source: Source) -> MacroValue:
    """One value of a World Bank indicator, in the indicator's unit."""
    unit = INDICATORS[indicator][0]
    return MacroValue(actor=actor, indicator=indicator, year=year, value=value, unit=unit, source=source)


def is_country(code: str) -> bool:
    """True for an ISO 3166-1 alpha-3 country code, False for WLD, EUU and other aggregates."""
    return code in _EXTRA_COUNTRIES or pycountry.countries.get(alpha_3=code) is not None


def _source(indicator: str) -> Source:
    _, code, name = INDICATORS[indicator]
    return Source(
        url=f"https://data.worldbank.org/indicator/{code}",
        publisher="World Bank",
        title=f"World Development Indicators: {name} ({code})",
        kind=SourceKind.DATASET,
    )


def _indicator(path: Path, given: str | None) -> str:
    if given:
        key = _ALIASES.get(given.strip().lower())
        if key is None:
            raise ImportFormatError(f'Unknown indicator "{given}"; use gdp or population.')
        return key
    stem = path.stem.lower()
    for alias, key in _ALIASES.items():
        if alias in stem:
            return key
    raise ImportFormatError(
        f'Cannot tell from the name "{path.name}" whether it holds GDP or population; '
        "pass --indicator gdp or --indicator population."
    )


def _read_world_bank_csv(path: Path, indicator: str) -> MacroFile:
    expected = f"the World Bank long layout {', '.join(_WB_COLUMNS)}"
    sniff.require_text(path, expected=expected)
    try:
        raw = path.read_bytes()
    except OSError as ex:
        raise ImportFormatError(f'Cannot read "{path}": {ex.strerror}.') from ex
    reader = csv.DictReader(io.StringIO(sniff.decode(raw, name=path.name), newline=""))
    try:
        columns = reader.fieldnames or ()
    except csv.Error as ex:
        raise ImportFormatError(
            f"{path.name} cannot be read as CSV: {sniff.excerpt(ex)}; expected {expected}."
        ) from None
    if not set(_WB_COLUMNS) <= set(columns):
        raise ImportFormatError(
            f"{path.name} has columns {sniff.header_excerpt(columns)}; expected {expected}."
        )
    return _world_bank_rows(sniff.csv_rows_checked(reader, name=path.name, first_line=2), indicator)


def _world_bank_rows(reader: Iterable[dict[str, str]], indicator: str) -> MacroFile:
    result, source = MacroFile([], []), _source(indicator)
    for number, row in enumerate(reader, start=2):
        code = str(row.get("Country Code") or "").strip().upper()
        if not is_country(code):
            result.aggregates += 1
            continue
        try:
            year, value = int(row["Year"]), parse_number(row["Value"])
        except (ValueError, TypeError):
            shown = sniff.excerpt(f"{row.get('Year')}/{row.get('Value')}", limit=40)
            result.report.append(BadRow(number, "Year/Value", shown, "not a number; the row is not stored"))
            continue
        if value is not None:
            result.rows.append(_value(code, indicator, year, value, source))
    return result


def _read_wdi_json(path: Path) -> MacroFile:
    sniff.require_text(path, expected='wdi.json (a JSON object with "land")')
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        countries = data["land"]
        if not isinstance(countries, dict) or not all(isinstance(e, dict) for e in countries.values()):
            raise TypeError('"land" is not an object of country objects')
    except (ValueError, KeyError, TypeError, AttributeError) as ex:
        raise ImportFormatError(
            f'{path.name} is not the wdi.json layout (a "land" object of countries with '
            f"iso3, bnp_usd, folketall): {sniff.excerpt(ex, limit=120)}."
        ) from ex
    result = MacroFile([], [])
    fields = (("gdp_usd", "bnp_usd", "bnp_aar"), ("population", "folketall", "folketall_aar"))
    for name, entry in countries.items():
        code = str(entry.get("iso3", "")).upper()
        if not is_country(code):
            result.report.append(BadRow(None, "iso3", f"{name}: {code}", "not a country code; not stored"))
            continue
        for indicator, value_key, year_key in fields:
            if entry.get(value_key) is not None and entry.get(year_key) is not None:
                year, value = int(entry[year_key]), float(entry[value_key])
                result.rows.append(_value(code, indicator, year, value, _source(indicator)))
    return result


def read_macro(path: str | Path, *, indicator: str | None = None) -> MacroFile:
    """Macro rows from a World Bank long CSV or ``wdi.json`` (indicators gdp_usd, population)."""
    path = Path(path)
    if not path.is_file():
        raise ImportFormatError(f'File "{path}" does not exist. Check the path.')
    if path.suffix.lower() == ".json":
        return _read_wdi_json(path)
    return _read_world_bank_csv(path, _indicator(path, indicator))
