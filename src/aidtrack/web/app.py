"""``create_app()``: the FastAPI application (API routers, pages, static files, errors).

Run it with ``aidtrack serve``; in tests, ``TestClient(create_app("sqlite:///..."))``.
"""

from __future__ import annotations

import collections
import functools
import importlib.resources
import json
import logging
import math
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from aidtrack import errors, settings
from aidtrack.db import Store
from aidtrack.services import ledger
from aidtrack.web import api, feeds, pages
from aidtrack.web.auth import token_user
from aidtrack.web.cache import LEDGER_ETAG
from aidtrack.web.page_parts import API_POLICY, page_policy
from aidtrack.web.status import status_of

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"

DESCRIPTION = """A sourced ledger of international support to Ukraine: support records,
diplomatic events, rankings, peer comparisons, export rules and news extraction.

Read endpoints are open. Every write needs `Authorization: Bearer <token>`; create a
token with `aidtrack token create NAME`. The token is checked before the request body is
read. Bodies larger than the `max_request_bytes` setting are refused (413). `POST
/api/extract` without a token is limited per client to `extract_rate_limit` requests a
minute (429 with `Retry-After`). Errors are JSON:
`{"ok": false, "type": "validation-error", "error": "..."}`."""


def create_app(database_url: str | None = None, *, starter: bool = False) -> FastAPI:
    """The web app on the ledger at ``database_url`` (default: the CLI's database).

    With ``starter=True`` an empty ledger is first filled with the offline starter
    data, so a new user sees figures at once.
    """
    store = ledger.open_store(database_url)
    if starter:
        ensure_starter(store)
    # /docs is the app's own API reference page (pages.router): nothing is loaded from a CDN.
    app = FastAPI(
        title="aidtrack", version=_version(), description=DESCRIPTION, docs_url=None, redoc_url=None
    )
    app.state.store = store
    for router in _routers():
        app.include_router(router)
    app.add_api_route("/static/plotly.min.js", plotly_js, methods=["GET"], include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _add_error_handlers(app)
    app.add_middleware(LedgerETag, store=store)
    app.add_middleware(
        RequestLimits,
        store=store,
        token_routes=_write_routes(),
        max_bytes=_setting_int("max_request_bytes"),
        extract_per_minute=_setting_int("extract_rate_limit"),
    )
    app.add_middleware(SecurityHeaders)
    app.add_middleware(
        GZipMiddleware, minimum_size=1000, compresslevel=5
    )  # outermost: the others see plain bodies
    return app


def _setting_int(name: str) -> int:
    value = settings.get(name)
    try:
        return int(value)
    except ValueError:
        raise errors.ValidationError(
            f'Setting {name} "{value}" is not a whole number; set it to one, '
            "e.g. AIDTRACK_MAX_REQUEST_BYTES=5000000 (see `aidtrack settings`)."
        ) from None


# -- request limits ------------------------------------------------------------------------

TokenRoute = tuple[re.Pattern[str], frozenset[str]]


def _routers() -> tuple[APIRouter, ...]:
    """Every router the app serves (the API, feeds and pages); static files are mounted apart."""
    return (api.router, feeds.router, pages.router)


@functools.cache
def _write_routes() -> list[TokenRoute]:
    """:func:`token_routes` of the app's routers, read from their OpenAPI schema once per process
    (building the schema takes about 0.1 s; every app of this version has the same routes)."""
    probe = FastAPI()
    for router in _routers():
        probe.include_router(router)
    return token_routes(probe.openapi())


def token_routes(openapi: dict[str, Any]) -> list[TokenRoute]:
    """(path pattern, methods) of every operation that needs a bearer token, from the OpenAPI schema.

    The schema lists an operation's security requirement when its handler depends on
    :func:`aidtrack.web.auth.require_token`, so a new write route is covered without change here.
    """
    routes = []
    for path, operations in openapi.get("paths", {}).items():
        methods = frozenset(
            m.upper() for m, op in operations.items() if isinstance(op, dict) and op.get("security")
        )
        if methods:
            segments = ("[^/]+" if part.startswith("{") else re.escape(part) for part in path.split("/"))
            routes.append((re.compile("^" + "/".join(segments) + "$"), methods))
    return routes


class RateLimit:
    """At most ``per_minute`` requests per client in any 60 seconds (a sliding window)."""

    WINDOW = 60.0

    def __init__(self, per_minute: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self.seen: dict[str, collections.deque[float]] = {}

    def retry_after(self, client: str) -> int | None:
        """None when ``client`` may go ahead (and the request is counted), else seconds to wait."""
        if self.per_minute <= 0:
            return None
        now = self.clock()
        times = self.seen.setdefault(client, collections.deque())
        while times and times[0] <= now - self.WINDOW:
            times.popleft()
        if len(times) >= self.per_minute:
            return max(1, math.ceil(times[0] + self.WINDOW - now))
        times.append(now)
        if len(self.seen) > 10_000:
            self.seen = {k: v for k, v in self.seen.items() if v and v[-1] > now - self.WINDOW}
        return None


class RequestLimits:
    """ASGI middleware that refuses costly requests before their body is read.

    - a body over ``max_bytes`` (Content-Length, or counted while buffering a body sent
      without one): 413;
    - a write to a route that needs a token, without a valid token: 401;
    - ``POST /api/extract`` without a valid token, more than ``extract_per_minute``
      times a minute from one client: 429 with ``Retry-After``.
    """

    EXTRACT = "/api/extract"

    def __init__(
        self,
        app: ASGIApp,
        *,
        store: Store,
        token_routes: list[TokenRoute],
        max_bytes: int,
        extract_per_minute: int,
    ) -> None:
        self.app = app
        self.store = store
        self.token_routes = token_routes
        self.max_bytes = max_bytes
        self.extract_limit = RateLimit(extract_per_minute)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        length = _content_length(scope)
        if length is not None and length > self.max_bytes:
            await self._too_large(send, length)
            return
        refusal = await self._refusal(scope)
        if refusal is not None:
            await _send_json(send, *refusal)
            return
        if length is None:
            body = await _read_at_most(receive, self.max_bytes)
            if body is None:
                await self._too_large(send, None)
                return
            receive = _replay(body)
        await self.app(scope, receive, send)

    async def _refusal(self, scope: Scope) -> tuple[int, dict[str, Any], dict[str, str]] | None:
        """(status, body, headers) when the request must be refused before its body is read."""
        needs_token = self._needs_token(scope)
        is_extract = scope["path"] == self.EXTRACT
        if not (needs_token or is_extract):
            return None
        user, problem = await self._user(_bearer(scope))
        if needs_token and problem is not None:
            return 401, error_body(problem.type, str(problem)), {"WWW-Authenticate": "Bearer"}
        if is_extract and user is None:
            client = (scope.get("client") or ("unknown", 0))[0]
            wait = self.extract_limit.retry_after(client)
            if wait is not None:
                message = (
                    f"Too many extraction requests from {client}: at most {self.extract_limit.per_minute} "
                    f"a minute without a token. Retry in {wait} s, or send a token "
                    "(`aidtrack token create NAME`)."
                )
                return 429, error_body("rate-limited", message), {"Retry-After": str(wait)}
        return None

    async def _user(self, token: str | None) -> tuple[str | None, errors.AuthError | None]:
        """The name behind ``token``, or the reason there is none (missing, unknown, revoked)."""
        try:
            return await run_in_threadpool(token_user, token, self.store), None
        except errors.AuthError as ex:
            return None, ex

    def _needs_token(self, scope: Scope) -> bool:
        if any(
            scope["method"] in methods and pattern.match(scope["path"])
            for pattern, methods in self.token_routes
        ):
            return True
        if scope["path"] == self.EXTRACT:
            store = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("store", [""])[-1]
            return store.lower() in ("1", "true", "yes", "on")
        return False

    async def _too_large(self, send: Send, length: int | None) -> None:
        size = f"{length:,} bytes" if length is not None else "more than that"
        message = (
            f"The request body is {size}; at most {self.max_bytes:,} bytes are read (setting "
            "max_request_bytes). Send a smaller body, e.g. split the records into several requests."
        )
        await _send_json(send, 413, error_body("request-too-large", message), {"Connection": "close"})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _bearer(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            scheme, _, credentials = value.decode("latin-1").partition(" ")
            return credentials.strip() or None if scheme.lower() == "bearer" else None
    return None


async def _read_at_most(receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None as soon as it grows past ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _send_json(send: Send, status: int, body: dict[str, Any], headers: dict[str, str]) -> None:
    payload = json.dumps(body).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": payload})


class SecurityHeaders:
    """ASGI middleware: a Content-Security-Policy on every response, no MIME sniffing, no framing.

    Pages load scripts, styles, images and fonts from this server only. Their inline
    scripts (the chart set-up written with each plotly chart) are allowed by their
    SHA-256 hash, computed from the page itself, so no other inline script, event
    handler attribute or ``javascript:`` URL runs. Inline styles are allowed (plotly
    sets element styles).
    """

    HEADERS = (
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),
    )

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        held: list[Message] = []

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start" and _has_policy(message):
                # a kept page (web/cache.py) brings the policy computed when it was rendered
                message["headers"] = [*message.get("headers", []), *self.HEADERS]
                await send(message)
            elif message["type"] == "http.response.start" and not _is_html(message):
                message["headers"] = [
                    *message.get("headers", []),
                    *self.HEADERS,
                    (b"content-security-policy", API_POLICY.encode()),
                ]
                await send(message)
            elif message["type"] == "http.response.start" or held:
                held.append(message)
                if message["type"] == "http.response.body" and not message.get("more_body", False):
                    await self._send_page(send, held)
            else:
                await send(message)

        await self.app(scope, receive, with_headers)

    async def _send_page(self, send: Send, held: list[Message]) -> None:
        start, bodies = held[0], held[1:]
        body = b"".join(m.get("body", b"") for m in bodies)
        policy = page_policy(body.decode("utf-8", "replace"))
        start["headers"] = [
            *start.get("headers", []),
            *self.HEADERS,
            (b"content-security-policy", policy.encode()),
        ]
        await send(start)
        await send({"type": "http.response.body", "body": body})


def _is_html(start: Message) -> bool:
    return any(
        name == b"content-type" and value.startswith(b"text/html") for name, value in start.get("headers", [])
    )


def _has_policy(start: Message) -> bool:
    return any(name == b"content-security-policy" for name, _ in start.get("headers", []))


class LedgerETag:
    """ASGI middleware: analysis answers carry the ledger version as ``ETag``; a client that
    sends it back in ``If-None-Match`` gets 304 until the ledger (or the day) changes."""

    CACHED = re.compile(r"^/(api/(report|gap)\b|country/|$)")  # the API's lists and analyses keep their own

    def __init__(self, app: ASGIApp, *, store: Store) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or not self.CACHED.match(scope["path"])
        ):
            await self.app(scope, receive, send)
            return
        from aidtrack.services import analysis

        etag = await run_in_threadpool(analysis.ledger_etag, self.store)
        scope.setdefault("state", {})[LEDGER_ETAG] = etag  # kept pages are looked up by it (web/cache.py)
        asked = dict(scope["headers"]).get(b"if-none-match", b"").decode("latin-1")
        if analysis.etag_matches(asked, etag):
            await Response(status_code=304, headers={"ETag": etag, "Cache-Control": "no-cache"})(
                scope, receive, send
            )
            return

        async def tagged(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                message["headers"] = [
                    *message.get("headers", []),
                    (b"etag", etag.encode("latin-1")),
                    (b"cache-control", b"no-cache"),
                ]
            await send(message)

        await self.app(scope, receive, tagged)


def serve_app() -> FastAPI:
    """The app `aidtrack serve` runs: the CLI's database, starter data if empty."""
    return create_app(starter=True)


def ensure_starter(store: Store) -> None:
    """Fill an empty ledger with the offline starter data (Kiel R29 donor-month aggregates) and
    load the shipped signals register (idempotent), so a new user sees figures and events at once."""
    from aidtrack.services import bootstrap

    bootstrap.prepare(store, by="aidtrack serve")


def plotly_js() -> FileResponse:
    """Plotly's JS from the installed plotly package, so pages work offline."""
    path = importlib.resources.files("plotly") / "package_data" / "plotly.min.js"
    return FileResponse(
        str(path), media_type="application/javascript", headers={"Cache-Control": "public, max-age=86400"}
    )


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
        ex.status_code, "http-error"
    )
    if ex.status_code == 404 and not request.url.path.startswith("/api"):
        return pages.error_page(request, 404, kind, f"No page at {request.url.path}.")
    return JSONResponse(
        error_body(kind, str(ex.detail)), status_code=ex.status_code, headers=getattr(ex, "headers", None)
    )
