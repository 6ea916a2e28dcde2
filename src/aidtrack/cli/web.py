"""Web commands: `serve` (the API and dashboard) and `token create|list|revoke` (write access)."""

from __future__ import annotations

import socket

import click

from aidtrack import settings
from aidtrack.cli.ledger import print_table
from aidtrack.cli.options import json_option
from aidtrack.cli.output import print_json
from aidtrack.services import ledger, web_auth


@click.command()
@click.option("--host", default=None, help="Address to listen on (default: setting host, 127.0.0.1).")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=None,
    help="Port to listen on (default: setting port, 8000).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes answering requests (uvicorn workers); for a team, about one per CPU core.",
)
@click.option(
    "--poll-every",
    "poll_every",
    default=None,
    metavar="INTERVAL",
    help="Also poll the news feeds every INTERVAL (e.g. 30m, 2h) while serving; several servers "
    "on one database never poll the same feed at once.",
)
def serve(host: str | None, port: int | None, workers: int, poll_every: str | None) -> None:
    """Run the dashboard and JSON API (docs at /docs) on the ledger the CLI uses.

    An empty ledger is first filled with the offline starter data (Kiel Release 29
    donor-month aggregates), so the pages show figures at once. Writes through the
    API need a token: `aidtrack token create NAME`.

    \b
    For a team: several processes share the load, each with its own connections
    to the one database (PostgreSQL for more than a few writers), e.g.
      aidtrack --database postgresql+psycopg://aidtrack:PASS@db/aidtrack \\
        serve --workers 4 --port 8000
    behind a reverse proxy (nginx, Caddy) that terminates HTTPS and forwards to
    127.0.0.1:8000. With --poll-every, only this command's own process polls the
    feeds, however many workers answer requests.
    """
    import uvicorn

    from aidtrack.services import feeds as feeds_service

    interval = feeds_service.parse_interval(poll_every) if poll_every else None  # a bad value stops here
    host = host or settings.get("host")
    port = port if port is not None else int(settings.get("port"))
    if workers > 1:
        prepare_ledger()
    click.echo(f"aidtrack on http://{host}:{port}/ (API docs: /docs; {_processes(workers)}; Ctrl+C to stop)")
    poller = feeds_service.start_poller(interval) if interval else None
    if poller is not None:
        click.echo(f"Polling the news feeds every {poll_every} (the first poll starts now).")
    try:
        if workers == 1:
            uvicorn.run(APP, factory=True, host=host, port=port, workers=1, log_level="warning")
        else:
            run_workers(host, port, workers)
    finally:
        if poller is not None:
            poller.stop()


APP = "aidtrack.web.app:serve_app"


def run_workers(host: str, port: int, workers: int) -> None:
    """``uvicorn.run(..., workers=N)``, but on a listening socket that keeps Nagle's algorithm off.

    uvicorn binds the shared socket without naming TCP, so asyncio leaves Nagle on for the
    connections it accepts and every keep-alive request after the first waits ~40 ms for a
    delayed ACK (uvicorn issue 3149). The same socket, marked as TCP, avoids that.
    """
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(APP, factory=True, host=host, port=port, workers=workers, log_level="warning")
    Multiprocess(config, sockets=[as_tcp(config.bind_socket())]).run()


def as_tcp(sock: socket.socket) -> socket.socket:
    """``sock`` (bound, inheritable) marked as a TCP socket, so the connections it accepts get TCP_NODELAY."""
    if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.proto == socket.IPPROTO_TCP:
        return sock
    tcp = socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
    tcp.set_inheritable(True)
    return tcp


def _processes(workers: int) -> str:
    return "1 process" if workers == 1 else f"{workers} worker processes"


def prepare_ledger() -> None:
    """Migrate the ledger and fill it with the starter data once, before several workers start
    (each worker would otherwise try it at the same moment)."""
    from aidtrack.services import bootstrap

    bootstrap.prepare(ledger.open_store(), by="aidtrack serve")


@click.group()
def token() -> None:
    """Create, list or revoke API tokens (needed for every write through the web API)."""


@token.command("create")
@click.argument("name")
@click.option(
    "--days",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Expire after this many days (default: valid until revoked).",
)
def token_create(name: str, days: float | None) -> None:
    """Create a token for NAME and print it once (only its SHA-256 hash is stored)."""
    value = web_auth.create_token(name, store=ledger.open_store(), days=days, by=ledger.current_user())
    click.echo(value)
    lifetime = f" It expires in {days:g} days." if days else ""
    click.echo(
        f"Token for {name} created.{lifetime} Keep it safe: it is shown only now. "
        "Send it as 'Authorization: Bearer <token>'.",
        err=True,
    )


@token.command("list")
@json_option
def token_list(as_json: bool) -> None:
    """List tokens: id, name, created, expires, last used, revoked (never the secret)."""
    rows = web_auth.list_tokens(store=ledger.open_store())
    if as_json:
        print_json(rows)
    else:
        print_table(
            rows, ["id", "name", "created", "expires", "last_used", "revoked"], title=f"{len(rows)} tokens"
        )


@token.command("revoke")
@click.argument("name", required=False)
@click.option(
    "--id", "token_id", type=int, help="Revoke only the token with this id (see `aidtrack token list`)."
)
def token_revoke(name: str | None, token_id: int | None) -> None:
    """Revoke every active token of NAME, or one token with --id N."""
    count = web_auth.revoke_token(
        name, token_id=token_id, store=ledger.open_store(), by=ledger.current_user()
    )
    which = f"token {token_id}" if token_id is not None else f"token(s) of {name}"
    click.echo(f"Revoked {count} {which}.")


COMMANDS = [serve, token]
