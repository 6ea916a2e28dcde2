"""Polite HTTP fetching for feeds and articles (httpx).

One :class:`Fetcher` per poll: it sends the configured user agent, waits
``host_delay`` seconds between two requests to the same host, retries timeouts,
connection errors and 429/5xx answers with exponential backoff (or after the
``Retry-After`` seconds the server asks for, at most a minute), sends
``If-None-Match``/``If-Modified-Since`` when it knows a validator, and refuses
bodies larger than ``max_bytes``.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import ssl
import time
from collections.abc import Callable
from typing import Self
from urllib.parse import urlsplit

import httpx

from aidtrack.feeds.errors import FeedFetchError

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
MAX_BYTES = 10 * 1024 * 1024
MAX_RETRY_AFTER = 60.0


@dataclasses.dataclass(frozen=True)
class Response:
    """What a GET returned: ``status`` 200 with ``content``, or 304 (``not_modified``) with none."""

    url: str
    status: int
    content: bytes
    etag: str | None
    last_modified: str | None
    content_type: str
    retry_after: float | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def content_hash(text: str) -> str:
    """The SHA-256 of a text (an article's extracted text), to notice when it changes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@functools.cache
def tls_context() -> ssl.SSLContext:
    """One TLS context per process, shared by every fetcher (building one reads the whole CA
    bundle, about 20 ms; httpx would build one per client)."""
    return httpx.create_ssl_context()


class Fetcher:
    """GETs with a user agent, timeouts, retries with backoff, validators and a per-host delay.

        with Fetcher(user_agent="aidtrack-test", host_delay=0) as fetcher:
            fetcher.get("http://127.0.0.1:8000/feed.xml", etag='"abc"').not_modified
    True
    """

    def __init__(
        self,
        *,
        user_agent: str,
        timeout: float = 20.0,
        retries: int = 2,
        backoff: float = 1.0,
        host_delay: float = 1.0,
        max_bytes: int = MAX_BYTES,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.retries, self.backoff, self.host_delay, self.max_bytes = retries, backoff, host_delay, max_bytes
        self.timeout = timeout
        self._sleep, self._clock = sleep, clock
        self._last: dict[str, float] = {}
        self.requests = 0
        self._client = httpx.Client(
            headers={"User-Agent": user_agent},
            timeout=timeout,
            follow_redirects=True,
            transport=transport,
            verify=tls_context(),
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET ``url``; 200 and 304 are answers, anything else raises :class:`FeedFetchError`."""
        _check_url(url)
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self._once(url, headers)
            except httpx.TimeoutException:
                if last:
                    raise FeedFetchError(
                        f'"{url}" did not answer within {self.timeout:g} s '
                        f"({attempt + 1} tries); check the address or poll again later."
                    ) from None
            except httpx.TransportError as ex:
                if last:
                    raise FeedFetchError(
                        f'Cannot reach "{url}" ({type(ex).__name__}: {ex}) after '
                        f"{attempt + 1} tries; check the address and the network."
                    ) from None
            else:
                if response.status not in RETRY_STATUS or last:
                    return _answer(url, response)
                if response.retry_after is not None:  # the server said how long to wait (capped)
                    self._sleep(min(response.retry_after, MAX_RETRY_AFTER))
                    continue
            self._sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, url: str, headers: dict[str, str]) -> Response:
        self._wait_for_host(url)
        self.requests += 1
        try:
            with self._client.stream("GET", url, headers=headers) as answer:
                content = b"" if answer.status_code == 304 else self._read(url, answer)
                return Response(
                    url=str(answer.url),
                    status=answer.status_code,
                    content=content,
                    etag=answer.headers.get("ETag"),
                    last_modified=answer.headers.get("Last-Modified"),
                    content_type=answer.headers.get("Content-Type", ""),
                    retry_after=_seconds(answer.headers.get("Retry-After")),
                )
        finally:
            self._last[_host(url)] = self._clock()

    def _read(self, url: str, answer: httpx.Response) -> bytes:
        chunks, size = [], 0
        for chunk in answer.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FeedFetchError(
                    f'"{url}" sent more than {self.max_bytes // 1_000_000} MB; '
                    "a feed or article is never that large, so it was not read."
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def _wait_for_host(self, url: str) -> None:
        previous = self._last.get(_host(url))
        if previous is not None and self.host_delay > 0:
            wait = previous + self.host_delay - self._clock()
            if wait > 0:
                self._sleep(wait)


def _seconds(value: str | None) -> float | None:
    """A Retry-After given in seconds (an HTTP date or nonsense counts as not given)."""
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FeedFetchError(
            f'"{url}" is not an http(s) address; give a full URL such as https://example.org/feed.xml.'
        )


def _answer(url: str, response: Response) -> Response:
    if response.status in (200, 304):
        return response
    raise FeedFetchError(
        f'"{url}" answered HTTP {response.status}; check that the address still works '
        "(open it in a browser) and poll again later."
    )
