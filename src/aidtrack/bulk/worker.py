"""What one worker does with one partition: read, filter, extract, write Parquet.

Runs in-process or inside a Dask worker process; the spaCy model and the relevance
classifier load once per process (both are cached), never per partition. The worker
returns the event rows (a few per relevant article) to the driver, which writes one
Parquet file per month under ``events/month=YYYY-MM/`` named after the partition key:
written to a temporary name and renamed, so a crash leaves either no file or a whole
one, and a rerun overwrites it with the same content. Workers need to read the corpus,
not to write anywhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import resource
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NotRequired, TypedDict, cast

import pyarrow as pa
import pyarrow.parquet as pq

from aidtrack.corpus import Partition, read_partition
from aidtrack.extract import Article, extract_many, load_nlp
from aidtrack.relevance import load_filter

log = logging.getLogger(__name__)

EVENTS_DIR = "events"
UNDATED = "unknown"
_TEXT_FIELDS = (
    "type",
    "donor",
    "recipient",
    "actor",
    "target",
    "beneficiary",
    "category",
    "stage",
    "currency",
    "channel",
    "via",
    "direction",
    "consequence",
    "condition",
    "summary",
    "items",
    "event_date",
    "evidence",
)
SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("published", pa.date32()),
        ("partition", pa.string()),
        *[(name, pa.string()) for name in _TEXT_FIELDS],
        ("amount", pa.float64()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("confidence", pa.float64()),
        ("extra", pa.string()),
    ]
)
_KNOWN = set(_TEXT_FIELDS) | {"amount", "start", "end", "confidence", "date"}


class EventStoreRow(TypedDict):
    """A row of the event store (:data:`SCHEMA`): one extracted event with its article. The
    event's own fields are text (lists and mappings as JSON); what the schema has no column
    for is kept as JSON in ``extra``."""

    article_id: str
    url: str | None
    title: str | None
    published: dt.date | None
    partition: str
    type: str | None
    donor: str | None
    recipient: str | None
    actor: str | None
    target: str | None
    beneficiary: str | None
    category: str | None
    stage: str | None
    currency: str | None
    channel: str | None
    via: str | None
    direction: str | None
    consequence: str | None
    condition: str | None
    summary: str | None
    items: str | None
    event_date: str | None
    evidence: str | None
    amount: float | None
    start: int | None
    end: int | None
    confidence: float | None
    extra: str | None


class PartitionResultDict(TypedDict):
    """A :class:`PartitionResult` as plain data: what the manifest keeps of a finished partition
    (``capped`` is missing from the files of runs before it was counted)."""

    key: str
    articles: int
    passed: int
    events: int
    errors: list[str]
    files: list[str]
    seconds: float
    pid: int
    peak_rss_mb: float
    capped: NotRequired[int]


@dataclasses.dataclass(frozen=True)
class PartitionResult:
    """What processing one partition did, for the manifest and the progress bar."""

    key: str
    articles: int
    passed: int
    events: int
    errors: list[str]
    files: list[str]
    seconds: float
    pid: int
    peak_rss_mb: float
    capped: int = 0  # articles cut to the character cap before extraction

    def to_dict(self) -> PartitionResultDict:
        """The result as plain data (JSON for the manifest)."""
        return cast(PartitionResultDict, dataclasses.asdict(self))


def warm_up() -> None:
    """Load the spaCy model and train the relevance classifier now (once per process)."""
    load_nlp()
    load_filter()


@dataclasses.dataclass(frozen=True)
class PartitionOutput:
    """A partition's counts and its event rows, sent back to the driver, which writes them."""

    result: PartitionResult
    rows: list[EventStoreRow]


