"""`aidtrack token create|revoke` and `aidtrack serve`, and the token service."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from aidtrack.cli import main
from aidtrack.db import Store
from aidtrack.errors import AuthError, NotFoundError, ValidationError
from aidtrack.services import ledger, web_auth


def test_token_create_prints_it_once_and_stores_only_the_hash(runner: CliRunner, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    result = runner.invoke(main, ["--database", url, "token", "create", "alice"])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip().splitlines()[0]
    assert token.startswith("aidt_") and len(token) > 40
    store = ledger.open_store(url)
    assert web_auth.verify_token(token, store=store) == "alice"
    with store.engine.connect() as conn:
        stored = [tuple(r) for r in conn.execute(sa.text("SELECT name, hash FROM tokens"))]
    assert stored == [("alice", hashlib.sha256(token.encode()).hexdigest())]
    revoked = runner.invoke(main, ["--database", url, "token", "revoke", "alice"])
    assert revoked.exit_code == 0 and "Revoked 1" in revoked.output
    with pytest.raises(AuthError):
        web_auth.verify_token(token, store=store)
    again = runner.invoke(main, ["--database", url, "token", "revoke", "alice"])
    assert again.exit_code == 1 and "No active token" in again.output


def test_tokens_are_distinct_and_names_checked(store: Store) -> None:
    first, second = (web_auth.create_token("bob", store=store) for _ in range(2))
    assert first != second
    assert web_auth.verify_token(second, store=store) == "bob"
    for bad in ("", "two words", "x" * 101):
        with pytest.raises(ValidationError):
            web_auth.create_token(bad, store=store)
    for token in (None, "", "aidt_unknown"):
        with pytest.raises(AuthError):
            web_auth.verify_token(token, store=store)
    with pytest.raises(NotFoundError):
        web_auth.revoke_token("nobody", store=store)


def test_serve_help(runner: CliRunner) -> None:
    result = runner.invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "--port" in result.output and "starter" in result.output


def test_serve_runs_uvicorn_on_the_cli_settings(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    result = runner.invoke(main, ["serve", "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert calls == [
        (
            "aidtrack.web.app:serve_app",
            {"factory": True, "host": "127.0.0.1", "port": 8765, "workers": 1, "log_level": "warning"},
        )
    ]
    assert "http://127.0.0.1:8765/" in result.output and "1 process" in result.output


def test_serve_with_workers_prepares_the_ledger_once_first(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Several workers never race to migrate or fill the ledger: the command did it before they start."""
    import uvicorn

    from aidtrack.cli import web as cli_web

    url = f"sqlite:///{tmp_path / 'team.db'}"
    seen: list[tuple[int, int]] = []

    def run(host: str, port: int, workers: int) -> None:
        counts = ledger.open_store(url).summary()["counts"]
        seen.append((workers, counts["support"]))

    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: pytest.fail("one process only with --workers 1"))
    monkeypatch.setattr(cli_web, "run_workers", run)
    result = runner.invoke(main, ["--database", url, "serve", "--workers", "2"])
    assert result.exit_code == 0, result.output
    [(workers, support)] = seen
    assert workers == 2 and support > 100
    assert "2 worker processes" in result.output
    assert runner.invoke(main, ["serve", "--workers", "0"]).exit_code == 2


def test_serve_refuses_a_poll_interval_that_is_not_a_duration(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    calls: list[str] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(app))
    result = runner.invoke(main, ["serve", "--poll-every", "soon"])
    assert result.exit_code == 1
    assert 'Poll interval "soon" is not a duration' in result.output
    assert calls == []


