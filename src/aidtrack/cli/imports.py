"""Import commands: `aidtrack import kiel|macro|starter|records`."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

import click
from rich.table import Table

from aidtrack import settings
from aidtrack.cli import output
from aidtrack.services import imports, ledger, records

console = output.console(stderr=True)
out = output.console()
_REPORT_SHOWN = 20
_STAGES = {"download": "Downloading", "read": "Reading", "check": "Checking rows", "store": "Storing"}


def _progress() -> AbstractContextManager[imports.Progress]:
    return output.step_progress(console, labels=_STAGES, spinner=True)


def _show_summary(summary: imports.ImportSummary) -> None:
    if summary.status == "unchanged":
        out.print(
            f"[yellow]Unchanged[/yellow]: {summary.path} was already imported (import "
            f"#{summary.import_id}); nothing was written."
        )
        for note in summary.notes:
            out.print(f"[yellow]Note[/yellow]: {note}")
        return
    out.print(
        f"[green]Imported[/green] {summary.path} as import #{summary.import_id}: release "
        f"{summary.release or '?'} ({summary.layout}), {summary.rows_read:,} rows read, "
        f"{summary.outcome}, "
        f"{summary.macro} macro values, {len(summary.report)} problems reported, "
        f"{summary.seconds:.1f} s."
    )
    table = Table(title="Totals (EUR bn, Kiel's values)")
    for column in ("stage", "category", "EUR bn"):
        table.add_column(column, justify="right" if column == "EUR bn" else "left")
    for (stage, category), value in summary.totals.items():
        table.add_row(stage, category or "(no breakdown)", f"{value / 1e9:,.1f}")
    out.print(table)


def _show_report(summary: imports.ImportSummary) -> None:
    for note in summary.notes:
        out.print(f"[yellow]Note[/yellow]: {note}")
    if not summary.report:
        return
    table = Table(title=f"Import report: {len(summary.report)} problem(s)")
    for column in ("row", "column", "value", "reason"):
        table.add_column(column, overflow="fold")
    for bad in summary.report[:_REPORT_SHOWN]:
        table.add_row(str(bad.row or ""), bad.column or "", (bad.value or "")[:60], bad.reason)
    out.print(table)
    if summary.report_path:
        out.print(f"Full report saved to {summary.report_path}")
    elif len(summary.report) > _REPORT_SHOWN:
        out.print(f"... {len(summary.report) - _REPORT_SHOWN} more; save them all with --report FILE.csv")


@click.group("import")
def import_group() -> None:
    """Import data: Kiel releases, World Bank macro data, the starter dataset.

    `import records` loads support records from a file: an aidtrack export or your own sheet.
    """


@import_group.command("kiel")
@click.argument("path_or_url")
@click.option("--release", metavar="N", help="Release number, when the file does not say (e.g. 12).")
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Save the import report (bad rows) to FILE.csv or FILE.json. Default: a CSV beside "
    "a SQLite database, or printed.",
)
def kiel(path_or_url: str, release: str | None, report_path: Path | None) -> None:
    """Import a Kiel Ukraine Support Tracker release: workbook, CSV export, website CSV folder or URL.

    \b
    Examples:
      aidtrack import kiel ~/Downloads/Ukraine_Support_Tracker_Release_21.xlsx
      aidtrack import kiel ~/Downloads/src_ukraine_support.csv --release 12
      aidtrack import kiel latest     (downloads the newest release from Kiel's data page)
    """
    store = ledger.open_store()
    with _progress() as progress:
        summary = imports.import_kiel(
            store,
            path_or_url,
            by=settings.get("user"),
            release=release,
            report_path=report_path,
            progress=progress,
        )
    _show_summary(summary)
    _show_report(summary)


@import_group.command("macro")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--indicator",
    type=click.Choice(["gdp", "population"]),
    help="What a World Bank CSV holds, when its file name does not say.",
)
def macro(path: Path, indicator: str | None) -> None:
    """Import World Bank GDP (current US$) or population: a long CSV or wdi.json.

    Regional aggregates (World, Euro area...) are left out.
    """
    summary = imports.import_macro(ledger.open_store(), path, by=settings.get("user"), indicator=indicator)
    out.print(
        f"[green]Imported[/green] {summary.rows:,} values ({', '.join(summary.indicators)}) from "
        f"{summary.path}: {summary.changed:,} new or changed, {summary.aggregates_left_out:,} "
        f"aggregate rows left out, {len(summary.report)} problems."
    )
    for bad in summary.report[:_REPORT_SHOWN]:
        out.print(f"  row {bad.row}: {bad.column} {bad.value!r}: {bad.reason}")


@import_group.command("starter")
def starter() -> None:
    """Load the starter dataset shipped with aidtrack (Kiel Release 29, donor x month), offline."""
    summary = imports.load_starter(ledger.open_store(), by=settings.get("user"))
    _show_summary(summary)
    _show_report(summary)


def _records_help() -> str:
    width = max(len(name) for name in records.COLUMNS)
    lines = [f"  {name:<{width}}  {meaning}" for name, meaning in records.COLUMNS.items()]
    return "\n".join(lines)


@import_group.command("records", epilog="\b\nColumns:\n" + _records_help())
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Save the list of bad rows to FILE.csv or FILE.json.",
)
def records_command(file: Path, report_path: Path | None) -> None:
    """Import support records from a CSV, JSON, Parquet or Excel file: an export or your own sheet.

    Reads what `aidtrack export support` writes, so an export loaded into an empty
    ledger gives the same records: each keeps its origin, external id, status, whether
    it is current, its times and its source. It also loads a team's own spreadsheet with
    the columns listed below (one record per row; only donor and stage are required).

    Every row is checked as `aidtrack add support` checks a record (donor names become
    codes, amounts get EUR/USD values at the record's date). All or nothing: if any row
    is bad, nothing is stored and every bad row is listed. The same file imported twice
    changes nothing.

    \b
    Examples:
      aidtrack export support --format csv --out ledger-export.csv
      aidtrack --database sqlite:///copy.db import records ledger-export.csv
      aidtrack import records ~/Documents/pledges-2024.xlsx --report bad-rows.csv
    """
    with _progress() as progress:
        summary = records.import_records(
            ledger.open_store(), file, by=settings.get("user"), progress=progress
        )
    if summary.status == "unchanged":
        out.print(
            f"[yellow]Unchanged[/yellow]: {file} was already imported (import #{summary.import_id}); "
            "nothing was written."
        )
        return
    if summary.status == "imported":
        out.print(
            f"[green]Imported[/green] {file} as import #{summary.import_id}: {summary.stored:,} support "
            f"records from {summary.rows_read:,} rows, {summary.seconds:.1f} s."
        )
        return
    _show_bad_rows(summary.report, report_path)
    raise click.ClickException(
        f"{summary.bad_rows:,} of {summary.rows_read:,} rows of {file} are bad, so "
        "nothing was imported; fix them and run the command again."
    )


def _show_bad_rows(report: list[imports.BadRow], report_path: Path | None) -> None:
    table = Table(title=f"Problems: {len(report)} (row 1 is the first record after the header)")
    for column in ("row", "column", "value", "reason"):
        table.add_column(column, overflow="fold")
    for bad in report[:_REPORT_SHOWN]:
        table.add_row(str(bad.row or ""), bad.column or "", (bad.value or "")[:60], bad.reason)
    out.print(table)
    if report_path is not None:
        imports.write_report(report, report_path)
        out.print(f"Full report saved to {report_path}")
    elif len(report) > _REPORT_SHOWN:
        out.print(f"... {len(report) - _REPORT_SHOWN} more; save them all with --report FILE.csv")


COMMANDS = [import_group]
