"""Plain JSON from ledger rows and analysis frames (dates as ISO text, NaN as null)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

try:
    import orjson
except ModuleNotFoundError:  # a core dependency; the standard library's encoder gives the same JSON
    orjson = None  # type: ignore[assignment]

_PLAIN = (str, int, bool)


def value(item: Any) -> Any:
    """One value as JSON: dates ISO, NaN/NaT null, numpy scalars plain."""
    if item is None or type(item) in _PLAIN:
        return item
    if isinstance(item, float):
        return item if math.isfinite(item) else None
    if isinstance(item, (dt.date, dt.datetime)):
        if item is pd.NaT or (isinstance(item, pd.Timestamp) and pd.isna(item)):
            return None
        return item.date().isoformat() if isinstance(item, pd.Timestamp) else item.isoformat()
    if isinstance(item, Mapping):
        return {str(k): value(v) for k, v in item.items()}
    if isinstance(item, (list, tuple)):
        return [value(v) for v in item]
    if item is pd.NaT:
        return None
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return value(dataclasses.asdict(item))
    if hasattr(item, "item"):  # numpy scalars
        return value(item.item())
    return item


def row(record: Mapping[str, Any]) -> dict[str, Any]:
    """A ledger row as JSON."""
    return {str(k): value(v) for k, v in record.items()}


def rows(records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [row(r) for r in records]


def json_bytes(content: Any) -> bytes:
    """``content`` (ledger rows, dicts, lists) as compact UTF-8 JSON, as :func:`value` writes each value:
    dates ISO, NaN and infinities null. Encoded by orjson in one call when it is installed."""
    if orjson is not None:
        return orjson.dumps(content, default=value, option=orjson.OPT_NON_STR_KEYS)
    return plain_json_bytes(content)


def plain_json_bytes(content: Any) -> bytes:
    """:func:`json_bytes` with the standard library (slower: every value goes through :func:`value`)."""
    return json.dumps(value(content), ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode(
        "utf-8"
    )


def frame(table: pd.DataFrame | None) -> list[dict[str, Any]]:
    """A DataFrame as a list of JSON rows."""
    if table is None:
        return []
    return [row(r) for r in table.to_dict(orient="records")]


def highlight(
    text: str | None, start: int | None, end: int | None, evidence: str | None
) -> tuple[str, str, str]:
    """``(before, evidence, after)`` of the source text, for a ``<mark>`` (templates escape each part).

    Uses the offsets when they fit the text, else finds the evidence in it; with no
    text the evidence alone is shown.
    """
    text = text or ""
    if text and start is not None and end is not None and 0 <= start < end <= len(text):
        return text[:start], text[start:end], text[end:]
    if text and evidence and evidence in text:
        at = text.index(evidence)
        return text[:at], evidence, text[at + len(evidence) :]
    return "", evidence or text, ""