def test_serve_polls_the_feeds_while_serving_and_stops_after(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import uvicorn

    from aidtrack.services import feeds as feeds_service

    pollers: list[Any] = []
    start = feeds_service.start_poller
    monkeypatch.setattr(
        feeds_service, "start_poller", lambda every: pollers.append(start(every)) or pollers[-1]
    )
    during: list[bool] = []

    def serving(app: str, **options: Any) -> None:
        deadline = time.monotonic() + 30
        while pollers[0].runs == 0 and time.monotonic() < deadline:  # the first poll starts at once
            time.sleep(0.05)
        during.append(pollers[0]._thread.is_alive())

    monkeypatch.setattr(uvicorn, "run", serving)
    result = runner.invoke(main, ["serve", "--poll-every", "2h"])
    assert result.exit_code == 0, result.output
    assert "Polling the news feeds every 2h" in result.output
    [poller] = pollers
    assert poller.every == 7200 and during == [True]
    assert not poller._thread.is_alive() and poller.runs == 1


def test_serve_app_fills_an_empty_ledger_with_the_starter_data(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from aidtrack.services import imports, signals
    from aidtrack.web.app import create_app

    calls: list[str] = []
    monkeypatch.setattr(imports, "load_starter", lambda store, *, by: calls.append("starter"))
    monkeypatch.setattr(signals, "import_signals", lambda store, *, by: calls.append(f"signals by {by}"))
    url = f"sqlite:///{tmp_path / 'new.db'}"
    create_app(url, starter=True)
    assert calls == ["starter", "signals by aidtrack serve"]
    ledger.add_support(
        {"donor": "KOR", "stage": "allocation", "category": "military"}, store=ledger.open_store(url)
    )
    create_app(url, starter=True)
    assert calls == ["starter", "signals by aidtrack serve", "signals by aidtrack serve"]


@pytest.mark.slow
def test_aidtrack_serve_shows_south_korea_to_a_new_user(tmp_path: Path) -> None:
    """`aidtrack serve` on an empty ledger: starter data loaded, Korea's figures, peers and rules shown."""
    import os
    import subprocess
    import sys
    import time

    import httpx

    from tests.web.conftest import free_port

    port = free_port()
    env = {**os.environ, "AIDTRACK_DATABASE_URL": f"sqlite:///{tmp_path / 'new-user.db'}"}
    command = [sys.executable, "-c", "from aidtrack.cli import main; main()", "serve", "--port", str(port)]
    log = tmp_path / "serve.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT)
    try:
        page = None
        deadline = time.monotonic() + 180
        while page is None and time.monotonic() < deadline and server.poll() is None:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/country/KOR", timeout=30)
            except httpx.TransportError:
                time.sleep(0.3)
        assert page is not None, log.read_text()
        assert page.status_code == 200
        for text in (
            "South Korea (KOR)",
            "Peers (G7) and step-up gap",
            "Export rules in force",
            "Step-up gap",
        ):
            assert text in page.text
        overview = httpx.get(f"http://127.0.0.1:{port}/", timeout=30).text
        assert 'href="/country/KOR"' in overview and "The ledger is empty" not in overview
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_shared_socket_of_several_workers_accepts_connections_without_nagle() -> None:
    """uvicorn binds the workers' socket without naming TCP, so asyncio left Nagle on (each keep-alive
    request then waited for a delayed ACK); the socket `serve --workers` hands over is marked as TCP."""
    import asyncio
    import socket

    from aidtrack.cli.web import as_tcp

    def nodelay_of_accepted(listener: socket.socket) -> int:
        async def accept_one() -> int:
            accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

            class Probe(asyncio.Protocol):
                def connection_made(self, transport: Any) -> None:
                    sock = transport.get_extra_info("socket")
                    accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                    transport.close()

            server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
            _, writer = await asyncio.open_connection(*listener.getsockname()[:2])
            try:
                return await asyncio.wait_for(accepted, 10)
            finally:
                writer.close()
                server.close()

        return asyncio.run(accept_one())

    def bound() -> socket.socket:
        sock = socket.socket(socket.AF_INET)  # as uvicorn's Config.bind_socket makes it
        sock.bind(("127.0.0.1", 0))
        return sock

    assert nodelay_of_accepted(bound()) == 0
    marked = as_tcp(bound())
    assert marked.proto == socket.IPPROTO_TCP and marked.get_inheritable()
    assert nodelay_of_accepted(marked) != 0


@pytest.mark.slow
def test_serve_with_two_workers_answers_with_one_ledger(tmp_path: Path) -> None:
    """`aidtrack serve --workers 2`: both processes answer from the one ledger, filled once."""
    import os
    import subprocess
    import sys

    import httpx

    from tests.web.conftest import free_port

    port = free_port()
    url = f"sqlite:///{tmp_path / 'team.db'}"
    command = [
        sys.executable,
        "-c",
        "from aidtrack.cli import main; main()",
        "serve",
        "--port",
        str(port),
        "--workers",
        "2",
    ]
    log = tmp_path / "serve.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(
            command, env={**os.environ, "AIDTRACK_DATABASE_URL": url}, stdout=sink, stderr=subprocess.STDOUT
        )
    try:
        pages: list[httpx.Response] = []
        deadline = time.monotonic() + 180
        while len(pages) < 8 and time.monotonic() < deadline and server.poll() is None:
            try:  # new connections, so both workers take some
                pages.append(httpx.get(f"http://127.0.0.1:{port}/api/support?donor=KOR&limit=5", timeout=30))
            except httpx.TransportError:
                time.sleep(0.3)
        assert len(pages) == 8, log.read_text()
        assert {p.status_code for p in pages} == {200} and len({p.headers["etag"] for p in pages}) == 1
        assert pages[0].json()["total"] > 0 and "2 worker processes" in log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=60)
    assert ledger.open_store(url).summary()["counts"]["imports"] >= 1
