"""Request limits and the Content-Security-Policy.

Bodies over ``max_request_bytes`` and writes without a token are refused before the
body is read (the ASGI tests below fail if the app asks for the body at all); unauthenticated
``/api/extract`` calls are rate-limited per client; every page carries a policy that
allows same-origin files and the page's own chart scripts only, and the charts still draw
in Chromium without a single policy violation.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI

from aidtrack.db import Store
from aidtrack.web import create_app
from aidtrack.web.app import RateLimit, page_policy
from tests.web.conftest import LiveServer

RECORD = {
    "donor": "KOR",
    "stage": "commitment",
    "category": "military",
    "source_url": "https://example.org/x",
}
ARTICLE = {"text": "Kyiv urges Seoul\n\nKyiv urged South Korea to send artillery shells."}


def _call(
    app: FastAPI, method: str, path: str, *, headers: dict[str, str], chunks: list[bytes], query: str = ""
) -> tuple[int, dict[str, str], dict[str, Any], int]:
    """Run one request through the ASGI app; returns status, headers, JSON body and body chunks read."""
    read = 0
    pending = list(chunks)
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal read
        if not pending:
            return {"type": "http.disconnect"}
        read += 1
        chunk = pending.pop(0)
        return {"type": "http.request", "body": chunk, "more_body": bool(pending)}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "scheme": "http",
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.9", 5555),
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
    }
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    head = {k.decode(): v.decode() for k, v in start["headers"]}
    return start["status"], head, json.loads(body or b"{}"), read


@pytest.fixture
def small_app(web_store: Store, monkeypatch: pytest.MonkeyPatch) -> FastAPI:
    monkeypatch.setenv("AIDTRACK_MAX_REQUEST_BYTES", "2000")
    monkeypatch.setenv("AIDTRACK_EXTRACT_RATE_LIMIT", "2")
    return create_app(web_store.url)


def test_a_body_over_the_limit_is_refused_unread(small_app: FastAPI, auth: dict[str, str]) -> None:
    body = json.dumps({**RECORD, "evidence": "x" * 5000}).encode()
    status, headers, answer, read = _call(
        small_app,
        "POST",
        "/api/support",
        chunks=[body],
        headers={**auth, "content-type": "application/json", "content-length": str(len(body))},
    )
    assert (status, read) == (413, 0)
    assert answer["type"] == "request-too-large" and "at most 2,000 bytes" in answer["error"]
    assert "content-security-policy" in headers


def test_a_body_without_length_is_cut_off_at_the_limit(small_app: FastAPI, auth: dict[str, str]) -> None:
    chunks = [b"x" * 1000] * 50  # 50 kB announced by no header
    status, _, answer, read = _call(
        small_app, "POST", "/api/support", chunks=chunks, headers={**auth, "content-type": "application/json"}
    )
    assert status == 413 and answer["type"] == "request-too-large"
    assert read <= 3  # stopped reading just past 2,000 bytes


@pytest.mark.parametrize(
    "path, query",
    [
        ("/api/support", ""),
        ("/api/events", ""),
        ("/api/support/1", ""),
        ("/api/review/1", ""),
        ("/api/extract", "store=true"),
    ],
)
def test_writes_without_a_token_are_refused_before_the_body(
    small_app: FastAPI, path: str, query: str
) -> None:
    method = "PATCH" if path == "/api/support/1" else "POST"
    body = json.dumps(RECORD).encode()
    for headers in ({}, {"authorization": "Bearer aidt_not-a-token"}):
        status, head, answer, read = _call(
            small_app,
            method,
            path,
            query=query,
            chunks=[body],
            headers={**headers, "content-type": "application/json", "content-length": str(len(body))},
        )
        assert (status, read) == (401, 0), answer
        assert answer["type"] == "unauthorized" and head["www-authenticate"] == "Bearer"


def test_a_write_with_a_token_within_the_limit_goes_through(
    small_app: FastAPI, auth: dict[str, str], web_store: Store
) -> None:
    body = json.dumps(RECORD).encode()
    status, _, answer, read = _call(
        small_app, "POST", "/api/support", chunks=[body], headers={**auth, "content-type": "application/json"}
    )
    assert (status, read) == (201, 1), answer
    assert web_store.get("support", answer["id"])["donor"] == "KOR"


def test_extract_without_a_token_is_rate_limited_per_client(small_app: FastAPI, auth: dict[str, str]) -> None:
    body = json.dumps(ARTICLE).encode()
    headers = {"content-type": "application/json", "content-length": str(len(body))}
    answers = [_call(small_app, "POST", "/api/extract", chunks=[body], headers=headers) for _ in range(3)]
    assert [a[0] for a in answers] == [200, 200, 429]
    status, head, answer, read = answers[2]
    assert read == 0 and answer["type"] == "rate-limited" and "at most 2 a minute" in answer["error"]
    assert 1 <= int(head["retry-after"]) <= 60
    status, *_ = _call(small_app, "POST", "/api/extract", chunks=[body], headers={**headers, **auth})
    assert status == 200  # a token lifts the limit


def test_rate_limit_window_slides() -> None:
    now = [1000.0]
    limit = RateLimit(2, clock=lambda: now[0])
    assert [limit.retry_after("a"), limit.retry_after("a"), limit.retry_after("b")] == [None, None, None]
    assert limit.retry_after("a") == 60
    now[0] += 45
    assert limit.retry_after("a") == 15
    now[0] += 15
    assert limit.retry_after("a") is None
    assert RateLimit(0).retry_after("a") is None  # 0 turns the limit off


PAGES = [
    "/",
    "/country/KOR",
    "/compare?donor=KOR&peers=G7",
    "/events",
    "/review",
    "/check",
    "/docs",
    "/no-such-page",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_same_origin_policy(client: Any, path: str) -> None:
    response = client.get(path)
    policy = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    scripts = directives["script-src"].split()
    assert scripts[0] == "'self'" and all(s.startswith("'sha256-") for s in scripts[1:])
    assert "unsafe-inline" not in directives["script-src"] and "http" not in policy
    html = response.text
    for url in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', html):
        assert url.startswith("/") and not url.startswith("//"), url  # nothing from other hosts
    inline = [m for m in re.findall(r"<script>(.*?)</script>", html, re.DOTALL) if m.strip()]
    assert len(scripts) - 1 == len(set(inline))


def test_api_answers_carry_a_deny_all_policy(client: Any) -> None:
    assert (
        client.get("/api/support").headers["content-security-policy"]
        == "default-src 'none'; frame-ancestors 'none'"
    )


def test_an_injected_inline_script_gets_no_hash() -> None:
    page = "<p>hi</p><script>draw()</script>"
    assert page_policy(page) != page_policy(page + "<script>alert(1)</script>")
    assert "sha256" not in page_policy('<script src="/static/plotly.min.js"></script>')


# -- in the browser ------------------------------------------------------------------------


@pytest.fixture
def browser_page(chromium: Any, live_server: LiveServer) -> Iterator[Any]:
    context = chromium.new_context(base_url=live_server.url)
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort(),
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.mark.browser
def test_charts_draw_under_the_policy_without_violations(browser_page: Any) -> None:
    page = browser_page
    messages: list[str] = []
    page.on("console", lambda msg: messages.append(msg.text) if msg.type in ("error", "warning") else None)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    for path, chart in (("/", "#chart-ranking"), ("/country/KOR", "#chart-peers")):
        page.goto(path)
        page.locator(f"{chart} .main-svg").first.wait_for()
        assert page.locator(".plotly-graph-div .main-svg").count() >= 1
    page.goto("/review")
    page.goto("/check")
    assert [m for m in messages if "Content Security Policy" in m or "CSP" in m] == []
