"""Read any Kiel Ukraine Support Tracker file: detect its layout, return a :class:`KielRelease`.

Supported inputs (see ``docs/sources.md``):

* a release workbook (``.xlsx``) in the older Title Case layout (e.g. Release 7) or
  the newer snake_case layout (``measure``, ``tot_activity_value_EUR``, Release 21+),
  with Kiel's GDP base ("Country Summary") and EU shares ("EU aid shares") when present;
* the CSV export of the main sheet (UTF-16 or UTF-8), in either layout;
* the Release 28 table derived by ``marhip97/ukrainastotte`` (``bilateral_activities.csv``);
* a folder of Kiel's website CSVs (``release_info.csv``, ``data_explorer.csv``).

    release = read_kiel("Ukraine_Support_Tracker.xlsx")
    release.release, len(release.records)
('7', 465)
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import openpyxl

from aidtrack.errors import ImportFormatError
from aidtrack.importers import kiel_activities, kiel_packages, kiel_website, sniff
from aidtrack.importers.release import (
    BadRow,
    Donors,
    KielRelease,
    MacroValue,
    dataset_source,
    parse_number,
    text_or_none,
)
from aidtrack.models import Source

__all__ = ["LAYOUTS", "MAIN_SHEET", "detect_layout", "read_kiel"]

MAIN_SHEET = "Bilateral assistance, MAIN DATA"
LAYOUTS = (
    "kiel-packages-xlsx",
    "kiel-packages-csv",
    "kiel-activities-xlsx",
    "kiel-activities-csv",
    "kiel-r28-derived",
    "kiel-website",
)
_EXPECTED = (
    'a Kiel release workbook (.xlsx with sheet "Bilateral assistance, MAIN DATA"), the CSV '
    "export of that sheet, Release 28's bilateral_activities.csv, or a folder of Kiel's website "
    "CSVs (release_info.csv, data_explorer.csv)"
)
_PACKAGE_MARKER = "converted value in eur"
_DERIVED_MARKERS = ("giver", "maal", "verdi_eur_activity")


def _layout_of_header(header: Sequence[object]) -> str | None:
    names = {str(h).strip().lower() for h in header if h is not None}
    if all(m.lower() in names for m in kiel_activities.MARKERS):
        return "activities"
    if _PACKAGE_MARKER in names:
        return "packages"
    if all(m in names for m in _DERIVED_MARKERS):
        return "r28-derived"
    return None


def detect_layout(path: str | Path) -> str:
    """The layout of ``path`` (one of :data:`LAYOUTS`); ImportFormatError if none fits."""
    path = Path(path)
    if path.is_dir():
        if (path / "release_info.csv").exists():
            return "kiel-website"
        if (path / "bilateral_activities.csv").exists():
            return "kiel-r28-derived"
        raise ImportFormatError(
            f'Folder "{path}" has neither release_info.csv nor bilateral_activities.csv; '
            f"expected {_EXPECTED}."
        )
    if not path.exists():
        raise ImportFormatError(f'File "{path}" does not exist. Check the path, or give a URL.')
    if path.name == "data_explorer.csv" and (path.parent / "release_info.csv").exists():
        return "kiel-website"
    kind = sniff.kind_of(path)
    if kind == "zip":
        return _xlsx_layout(path)
    if kind != "text":
        raise ImportFormatError(
            f"{path.name} is {sniff.describe(kind)}, not a Kiel file; expected {_EXPECTED}."
        )
    return _csv_layout(path)


def _xlsx_layout(path: Path) -> str:
    book = _open_book(path)
    try:
        return _book_layout(book, path)
    finally:
        book.close()


def _book_layout(book: Any, path: Path) -> str:
    sheet = _main_sheet(book, path)
    header, _ = _header(sheet, path)
    layout = _layout_of_header(header)
    if layout not in ("packages", "activities"):
        raise ImportFormatError(
            f'Sheet "{sheet.title}" of {path.name} has neither "Converted Value in EUR" nor '
            f"measure/tot_activity_value_EUR columns; expected {_EXPECTED}."
        )
    return f"kiel-{layout}-xlsx"


def _csv_layout(path: Path) -> str:
    lines = csv.reader(io.StringIO(_read_text(path, limit=65536)))
    header = next(sniff.csv_rows_checked(lines, name=path.name), [])
    layout = _layout_of_header(header)
    if layout is None:
        raise ImportFormatError(
            f"{path.name} is not a Kiel file I know (first columns: "
            f"{sniff.header_excerpt(header)}); expected {_EXPECTED}."
        )
    return "kiel-r28-derived" if layout == "r28-derived" else f"kiel-{layout}-csv"


def _read_text(path: Path, *, limit: int | None = None) -> str:
    try:
        with path.open("rb") as fh:
            raw = fh.read(limit) if limit else fh.read()
    except OSError as ex:
        raise ImportFormatError(f"Cannot read {path}: {ex.strerror}.") from ex
    return sniff.decode(raw, name=path.name, sample=bool(limit))


def _open_book(path: Path) -> Any:
    """The workbook (read-only); opened from a file object so a workbook named .csv is read too."""
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return openpyxl.load_workbook(io.BytesIO(path.read_bytes()), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, InvalidFileException) as ex:
        raise ImportFormatError(
            f"{path.name} is not a readable Excel workbook ({sniff.excerpt(ex, limit=120)}): "
            f"it may be damaged or cut short, so download it again; expected {_EXPECTED}."
        ) from ex


def _main_sheet(book: Any, path: Path) -> Any:
    for name in book.sheetnames:
        if name.strip().lower() == MAIN_SHEET.lower():
            return book[name]
    shown = ", ".join(f'"{n}"' for n in book.sheetnames[:8])
    raise ImportFormatError(
        f'Sheet "{MAIN_SHEET}" not found in {path.name} (sheets: {shown}); expected {_EXPECTED}.'
    )


def _header(sheet: Any, path: Path) -> tuple[tuple[object, ...], int]:
    for number, row in enumerate(sheet.iter_rows(max_row=10, values_only=True), start=1):
        if _layout_of_header(row):
            return tuple(row), number
    raise ImportFormatError(
        f'No header row with Kiel\'s columns in the first 10 rows of sheet "{sheet.title}" '
        f"of {path.name}; expected {_EXPECTED}."
    )


def _release_from_name(path: Path) -> str | None:
    match = re.search(r"release[_ \-]?(\d+)", path.name, re.IGNORECASE)
    return match.group(1) if match else None


def _release_from_readme(book: Any) -> str | None:
    if "ReadMe" not in book.sheetnames:
        return None
    for row in book["ReadMe"].iter_rows(max_row=40, values_only=True):
        for cell in row:
            match = re.search(r"(\d+)(?:st|nd|rd|th) release|release\s+(\d+)", str(cell or ""), re.IGNORECASE)
            if match:
                return match.group(1) or match.group(2)
    return None


def _sheet_rows(sheet: Any, start: int) -> Iterator[tuple[int, Sequence[object]]]:
    yield from enumerate(sheet.iter_rows(min_row=start, values_only=True), start=start)


def _read_workbook(path: Path, *, release: str | None) -> KielRelease:
    book = _open_book(path)
    try:
        layout = _book_layout(book, path)
        release = release or _release_from_name(path) or _release_from_readme(book)
        sheet = _main_sheet(book, path)
        header, at = _header(sheet, path)
        reader = (
            kiel_packages.records_from_package_rows
            if layout == "kiel-packages-xlsx"
            else kiel_activities.records_from_activity_rows
        )
        result = reader(_sheet_rows(sheet, at + 1), header, release=release, layout=layout)
        source = dataset_source(release)
        result.macro = _summary_gdp(book, source, result.report) + _eu_shares(book, source, result)
    finally:
        book.close()
    return result


def _find_header(rows: list[tuple[object, ...]], first: str) -> int | None:
    for i, row in enumerate(rows[:15]):
        if any(str(c).strip().lower() == first for c in row if c is not None):
            return i
    return None


def _column(header: Sequence[object], test: Any) -> int | None:
    for i, cell in enumerate(header):
        if cell is not None and test(str(cell).strip().lower()):
            return i
    return None


def _country_table(
    book: Any, sheet: str | None, *, max_row: int, value: Callable[[str], bool]
) -> tuple[list[tuple[object, ...]], int, int] | None:
    """The rows under the "country" header of ``sheet``, its country column and the first
    column whose lower-cased header passes ``value``; None when the sheet or a column is missing."""
    if sheet is None:
        return None
    rows = [tuple(r) for r in book[sheet].iter_rows(max_row=max_row, values_only=True)]
    at = _find_header(rows, "country")
    if at is None:
        return None
    column = _column(rows[at], value)
    country = _column(rows[at], lambda h: h == "country")
    if column is None or country is None:
        return None
    return rows[at + 1 :], country, column


def _summary_gdp(book: Any, source: Source, report: list[BadRow]) -> list[MacroValue]:
    """Kiel's fixed GDP (2021) in EUR from the "Country Summary" sheet, as macro rows."""
    name = next((n for n in book.sheetnames if n.strip().lower().startswith("country summary")), None)
    table = _country_table(book, name, max_row=120, value=lambda h: "gdp" in h and ("eur" in h or "€" in h))
    if name is None or table is None:
        return []
    return _macro_rows(
        *table,
        indicator="gdp_eur_kiel_2021",
        year=2021,
        unit="EUR",
        scale_billions=True,
        source=source,
        report=report,
        sheet=name,
    )


