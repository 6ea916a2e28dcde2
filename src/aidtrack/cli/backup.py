"""Backup commands: `aidtrack backup FILE` and `aidtrack restore FILE`."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

import click
from rich.table import Table

from aidtrack.cli import output
from aidtrack.services import backup as backups
from aidtrack.services import ledger

console = output.console(stderr=True)
out = output.console()


def _progress() -> AbstractContextManager[backups.Progress]:
    return output.step_progress(console, width=16)


def _counts_table(title: str, counts: dict[str, int]) -> Table:
    table = Table(title=title)
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, n in sorted(counts.items()):
        table.add_row(name, f"{n:,}")
    return table


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup(file: Path) -> None:
    """Write a consistent copy of the whole ledger to FILE.

    Every table is copied: support records, events, sources, corroborations, macro
    data, the import history, the audit trail and the API tokens (their hashes only,
    never the tokens). Other aidtrack processes may keep writing meanwhile; the copy
    is one consistent state. The file is renamed into place only when complete.

    The suffix of FILE chooses the kind of copy:

    \b
      .zip  a portable archive (one JSON-lines file per table and a manifest) that
            `aidtrack restore` loads into SQLite or PostgreSQL.
      .db   a SQLite database file (SQLite's online backup API when the ledger is
            SQLite); open it with --database sqlite:///FILE or restore it.

    \b
    Examples:
      aidtrack backup ~/backups/aidtrack-2024-05-01.zip
      aidtrack backup ~/backups/aidtrack-2024-05-01.db
      aidtrack --database postgresql+psycopg://me@db.example.org/aidtrack backup ledger.zip

    \b
    On PostgreSQL the server's own tools work as well (password from PGPASSWORD or ~/.pgpass):
      pg_dump --format=custom --no-owner --file aidtrack.pgdump "postgresql://USER@HOST/DBNAME"
      pg_restore --clean --if-exists --no-owner --dbname "postgresql://USER@HOST/DBNAME" aidtrack.pgdump
    """
    store = ledger.open_store()
    with _progress() as progress:
        summary = backups.backup(store, file, progress=progress)
    total = sum(summary.counts.values())
    out.print(
        f"[green]Backed up[/green] {store.url} to {summary.path} ({summary.kind}, schema {summary.revision}): "
        f"{total:,} rows in {len(summary.counts)} tables, {summary.seconds:.1f} s."
    )
    out.print(_counts_table("Rows per table", summary.counts))
    command = backups.pg_dump_command(store)
    if command:
        out.print(f"A server-side copy of this PostgreSQL ledger can also be made with:\n  {command}")


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--force",
    is_flag=True,
    help="Replace everything in a ledger that is not empty (records, imports, tokens, audit trail).",
)
def restore(file: Path, force: bool) -> None:
    """Load a backup FILE into an empty ledger.

    FILE is a .zip archive or a .db SQLite file written by `aidtrack backup`. Restore makes the ledger an exact copy of the backup: every table, ids kept, in one
    transaction (a failure leaves the ledger as it was). It works across databases: a
    backup of a SQLite ledger restores into PostgreSQL and the other way round. A ledger
    that already holds records, imports, tokens or audit entries is refused unless you
    pass --force, which replaces all of it.

    \b
    Examples:
      aidtrack --database sqlite:///new-ledger.db restore ~/backups/aidtrack-2024-05-01.zip
      aidtrack --database postgresql+psycopg://me@db.example.org/aidtrack restore ledger.zip
      aidtrack restore --force ~/backups/aidtrack-2024-05-01.db
    """
    store = ledger.open_store()
    with _progress() as progress:
        summary = backups.restore(store, file, force=force, progress=progress)
    total = sum(summary.counts.values())
    replaced = sum(summary.replaced.values())
    note = f"; replaced {replaced:,} rows that were in it" if replaced else ""
    out.print(
        f"[green]Restored[/green] {summary.path} ({summary.kind}) into {store.url}: {total:,} rows in "
        f"{len(summary.counts)} tables, {summary.seconds:.1f} s{note}."
    )
    out.print(_counts_table("Rows per table", summary.counts))


COMMANDS = [backup, restore]
