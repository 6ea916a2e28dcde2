"""What a Kiel reader returns, and the small parsers every Kiel layout shares.

A reader turns one file into a :class:`KielRelease`: support records, macro rows
(Kiel's GDP base and EU shares) and an import report of :class:`BadRow` entries.
Readers never open the database; :mod:`aidtrack.services.imports` stores the result.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypedDict

from aidtrack import currency
from aidtrack.actors import resolve_actor
from aidtrack.errors import UnknownActorError, ValidationError
from aidtrack.models import BadRowDict, Category, MacroValue, Source, SourceKind, Support

__all__ = [
    "KIEL_CITATION",
    "KIEL_PAGE",
    "KIEL_PUBLISHER",
    "BadRow",
    "Donors",
    "KielRelease",
    "MacroValue",
    "build_record",
    "dataset_source",
    "donor_and_category",
    "eur_fields",
    "is_missing",
    "kiel_month",
    "parse_category",
    "parse_kiel_date",
    "parse_number",
    "RecordBase",
    "RowFields",
    "row_fields",
    "sha256_of",
    "text_or_none",
    "usd_from_eur",
]

KIEL_PUBLISHER = "Kiel Institute for the World Economy"
KIEL_PAGE = "https://www.kielinstitut.de/publications/ukraine-support-tracker-data-6453/"
KIEL_CITATION = "Kiel Institute for the World Economy, Ukraine Support Tracker, Release {release}"


@dataclasses.dataclass(frozen=True)
class BadRow:
    """One problem in a source file: where it is, the value and what was done."""

    row: int | None
    column: str | None
    value: str | None
    reason: str

    def as_dict(self) -> BadRowDict:
        """The problem as plain data (a row of an import's report)."""
        return BadRowDict(row=self.row, column=self.column, value=self.value, reason=self.reason)


@dataclasses.dataclass
class KielRelease:
    """Everything read from one Kiel file or folder."""

    release: str | None
    layout: str
    records: list[Support]
    macro: list[MacroValue]
    report: list[BadRow]
    rows_read: int = 0
    notes: list[str] = dataclasses.field(default_factory=list)


_MISSING_TEXT = {
    "",
    ".",
    "..",
    "nan",
    "none",
    "n/a",
    "na",
    "-",
    "undisclosed",
    "unknown",
    "unspecified",
    "not specified",
    "not given",
}


def is_missing(value: object) -> bool:
    """True for Kiel's ways of writing "no value": empty, ".", NaN."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip().lower() in _MISSING_TEXT


def text_or_none(value: object, *, limit: int | None = None) -> str | None:
    """A stripped string (cut to ``limit`` characters, ending in "..."), or None for a missing value."""
    if is_missing(value):
        return None
    text = str(value).strip()
    return text[: limit - 3] + "..." if limit and len(text) > limit else text


def parse_number(value: object) -> float | None:
    """A float from a cell; None if missing; ValueError if it is not a number.

    >>> parse_number("1,500.5"), parse_number("."), parse_number(3)
    (1500.5, None, 3.0)
    """
    if is_missing(value):
        return None
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    number = float(text)
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"not a finite number: {value!r}")
    return number


_CATEGORIES = {c.value: c for c in Category}


def parse_category(value: object) -> Category | None:
    """Kiel's "Type of Aid General" ("Military", "Humanitarian ") as a Category."""
    text = text_or_none(value)
    return _CATEGORIES.get(text.lower()) if text else None


EARLIEST = dt.date(2014, 1, 1)
LATEST = dt.date(2035, 12, 31)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})")
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_MONTH = re.compile(r"(?:^|\D)(\d{1,2})/(\d{2}|\d{4})\s*$")
_UNDATED = ("unspecified", "not specified", "unclear", "unknown")


def donor_and_category(
    donor: object,
    category: object,
    *,
    row: int,
    columns: tuple[str, str],
    donors: Donors,
    report: list[BadRow],
) -> tuple[str, Category] | None:
    """The donor code and aid category of a row, or None after reporting why the row is not stored.

    ``columns`` names the donor and category columns of the file, for the import report.
    """
    code = donors.code(donor)
    if code is None:
        report.append(
            BadRow(
                row,
                columns[0],
                str(donor),
                "unknown donor; add it to the actor list, then import again. Row not stored",
            )
        )
        return None
    parsed = parse_category(category)
    if parsed is None:
        report.append(
            BadRow(
                row,
                columns[1],
                str(category),
                "not Military, Financial or Humanitarian; the row is not stored",
            )
        )
        return None
    return code, parsed


class RowFields(TypedDict):
    """The fields every layout's row gives its support record (:func:`row_fields`)."""

    donor: str
    category: Category
    subtype: str | None
    origin: str


class RecordBase(RowFields):
    """:class:`RowFields` with the row's date and evidence: what every record of a row shares."""

    date: dt.date | None
    evidence: str | None


def row_fields(
    cells: Mapping[str, Any],
    *,
    keys: tuple[str, str, str],
    columns: tuple[str, str],
    row: int,
    donors: Donors,
    report: list[BadRow],
) -> RowFields | None:
    """The fields every layout's row gives its support record: donor, category, subtype and
    origin, or None after reporting why the row is not stored.

    ``keys`` names the donor, category and subtype cells; ``columns`` the file's donor and
    category columns, for the import report.
    """
    found = donor_and_category(
        cells.get(keys[0]), cells.get(keys[1]), row=row, columns=columns, donors=donors, report=report
    )
    if found is None:
        return None
    donor, category = found
    return RowFields(
        donor=donor, category=category, subtype=text_or_none(cells.get(keys[2]), limit=200), origin="kiel"
    )


