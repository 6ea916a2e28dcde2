"""Kiel's newer "activity" layout (Release 21 or so onwards): snake_case columns.

One row per sub-activity, with ``measure`` = Allocation or Commitment. Kiel's
aggregation rule (Trebesch et al.; verified on Release 28):

* allocation = sum of ``tot_sub_activity_value_EUR_redistr`` over rows with measure = Allocation;
* commitment = sum of ``tot_activity_value_EUR`` over all rows (the activity value sits
  on the first sub-row of each activity only);
* monthly series use ``month`` (1 = January 2022) where ``month_exists_dummy`` = 1.

So each Allocation row with a value becomes an allocation record, each row with an
activity value a commitment record, each row with ``tot_value_deliv_EUR`` a delivery
record. A record's date is the first day of Kiel's month (none when Kiel has no month).
The same reader takes the Release 28 table derived by marhip97/ukrainastotte, whose
columns are these under Norwegian names (:data:`NORWEGIAN`).
"""

from __future__ import annotations

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
    kiel_month,
    parse_kiel_date,
    parse_number,
    row_fields,
    text_or_none,
)
from aidtrack.models import Source, SourceKind, Support

__all__ = ["MARKERS", "NORWEGIAN", "records_from_activity_rows"]

# columns whose presence identifies the layout
MARKERS = ("measure", "tot_activity_value_EUR", "tot_sub_activity_value_EUR_redistr")
NORWEGIAN = {
    "giver": "donor",
    "dato": "announcement_date",
    "kategori": "aid_type_general",
    "maal": "measure",
    "verdi_eur": "tot_sub_activity_value_EUR",
    "verdi_eur_redistr": "tot_sub_activity_value_EUR_redistr",
    "verdi_eur_activity": "tot_activity_value_EUR",
    "maaned_nr": "month",
    "maaned_finnes": "month_exists_dummy",
}
_SOURCE_COLUMNS = ("source_of_aid_1", "source_1", "source_aid_1", "source_url", "source", "sources")
_ID_COLUMNS = ("activity_id", "id")
_TRUE = {"1", "1.0", "true", "yes"}


def _row_dict(header: Sequence[object], row: Sequence[object]) -> dict[str, Any]:
    names = [NORWEGIAN.get(str(h).strip(), str(h).strip()) if h is not None else "" for h in header]
    return {name: (row[i] if i < len(row) else None) for i, name in enumerate(names) if name}


def _first(cells: Mapping[str, Any], options: Iterable[str]) -> str | None:
    lower = {k.lower(): v for k, v in cells.items()}
    for option in options:
        value = text_or_none(lower.get(option))
        if value:
            return value
    return None


def _value(cells: Mapping[str, Any], column: str, *, row: int, report: list[BadRow]) -> float | None:
    try:
        value = parse_number(cells.get(column))
    except ValueError:
        report.append(BadRow(row, column, str(cells.get(column)), "not a number; treated as missing"))
        return None
    if value is not None and value < 0:
        report.append(
            BadRow(
                row,
                column,
                f"{value:.0f}",
                "negative value (Kiel's correction of an earlier figure); the ledger keeps "
                "amounts of 0 or more, so it is not stored and the sum is higher than "
                "Kiel's by this amount",
            )
        )
        return None
    return value or None  # zero adds nothing to any total


def _month_date(cells: Mapping[str, Any], *, row: int, report: list[BadRow]) -> Any:
    exists = str(cells.get("month_exists_dummy", "")).strip().lower() in _TRUE
    try:
        index = int(parse_number(cells.get("month")) or 0)
    except ValueError:
        report.append(
            BadRow(row, "month", str(cells.get("month")), "not a month number; kept without a date")
        )
        return None
    return kiel_month(index) if exists and index >= 1 else None


def _base(cells: Mapping[str, Any], *, row: int, donors: Donors, report: list[BadRow]) -> RecordBase | None:
    fields = row_fields(
        cells,
        keys=("donor", "aid_type_general", "aid_type_specific"),
        columns=("donor", "aid_type_general"),
        row=row,
        donors=donors,
        report=report,
    )
    if fields is None:
        return None
    announced, _ = parse_kiel_date(cells.get("announcement_date"))
    note = f"Announced {announced}. " if announced else ""
    evidence = note + (text_or_none(cells.get("explanation")) or "")
    return RecordBase(**fields, date=_month_date(cells, row=row, report=report), evidence=evidence or None)


def _source(cells: Mapping[str, Any], fallback: Source) -> Source:
    url = _first(cells, _SOURCE_COLUMNS)
    if url and url.lower().startswith(("http://", "https://")):
        return Source(url=url, kind=SourceKind.NEWS)
    return fallback


def _original(cells: Mapping[str, Any], eur: float) -> tuple[float, str]:
    try:
        given = parse_number(cells.get("source_reported_value"))
    except ValueError:
        given = None
    currency = text_or_none(cells.get("reporting_currency"))
    if given is not None and given >= 0 and currency and len(currency) == 3 and currency.isalpha():
        return given, currency.upper()
    return eur, "EUR"


def _records(
    cells: Mapping[str, Any],
    base: RecordBase,
    *,
    row: int,
    ident: str,
    source: Source,
    report: list[BadRow],
) -> Iterable[Support | None]:
    measure = str(cells.get("measure") or "").strip().lower()
    plan = [("commitment", "tot_activity_value_EUR", ""), ("delivery", "tot_value_deliv_EUR", "/delivery")]
    if measure == "allocation":
        plan.insert(0, ("allocation", "tot_sub_activity_value_EUR_redistr", "/allocation"))
    for stage, column, suffix in plan:
        eur = _value(cells, column, row=row, report=report) if column in cells else None
        if eur is None:
            continue
        amount, currency = _original(cells, eur) if stage == "commitment" else (eur, "EUR")
        fields = {
            **base,
            "stage": stage,
            "amount": amount,
            "currency": currency,
            **eur_fields(eur, base["date"]),
            "source": source,
            "external_id": f"{ident}#r{row}{suffix or '/commitment'}",
        }
        yield build_record(fields, row=row, report=report)


def records_from_activity_rows(
    rows: Iterable[tuple[int, Sequence[object]]],
    header: Sequence[object],
    *,
    release: str | None,
    layout: str,
) -> KielRelease:
    """Records from (row number, cells) pairs of a snake_case main-data sheet or the R28 table."""
    report: list[BadRow] = []
    donors, fallback = Donors(), dataset_source(release)
    records: list[Support] = []
    count = 0
    for row, values in rows:
        count += 1
        cells = _row_dict(header, values)
        if text_or_none(cells.get("donor")) is None:
            continue
        measure = str(cells.get("measure") or "").strip().lower()
        if measure not in ("allocation", "commitment"):
            report.append(
                BadRow(
                    row,
                    "measure",
                    str(cells.get("measure")),
                    "not Allocation or Commitment; the row is not stored",
                )
            )
            continue
        base = _base(cells, row=row, donors=donors, report=report)
        if base is None:
            continue
        ident = (_first(cells, _ID_COLUMNS) or "row")[:150]
        records.extend(
            r
            for r in _records(
                cells, base, row=row, ident=ident, source=_source(cells, fallback), report=report
            )
            if r is not None
        )
    return KielRelease(release, layout, records, [], report, rows_read=count)
