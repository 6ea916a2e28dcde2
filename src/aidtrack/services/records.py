"""Use case: import support records from a file (an aidtrack export or a team's own sheet).

The file is CSV, JSON (a list of objects), Parquet or an Excel workbook (first sheet),
with one record per row and the columns of :data:`COLUMNS` (the columns `aidtrack export
support` writes; only ``donor`` and ``stage`` are required). Every row is validated as
`aidtrack add support` validates a record: names become actor codes, amounts without a
EUR value are converted at the record's date. The import is all-or-nothing: when any row
is bad nothing is stored and the report lists every bad row. Importing the same file
twice changes nothing.

An export read back into an empty ledger gives the same records: each keeps its origin,
external id, status, whether it is current, its creation and update times and its source.

    summary = import_records(store, Path("ledger-export.csv"), by="me")
    summary.status, summary.stored
('imported', 2265)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import math
import re
import time
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from aidtrack import models
from aidtrack.db import Store
from aidtrack.db import backup as dump
from aidtrack.db.rows import KeptFields
from aidtrack.errors import ImportFormatError, UnknownActorError, ValidationError
from aidtrack.importers.release import BadRow, sha256_of
from aidtrack.services import ledger

__all__ = ["COLUMNS", "FORMATS", "ORIGIN", "RecordsSummary", "import_records", "read_rows"]

ORIGIN = "records"
FORMATS = (".csv", ".json", ".parquet", ".xlsx")
COLUMNS: dict[str, str] = {
    "donor": "who gives: a code or a name (DEU, Germany); required",
    "recipient": "who receives (default UKR)",
    "category": "military, humanitarian or financial; empty when not broken down",
    "subtype": "free text, e.g. weapons and equipment",
    "stage": "commitment, allocation or delivery; required",
    "amount": "the amount in its currency, e.g. 5000000",
    "currency": "ISO 4217 code of amount, e.g. EUR, USD",
    "amount_eur": "value in EUR; computed from amount at the date when empty",
    "amount_usd": "value in USD; computed like amount_eur",
    "fx_note": "how the amount was converted",
    "items": 'what is given: JSON such as [{"name": "155mm shells", "quantity": 1000}] or names '
    'separated by ";"',
    "channel": "direct (default) or indirect",
    "via": "the intermediary of an indirect channel (code or name)",
    "date": "YYYY-MM-DD",
    "evidence": "the sentence or passage that reports it",
    "origin": f'where the record comes from (default "{ORIGIN}"); kept as written',
    "external_id": "the record's id in its origin",
    "status": "confirmed (default), candidate or rejected",
    "current": "true (default) or false for a record of an older release",
    "created": "when the record was first stored (YYYY-MM-DD HH:MM:SS; default now)",
    "updated": "when it was last changed (default now)",
    "source_url": "the source: a URL ...",
    "source_publisher": "... its publisher ...",
    "source_title": "... its title ...",
    "source_published": "... its date ...",
    "source_kind": "... and kind: news (default), official or dataset",
}
#: Columns an export writes that only mean something in the ledger it came from.
IGNORED = ("id", "source_id", "import_id")
_KEPT = ("current", "created", "updated")
_TRUE = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
Progress = Callable[[str, int, int | None], None]
_REASON = 300


@dataclasses.dataclass(frozen=True)
class RecordsSummary:
    """What :func:`import_records` did: "imported", "unchanged" or "rejected" (nothing stored)."""

    path: Path
    status: str
    import_id: int | None
    rows_read: int
    stored: int
    report: list[BadRow]
    seconds: float

    @property
    def bad_rows(self) -> int:
        """How many rows have at least one problem."""
        return len({bad.row for bad in self.report})


def import_records(store: Store, path: Path, *, by: str, progress: Progress | None = None) -> RecordsSummary:
    """Validate every row of ``path`` and store them all as one import, or none of them."""
    started = time.perf_counter()
    sha256 = sha256_of(path) if path.is_file() else ""
    previous = store.find_import(origin=ORIGIN, sha256=sha256) if sha256 else None
    if previous is not None:
        return RecordsSummary(path, "unchanged", previous["id"], 0, 0, [], time.perf_counter() - started)
    rows = read_rows(path)
    records, report = _validate(rows, progress=progress)
    if report:
        return RecordsSummary(path, "rejected", None, len(rows), 0, report, time.perf_counter() - started)
    if progress:
        progress("store", 0, len(records))
    import_id, new = dump.import_records(
        store, origin=ORIGIN, sha256=sha256, path=str(path), by=by, rows_read=len(rows), records=records
    )
    if progress:
        progress("store", len(records), len(records))
    if not new:
        return RecordsSummary(path, "unchanged", import_id, len(rows), 0, [], time.perf_counter() - started)
    return RecordsSummary(
        path, "imported", import_id, len(rows), len(records), [], time.perf_counter() - started
    )


# -- reading ----------------------------------------------------------------------------------


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a CSV, JSON, Parquet or Excel file as dicts of plain values (empty cells: None)."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ImportFormatError(
            f'Cannot import "{path}": use a .csv, .json, .parquet or .xlsx file '
            "(e.g. one written by `aidtrack export support`)."
        )
    if not path.is_file():
        raise ImportFormatError(f'"{path}" does not exist; give the path of a file of support records.')
    try:
        raw = _read(path, suffix)
    except (ValueError, OSError, ImportError, KeyError, zipfile.BadZipFile) as ex:
        reason = _printable(str(ex))[:200].rstrip(". ")
        raise ImportFormatError(
            f'Cannot read "{path}" as {suffix[1:].upper()}: {reason}. '
            "Check the file's format and encoding (UTF-8)."
        ) from None
    _check_columns(path, raw)
    return [{k: _plain(v) for k, v in row.items()} for row in raw]


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def _read(path: Path, suffix: str) -> list[dict[str, Any]]:
    if suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise ValueError("expected a list of objects, one per record")
        return data
    if suffix == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    elif suffix == ".parquet":
        frame = pd.read_parquet(path)
    else:
        frame = pd.read_excel(path, dtype=object)
    frame = frame.astype(object).where(frame.notna(), None)
    return frame.to_dict(orient="records")  # type: ignore[return-value]


def _check_columns(path: Path, rows: list[dict[str, Any]]) -> None:
    seen = {str(k) for row in rows for k in row}
    unknown = sorted(seen - _known_columns())
    if unknown:
        raise ImportFormatError(
            f'"{path}" has unknown column(s) {", ".join(repr(c) for c in unknown)}; '
            f"the columns are: {', '.join(COLUMNS)}. Rename or remove them."
        )
    missing = [c for c in ("donor", "stage") if rows and c not in seen]
    if missing:
        raise ImportFormatError(
            f'"{path}" has no column {", ".join(missing)}; every record needs a donor and '
            "a stage (commitment, allocation or delivery)."
        )


def _known_columns() -> set[str]:
    """Documented columns, the model's fields and every column the ledger's support table has."""
    return set(COLUMNS) | set(IGNORED) | _model_fields() | set(dump.column_names("support"))


@functools.cache
def _model_fields() -> frozenset[str]:
    return frozenset(models.Support.model_fields) - {"id", "source"}


def _plain(value: Any) -> Any:
    """Python values from pandas/numpy cells; empty text and NaN become None."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item") and not isinstance(value, (str, bytes, list, dict)):
        try:
            return value.item()
        except (ValueError, AttributeError):
            return value
    return value