def process_partition(
    part: Partition, *, threshold: float, use_filter: bool = True, max_chars: int | None = None
) -> PartitionOutput:
    """Read, filter and extract one partition; return its counts and event rows.

    Articles longer than ``max_chars`` characters are cut first (at a word boundary, as
    the ledger's ``max_article_chars`` setting does for single articles; None: no cap).
    """
    began = time.perf_counter()
    errors: list[str] = []
    articles, capped = cap_articles(list(read_partition(part, errors=errors)), max_chars)
    relevance = load_filter(threshold=threshold)
    passed = [a for a in articles if relevance.passes(a)] if use_filter else articles
    rows = [event_row(a, e, part.key) for a, events in zip(passed, _extract(passed, errors)) for e in events]
    result = PartitionResult(
        part.key,
        len(articles),
        len(passed),
        len(rows),
        errors,
        [],
        round(time.perf_counter() - began, 3),
        os.getpid(),
        _peak_rss_mb(),
        capped,
    )
    return PartitionOutput(result, rows)


def cap_articles(articles: list[Article], limit: int | None) -> tuple[list[Article], int]:
    """The articles with each text cut to ``limit`` characters at a word boundary, and how many were cut.

    The cut is the one :func:`aidtrack.services.extraction.cap_article` makes (a test checks they
    agree): at the last space in the final 200 characters before the limit, else at the limit.
    """
    if limit is None:
        return articles, 0
    out, capped = [], 0
    for article in articles:
        if len(article.text) > limit:
            cut = article.text.rfind(" ", max(limit - 200, 0), limit)
            text = article.text[: cut if cut > 0 else limit]
            log.warning(
                'Article "%s" has %s characters; only the first %s were read (max_article_chars = %s).',
                article.id,
                f"{len(article.text):,}",
                f"{len(text):,}",
                f"{limit:,}",
            )
            article, capped = dataclasses.replace(article, text=text), capped + 1
        out.append(article)
    return out, capped


def _extract(articles: Sequence[Article], errors: list[str]) -> list[list[dict[str, Any]]]:
    """Events per article; one article that breaks the parser does not sink the partition."""
    try:
        return extract_many(articles)
    except Exception:  # noqa: BLE001 - find the article that failed, keep the others
        out = []
        for article in articles:
            try:
                out.append(extract_many([article])[0])
            except Exception as ex:  # noqa: BLE001
                errors.append(
                    f'Article "{article.id}": extraction failed ({type(ex).__name__}: {ex}); skipped.'
                )
                out.append([])
        return out


def event_row(article: Article, event: Mapping[str, Any], key: str) -> EventStoreRow:
    """One event with its provenance, as a row of :data:`SCHEMA`."""
    row: dict[str, Any] = {
        "article_id": article.id,
        "url": article.url,
        "title": article.title,
        "published": article.published,
        "partition": key,
    }
    for name in _TEXT_FIELDS:
        value = event.get("date" if name == "event_date" else name)
        row[name] = (
            None if value is None else (value if isinstance(value, str) else json.dumps(value, default=str))
        )
    row["amount"] = None if event.get("amount") is None else float(event["amount"])
    row["start"], row["end"] = event.get("start"), event.get("end")
    row["confidence"] = None if event.get("confidence") is None else float(event["confidence"])
    extra = {k: v for k, v in event.items() if k not in _KNOWN}
    row["extra"] = json.dumps(extra, sort_keys=True, default=str) if extra else None
    return cast(EventStoreRow, row)


def month_of(row: Mapping[str, Any]) -> str:
    published = row.get("published")
    return published.strftime("%Y-%m") if published else UNDATED


def write_events(rows: Sequence[Mapping[str, Any]], out: Path, *, key: str) -> list[str]:
    """Write ``rows`` as ``events/month=YYYY-MM/KEY.parquet`` (atomically); return the relative paths."""
    base = out / EVENTS_DIR
    for stale in base.glob(f"month=*/{key}.parquet"):
        stale.unlink()
    by_month: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        by_month.setdefault(month_of(row), []).append(row)
    written = []
    for month, chunk in sorted(by_month.items()):
        folder = base / f"month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{key}.parquet"
        temporary = folder / f".{key}.parquet.tmp"
        pq.write_table(pa.Table.from_pylist(list(chunk), schema=SCHEMA), temporary)
        os.replace(temporary, target)
        written.append(target.relative_to(out).as_posix())
    return written


def _peak_rss_mb() -> float:
    """This process's peak resident memory so far (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
