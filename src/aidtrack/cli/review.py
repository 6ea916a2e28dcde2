"""`aidtrack review`: accept, reject or edit candidate events proposed by extraction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import click
from rich.panel import Panel
from rich.text import Text

from aidtrack.cli.ledger import print_table
from aidtrack.cli.output import console as _console
from aidtrack.cli.output import print_json
from aidtrack.services import ledger
from aidtrack.services import review as review_service
from aidtrack.services.review import Candidate, ReviewLink

console = _console()
_KEYS = (
    "type",
    "donor",
    "recipient",
    "actor",
    "target",
    "category",
    "stage",
    "direction",
    "amount",
    "currency",
    "amount_eur",
    "confidence",
)
_LINK_COLUMNS = ["ref", "linked_ref", "date", "confidence", "evidence", "source_url"]


def _ref(row: Candidate) -> str:
    return review_service.ref(row["table"], row["id"])


def _parse_ref(ref: str) -> tuple[str, int]:
    prefix, digits = ref[:1].upper(), ref[1:]
    if prefix not in ("E", "S") or not digits.isdigit():
        raise click.BadParameter(
            f'"{ref}" is not a candidate reference; use E12 for event 12 or S5 for '
            "support record 5 (see `aidtrack review --list`)."
        )
    return ("events" if prefix == "E" else "support"), int(digits)


def _facts(row: Mapping[str, object]) -> str:
    """The key fields a record has, as ``key=value`` pairs."""
    return "  ".join(f"{k}={row[k]}" for k in _KEYS if row.get(k) is not None)


def _show(row: Candidate) -> None:
    body = Text(_facts(row) + "\n\n", style="bold")
    body.append(row["evidence"] or "(no evidence sentence)", style="italic")
    body.append(
        f"\n\nsource: {row['source_title'] or ''} {row['source_url'] or ''} {row['source_published'] or ''}"
    )
    for link in row.get("corroborations") or []:
        body.append(f"\nalso reported by: {link.get('source_title') or ''} {link.get('source_url') or ''}")
    console.print(Panel(body, title=f"{_ref(row)}  {row.get('date') or 'undated'}"))


@click.group(invoke_without_command=True)
@click.option(
    "--list", "list_only", is_flag=True, help="List the candidates and the links to existing records."
)
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@click.option(
    "--sort",
    type=click.Choice(review_service.SORTS),
    default="created",
    show_default=True,
    help="created: oldest first; confidence: most confident extraction first.",
)
@click.option("--json", "as_json", is_flag=True, help="With --list: machine-readable JSON.")
@click.pass_context
def review(ctx: click.Context, list_only: bool, limit: int, sort: str, as_json: bool) -> None:
    """Review candidate events one by one: [a]ccept, [r]eject, [e]dit, [s]kip, [q]uit.

    \b
    Non-interactive:
      aidtrack review --list --sort confidence
      aidtrack review accept E12
      aidtrack review reject S5
      aidtrack review edit E12 category=military target=KOR
      aidtrack review unlink L3   (an article wrongly linked to an existing record)
    """
    if ctx.invoked_subcommand is not None:
        return
    store = ledger.open_store()
    rows = review_service.candidates(store=store, limit=limit, sort=sort)
    if list_only or as_json:
        _list(rows, review_service.links(store=store, limit=limit), as_json=as_json)
        return
    if not rows:
        click.echo("No candidates to review. Add some with `aidtrack extract FILE --store`.")
        return
    _interactive(rows)


def _list(rows: Sequence[Candidate], links: Sequence[ReviewLink], *, as_json: bool) -> None:
    data = [
        {
            "ref": _ref(r),
            **_columns(r, ("date", *_KEYS, "via", "evidence", "source_url")),
            "type": r.get("type") or r["table"],  # a row of the support table is a support event
            "corroborations": len(r.get("corroborations") or []),
        }
        for r in rows
    ]
    if as_json:
        print_json(data)
        return
    print_table(
        data,
        [
            "ref",
            "date",
            "confidence",
            "type",
            "donor",
            "recipient",
            "via",
            "actor",
            "target",
            "category",
            "amount",
            "currency",
            "amount_eur",
            "source_url",
        ],
        title=f"{len(data)} candidates",
    )
    if links:
        print_table(
            links, _LINK_COLUMNS, title="Linked to existing records (undo with `aidtrack review unlink L<n>`)"
        )


def _columns(row: Mapping[str, object], keys: Sequence[str]) -> dict[str, object]:
    """``keys`` of ``row`` (``None`` for a field its table does not have)."""
    return {k: row.get(k) for k in keys}


def _interactive(rows: Sequence[Candidate]) -> None:
    store = ledger.open_store()
    for row in rows:
        _show(row)
        choice = click.prompt(
            "[a]ccept [r]eject [e]dit [s]kip [q]uit",
            default="s",
            type=click.Choice(["a", "r", "e", "s", "q"]),
            show_choices=False,
        )
        if choice == "q":
            return
        if choice == "s":
            continue
        changes = {}
        if choice == "e":
            changes = review_service.parse_changes(click.prompt("FIELD=VALUE (space separated)").split())
        decision = {"a": "accept", "r": "reject", "e": "edit"}[choice]
        review_service.decide(row["table"], row["id"], decision, store=store, changes=changes)
        click.echo(f"{_ref(row)}: {decision}ed")


def _decide(ref: str, decision: str, pairs: tuple[str, ...] = ()) -> None:
    table, record_id = _parse_ref(ref)
    changes = review_service.parse_changes(pairs)
    row = review_service.decide(table, record_id, decision, store=ledger.open_store(), changes=changes)
    click.echo(f"{ref}: {decision}ed -> status {row['status']}")


@review.command("accept")
@click.argument("ref")
def accept(ref: str) -> None:
    """Confirm a candidate (E12 = event 12, S5 = support record 5)."""
    _decide(ref, "accept")


@review.command("reject")
@click.argument("ref")
def reject(ref: str) -> None:
    """Reject a candidate; it stays in the ledger, marked rejected."""
    _decide(ref, "reject")


@review.command("edit")
@click.argument("ref")
@click.argument("changes", nargs=-1, required=True)
def edit(ref: str, changes: tuple[str, ...]) -> None:
    """Correct fields of a candidate and confirm it: `edit E12 category=military`."""
    _decide(ref, "edit", changes)


@review.command("unlink")
@click.argument("ref")
def unlink(ref: str) -> None:
    """Undo a link (L3): the article's event becomes a candidate of its own."""
    digits = ref[1:] if ref[:1].upper() == "L" else ref
    if not digits.isdigit():
        raise click.BadParameter(f'"{ref}" is not a link reference; use L3 (see `aidtrack review --list`).')
    row = review_service.undo_link(int(digits), store=ledger.open_store())
    click.echo(f"{ref}: unlinked -> new candidate {row['ref']}")


COMMANDS = [review]
