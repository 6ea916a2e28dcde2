"""``create_app()``: the FastAPI application (API routers, pages, static files, errors).

Run it with ``aidtrack serve``; in tests, ``TestClient(create_app("sqlite:///..."))``.
"""

from __future__ import annotations

import importlib.resources
import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from aidtrack import errors
from aidtrack.db import Store
from aidtrack.services import ledger
from aidtrack.web import api, feeds, pages, views
from aidtrack.web.status import status_of

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"

DESCRIPTION = """A sourced ledger of international support to Ukraine: support records,
diplomatic events, rankings, peer comparisons, export rules and news extraction.

Read endpoints are open. Every write needs `Authorization: Bearer <token>`; create a
token with `aidtrack token create NAME`. Errors are JSON:
`{"ok": false, "type": "validation-error", "error": "..."}`."""


def create_app(database_url: str | None = None, *, starter: bool = False) -> FastAPI:
    """The web app on the ledger at ``database_url`` (default: the CLI's database).

    With ``starter=True`` an empty ledger is first filled with the offline starter
    data, so a new user sees figures at once.
    """
    store = ledger.open_store(database_url)
    if starter:
        ensure_starter(store)
    app = FastAPI(title="aidtrack", version=_version(), description=DESCRIPTION)
    app.state.store = store
    app.include_router(api.router)
    app.include_router(feeds.router)
    app.add_api_route("/static/plotly.min.js", plotly_js, methods=["GET"], include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(pages.router)
    _add_error_handlers(app)
    app.add_middleware(ForgetAfterWrites, store=store)
    app.add_middleware(SecurityHeaders)
    return app


class SecurityHeaders:
    """ASGI middleware: no MIME sniffing, no framing, no referrer to other sites."""

    HEADERS = ((b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
               (b"referrer-policy", b"same-origin"))

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


class ForgetAfterWrites:
    """ASGI middleware: after a POST/PATCH, the cached analysis results are recomputed on next read."""

    def __init__(self, app: ASGIApp, *, store: Store) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return

        async def forget_then_send(message: Message) -> None:
            if message["type"] == "http.response.start":  # before the client can read the answer
                views.forget(self.store)
            await send(message)

        await self.app(scope, receive, forget_then_send)


def serve_app() -> FastAPI:
    """The app `aidtrack serve` runs: the CLI's database, starter data if empty."""
    return create_app(starter=True)


def ensure_starter(store: Store) -> None:
    """Fill an empty ledger with the offline starter data (Kiel R29 donor-month aggregates) and
    load the shipped signals register (idempotent), so a new user sees figures and events at once."""
    from aidtrack.services import analysis, signals

    if analysis.load_starter_if_empty(store):
        log.info("The ledger was empty: loaded the starter data")
    signals.import_signals(store, by="aidtrack serve")


def plotly_js() -> FileResponse:
    """Plotly's JS from the installed plotly package, so pages work offline."""
    path = importlib.resources.files("plotly") / "package_data" / "plotly.min.js"
    return FileResponse(str(path), media_type="application/javascript",
                        headers={"Cache-Control": "public, max-age=86400"})


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("aidtrack")
    except PackageNotFoundError:
        return "0"


def error_body(kind: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"ok": False, "type": kind, "error": message, **extra}


def _add_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(errors.AidtrackError, _library_error)
    app.add_exception_handler(RequestValidationError, _request_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _bug)


async def _bug(request: Request, ex: Exception) -> Response:
    """A bug, not bad input: logged with its traceback, answered as JSON (500)."""
    log.error("Unexpected error on %s %s", request.method, request.url.path, exc_info=ex)
    message = "Unexpected error; it has been logged. Please report it with the request you sent."
    return JSONResponse(error_body("internal-error", message), status_code=500)


async def _library_error(request: Request, ex: Exception) -> Response:
    assert isinstance(ex, errors.AidtrackError)
    extra: dict[str, Any] = {}
    if isinstance(ex, errors.UnknownActorError):
        extra["suggestions"] = ex.suggestions
    code = status_of(ex)
    if not request.url.path.startswith("/api") and request.method == "GET" and code != 401:
        return pages.error_page(request, code, ex.type, str(ex))
    headers = {"WWW-Authenticate": "Bearer"} if code == 401 else None
    return JSONResponse(error_body(ex.type, str(ex), **extra), status_code=code, headers=headers)


async def _request_error(request: Request, ex: Exception) -> Response:
    assert isinstance(ex, RequestValidationError)
    parts = []
    for err in ex.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    message = "Invalid request: " + "; ".join(parts) + ". See /docs for the expected input."
    if not request.url.path.startswith("/api") and request.method == "GET":
        return pages.error_page(request, 422, "validation-error", message)
    return JSONResponse(error_body("validation-error", message), status_code=422)


async def _http_error(request: Request, ex: Exception) -> Response:
    assert isinstance(ex, StarletteHTTPException)
    kind = {400: "bad-request", 401: "unauthorized", 404: "not-found", 405: "method-not-allowed"}.get(
        ex.status_code, "http-error")
    if ex.status_code == 404 and not request.url.path.startswith("/api"):
        return pages.error_page(request, 404, kind, f"No page at {request.url.path}.")
    return JSONResponse(error_body(kind, str(ex.detail)), status_code=ex.status_code,
                        headers=getattr(ex, "headers", None))
