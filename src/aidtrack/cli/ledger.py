"""Ledger commands: init, status, add, list, export, audit, actors, settings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from aidtrack import settings
from aidtrack.cli.options import bundle, json_option
from aidtrack.cli.output import console as _console
from aidtrack.cli.output import money, print_json
from aidtrack.models import (
    Category,
    Direction,
    EventType,
    SourceKind,
    Stage,
    Status,
    values,
)
from aidtrack.services import actors as actors_service
from aidtrack.services import ledger
from aidtrack.services.ledger import EventFilter, SupportFilter

console = _console()

_CATEGORIES = values(Category)
_STAGES = values(Stage)
_EVENT_TYPES = values(EventType)
_STATUSES = values(Status)


def amount_text(value: float | None) -> str:
    """An amount for a table: 916000.0 -> "916,000"; 0.5 -> "0.50"; none -> ""."""
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 1000 else f"{value:,.2f}"


_FORMATS = {
    "amount": amount_text,
    "amount_eur": money,
    "amount_usd": amount_text,
    "confidence": lambda v: f"{v:.2f}",
}


def _cell(column: str, value: Any) -> str:
    if value is None:
        return ""
    if column in _FORMATS and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(_FORMATS[column](value))
    return str(value)


def print_table(
    rows: Sequence[Mapping[str, object]], columns: list[str], *, title: str | None = None
) -> None:
    """Rows as a table; amounts formatted for reading (``--json`` keeps the raw numbers)."""
    table = Table(title=title, show_lines=False)
    for col in columns:
        table.add_column(col, overflow="fold", justify="right" if col in _FORMATS else "left")
    for row in rows:
        table.add_row(*[_cell(c, row.get(c)) for c in columns])
    console.print(table)


@click.command()
def init() -> None:
    """Create (or upgrade) the ledger database and show where it is."""
    store = ledger.open_store()
    click.echo(f"Ledger ready at {store.url}")


@click.command()
@json_option
def status(as_json: bool) -> None:
    """Summarise what the ledger holds: records, events, sources, imports."""
    summary = ledger.status(store=ledger.open_store())
    if as_json:
        print_json(summary)
        return
    console.print(f"[bold]Ledger[/bold] {summary['database']}")
    print_table([{"table": k, "rows": v} for k, v in summary["counts"].items()], ["table", "rows"])
    if summary["imports"]:
        print_table(summary["imports"], list(summary["imports"][0]), title="Imports")


# -- add ---------------------------------------------------------------------------------


_source_options = bundle(
    click.option("--source-url", help="URL of the source of this fact."),
    click.option("--source-title", help="Title of the source."),
    click.option("--source-publisher", help="Publisher of the source."),
    click.option("--source-date", help="Publication date of the source (YYYY-MM-DD)."),
    click.option(
        "--source-kind",
        type=click.Choice(values(SourceKind)),
        default="news",
        show_default=True,
        help="What kind of source it is.",
    ),
)


@click.group()
def add() -> None:
    """Add a support record or a diplomatic event by hand (with its source)."""


@add.command("support")
@click.option("--donor", required=True, help="Who gives: a name or code (KOR, South Korea, Seoul).")
@click.option("--recipient", default="UKR", show_default=True, help="Who receives.")
@click.option("--category", required=True, type=click.Choice(_CATEGORIES, case_sensitive=False))
@click.option(
    "--stage", default="commitment", show_default=True, type=click.Choice(_STAGES, case_sensitive=False)
)
@click.option("--amount", type=float, help="Amount in --currency as given by the source.")
@click.option("--currency", help="ISO 4217 code of --amount, e.g. USD, EUR, KRW.")
@click.option("--date", help="Announcement date, YYYY-MM-DD.")
@click.option("--subtype", help='Finer kind, e.g. "ammunition", "loan".')
@click.option("--via", help="Intermediary country for an indirect channel.")
@click.option("--evidence", help="The sentence that states the fact.")
@click.option("--status", default="confirmed", show_default=True, type=click.Choice(_STATUSES))
@_source_options
def add_support(**fields: Any) -> None:
    """Add one support record, e.g.

    \b
      aidtrack add support --donor KOR --category humanitarian --amount 10e6 \\
        --currency USD --date 2022-03-01 --source-url https://example.org/x
    """
    record_id = ledger.add_support(fields, store=ledger.open_store())
    click.echo(f"Added support record {record_id}")


@add.command("event")
@click.option("--type", "type_", required=True, type=click.Choice(_EVENT_TYPES), help="What happened.")
@click.option("--actor", required=True, help="Who acts (a name or code).")
@click.option("--target", help="Who is urged, threatened or sanctioned.")
@click.option("--beneficiary", help="Who would benefit (usually UKR).")
@click.option("--category", type=click.Choice(_CATEGORIES, case_sensitive=False))
@click.option("--direction", type=click.Choice(values(Direction)), help="For policy_change.")
@click.option("--summary", help="One line in your own words.")
@click.option("--date", help="YYYY-MM-DD")
@click.option("--evidence", help="The sentence that states the fact.")
@click.option("--status", default="confirmed", show_default=True, type=click.Choice(_STATUSES))
@_source_options
def add_event(type_: str, **fields: Any) -> None:
    """Add one diplomatic event (appeal, refusal, threat, policy_change, sanction)."""
    event_id = ledger.add_event({"type": type_, **fields}, store=ledger.open_store())
    click.echo(f"Added event {event_id}")


# -- list and export ---------------------------------------------------------------------


def _filter_options(func: Any) -> Any:
    for opt in reversed(
        [
            click.option("--start", help="From this date (YYYY-MM-DD)."),
            click.option("--end", help="Up to this date (YYYY-MM-DD)."),
            click.option("--status", type=click.Choice(_STATUSES), help="Only this review status."),
            click.option("--origin", help='Only records made by this import/extraction, e.g. "kiel".'),
            click.option(
                "--all-releases", is_flag=True, help="Include records superseded by newer releases."
            ),
            click.option("--limit", type=click.IntRange(1), default=50, show_default=True),
            click.option("--offset", type=click.IntRange(0), default=0),
        ]
    ):
        func = opt(func)
    return func


def _support_options(func: Any) -> Any:
    for opt in reversed(
        [
            click.option("--donor"),
            click.option("--recipient"),
            click.option("--category", type=click.Choice(_CATEGORIES, case_sensitive=False)),
            click.option("--stage", type=click.Choice(_STAGES, case_sensitive=False)),
        ]
    ):
        func = opt(func)
    return _filter_options(func)


def _event_options(func: Any) -> Any:
    for opt in reversed(
        [
            click.option("--type", "type", type=click.Choice(_EVENT_TYPES)),
            click.option("--actor"),
            click.option("--target"),
            click.option("--category", type=click.Choice(_CATEGORIES, case_sensitive=False)),
        ]
    ):
        func = opt(func)
    return _filter_options(func)


def _common(options: dict[str, Any]) -> dict[str, Any]:
    options["current"] = None if options.pop("all_releases") else True
    return options


_SUPPORT_COLUMNS = [
    "id",
    "date",
    "donor",
    "recipient",
    "category",
    "stage",
    "amount",
    "currency",
    "amount_eur",
    "status",
    "origin",
]
_EVENT_COLUMNS = ["id", "date", "type", "actor", "target", "category", "direction", "status", "summary"]


@click.group("list")
def list_group() -> None:
    """List support records or events, with filters."""


@list_group.command("support")
@_support_options
@json_option
def list_support(as_json: bool, **options: Any) -> None:
    """List support records, newest first (e.g. --donor KOR --category military)."""
    rows = ledger.list_records(
        "support", ledger.support_filter(**_common(options)), store=ledger.open_store()
    )
    print_json(rows) if as_json else print_table(rows, _SUPPORT_COLUMNS, title=f"{len(rows)} support records")


@list_group.command("events")
@_event_options
@json_option
def list_events(as_json: bool, **options: Any) -> None:
    """List diplomatic events, newest first (e.g. --type threat --target KOR)."""
    rows = ledger.list_records("events", ledger.event_filter(**_common(options)), store=ledger.open_store())
    print_json(rows) if as_json else print_table(rows, _EVENT_COLUMNS, title=f"{len(rows)} events")


@click.command("export")
@click.argument("what", type=click.Choice(["support", "events"]))
@click.option(
    "--format", "fmt", type=click.Choice(list(ledger.EXPORT_FORMATS)), default="csv", show_default=True
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write.")
@click.option("--donor")
@click.option("--category", type=click.Choice(_CATEGORIES, case_sensitive=False))
@click.option("--status", type=click.Choice(_STATUSES))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary of what was written.")
def export(
    what: str, fmt: str, out: Path, donor: str | None, category: str | None, status: str | None, as_json: bool
) -> None:
    """Export support records or events to CSV, JSON or Parquet (all matching rows)."""
    store = ledger.open_store()
    where: SupportFilter | EventFilter
    if what == "support":
        where = ledger.support_filter(donor=donor, category=category, status=status, limit=None)
    else:
        where = ledger.event_filter(category=category, status=status, limit=None)
    count = ledger.export_records(what, where, store=store, fmt=fmt, out=out)
    summary = {"written": count, "path": str(out), "format": fmt}
    print_json(summary) if as_json else click.echo(f"Wrote {count} {what} rows to {out}")


@click.command()
@click.argument("table", type=click.Choice(["support", "events"]))
@click.argument("record_id", type=int)
@click.option("--json", "as_json", is_flag=True)
def audit(table: str, record_id: int, as_json: bool) -> None:
    """Show every change of one record: when, by whom, old and new values.

    An imported record starts with its import (file, release, who, when). An unknown
    record is an error (exit 1).
    """
    rows = ledger.audit_trail(table, record_id, store=ledger.open_store())
    print_json(rows) if as_json else print_table(rows, ["at", "by", "action", "old", "new"])


# -- actors and settings -----------------------------------------------------------------


@click.group("actors")
def actors_group() -> None:
    """Resolve names to actor codes; list actors and group members."""


@actors_group.command("resolve")
@click.argument("name", nargs=-1, required=True)
@click.option("--date", help="Resolve as of this date (office holders).")
@click.option("--json", "as_json", is_flag=True)
def actors_resolve(name: tuple[str, ...], date: str | None, as_json: bool) -> None:
    """Turn a name into its code: "Republic of Korea" -> KOR, "N.A.T.O." -> NATO."""
    text = " ".join(name)
    code = actors_service.resolve_actor(text, on=ledger.parse_date(date))  # a blank name is unknown too
    info = ledger.actor_info(code)
    result = {"name": text, "code": code, "actor": info.name, "kind": info.kind}
    print_json(result) if as_json else click.echo(f"{code}  {info.name} ({info.kind})")


@actors_group.command("members")
@click.argument("group")
@click.option("--date", help="Members on this date (default: today).")
@click.option("--json", "as_json", is_flag=True)
def actors_members(group: str, date: str | None, as_json: bool) -> None:
    """Members of a group on a date, e.g. `aidtrack actors members NATO --date 2023-03-15`."""
    members = ledger.group_members(group, on=ledger.parse_date(date), store=ledger.open_store())
    print_json(members) if as_json else click.echo(" ".join(members) + f"\n({len(members)} members)")


@actors_group.command("list")
@click.option("--kind", type=click.Choice(["country", "organisation"]))
@click.option("--json", "as_json", is_flag=True)
def actors_list(kind: str | None, as_json: bool) -> None:
    """List every actor code aidtrack knows."""
    rows = ledger.list_actors(kind=kind)
    print_json(rows) if as_json else print_table(rows, ["code", "name", "kind"])


@click.command("settings")
@click.option("--json", "as_json", is_flag=True)
def settings_command(as_json: bool) -> None:
    """Show every setting, its value and where to change it."""
    values = settings.resolved()
    rows = [
        {"name": s.name, "value": values[s.name], "env": s.env, "help": s.help} for s in settings.SETTINGS
    ]
    print_json(rows) if as_json else print_table(rows, ["name", "value", "env", "help"])


COMMANDS = [init, status, add, list_group, export, audit, actors_group, settings_command]
