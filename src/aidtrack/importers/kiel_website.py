"""Kiel's website CSVs (the data behind the tracker's web widgets, Release 29 on).

A folder with ``release_info.csv``, ``data_explorer.csv`` and ``eu_aid_shares.csv``.
``data_explorer.csv`` has one row per donor and month, money in EUR billion:
allocations by type (``financial``, ``humanitarian``, ``military``) and total
``commitments`` (no breakdown by type). Each non-zero allocation becomes an
allocation record (donor x month x category) and each non-zero commitment a
commitment record with ``category=None``. ``gdp`` (Kiel's fixed GDP 2021, EUR bn)
becomes the macro indicator ``gdp_eur_kiel_2021`` and ``eu_aid_shares.csv`` the
``eu_share`` key (a member's share of EU-institution aid, 0..1).

The committed starter dataset uses the same monthly rows (:func:`records_from_monthly`),
so importing it and importing the folder give the same records.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path

from aidtrack.errors import ImportFormatError
from aidtrack.importers import sniff
from aidtrack.importers.release import (
    BadRow,
    Donors,
    KielRelease,
    MacroValue,
    build_record,
    dataset_source,
    eur_fields,
    parse_number,
)
from aidtrack.models import Source, Support

__all__ = [
    "EXPLORER_COLUMNS",
    "MonthlyRow",
    "WebsiteInfo",
    "monthly_rows",
    "read_explorer",
    "read_release_info",
    "read_website",
    "records_from_monthly",
    "website_macro",
]

BILLION = 1e9
EXPLORER_COLUMNS = ("country", "iso", "year", "month", "financial", "humanitarian", "military", "commitments")
_CATEGORIES = ("financial", "humanitarian", "military")


@dataclasses.dataclass(frozen=True)
class WebsiteInfo:
    release: str
    period: str
    published: dt.date | None
    label: str


@dataclasses.dataclass(frozen=True)
class MonthlyRow:
    """One aggregated figure: donor x month x category x measure, in EUR."""

    donor: str
    year: int
    month: int
    category: str | None
    measure: str
    value_eur: float
    row: int | None = None


def _read_csv(path: Path, *, required: Iterable[str]) -> list[dict[str, str]]:
    sniff.require_text(path, expected="Kiel's website CSVs (release_info.csv, data_explorer.csv)")
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(sniff.csv_rows_checked(csv.DictReader(fh), name=path.name))
    except (OSError, UnicodeDecodeError) as ex:
        raise ImportFormatError(
            f"Cannot read {path}: {sniff.excerpt(ex, limit=120)}. Give the folder of Kiel's "
            "website CSVs, saved as UTF-8."
        ) from ex
    if not rows:
        raise ImportFormatError(
            f"{path} has no data rows; expected Kiel's website CSV with a header and rows."
        )
    missing = [c for c in required if c not in rows[0]]
    if missing:
        raise ImportFormatError(
            f"{path.name} lacks the column(s) {', '.join(missing)}; expected Kiel's "
            f"website layout with {', '.join(required)}."
        )
    return rows


def read_release_info(folder: Path) -> WebsiteInfo:
    """Release number, period and label from ``release_info.csv``."""
    row = _read_csv(folder / "release_info.csv", required=("release", "period", "label"))[0]
    published = None
    try:
        published = dt.date.fromisoformat(row.get("date", "").strip())
    except ValueError:
        pass
    return WebsiteInfo(row["release"].strip(), row["period"].strip(), published, row["label"].strip())


def read_explorer(folder: Path) -> list[dict[str, str]]:
    """The rows of ``data_explorer.csv`` (checked for Kiel's columns)."""
    return _read_csv(folder / "data_explorer.csv", required=EXPLORER_COLUMNS)


def monthly_rows(table: list[dict[str, str]], *, report: list[BadRow]) -> list[MonthlyRow]:
    """The non-zero figures of ``data_explorer.csv`` as :class:`MonthlyRow` (donor = "label|iso")."""
    out: list[MonthlyRow] = []
    for number, row in enumerate(table, start=2):
        try:
            year, month = int(row["year"]), int(row["month"])
            dt.date(year, month, 1)
        except ValueError:
            report.append(
                BadRow(number, "year/month", f"{row['year']}-{row['month']}", "not a month; row not stored")
            )
            continue
        label = f"{row['country']}|{row['iso']}"
        for column in (*_CATEGORIES, "commitments"):
            value = _billions(row, column, row_no=number, report=report)
            if value:
                category = column if column in _CATEGORIES else None
                measure = "allocation" if category else "commitment"
                out.append(MonthlyRow(label, year, month, category, measure, value, number))
    return out


def _billions(row: Mapping[str, str], column: str, *, row_no: int, report: list[BadRow]) -> float | None:
    raw = row.get(column)
    try:
        value = parse_number(raw)
    except ValueError:
        report.append(BadRow(row_no, column, raw, "not a number; the figure is not stored"))
        return None
    if value is not None and value < 0:
        report.append(
            BadRow(
                row_no,
                column,
                raw,
                "negative figure; the ledger keeps amounts of 0 or more, so it is not stored",
            )
        )
        return None
    return round(value * BILLION) if value else None  # Kiel gives 6 decimals of a billion


def _donor(label: str, donors: Donors) -> str | None:
    name, _, iso = label.partition("|")
    return donors.code(name, fallback=iso or None)


def records_from_monthly(
    rows: Iterable[MonthlyRow], *, source: Source, report: list[BadRow], donors: Donors | None = None
) -> list[Support]:
    """Support records from monthly figures (shared by the website reader and the starter)."""
    donors = donors or Donors()
    records: list[Support] = []
    for item in rows:
        donor = _donor(item.donor, donors)
        if donor is None:
            report.append(
                BadRow(
                    item.row,
                    "country",
                    item.donor.split("|")[0],
                    "unknown donor; add it to the actor list, then import again. Not stored",
                )
            )
            continue
        date = dt.date(item.year, item.month, 1)
        fields = {
            "donor": donor,
            "category": item.category,
            "stage": item.measure,
            "amount": item.value_eur,
            "currency": "EUR",
            **eur_fields(item.value_eur, date),
            "date": date,
            "source": source,
            "origin": "kiel",
            "evidence": "Kiel monthly aggregate"
            + ("" if item.category else " (commitments by donor and month only; no breakdown by type)"),
            "external_id": f"{donor}:{item.year}-{item.month:02d}:{item.category or 'total'}:{item.measure}",
        }
        record = build_record(fields, row=item.row, report=report)
        if record is not None:
            records.append(record)
    return records


def website_macro(
    folder: Path, table: list[dict[str, str]], *, info: WebsiteInfo, source: Source, report: list[BadRow]
) -> list[MacroValue]:
    """``gdp_eur_kiel_2021`` per donor (from ``table``) and ``eu_share`` per EU member."""
    donors: Donors = Donors()
    rows: list[MacroValue] = []
    seen: set[str] = set()
    for number, row in enumerate(table if table and "gdp" in table[0] else [], start=2):
        code = donors.code(row["country"], fallback=row.get("iso"))
        gdp = _billions(row, "gdp", row_no=number, report=report) if code else None
        if code and gdp and code not in seen:
            seen.add(code)
            rows.append(
                MacroValue(
                    actor=code, indicator="gdp_eur_kiel_2021", year=2021, value=gdp, unit="EUR", source=source
                )
            )
    shares_path = folder / "eu_aid_shares.csv"
    if shares_path.exists():
        rows.extend(_eu_shares(shares_path, info=info, donors=donors, source=source, report=report))
    return rows


def _eu_shares(
    path: Path, *, info: WebsiteInfo, donors: Donors, source: Source, report: list[BadRow]
) -> list[MacroValue]:
    table = _read_csv(path, required=("country", "eu_share_bn"))
    values: dict[str, float] = {}
    for number, row in enumerate(table, start=2):
        code = donors.code(row["country"], fallback=row.get("iso"))
        try:
            value = parse_number(row["eu_share_bn"])
        except ValueError:
            value = None
        if code is None or value is None:
            report.append(BadRow(number, "eu_share_bn", row["eu_share_bn"], f"{path.name}: not stored"))
            continue
        values[code] = value
    total = sum(values.values())
    year = info.published.year if info.published else dt.date.today().year
    return (
        [
            MacroValue(
                actor=code, indicator="eu_share", year=year, value=value / total, unit="share", source=source
            )
            for code, value in values.items()
        ]
        if total
        else []
    )


def read_website(folder: Path, *, release: str | None = None) -> KielRelease:
    """Read a folder of Kiel's website CSVs (``release_info.csv`` and ``data_explorer.csv``)."""
    info = read_release_info(folder)
    report: list[BadRow] = []
    source = dataset_source(info.release, published=info.published, label=info.label)
    table = read_explorer(folder)
    records = records_from_monthly(monthly_rows(table, report=report), source=source, report=report)
    macro = website_macro(folder, table, info=info, source=source, report=report)
    return KielRelease(release or info.release, "kiel-website", records, macro, report, rows_read=len(table))
