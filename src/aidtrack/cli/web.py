"""Web commands: `serve` (the API and dashboard) and `token create|list|revoke` (write access)."""

from __future__ import annotations

import click

from aidtrack import settings
from aidtrack.cli.ledger import print_json, print_table
from aidtrack.services import ledger, web_auth


@click.command()
@click.option("--host", default=None, help="Address to listen on (default: setting host, 127.0.0.1).")
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help="Port to listen on (default: setting port, 8000).")
def serve(host: str | None, port: int | None) -> None:
    """Run the dashboard and JSON API (docs at /docs) on the ledger the CLI uses.

    An empty ledger is first filled with the offline starter data (Kiel Release 29
    donor-month aggregates), so the pages show figures at once. Writes through the
    API need a token: `aidtrack token create NAME`.
    """
    import uvicorn

    host = host or settings.get("host")
    port = port if port is not None else int(settings.get("port"))
    click.echo(f"aidtrack on http://{host}:{port}/ (API docs: /docs; Ctrl+C to stop)")
    uvicorn.run("aidtrack.web.app:serve_app", factory=True, host=host, port=port, log_level="warning")


@click.group()
def token() -> None:
    """Create, list or revoke API tokens (needed for every write through the web API)."""


@token.command("create")
@click.argument("name")
@click.option("--days", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Expire after this many days (default: valid until revoked).")
def token_create(name: str, days: float | None) -> None:
    """Create a token for NAME and print it once (only its SHA-256 hash is stored)."""
    value = web_auth.create_token(name, store=ledger.open_store(), days=days, by=ledger.current_user())
    click.echo(value)
    lifetime = f" It expires in {days:g} days." if days else ""
    click.echo(f"Token for {name} created.{lifetime} Keep it safe: it is shown only now. "
               "Send it as 'Authorization: Bearer <token>'.", err=True)


@token.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
def token_list(as_json: bool) -> None:
    """List tokens: id, name, created, expires, last used, revoked (never the secret)."""
    rows = web_auth.list_tokens(store=ledger.open_store())
    if as_json:
        print_json(rows)
    else:
        print_table(rows, ["id", "name", "created", "expires", "last_used", "revoked"], title=f"{len(rows)} tokens")


@token.command("revoke")
@click.argument("name", required=False)
@click.option("--id", "token_id", type=int, help="Revoke only the token with this id (see `aidtrack token list`).")
def token_revoke(name: str | None, token_id: int | None) -> None:
    """Revoke every active token of NAME, or one token with --id N."""
    count = web_auth.revoke_token(name, token_id=token_id, store=ledger.open_store(), by=ledger.current_user())
    which = f"token {token_id}" if token_id is not None else f"token(s) of {name}"
    click.echo(f"Revoked {count} {which}.")


COMMANDS = [serve, token]
