"""Web fixtures: a small ledger (G7 + KOR support, GDP, events, a candidate with an XSS payload),
an in-process client, a write token, and a live server on a free loopback port."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI

from aidtrack import models
from aidtrack.db import Store
from aidtrack.services import ledger, web_auth
from aidtrack.web import create_app

with warnings.catch_warnings():
    # Starlette asks for "httpx2"; the pinned httpx works (the warning is raised once, at import).
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient

XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">'
ARTICLE = (
    f"Seoul weighs shells {XSS}\n\n"
    "Kyiv urged South Korea to send artillery shells. "
    f"Ukraine's foreign minister called on Seoul to supply ammunition {XSS} within weeks. "
    "Officials in Seoul did not comment."
)
# donor: (GDP EUR, population, allocations military/humanitarian/financial in EUR m per month)
DONORS: dict[str, tuple[float, float, tuple[float, float, float]]] = {
    "USA": (21_000e9, 330e6, (2_000, 300, 1_000)),
    "DEU": (3_600e9, 83e6, (800, 100, 50)),
    "GBR": (2_700e9, 67e6, (600, 60, 100)),
    "JPN": (4_200e9, 125e6, (0, 150, 900)),
    "FRA": (2_500e9, 68e6, (300, 50, 40)),
    "ITA": (1_800e9, 59e6, (100, 30, 20)),
    "CAN": (1_700e9, 38e6, (250, 40, 300)),
    "KOR": (1_500e9, 52e6, (0, 40, 60)),
}
MONTHS = (dt.date(2022, 3, 1), dt.date(2022, 9, 1), dt.date(2023, 3, 1))
SOURCE = models.Source(url="https://example.org/kiel", publisher="Test data", kind="dataset")


def fill(store: Store) -> dict[str, Any]:
    """Put the test ledger into ``store``; returns the ids worth knowing."""
    records = []
    for donor, (_, _, amounts) in DONORS.items():
        for day in MONTHS:
            for category, millions in zip(("military", "humanitarian", "financial"), amounts):
                if millions:
                    records.append(
                        models.Support(
                            donor=donor,
                            category=category,
                            stage="allocation",
                            amount=millions * 1e6,
                            currency="EUR",
                            amount_eur=millions * 1e6,
                            date=day,
                            source=SOURCE,
                            origin="test",
                        )
                    )
            records.append(
                models.Support(
                    donor=donor,
                    category=None,
                    stage="commitment",
                    amount=sum(amounts) * 2e6,
                    currency="EUR",
                    amount_eur=sum(amounts) * 2e6,
                    date=day,
                    source=SOURCE,
                    origin="test",
                )
            )
    store.add_support(records, by="fixture")
    store.upsert_macro(
        [
            {"actor": d, "indicator": "gdp_eur_kiel_2021", "year": 2021, "value": gdp, "unit": "EUR"}
            for d, (gdp, _, _) in DONORS.items()
        ]
        + [
            {"actor": d, "indicator": "population", "year": 2021, "value": pop, "unit": "people"}
            for d, (_, pop, _) in DONORS.items()
        ],
        by="fixture",
    )
    appeal = ledger.add_event(
        {
            "type": "appeal",
            "actor": "UKR",
            "target": "KOR",
            "category": "military",
            "date": "2023-04-01",
            "summary": "Kyiv asks Seoul for shells",
            "source_url": "https://example.org/appeal",
        },
        store=store,
        by="fixture",
    )
    start = ARTICLE.index("Ukraine's foreign minister")
    end = ARTICLE.index("within weeks.") + len("within weeks.")
    candidate = ledger.add_event(
        {
            "type": "appeal",
            "actor": "UKR",
            "target": "KOR",
            "category": "military",
            "date": "2023-05-02",
            "summary": f"Appeal {XSS}",
            "evidence": ARTICLE[start:end],
            "evidence_start": start,
            "evidence_end": end,
            "confidence": 0.8,
            "status": "candidate",
            "origin": "extract",
            "source_title": f"Seoul weighs shells {XSS}",
            "source_url": "javascript:alert(3)",
        },
        store=store,
        by="fixture",
    )
    return {"appeal": appeal, "candidate": candidate}


@pytest.fixture(scope="session")
def ledger_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The test ledger, built once per session (migrations and actors take a while)."""
    path = tmp_path_factory.mktemp("ledger") / "template.db"
    store = ledger.open_store(f"sqlite:///{path}", fresh=True)
    ids = fill(store)
    store.engine.dispose()
    return path, ids


@pytest.fixture
def web_store(tmp_path: Path, ledger_file: tuple[Path, dict[str, Any]]) -> Store:
    """A private copy of the test ledger."""
    path = tmp_path / "web.db"
    shutil.copyfile(ledger_file[0], path)
    store = ledger.open_store(f"sqlite:///{path}", fresh=True)
    store.ids = dict(ledger_file[1])  # type: ignore[attr-defined]
    return store


@pytest.fixture
def app(web_store: Store) -> FastAPI:
    return create_app(web_store.url)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def token(web_store: Store) -> str:
    return web_auth.create_token("tester", store=web_store)


@pytest.fixture
def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """uvicorn serving ``app`` in a thread on a free loopback port."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError(f"the test server on {self.url} did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live_server(app: FastAPI) -> Iterator[LiveServer]:
    with LiveServer(app) as server:
        yield server


# -- headless Chromium (Debian's), never touching the network ---------------------------------

SHOTS = os.environ.get("AIDTRACK_SCREENSHOTS")  # read at import: clean_environ drops AIDTRACK_* later


@contextlib.contextmanager
def offline_page(chromium: Any, server: LiveServer, *, width: int, height: int = 900) -> Iterator[Any]:
    """A page whose requests to any host but the test server are aborted (and listed in ``page.blocked``)."""
    context = chromium.new_context(base_url=server.url, viewport={"width": width, "height": height})
    page = context.new_page()
    page.blocked = []
    page.dialogs = []

    def only_loopback(route: Any) -> None:
        if route.request.url.startswith(server.url):
            route.continue_()
        else:
            page.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()


def shots_folder(tmp_path: Path) -> Path:
    """Where screenshots go: ``$AIDTRACK_SCREENSHOTS`` if set, else the test's temporary folder."""
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder
