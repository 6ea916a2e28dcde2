"""Kiel's older "package" layout (Releases 1 to about 20): Title Case columns.

One row per aid item; a package's totals ("Converted Value in EUR", "Total monetary
value delivered in EUR") sit on its first row only (``Total_value_dummy`` = 1), "."
means missing, dates are sometimes free text. Each package becomes one commitment
record (Kiel's EUR value, the amount and currency as given by the source, the items
of all its rows) and, where Kiel gives a delivered value, one delivery record.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from aidtrack.importers.release import (
    BadRow,
    Donors,
    KielRelease,
    RecordBase,
    build_record,
    dataset_source,
    eur_fields,
    is_missing,
    parse_kiel_date,
    parse_number,
    row_fields,
    text_or_none,
)
from aidtrack.models import Item, Source, SourceKind, Support

__all__ = ["COLUMNS", "REQUIRED", "records_from_package_rows"]

# our field -> the column names Kiel used for it (compared stripped, case-insensitive)
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("ID",),
    "donor": ("countries", "Countries", "Country", "donor"),
    "date": ("Announcement Date",),
    "general": ("Type of Aid General",),
    "specific": ("Type of Aid Specific",),
    "explanation": ("Explanation",),
    "currency": ("Original Currency",),
    "given": ("Monetary Value as Given by Source",),
    "item": ("Items", "Item"),
    "units": ("No. of Units",),
    "units_delivered": ("No. of Units delivered (in-kind military aid)",),
    "eur": ("Converted Value in EUR",),
    "delivered_eur": ("Total monetary value delivered in EUR",),
    "official": ("Official Source",),
    "source1": ("Source of Aid 1",),
    "delivery_source": ("Source for Delivery",),
    "first": ("Total_value_dummy (1 is first row in the package)",),
}
REQUIRED = ("donor", "general", "eur")


def column_index(header: Sequence[object]) -> dict[str, int]:
    """Positions of our fields in ``header``; the unnamed column after the value is "item"."""
    names = [str(h).strip().lower() if h is not None else "" for h in header]
    found: dict[str, int] = {}
    for field, options in COLUMNS.items():
        for option in options:
            if option.strip().lower() in names:
                found[field] = names.index(option.strip().lower())
                break
    given = found.get("given")
    if "item" not in found and given is not None and given + 1 < len(names) and not names[given + 1]:
        found["item"] = given + 1  # Release 7 leaves the item column unnamed
    return found


@dataclasses.dataclass
class _Package:
    first: int  # row number of the package's first row
    cells: dict[str, Any]
    items: list[Item] = dataclasses.field(default_factory=list)
    delivered: list[Item] = dataclasses.field(default_factory=list)


def _cells(row: Sequence[object], index: Mapping[str, int]) -> dict[str, Any]:
    return {field: (row[i] if i < len(row) else None) for field, i in index.items()}


def _number(cells: Mapping[str, Any], field: str, *, row: int, report: list[BadRow]) -> float | None:
    try:
        return parse_number(cells.get(field))
    except ValueError:
        report.append(
            BadRow(
                row, COLUMNS[field][0], str(cells.get(field)), "not a number; the value is treated as missing"
            )
        )
        return None


def _add_items(package: _Package, cells: Mapping[str, Any], *, row: int, report: list[BadRow]) -> None:
    name = text_or_none(cells.get("item"))
    if name is None:
        return
    units = _number(cells, "units", row=row, report=report)
    package.items.append(Item(name=name, quantity=units if units and units > 0 else None))
    delivered = _number(cells, "units_delivered", row=row, report=report)
    if delivered and delivered > 0:
        package.delivered.append(Item(name=name, quantity=delivered))


def _packages(
    rows: Iterable[tuple[int, Sequence[object]]], index: Mapping[str, int], report: list[BadRow]
) -> list[_Package]:
    packages: list[_Package] = []
    for number, row in rows:
        cells = _cells(row, index)
        if is_missing(cells.get("donor")):
            if any(not is_missing(v) for v in cells.values()):
                report.append(BadRow(number, "countries", None, "no donor; the row is not stored"))
            continue
        starts = "first" not in index or parse_number_safe(cells.get("first")) == 1
        has_value = not is_missing(cells.get("eur")) or not is_missing(cells.get("delivered_eur"))
        if starts or has_value or not packages:
            packages.append(_Package(number, cells))
        _add_items(packages[-1], cells, row=number, report=report)
    return packages


def parse_number_safe(value: object) -> float | None:
    try:
        return parse_number(value)
    except ValueError:
        return None


def _source(cells: Mapping[str, Any], field: str, fallback: Source) -> Source:
    url = text_or_none(cells.get(field))
    if url is None or not url.lower().startswith(("http://", "https://", "www.")):
        return fallback
    official = str(cells.get("official") or "").strip().lower() == "yes"
    return Source(url=url, kind=SourceKind.OFFICIAL if official else SourceKind.NEWS)


def _original(
    cells: Mapping[str, Any], eur: float | None, *, row: int, report: list[BadRow]
) -> tuple[float | None, str | None]:
    given = _number(cells, "given", row=row, report=report)
    currency = text_or_none(cells.get("currency"))
    if given is not None and currency is not None and len(currency) == 3 and currency.isalpha():
        return given, currency.upper()
    if given is not None and currency is not None:
        report.append(
            BadRow(
                row,
                "Original Currency",
                currency,
                "not an ISO 4217 code; the amount is kept in Kiel's EUR value only",
            )
        )
    return (eur, "EUR") if eur is not None else (None, None)


def _common(
    package: _Package, *, donors: Donors, release: str | None, fallback: Source, report: list[BadRow]
) -> RecordBase | None:
    cells, row = package.cells, package.first
    fields = row_fields(
        cells,
        keys=("donor", "general", "specific"),
        columns=("countries", "Type of Aid General"),
        row=row,
        donors=donors,
        report=report,
    )
    if fields is None:
        return None
    date, problem = parse_kiel_date(cells.get("date"))
    if problem:
        report.append(BadRow(row, "Announcement Date", str(cells.get("date")), problem))
    return RecordBase(**fields, date=date, evidence=text_or_none(cells.get("explanation")))


def _checked_eur(
    cells: Mapping[str, Any], field: str, *, row: int, report: list[BadRow]
) -> float | None | bool:
    value = _number(cells, field, row=row, report=report)
    if value is not None and value < 0:
        report.append(
            BadRow(
                row,
                COLUMNS[field][0],
                f"{value:.0f}",
                "negative value (Kiel's correction of an earlier figure); the ledger keeps "
                "amounts of 0 or more, so this row is not stored and Kiel's total is lower "
                "by this amount",
            )
        )
        return False
    return value


def _commitment(
    package: _Package, base: RecordBase, *, ident: str, fallback: Source, report: list[BadRow]
) -> Support | None:
    cells, row = package.cells, package.first
    eur = _checked_eur(cells, "eur", row=row, report=report)
    if eur is False:
        return None
    value = eur if isinstance(eur, float) else None
    amount, currency = _original(cells, value, row=row, report=report)
    money = eur_fields(value, base["date"])
    if currency == "USD":
        money.update(
            {
                "amount_usd": amount,
                "fx_note": "amount_eur: Kiel's EUR value; amount_usd: as given by the source",
            }
        )
    fields = {
        **base,
        "stage": "commitment",
        "amount": amount,
        "currency": currency,
        **money,
        "items": package.items,
        "source": _source(cells, "source1", fallback),
        "external_id": f"{ident}#r{row}",
    }
    return build_record(fields, row=row, report=report)


def _delivery(
    package: _Package, base: RecordBase, *, ident: str, fallback: Source, report: list[BadRow]
) -> Support | None:
    cells, row = package.cells, package.first
    eur = _checked_eur(cells, "delivered_eur", row=row, report=report)
    if not isinstance(eur, float):
        return None
    fields = {
        **base,
        "stage": "delivery",
        "amount": eur,
        "currency": "EUR",
        **eur_fields(eur, base["date"]),
        "items": package.delivered,
        "source": _source(cells, "delivery_source", _source(cells, "source1", fallback)),
        "external_id": f"{ident}#r{row}/delivery",
    }
    return build_record(fields, row=row, report=report)


def records_from_package_rows(
    rows: Iterable[tuple[int, Sequence[object]]],
    header: Sequence[object],
    *,
    release: str | None,
    layout: str,
) -> KielRelease:
    """Records from (row number, cells) pairs of a Title Case main-data sheet."""
    index = column_index(header)
    report: list[BadRow] = []
    rows = list(rows)
    donors, fallback = Donors(), dataset_source(release)
    records: list[Support] = []
    for package in _packages(rows, index, report):
        base = _common(package, donors=donors, release=release, fallback=fallback, report=report)
        if base is None:
            continue
        ident = text_or_none(package.cells.get("id"), limit=150) or "row"
        for make in (_commitment, _delivery):
            record = make(package, base, ident=ident, fallback=fallback, report=report)
            if record is not None:
                records.append(record)
    return KielRelease(release, layout, records, [], report, rows_read=len(rows))