def _eu_shares(book: Any, source: Source, result: KielRelease) -> list[MacroValue]:
    """The "Country Share on total EU Budget" key of the "EU aid shares" sheet, as macro rows."""
    name = next((n for n in book.sheetnames if n.strip().lower() == "eu aid shares"), None)
    table = _country_table(book, name, max_row=80, value=lambda h: "share on total eu budget" in h)
    if name is None or table is None:
        return []
    dates = [r.date for r in result.records if r.date]
    year = max(dates).year if dates else 0
    return _macro_rows(
        *table,
        indicator="eu_share",
        year=year,
        unit="share",
        scale_billions=False,
        source=source,
        report=result.report,
        sheet=name,
    )


def _macro_rows(
    rows: Sequence[Sequence[object]],
    country: int,
    column: int,
    *,
    indicator: str,
    year: int,
    unit: str,
    scale_billions: bool,
    source: Source,
    report: list[BadRow],
    sheet: str,
) -> list[MacroValue]:
    donors, out = Donors(), []
    for row in rows:
        label = text_or_none(row[country] if country < len(row) else None)
        try:
            value = parse_number(row[column] if column < len(row) else None)
        except ValueError:
            value = None
        if label is None or value is None or value <= 0 or "total" in label.lower():
            continue
        code = donors.code(label)
        if code is None:
            report.append(
                BadRow(None, f"{sheet}: Country", label, f"unknown country; its {indicator} is not stored")
            )
            continue
        if scale_billions and value < 1e6:
            value *= 1e9
        out.append(
            MacroValue(actor=code, indicator=indicator, year=year, value=value, unit=unit, source=source)
        )
    return out