# -- validating -------------------------------------------------------------------------------


def _validate(
    rows: list[dict[str, Any]], *, progress: Progress | None
) -> tuple[list[tuple[models.Support, KeptFields]], list[BadRow]]:
    """Every row as a record, or the problems of the bad rows (row 1 is the first record)."""
    records: list[tuple[models.Support, KeptFields]] = []
    report: list[BadRow] = []
    for number, row in enumerate(rows, start=1):
        problems: list[_RowError] = []
        record = _record(row, problems)
        if problems or record is None:
            report.extend(BadRow(number, p.column, p.value, p.reason) for p in problems)
        else:
            records.append(record)
        if progress and number % 500 == 0:
            progress("check", number, len(rows))
    if progress:
        progress("check", len(rows), len(rows))
    return records, report


class _RowError(Exception):
    def __init__(self, column: str | None, value: Any, reason: str) -> None:
        super().__init__(reason)
        self.column, self.value = column, None if value is None else str(value)[:200]
        self.reason = reason if len(reason) <= _REASON else reason[: _REASON - 3] + "..."


def _record(row: Mapping[str, Any], problems: list[_RowError]) -> tuple[models.Support, KeptFields] | None:
    """One row as a validated support record plus its kept fields; problems go to ``problems``."""
    fields = _model_fields()
    data = {k: v for k, v in row.items() if k in fields}
    when = _field(row, "date", ledger.parse_date, problems)
    data["date"] = when
    for key in ("donor", "recipient", "via"):
        data[key] = _field(row, key, lambda v: ledger.resolve(str(v), on=when), problems)
    if data.get("via"):
        data.setdefault("channel", "indirect")
    data["items"] = _field(row, "items", _items, problems)
    source = _field(row, "source_url", lambda _: _source(row), problems) if _has_source(row) else None
    kept = _kept(row, problems)
    data.setdefault("origin", ORIGIN)
    data = {k: v for k, v in data.items() if v is not None}
    data.setdefault("category", None)  # empty: not broken down by category
    if problems:
        return None
    try:
        record = models.Support(**data, source=source)
        if record.amount is not None and record.amount_eur is None:
            record = ledger.with_currency_values(record)
    except ValidationError as ex:
        column = _column_of(str(ex))
        problems.append(_RowError(column, row.get(column) if column else None, str(ex)))
        return None
    return record, kept


