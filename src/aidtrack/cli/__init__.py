"""The `aidtrack` command line: thin commands over :mod:`aidtrack.services`.

Each area keeps its commands in its own module and lists them in ``COMMANDS``.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from aidtrack import settings
from aidtrack.errors import AidtrackError

_AREAS = ("ledger", "imports", "analysis", "rules", "extract", "review", "bulk", "web")


class AidtrackGroup(click.Group):
    """A group that turns library errors into one-line messages (exit 1)."""

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
      aidtrack check-transfer --from KOR --to UKR --item ammunition --via USA
      aidtrack list support --donor KOR
    """
    settings.override("database_url", database_url)


def _register() -> None:
    for area in _AREAS:
        try:
            module = importlib.import_module(f"aidtrack.cli.{area}")
        except ModuleNotFoundError as ex:
            if ex.name != f"aidtrack.cli.{area}":
                raise
            continue
        for command in module.COMMANDS:
            main.add_command(command)


_register()
