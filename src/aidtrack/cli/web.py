"""Web commands: `serve` (the API and dashboard) and `token create|revoke` (write access)."""

from __future__ import annotations

import click

from aidtrack import settings
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
    """Create or revoke API tokens (needed for every write through the web API)."""


@token.command("create")
@click.argument("name")
def token_create(name: str) -> None:
    """Create a token for NAME and print it once (only its SHA-256 hash is stored)."""
    value = web_auth.create_token(name, store=ledger.open_store())
    click.echo(value)
    click.echo(f"Token for {name} created. Keep it safe: it is shown only now. "
               "Send it as 'Authorization: Bearer <token>'.", err=True)


@token.command("revoke")
@click.argument("name")
def token_revoke(name: str) -> None:
    """Revoke every active token of NAME."""
    count = web_auth.revoke_token(name, store=ledger.open_store())
    click.echo(f"Revoked {count} token(s) of {name}.")


COMMANDS = [serve, token]
