"""Reading the Parquet event store: heavy queries with DuckDB, documents for the ledger.

The store is ``OUT/events/month=YYYY-MM/*.parquet`` (see :mod:`aidtrack.bulk.worker`).
DuckDB scans it in parallel without loading it into memory and prunes months by the
folder names, so counting millions of events takes seconds. This module is the
Parquet-side counterpart of :mod:`aidtrack.db`: its SQL runs on files, not on the ledger.

    events_by_month(Path("out"))
     month     type  events
0  2024-05  support     812
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import pandas as pd
import pyarrow.parquet as pq

from aidtrack.bulk.worker import EVENTS_DIR, SCHEMA, EventStoreRow
from aidtrack.errors import ValidationError

GROUPABLE = ("type", "donor", "recipient", "actor", "target", "category", "stage", "month")
_ORDER = ["article_id", "start", "type", "donor", "actor", "target", "recipient", "category"]


def _files(out: Path) -> list[str]:
    return sorted(str(p) for p in (Path(out) / EVENTS_DIR).glob("month=*/*.parquet"))


def _query(out: Path, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
    """Run ``sql`` with the event store as the view ``events`` (empty store: empty view)."""
    import duckdb

    con = duckdb.connect()
    try:
        files = _files(out)
        if files:
            con.read_parquet(files, hive_partitioning=True, union_by_name=True).create_view("events")
        else:
            con.register("empty_events", SCHEMA.empty_table())
            con.execute("CREATE VIEW events AS SELECT *, CAST(NULL AS VARCHAR) AS month FROM empty_events")
        return con.execute(sql, list(params)).df()
    finally:
        con.close()


def read_events(out: Path) -> pd.DataFrame:
    """Every event of the store, in a stable order (for comparisons and small stores)."""
    columns = ", ".join(f'"{c}"' for c in SCHEMA.names)
    order = ", ".join(f'"{c}" NULLS FIRST' for c in _ORDER + ["evidence"])
    return _query(out, f"SELECT {columns} FROM events ORDER BY {order}")


def count_events(out: Path, *, by: Sequence[str] = ("type",)) -> pd.DataFrame:
    """Event counts grouped by ``by`` (columns of :data:`GROUPABLE`), largest first."""
    unknown = [c for c in by if c not in GROUPABLE]
    if unknown or not by:
        raise ValidationError(
            f'Cannot group events by "{", ".join(unknown) or "(nothing)"}"; '
            f"use one or more of: {', '.join(GROUPABLE)}."
        )
    cols = ", ".join(f'"{c}"' for c in by)
    return _query(
        out,
        f"SELECT {cols}, count(*) AS events, count(DISTINCT article_id) AS articles "
        f"FROM events GROUP BY {cols} ORDER BY events DESC, {cols}",
    )


def events_by_month(out: Path, *, type: str | None = None) -> pd.DataFrame:
    """Events per month and type (optionally one ``type``), oldest month first."""
    where, params = ("WHERE type = ?", [type]) if type else ("", [])
    return _query(
        out,
        f"SELECT month, type, count(*) AS events FROM events {where} "
        "GROUP BY month, type ORDER BY month, type",
        params,
    )


def partition_rows(out: Path, files: Sequence[str]) -> list[EventStoreRow]:
    """The event rows of one partition (its files as listed in the manifest)."""
    rows: list[EventStoreRow] = []
    for name in files:
        rows.extend(cast(list[EventStoreRow], pq.read_table(Path(out) / name, schema=SCHEMA).to_pylist()))
    return rows


def documents(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows grouped back into one document per article (shaped as in eval/SCHEMA.md)."""
    docs: dict[str, dict[str, Any]] = {}
    for row in rows:
        doc = docs.setdefault(
            row["article_id"],
            {
                "id": row["article_id"],
                "url": row["url"],
                "title": row["title"],
                "published": _iso(row["published"]),
                "events": [],
            },
        )
        doc["events"].append(_event(row))
    return list(docs.values())


def _event(row: Mapping[str, Any]) -> dict[str, Any]:
    skip = {"article_id", "url", "title", "published", "partition", "extra", "event_date"}
    event = {k: v for k, v in row.items() if k not in skip and v is not None}
    if row.get("event_date"):
        event["date"] = row["event_date"]
    if isinstance(event.get("items"), str) and event["items"].startswith("["):
        event["items"] = json.loads(event["items"])
    if row.get("extra"):
        event.update(json.loads(row["extra"]))
    return event


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
