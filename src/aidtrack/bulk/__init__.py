"""Bulk extraction at news-stream scale: partitions of a corpus through the relevance
filter and the extractor, in-process or on a Dask cluster, into a Parquet event store.

    report = run_bulk(Path("news.jsonl"), Path("out"), engine=EngineOptions("dask", workers=2))
    events_by_month(Path("out"))
"""

from aidtrack.bulk.eventstore import count_events, documents, events_by_month, read_events
from aidtrack.bulk.runner import ENGINES, BulkReport, EngineOptions, run_bulk

__all__ = [
    "ENGINES",
    "BulkReport",
    "EngineOptions",
    "count_events",
    "documents",
    "events_by_month",
    "read_events",
    "run_bulk",
]
