"""`aidtrack extract`: propose the events of news articles, with their evidence."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from aidtrack.cli.output import print_json
from aidtrack.errors import ExtractionInputError
from aidtrack.services import extraction
from aidtrack.services.extraction import (
    MAX_BYTES,
    Article,
    article_from_bytes,
    read_article,
)

SUFFIXES = (".txt", ".html", ".htm")
_COLUMNS = ("type", "who", "whom", "kind", "stage", "amount", "currency", "confidence", "evidence")


def _inputs(sources: tuple[str, ...]) -> list[Path | None]:
    """Files named, the .txt/.html files of folders named, and None for stdin ("-")."""
    found: list[Path | None] = []
    for source in sources:
        if source == "-":
            found.append(None)
            continue
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
            if not files:
                raise click.ClickException(f'No .txt or .html files in folder "{path}".')
            found.extend(files)
        elif path.exists():
            found.append(path)
        else:
            raise click.ClickException(f'"{source}" does not exist; give a file, a folder or "-".')
    return found


def _read(item: Path | None) -> Article:
    if item is not None:
        return read_article(item)
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(MAX_BYTES + 1) if stream is not None else sys.stdin.read(MAX_BYTES + 1).encode()
    return article_from_bytes(data, name="stdin")


def _row(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": event["type"],
        "who": event.get("donor") or event.get("actor"),
        "whom": event.get("recipient") or event.get("target"),
        "kind": event.get("category") or event.get("direction"),
        "stage": event.get("stage"),
        "amount": f"{event['amount']:,.0f}" if event.get("amount") else None,
        "currency": event.get("currency"),
        "confidence": event.get("confidence"),
        "evidence": event.get("evidence", "")[:160],
    }


def _print_table(documents: list[dict[str, Any]]) -> None:
    console = Console()
    for doc in documents:
        table = Table(title=f"{doc['id']}: {doc['title'][:80]}", show_lines=False)
        for column in _COLUMNS:
            table.add_column(column, overflow="fold")
        for event in doc["events"]:
            row = _row(event)
            table.add_row(*["" if row[c] is None else str(row[c]) for c in _COLUMNS])
        console.print(table)


def _file_name(article_id: str) -> str:
    """A safe file name for an article id (corpus ids may hold "/" or other characters)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", article_id).strip("._") or "article"


def _write(documents: list[dict[str, Any]], out: Path, *, quiet: bool = False) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for doc in documents:
        text = json.dumps(doc, indent=2, ensure_ascii=False)
        (out / f"{_file_name(doc['id'])}.json").write_text(text + "\n", encoding="utf-8")
    if not quiet:
        click.echo(f"Wrote {len(documents)} file(s) to {out}", err=True)


def _keep_confident(documents: list[dict[str, Any]], minimum: float) -> list[dict[str, Any]]:
    """The documents with only the events whose confidence is at least ``minimum``."""
    if minimum <= 0:
        return documents
    return [
        dict(doc, events=[e for e in doc["events"] if float(e.get("confidence", 0.0)) >= minimum])
        for doc in documents
    ]


def _extract_corpus(
    corpus: Path, *, out: Path | None, store: bool, as_table: bool = False, min_confidence: float = 0.0
) -> None:
    """Stream a .jsonl/.parquet corpus partition by partition; JSON Lines on stdout without --out
    (or a table per partition with --table)."""
    errors: list[str] = []
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task(f"Extracting {corpus.name}", total=None)
        for documents in extraction.iter_corpus_documents(corpus, errors=errors):
            documents = _keep_confident(documents, min_confidence)
            if store:
                _store(documents)
            if out is not None:
                _write(documents, out, quiet=True)
            elif as_table:
                progress.stop()
                _print_table(documents)
                progress.start()
            elif not store:
                for doc in documents:
                    click.echo(json.dumps(doc, ensure_ascii=False))
            progress.advance(task, len(documents))
    for error in errors:
        click.echo(f"Skipped: {error}", err=True)


def _store(documents: list[dict[str, Any]]) -> None:
    result = extraction.store_documents(documents)
    click.echo(
        f"Ledger: {result['added']} new candidate(s), {result['linked']} linked to existing records, "
        f"{result['unchanged']} already stored; review them with `aidtrack review`.",
        err=True,
    )
    for bad in result["invalid"]:
        click.echo(f"Not stored: {bad['error']}", err=True)


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="FILE|DIR|-")
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one JSON file per article (named after it) into this folder.",
)
@click.option("--table", "as_table", is_flag=True, help="Print a table instead of JSON.")
@click.option(
    "--store",
    "store",
    is_flag=True,
    help="Also put the events into the ledger as candidates for `aidtrack review`.",
)
@click.option(
    "--min-confidence",
    "min_confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Drop events whose confidence (0-1) is below this; higher means fewer, surer events.",
)
def extract(
    sources: tuple[str, ...], out: Path | None, as_table: bool, store: bool, min_confidence: float
) -> None:
    """Propose the events of news articles (support, appeals, refusals, threats,
    policy changes, sanctions), each with its evidence sentence.

    \b
    Reads .txt and .html files, the .txt/.html files of a folder, "-" for
    standard input, and large corpora as .jsonl (url, title, date, text per
    line) or .parquet files, streamed in partitions. Output follows
    eval/SCHEMA.md, so a folder written with --out can be scored with
    score.py. For millions of articles on many cores or machines, use
    `aidtrack bulk-extract`.

    \b
      aidtrack extract article.txt
      aidtrack extract articles/ --out preds       (a folder of .txt/.html files)
      curl -s https://example.org/news | aidtrack extract - --table
      aidtrack extract article.txt --store && aidtrack review
      aidtrack extract news.jsonl --table --min-confidence 0.6

    Every event has a "confidence" from 0 to 1 (the learned scorer's probability,
    raised where a hand-written rule agrees); reviewers can sort by it.
    """
    corpora = [Path(s) for s in sources if s != "-" and extraction.is_corpus_file(Path(s))]
    for corpus in corpora:
        _extract_corpus(corpus, out=out, store=store, as_table=as_table, min_confidence=min_confidence)
    sources = tuple(s for s in sources if s == "-" or Path(s) not in corpora)
    if not sources:
        return
    articles: list[Article] = []
    for item in _inputs(sources):
        try:
            articles.append(_read(item))
        except ExtractionInputError as ex:
            if len(sources) == 1 and (item is None or not Path(sources[0]).is_dir()):
                raise click.ClickException(str(ex)) from ex
            click.echo(f"Skipped: {ex}", err=True)
    documents = _keep_confident(extraction.extract_documents(articles), min_confidence)
    if store:
        _store(documents)
    if out is not None:
        _write(documents, out)
    elif as_table:
        _print_table(documents)
    else:
        data: Any = documents[0] if len(documents) == 1 else documents
        print_json(data)


COMMANDS = [extract]