def _field(
    row: Mapping[str, Any], column: str, parse: Callable[[Any], Any], problems: list[_RowError]
) -> Any:
    """``parse`` of the row's value in ``column`` (None when empty or bad; a bad value is noted)."""
    value = row.get(column)
    if value is None:
        return None
    try:
        return parse(value)
    except (UnknownActorError, ValidationError, ValueError) as ex:
        problems.append(_RowError(column, value, str(ex)))
        return None


def _column_of(message: str) -> str | None:
    """The column a model error names: "Invalid Support: stage: ...", 'Unknown stage "x"', 'via "x" is ...'."""
    text = message.removeprefix("Invalid Support: ")
    for pattern in (r"^(\w+)(?:\.\w+)*:", r"^Unknown (\w+) \"", r"^(\w+) \""):
        found = re.match(pattern, text)
        if found and found.group(1) in COLUMNS:
            return found.group(1)
        if found and found.group(1) == "source":
            return "source_url"
    return None


def _items(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, list):
        return value
    text = str(value).strip()
    if text.startswith("["):
        parsed = json.loads(text)
        if not isinstance(parsed, list):
            raise ValueError(f"items {text[:80]!r} is not a list")
        return [p if isinstance(p, dict) else {"name": str(p)} for p in parsed]
    return [{"name": part.strip()} for part in text.split(";") if part.strip()]


def _has_source(row: Mapping[str, Any]) -> bool:
    return any(k.startswith("source_") and k != "source_id" and v is not None for k, v in row.items())


def _source(row: Mapping[str, Any]) -> models.Source:
    fields = {
        k.removeprefix("source_"): v
        for k, v in row.items()
        if k.startswith("source_") and k != "source_id" and v is not None
    }
    return models.Source(**fields)


def _kept(row: Mapping[str, Any], problems: list[_RowError]) -> KeptFields:
    """The row's ``current``, ``created`` and ``updated`` (those it gives), parsed."""
    kept = KeptFields()
    if row.get("current") is not None:
        kept["current"] = _field(row, "current", _boolean, problems)
    if row.get("created") is not None:
        kept["created"] = _field(row, "created", _timestamp, problems)
    if row.get("updated") is not None:
        kept["updated"] = _field(row, "updated", _timestamp, problems)
    return kept


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text not in _TRUE:
        raise ValueError(f'"{value}" is not true or false')
    return _TRUE[text]


def _timestamp(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    try:
        return dt.datetime.fromisoformat(str(value).strip()).replace(tzinfo=None)
    except ValueError:
        raise ValueError(f'"{value}" is not a time; write it as YYYY-MM-DD HH:MM:SS') from None
