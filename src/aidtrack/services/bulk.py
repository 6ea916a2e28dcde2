"""Use cases for bulk extraction: run it, then load its events into the ledger as candidates.

Loading goes partition by partition in partition order (a batch each), through
:func:`aidtrack.services.review.store_document`, which is idempotent per event (a stable
external id from the article's URL or id and the event's key fields). A partition is
marked loaded only after all its articles are stored, so a crash during loading is
repaired by the next run: stored events come back "unchanged", the rest are added.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from aidtrack import settings
from aidtrack.bulk import (
    ENGINES,
    BulkReport,
    EngineOptions,
    eventstore,
    manifest,
    run_bulk,
)
from aidtrack.bulk.worker import PartitionResultDict
from aidtrack.corpus import Plan
from aidtrack.db import Store
from aidtrack.relevance import DEFAULT_THRESHOLD
from aidtrack.services import ledger, review

__all__ = [
    "DEFAULT_THRESHOLD",
    "ENGINES",
    "LoadReport",
    "Plan",
    "bulk_extract",
    "event_counts",
    "load_candidates",
    "open_ledger",
]


@dataclasses.dataclass
class LoadReport:
    """What loading into the ledger did (this run only)."""

    partitions: int = 0
    articles: int = 0
    added: int = 0
    linked: int = 0
    unchanged: int = 0
    invalid: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def bulk_extract(
    corpus: Path,
    *,
    out: Path,
    engine: str = "local",
    workers: int = 2,
    scheduler: str | None = None,
    partition_size: int = 200,
    threshold: float = DEFAULT_THRESHOLD,
    use_filter: bool = True,
    resume: bool = True,
    max_partitions: int | None = None,
    store: Store | None = None,
    by: str | None = None,
    on_start: Callable[[Plan, set[str]], None] | None = None,
    on_result: Callable[[PartitionResultDict], None] | None = None,
) -> tuple[BulkReport, LoadReport | None]:
    """Extract events from ``corpus`` into ``out``; with ``store``, load finished partitions as candidates.

    Each article is cut to the ``max_article_chars`` setting first, as single articles are.
    """
    report = run_bulk(
        corpus,
        out,
        engine=EngineOptions(engine, workers=workers, scheduler=scheduler),
        partition_size=partition_size,
        threshold=threshold,
        use_filter=use_filter,
        resume=resume,
        max_partitions=max_partitions,
        max_chars=int(settings.get("max_article_chars")),
        on_start=on_start,
        on_result=on_result,
    )
    loaded = load_candidates(out, store=store, by=by) if store is not None else None
    return report, loaded


def load_candidates(
    out: Path, *, store: Store, by: str | None = None, on_batch: Callable[[str, int], None] | None = None
) -> LoadReport:
    """Store the events of every finished, not yet loaded partition of ``out`` (in partition order)."""
    who, report = ledger.current_user(by), LoadReport()
    done = manifest.loaded_keys(out)
    for result in manifest.finished(out):
        if result["key"] in done:
            continue
        docs = eventstore.documents(eventstore.partition_rows(out, result["files"]))
        for doc in docs:
            outcome = review.store_document(doc, store=store, by=who)
            report.articles += 1
            report.added += len(outcome.added)
            report.linked += len(outcome.linked)
            report.unchanged += outcome.unchanged
            report.invalid += len(outcome.invalid)
        report.partitions += 1
        manifest.mark_loaded(out, result["key"], {"articles": len(docs)})
        if on_batch:
            on_batch(result["key"], report.articles)
    return report


def event_counts(out: Path, *, by: Sequence[str] = ("type",), monthly: bool = False) -> pd.DataFrame:
    """Counts from the Parquet event store of ``out`` (DuckDB): grouped ``by``, or per month and type."""
    return eventstore.events_by_month(out) if monthly else eventstore.count_events(out, by=by)


def open_ledger(database_url: str | None = None) -> Store:
    """The ledger to load candidates into (the setting's database unless a URL is given)."""
    return ledger.open_store(database_url)