def parse_kiel_date(value: object) -> tuple[dt.date | None, str | None]:
    """Kiel's announcement date as (date, problem); problem is None when all is well.

    Free text is read as Kiel means it: "until 6/7/2022" -> 2022-06-07 (the date of
    the source that reported it), "unclear, 10/2022" -> 2022-10-01.

    >>> parse_kiel_date("until 6/7/2022")
    (datetime.date(2022, 6, 7), None)
    """
    if is_missing(value):
        return None, None
    if isinstance(value, dt.datetime):
        return _plausible(value.date(), value)
    if isinstance(value, dt.date):
        return _plausible(value, value)
    text = str(value).strip()
    try:
        if m := _ISO.match(text):
            return _plausible(dt.date(int(m[1]), int(m[2]), int(m[3])), value)
        if m := _US.search(text):
            return _plausible(dt.date(int(m[3]), int(m[1]), int(m[2])), value)
        if m := _MONTH.search(text):
            year = int(m[2]) + (2000 if len(m[2]) == 2 else 0)
            return _plausible(dt.date(year, int(m[1]), 1), value)
    except ValueError:
        pass
    if text.lower().startswith(_UNDATED):
        return None, None
    return None, f'date "{text}" not understood; the record is kept without a date'


def _plausible(day: dt.date, raw: object) -> tuple[dt.date | None, str | None]:
    if EARLIEST <= day <= LATEST:
        return day, None
    return None, (
        f'date "{raw}" is implausible (before {EARLIEST} or after {LATEST}, '
        "probably a typo); the record is kept without a date"
    )


def kiel_month(index: int) -> dt.date:
    """The first day of Kiel's month index (1 = January 2022).

    >>> kiel_month(50)
    datetime.date(2026, 2, 1)
    """
    year, month = divmod(index - 1, 12)
    return dt.date(2022 + year, month + 1, 1)


class Donors:
    """Resolves Kiel donor labels to actor codes once per label, reporting unknown ones."""

    def __init__(self) -> None:
        self._codes: dict[str, str | None] = {}

    def code(self, label: object, *, fallback: object = None) -> str | None:
        text = text_or_none(label)
        if text is None:
            return None
        if text not in self._codes:
            self._codes[text] = self._resolve(text, fallback)
        return self._codes[text]

    @staticmethod
    def _resolve(text: str, fallback: object) -> str | None:
        for candidate in (text, text_or_none(fallback)):
            if candidate is None:
                continue
            try:
                return resolve_actor(candidate)
            except UnknownActorError:
                continue
        return None


def dataset_source(
    release: str | None, *, url: str | None = None, published: dt.date | None = None, label: str | None = None
) -> Source:
    """The Kiel release itself as a source (used when a row has no URL of its own)."""
    title = label or KIEL_CITATION.format(release=release or "unknown").split(", ", 1)[1]
    return Source(
        url=url or KIEL_PAGE,
        publisher=KIEL_PUBLISHER,
        title=title,
        published=published,
        kind=SourceKind.DATASET,
    )


def usd_from_eur(amount_eur: float | None, on: dt.date | None) -> tuple[float | None, str]:
    """USD value of a Kiel EUR figure at the ECB rate, and the fx note to record."""
    if amount_eur is None:
        return None, "no EUR value given by Kiel"
    usd = currency.to_usd(amount_eur, "EUR", on)
    return usd.value, f"amount_eur: Kiel's EUR value; amount_usd: {usd.note}"


class EurFields(TypedDict):
    """The money fields of a Kiel record: Kiel's EUR figure, its USD value and how it was converted."""

    amount_eur: float | None
    amount_usd: float | None
    fx_note: str


def eur_fields(amount_eur: float | None, on: dt.date | None) -> EurFields:
    """A record's ``amount_eur`` (Kiel's EUR figure), ``amount_usd`` (at the ECB rate of ``on``)
    and the ``fx_note`` that says so: the money fields every Kiel reader fills alike.

    >>> eur_fields(None, None)
    {'amount_eur': None, 'amount_usd': None, 'fx_note': 'no EUR value given by Kiel'}
    """
    usd, note = usd_from_eur(amount_eur, on)
    return EurFields(amount_eur=amount_eur, amount_usd=usd, fx_note=note)


def sha256_of(path: Path) -> str:
    """SHA-256 of a file, or of a folder's files (names and contents, sorted by name)."""
    if path.is_dir():
        digest = hashlib.sha256()
        for child in sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")):
            digest.update(child.name.encode() + b"\0" + sha256_of(child).encode())
        return digest.hexdigest()
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build_record(fields: Mapping[str, Any], *, row: int | None, report: list[BadRow]) -> Support | None:
    """A Support from ``fields``, or None plus a report entry when it does not validate."""
    try:
        return Support(**fields)
    except ValidationError as ex:
        value = fields.get("amount_eur", fields.get("amount"))
        report.append(
            BadRow(row, None, None if value is None else str(value), f"{ex}; the row is not stored")
        )
        return None
