"""Running the filter and the extractor over a corpus: in-process or on Dask.

``engine="local"`` processes partitions one after the other in this process.
``engine="dask"`` starts a local cluster of ``workers`` processes (one thread each),
or joins the cluster whose scheduler is at ``scheduler`` (``tcp://host:8786``). Each
partition is one task; at most a few tasks per worker are in flight, so planning
and results stay small. Results are written and checkpointed by this (driver)
process as they arrive, so an interrupted run resumes where it stopped.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from aidtrack.bulk import manifest
from aidtrack.bulk.worker import PartitionOutput, PartitionResultDict, process_partition, write_events
from aidtrack.corpus import Partition, Plan, plan_partitions
from aidtrack.errors import ValidationError
from aidtrack.relevance import DEFAULT_THRESHOLD

ENGINES = ("local", "dask")


@dataclasses.dataclass
class BulkReport:
    """What a run did (this run only) and where the whole run stands."""

    out: str
    partitions: int
    skipped: int
    processed: int
    articles: int = 0
    passed: int = 0
    events: int = 0
    errors: int = 0
    capped: int = 0
    seconds: float = 0.0
    workers: dict[str, float] = dataclasses.field(default_factory=dict)  # pid -> peak RSS MB
    complete: bool = False

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def pass_rate(self) -> float:
        return self.passed / self.articles if self.articles else 0.0

    def add(self, result: PartitionResultDict) -> None:
        """Count one finished partition."""
        self.processed += 1
        self.articles += result["articles"]
        self.passed += result["passed"]
        self.events += result["events"]
        self.errors += len(result["errors"])
        self.capped += result.get("capped", 0)
        pid = str(result["pid"])
        self.workers[pid] = max(self.workers.get(pid, 0.0), result["peak_rss_mb"])

    def to_dict(self) -> dict[str, Any]:
        return {
            **dataclasses.asdict(self),
            "articles_per_second": round(self.articles_per_second, 2),
            "pass_rate": round(self.pass_rate, 4),
        }


@dataclasses.dataclass(frozen=True)
class EngineOptions:
    """Where the work runs: ``local``, or ``dask`` with ``workers`` or a ``scheduler`` address."""

    engine: str = "local"
    workers: int = 2
    scheduler: str | None = None

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ValidationError(f'Unknown engine "{self.engine}"; use one of: {", ".join(ENGINES)}.')
        if self.workers < 1:
            raise ValidationError(f"--workers {self.workers} is too few; use 1 or more.")
        if self.scheduler and not self.scheduler.startswith(
            ("tcp://", "tls://", "inproc://", "ws://", "wss://")
        ):
            raise ValidationError(
                f'Scheduler address "{self.scheduler}" has no protocol; write it as '
                "tcp://HOST:8786 (see `dask scheduler`)."
            )


def run_bulk(
    corpus: Path,
    out: Path,
    *,
    engine: EngineOptions | None = None,
    partition_size: int = 200,
    threshold: float = DEFAULT_THRESHOLD,
    use_filter: bool = True,
    resume: bool = True,
    max_partitions: int | None = None,
    max_chars: int | None = None,
    on_start: Callable[[Plan, set[str]], None] | None = None,
    on_result: Callable[[PartitionResultDict], None] | None = None,
) -> BulkReport:
    """Filter and extract every unfinished partition of ``corpus``; events go to ``out/events``.

    ``max_partitions`` stops after that many partitions (the run stays resumable);
    articles longer than ``max_chars`` characters are cut to it before extraction.

        run_bulk(Path("news.jsonl"), Path("out"), engine=EngineOptions("dask", workers=2))
    """
    engine = engine or EngineOptions()
    plan = plan_partitions(corpus, size=partition_size)
    config = {
        "corpus": str(Path(corpus).resolve()),
        "fingerprint": plan.fingerprint,
        "partition_size": partition_size,
        "threshold": threshold,
        "use_filter": use_filter,
    }
    out.mkdir(parents=True, exist_ok=True)
    done = manifest.prepare(out, config, resume=resume)
    todo = [p for p in plan.partitions if p.key not in done]
    if on_start:
        on_start(plan, done)
    report = BulkReport(str(out), len(plan.partitions), len(plan.partitions) - len(todo), 0)
    todo = todo[:max_partitions]
    began = time.perf_counter()
    options = {"threshold": threshold, "use_filter": use_filter, "max_chars": max_chars}
    for output in _outputs(todo, engine, options):
        result = _checkpoint(output, out)
        report.add(result)
        if on_result:
            on_result(result)
    report.seconds = round(time.perf_counter() - began, 3)
    report.complete = manifest.done_keys(out) >= {p.key for p in plan.partitions}
    return report


def _checkpoint(output: PartitionOutput, out: Path) -> PartitionResultDict:
    """Write a partition's events, then mark it finished (in that order)."""
    result = output.result.to_dict()
    result["files"] = write_events(output.rows, out, key=output.result.key)
    manifest.mark_done(out, result)
    return result


def _outputs(
    todo: list[Partition], engine: EngineOptions, options: dict[str, Any]
) -> Iterable[PartitionOutput]:
    if not todo:
        return []
    if engine.engine == "local":
        return (process_partition(part, **options) for part in todo)
    from aidtrack.bulk.dask_engine import dask_outputs

    return dask_outputs(todo, engine, options)
