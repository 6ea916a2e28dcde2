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

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AidtrackError as ex:
            if ctx.params.get("debug"):
                raise
            raise click.ClickException(str(ex)) from ex


@click.group(cls=AidtrackGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--database", "database_url", metavar="URL", envvar="AIDTRACK_DATABASE_URL",
              help="Ledger database URL (default: SQLite file in your data directory; "
                   "PostgreSQL: postgresql+psycopg://user:pass@host/db).")
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
