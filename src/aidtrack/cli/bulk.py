"""`aidtrack bulk-extract` and `aidtrack count-events`: extraction over large corpora."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from aidtrack.cli import output
from aidtrack.cli.ledger import print_table
from aidtrack.cli.output import print_json
from aidtrack.services import bulk as bulk_service
from aidtrack.services.bulk import DEFAULT_THRESHOLD, ENGINES, PartitionResultDict, Plan

console = output.console(stderr=True)


class _Bar:
    """A rich progress bar over articles, with the run's articles per second."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: Any = None
        self.began = time.perf_counter()
        self.articles = 0

    def start(self, plan: Plan, done: set[str]) -> None:
        already = sum(p.size for p in plan.partitions if p.key in done)
        self.task = self.progress.add_task("extracting", total=plan.articles, completed=already, rate="")
        self.began = time.perf_counter()

    def advance(self, result: PartitionResultDict) -> None:
        self.articles += result["articles"]
        rate = self.articles / max(time.perf_counter() - self.began, 1e-9)
        self.progress.update(self.task, advance=result["articles"], rate=f"{rate:,.1f} articles/s")


@click.command("bulk-extract")
@click.argument("corpus", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the Parquet event store (events/month=YYYY-MM/) and the checkpoint.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="local: this process; dask: a local cluster of --workers processes, or --scheduler.",
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=2,
    show_default=True,
    help="Worker processes of the local Dask cluster (one thread each).",
)
@click.option(
    "--scheduler", metavar="ADDR", help="Join this Dask scheduler instead, e.g. tcp://10.0.0.5:8786."
)
@click.option(
    "--partition-size",
    type=click.IntRange(1),
    default=200,
    show_default=True,
    help="Articles per task (and per checkpoint).",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Relevance classifier score an article needs to reach the parser.",
)
@click.option("--no-filter", is_flag=True, help="Parse every article (no relevance pre-filter).")
@click.option(
    "--resume/--no-resume",
    default=True,
    show_default=True,
    help="Skip partitions a previous run in --out finished; --no-resume starts over.",
)
@click.option(
    "--max-partitions", type=click.IntRange(1), help="Stop after this many partitions (resume later)."
)
@click.option(
    "--store", "load", is_flag=True, help="Then load the events into the ledger as review candidates."
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def bulk_extract(
    corpus: Path,
    out: Path,
    engine: str,
    workers: int,
    scheduler: str | None,
    partition_size: int,
    threshold: float,
    no_filter: bool,
    resume: bool,
    max_partitions: int | None,
    load: bool,
    as_json: bool,
) -> None:
    """Extract events from a large CORPUS: a folder of .txt/.html, a .jsonl or a .parquet file.

    \b
    Examples:
      aidtrack bulk-extract news.jsonl --out events/
      aidtrack bulk-extract news/ --out events/ --engine dask --workers 8
      aidtrack bulk-extract cc-news.parquet --out events/ --engine dask --scheduler tcp://head:8786 --store
    """
    if scheduler and engine != "dask":
        engine = "dask"
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, disable=as_json) as progress:
        bar = _Bar(progress)
        store = bulk_service.open_ledger() if load else None
        report, loaded = bulk_service.bulk_extract(
            corpus,
            out=out,
            engine=engine,
            workers=workers,
            scheduler=scheduler,
            partition_size=partition_size,
            threshold=threshold,
            use_filter=not no_filter,
            resume=resume,
            max_partitions=max_partitions,
            store=store,
            on_start=bar.start,
            on_result=bar.advance,
        )
    data = {**report.to_dict(), "ledger": loaded.to_dict() if loaded else None}
    if as_json:
        print_json(data)
        return
    click.echo(
        f"{report.articles} articles in {report.processed} partitions "
        f"({report.skipped} already done) at {report.articles_per_second:,.1f} articles/s; "
        f"{report.passed} passed the filter ({report.pass_rate:.1%}), {report.events} events, "
        f"{report.errors} unreadable."
    )
    if report.capped:
        click.echo(
            f"{report.capped} long articles were cut to the max_article_chars setting "
            "(see `aidtrack settings`)."
        )
    click.echo(
        f"Events: {out / 'events'}"
        + ("" if report.complete else "  (not complete: run the same command again to resume)")
    )
    if loaded:
        click.echo(
            f"Ledger: {loaded.added} candidates added, {loaded.linked} linked to existing records, "
            f"{loaded.unchanged} already there. Review them with `aidtrack review`."
        )


@click.command("count-events")
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--by",
    "by",
    multiple=True,
    default=("type",),
    show_default=True,
    help="Group by: type, donor, recipient, actor, target, category, stage, month (repeatable).",
)
@click.option("--monthly", is_flag=True, help="Events per month and type instead.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def count_events_command(out: Path, by: tuple[str, ...], monthly: bool, as_json: bool) -> None:
    """Count the events of a bulk-extract output folder OUT (DuckDB over the Parquet files).

    \b
    Examples:
      aidtrack count-events events/ --by type --by actor
      aidtrack count-events events/ --monthly
    """
    frame = bulk_service.event_counts(out, by=by, monthly=monthly)
    rows = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    if as_json:
        print_json(rows)
    else:
        print_table(
            [{k: "" if v is None else str(v) for k, v in r.items()} for r in rows], list(frame.columns)
        )


COMMANDS = [bulk_extract, count_events_command]
