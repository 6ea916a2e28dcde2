"""Rules commands: `rules COUNTRY`, `rules changes`, `rules stale`, `rules audit`, `check-transfer`, `options`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click
from rich.console import Console
from rich.markdown import Markdown

from aidtrack.cli import output
from aidtrack.cli.options import json_option
from aidtrack.cli.output import print_json
from aidtrack.errors import UnknownActorError, ValidationError
from aidtrack.rules.render import (
    render_changes,
    render_check,
    render_rules,
    render_stale,
)
from aidtrack.services import rules as rules_service
from aidtrack.services.actors import resolve_actor
from aidtrack.services.rules import (
    audit_register,
    render_options,
    rule_changes,
    rule_dict,
    rules_in_force,
    stale_rules,
)


class _Date(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f'"{value}" is not a date; write it as YYYY-MM-DD, e.g. 2023-03-01.', param, ctx)


DATE = _Date()


def _debugging() -> bool:
    """Whether ``aidtrack --debug`` asked for full tracebacks."""
    context = click.get_current_context(silent=True)
    return bool(context and context.find_root().params.get("debug"))


def _usage_error(ex: ValidationError, option: str | None = None) -> click.UsageError:
    """A bad value typed by the user, as a usage error naming the option (exit status 2);
    with ``--debug`` the original error is raised instead, traceback and all."""
    if _debugging():
        raise ex
    return click.UsageError(f"{option}: {ex}" if option else str(ex))


def _country(value: str, *, option: str) -> str:
    try:
        return resolve_actor(value)
    except UnknownActorError as ex:
        raise _usage_error(ex, option) from None


def _console() -> Console:
    return output.console()


class _CountryGroup(click.Group):
    """`rules KOR` shows a country's rules; `rules changes ...` lists changes."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["show", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_CountryGroup)
def rules() -> None:
    """Export rules on supplying a party to a war, by country and over time.

    \b
    aidtrack rules KOR [--as-of 2023-03-01] [--json]
    aidtrack rules changes --since 2022-02-24 [--until 2023-12-31] [--country DEU] [--json]
    aidtrack rules stale --older-than 365 [--json]
    aidtrack rules audit
    """


@rules.command("show")
@click.argument("country")
@click.option("--as-of", "as_of", type=DATE, default=None, help="Date to judge (default: today).")
@json_option
def show(country: str, as_of: dt.date | None, as_json: bool) -> None:
    """The rules binding COUNTRY on a date, with the ones set aside by precedence."""
    code = _country(country, option="COUNTRY")
    day = as_of or dt.date.today()
    found = rules_in_force(code, on=day)
    if as_json:
        print_json({"country": code, "as_of": day, "rules": [rule_dict(r) for r in found]})
        return
    _console().print(Markdown(render_rules(found, country=code, on=day), hyperlinks=False))


@rules.command("changes")
@click.option("--since", type=DATE, required=True, help="First date (YYYY-MM-DD).")
@click.option("--until", type=DATE, default=None, help="Last date (default: no limit).")
@click.option("--country", default=None, help="Only this country (code or name).")
@json_option
def changes(since: dt.date, until: dt.date | None, country: str | None, as_json: bool) -> None:
    """Who loosened or tightened which rule, when, with sources."""
    code = _country(country, option="--country") if country else None
    found = rule_changes(since=since, until=until, country=code)
    if as_json:
        print_json([c.to_dict() for c in found])
        return
    _console().print(Markdown(render_changes(found, since=since, until=until), hyperlinks=False))


@rules.command("stale")
@click.option(
    "--older-than",
    "older_than",
    type=click.IntRange(min=0),
    default=365,
    show_default=True,
    help="Days since a rule's last review.",
)
@click.option(
    "--as-of", "as_of", type=DATE, default=None, help="Count the days back from this date (default: today)."
)
@json_option
def stale(older_than: int, as_of: dt.date | None, as_json: bool) -> None:
    """Rules not reviewed against their sources in the last N days (never-reviewed first)."""
    day = as_of or dt.date.today()
    found = stale_rules(older_than=older_than, today=day)
    if as_json:
        print_json(
            [
                {"id": r.id, "country": r.country, "title": r.title, "last_reviewed": r.last_reviewed}
                for r in found
            ]
        )
        return
    _console().print(Markdown(render_stale(found, older_than=older_than, today=day), hyperlinks=False))


@rules.command("audit")
def audit() -> None:
    """Check the shipped register: basis, legal reference, start date or reason, review date, source policy."""
    problems = audit_register()
    if problems:
        raise click.ClickException(
            f"{len(problems)} problem(s) in the rules register:\n" + "\n".join(problems)
        )
    click.echo("The rules register passes: every rule is citable and every source passes the source policy.")


@click.command("check-transfer")
@click.option("--from", "origin", required=True, help="Exporting state (code or name), e.g. KOR.")
@click.option("--to", "recipient", required=True, help="Final recipient, e.g. UKR.")
@click.option(
    "--item",
    required=True,
    help="lethal, non_lethal, ammunition or dual_use (or weapons, shells, helmets...).",
)
@click.option("--via", multiple=True, help="Intermediary state, in order; repeat for several.")
@click.option(
    "--transit",
    multiple=True,
    help="State whose straits, airspace or land the shipment crosses without a handover; repeat for several.",
)
@click.option(
    "--origin-of-manufacture",
    "maker",
    default=None,
    help="Country where the item was made (default: --from).",
)
@click.option(
    "--equipment",
    default=None,
    help="Named equipment some rules are limited to: leopard_2, licence_built, gcap_fighter, patriot_interceptor.",
)
@click.option("--date", "on", type=DATE, default=None, help="Date to judge (default: today).")
@json_option
def check_transfer(
    origin: str,
    recipient: str,
    item: str,
    via: tuple[str, ...],
    transit: tuple[str, ...],
    maker: str | None,
    equipment: str | None,
    on: dt.date | None,
    as_json: bool,
) -> None:
    """Check a transfer route hop by hop: findings with rules and sources, and a verdict."""
    try:
        result = rules_service.check_route(
            _country(origin, option="--from"),
            _country(recipient, option="--to"),
            item,
            via=tuple(_country(v, option="--via") for v in via),
            manufacturer=_country(maker, option="--origin-of-manufacture") if maker else None,
            on=on,
            transit=tuple(_country(t, option="--transit") for t in transit),
            equipment=equipment,
        )
    except ValidationError as ex:
        raise _usage_error(ex) from None
    if as_json:
        print_json(result.to_dict())
        return
    _console().print(Markdown(render_check(result), hyperlinks=False))


@click.command("options")
@click.argument("donor")
@click.option("--as-of", "as_of", type=DATE, default=None, help="Date to judge (default: today).")
@click.option("--to", "recipient", default="UKR", show_default=True, help="Recipient.")
@click.option(
    "--peers",
    default="G7",
    show_default=True,
    help="Peer group for the step-up gap (G7, NATO, EU, OECD or codes).",
)
@json_option
def options(donor: str, as_of: dt.date | None, recipient: str, peers: str, as_json: bool) -> None:
    """DONOR's routes to support the recipient: verdicts, citations, the peers that used
    each route (from the ledger), appeals and threats, and the step-up gap."""
    code = _country(donor, option="DONOR")
    report = rules_service.options_report(
        code, as_of=as_of, recipient=_country(recipient, option="--to"), peers=peers
    )
    if as_json:
        print_json(report.to_dict())
        return
    _console().print(Markdown(render_options(report), hyperlinks=False))


COMMANDS = [rules, check_transfer, options]