def _csv_rows(path: Path) -> tuple[list[str], Iterator[tuple[int, Sequence[object]]]]:
    reader = sniff.csv_rows_checked(csv.reader(io.StringIO(_read_text(path))), name=path.name)
    header = next(reader, [])
    return header, ((number, row) for number, row in enumerate(reader, start=2))


def _read_csv_export(path: Path, *, release: str | None, layout: str) -> KielRelease:
    release = release or _release_from_name(path)
    header, rows = _csv_rows(path)
    reader = (
        kiel_packages.records_from_package_rows
        if layout == "kiel-packages-csv"
        else kiel_activities.records_from_activity_rows
    )
    return reader(rows, header, release=release, layout=layout)


def _read_r28_derived(path: Path, *, release: str | None) -> KielRelease:
    folder = path if path.is_dir() else path.parent
    table = path / "bilateral_activities.csv" if path.is_dir() else path
    release = release or _release_from_metadata(folder) or _release_from_name(table)
    header, rows = _csv_rows(table)
    result = kiel_activities.records_from_activity_rows(
        rows, header, release=release, layout="kiel-r28-derived"
    )
    relative = folder / "country_summary_relative.csv"
    if relative.exists():
        table_rows = list(
            sniff.csv_rows_checked(csv.reader(io.StringIO(_read_text(relative))), name=relative.name)
        )
        head = table_rows[0] if table_rows else []
        if "land" in head and "bnp_eur_mrd" in head:
            result.macro = _macro_rows(
                table_rows[1:],
                head.index("land"),
                head.index("bnp_eur_mrd"),
                indicator="gdp_eur_kiel_2021",
                year=2021,
                unit="EUR",
                scale_billions=True,
                source=dataset_source(release),
                report=result.report,
                sheet=relative.name,
            )
    return result


def _release_from_metadata(folder: Path) -> str | None:
    meta = folder / "metadata.json"
    if not meta.exists():
        return None
    try:
        name = str(json.loads(meta.read_text(encoding="utf-8")).get("kildefil", ""))
    except (ValueError, OSError):
        return None
    return _release_from_name(Path(name))


def read_kiel(path: str | Path, *, release: str | None = None) -> KielRelease:
    """Read a Kiel file or folder of any supported layout (detected from the content).

    ``release`` overrides the release number found in the file name, the workbook's
    ReadMe, ``metadata.json`` or ``release_info.csv``.
    """
    path = Path(path)
    if path.is_file() and sniff.kind_of(path) == "zip":
        return _read_workbook(path, release=release)  # opened once: detection and reading
    layout = detect_layout(path)
    if layout == "kiel-website":
        return kiel_website.read_website(path if path.is_dir() else path.parent, release=release)
    if layout == "kiel-r28-derived":
        return _read_r28_derived(path, release=release)
    return _read_csv_export(path, release=release, layout=layout)
