"""The `aidtrack` command line: thin commands over :mod:`aidtrack.services`.

Each area keeps its commands in its own module (``aidtrack/cli/<area>.py``, listing them
in ``COMMANDS``). Modules are imported only when one of their commands runs, so that
`aidtrack list` does not pay for spaCy, Dask or FastAPI.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from aidtrack import settings
from aidtrack.errors import AidtrackError
from aidtrack.extras import as_missing_extra

# command name -> (module under aidtrack.cli, attribute)
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "actors": ("ledger", "actors_group"),
    "add": ("ledger", "add"),
    "audit": ("ledger", "audit"),
    "backup": ("backup", "backup"),
    "brief": ("analysis", "brief"),
    "bulk-extract": ("bulk", "bulk_extract"),
    "check-transfer": ("rules", "check_transfer"),
    "compare": ("analysis", "compare"),
    "count-events": ("bulk", "count_events_command"),
    "digest": ("feeds", "digest"),
    "export": ("ledger", "export"),
    "extract": ("extract", "extract"),
    "feeds": ("feeds", "feeds_group"),
    "import": ("imports", "import_group"),
    "init": ("ledger", "init"),
    "list": ("ledger", "list_group"),
    "options": ("rules", "options"),
    "rank": ("analysis", "rank"),
    "report": ("analysis", "report"),
    "restore": ("backup", "restore"),
    "review": ("review", "review"),
    "rules": ("rules", "rules"),
    "serve": ("web", "serve"),
    "settings": ("ledger", "settings_command"),
    "status": ("ledger", "status"),
    "timeline": ("analysis", "timeline"),
    "token": ("web", "token"),
    "watch": ("feeds", "watch_group"),
}


# command name -> its one-line summary, so that `aidtrack --help` imports no command module
# (tests/test_cli_startup.py checks each equals the command's own help)
SUMMARIES: dict[str, str] = {
    "actors": "Resolve names to actor codes; list actors and group members.",
    "add": "Add a support record or a diplomatic event by hand (with its source).",
    "audit": "Show every change of one record: when, by whom, old and new values.",
    "backup": "Write a consistent copy of the whole ledger to FILE.",
    "brief": "A donor's country brief in the terminal: totals, categories, peers, step-up gap, routes open under the export rules, appeals and threats, sources, e.g. `aidtrack brief KOR`.",
    "bulk-extract": "Extract events from a large CORPUS: a folder of .txt/.html, a .jsonl or a .parquet file.",
    "check-transfer": "Check a transfer route hop by hop: findings with rules and sources, and a verdict.",
    "compare": "Compare a donor with its peers and show the step-up gap, e.g. `aidtrack compare KOR --peers G7`.",
    "count-events": "Count the events of a bulk-extract output folder OUT (DuckDB over the Parquet files).",
    "digest": "What is new or changed since a date, for the countries you follow.",
    "export": "Export support records or events to CSV, JSON or Parquet (all matching rows).",
    "extract": "Propose the events of news articles (support, appeals, refusals, threats, policy changes, sanctions), each with its evidence sentence.",
    "feeds": "News feeds polled into the review queue.",
    "import": "Import data: Kiel releases, World Bank macro data, the starter dataset.",
    "init": "Create (or upgrade) the ledger database and show where it is.",
    "list": "List support records or events, with filters.",
    "options": "DONOR's routes to support the recipient: verdicts, citations, the peers that used each route (from the ledger), appeals and threats, and the step-up gap.",
    "rank": "Rank donors by support, % of GDP or per capita, e.g. `aidtrack rank --per gdp`.",
    "report": "Write a self-contained HTML country report (charts, peers, step-up gap, routes, rules, signals, sources) that works offline, e.g. `aidtrack report KOR --out kor.html`.",
    "restore": "Load a backup FILE into an empty ledger.",
    "review": "Review candidate events one by one: [a]ccept, [r]eject, [e]dit, [s]kip, [q]uit.",
    "rules": "Export rules on supplying a party to a war, by country and over time.",
    "serve": "Run the dashboard and JSON API (docs at /docs) on the ledger the CLI uses.",
    "settings": "Show every setting, its value and where to change it.",
    "status": "Summarise what the ledger holds: records, events, sources, imports.",
    "timeline": "Support per month (or quarter, year) and to date, and commitments vs allocations, e.g. `aidtrack timeline KOR --freq q`.",
    "token": "Create, list or revoke API tokens (needed for every write through the web API).",
    "watch": "Countries you follow.",
}


class AidtrackGroup(click.Group):
    """Loads commands lazily and turns library errors into one-line messages (exit 1)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(LAZY_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in LAZY_COMMANDS:
            return None
        module, attribute = LAZY_COMMANDS[cmd_name]
        command: click.Command = getattr(importlib.import_module(f"aidtrack.cli.{module}"), attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from :data:`SUMMARIES`, without importing the commands."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, click.Command(name, help=SUMMARIES[name]).get_short_help_str(limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AidtrackError as ex:
            if ctx.params.get("debug"):
                raise
            raise click.ClickException(str(ex)) from ex
        except ModuleNotFoundError as ex:
            missing = as_missing_extra(ex)
            if missing is None or ctx.params.get("debug"):
                raise
            raise click.ClickException(str(missing)) from ex


@click.group(cls=AidtrackGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--database",
    "database_url",
    metavar="URL",
    envvar="AIDTRACK_DATABASE_URL",
    help="Ledger database URL (default: SQLite file in your data directory; "
    "PostgreSQL: postgresql+psycopg://user:pass@host/db).",
)
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.version_option(package_name="aidtrack")
def main(database_url: str | None, debug: bool) -> None:
    """aidtrack: a sourced ledger of international support to a country at war.

    \b
    Start here:
      aidtrack brief KOR            a donor's country brief (loads the starter data)
      aidtrack rank --per gdp       donors ranked by aid as % of GDP
      aidtrack options KOR          routes open to a donor under the export rules
      aidtrack check-transfer --from KOR --to UKR --item ammunition --via USA
      aidtrack list support --donor KOR
      aidtrack serve                the dashboard on http://127.0.0.1:8000
    """
    settings.override("database_url", database_url)
