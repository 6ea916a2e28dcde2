"""Fetching: user agent, conditional GET, retries with backoff, timeouts, HTTP errors, per-host delay."""

from __future__ import annotations

import httpx
import pytest

from aidtrack import settings
from aidtrack.feeds import FeedFetchError, Fetcher
from aidtrack.feeds.demo import FixtureServer, Route
from aidtrack.services import feeds as feeds_service


def test_the_configured_user_agent_is_sent(server: FixtureServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIDTRACK_FEED_USER_AGENT", "aidtrack-test/1 (+https://example.org/contact)")
    with feeds_service.make_fetcher(timeout=2) as fetcher:
        fetcher.get(server.url("/world/rss.xml"))
    assert server.requests[-1][2]["User-Agent"] == "aidtrack-test/1 (+https://example.org/contact)"


def test_default_user_agent_names_aidtrack(server: FixtureServer) -> None:
    with feeds_service.make_fetcher(timeout=2) as fetcher:
        fetcher.get(server.url("/world/rss.xml"))
    assert server.requests[-1][2]["User-Agent"] == settings.get("feed_user_agent")
    assert server.requests[-1][2]["User-Agent"].startswith("aidtrack")


def test_etag_gives_304_and_no_body(server: FixtureServer, fetcher: Fetcher) -> None:
    first = fetcher.get(server.url("/world/rss.xml"))
    again = fetcher.get(server.url("/world/rss.xml"), etag=first.etag)
    assert first.status == 200 and first.etag and b"<rss" in first.content
    assert again.not_modified and again.content == b""
    assert server.requests[-1][2]["If-None-Match"] == first.etag


def test_last_modified_gives_304_when_there_is_no_etag(server: FixtureServer, fetcher: Fetcher) -> None:
    server.routes["/plain.xml"] = Route(b"<rss version='2.0'><channel/></rss>", etag="")
    first = fetcher.get(server.url("/plain.xml"))
    assert first.etag is None and first.last_modified
    assert fetcher.get(server.url("/plain.xml"), last_modified=first.last_modified).not_modified


def test_a_changed_resource_answers_200_despite_an_old_etag(server: FixtureServer, fetcher: Fetcher) -> None:
    first = fetcher.get(server.url("/world/rss.xml"))
    server.routes["/world/rss.xml"] = Route(first.content + b"\n", "application/rss+xml")
    assert fetcher.get(server.url("/world/rss.xml"), etag=first.etag).status == 200


def test_404_is_an_error_naming_the_address(server: FixtureServer, fetcher: Fetcher) -> None:
    with pytest.raises(FeedFetchError, match=r'/gone.xml" answered HTTP 404'):
        fetcher.get(server.url("/gone.xml"))
    assert server.hits("/gone.xml") == 1  # a 404 is not retried


def test_a_timeout_is_retried_then_reported(server: FixtureServer) -> None:
    server.routes["/slow.xml"] = Route(b"<rss/>", delay=1.5)
    with (
        Fetcher(user_agent="t", timeout=0.3, retries=1, backoff=0, host_delay=0) as fetcher,
        pytest.raises(FeedFetchError, match=r'/slow.xml" did not answer within 0.3 s \(2 tries\)'),
    ):
        fetcher.get(server.url("/slow.xml"))


def _flaky(statuses: list[int]) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(statuses[min(len(seen), len(statuses)) - 1], content=b"<rss/>")

    return httpx.MockTransport(answer), seen


def test_5xx_is_retried_with_exponential_backoff() -> None:
    transport, seen = _flaky([503, 502, 200])
    pauses: list[float] = []
    with Fetcher(
        user_agent="t", retries=2, backoff=0.5, host_delay=0, transport=transport, sleep=pauses.append
    ) as fetcher:
        assert fetcher.get("https://news.example/feed").status == 200
    assert len(seen) == 3 and pauses == [0.5, 1.0]


def test_429_waits_as_long_as_retry_after_asks_at_most_a_minute() -> None:
    answers = iter(
        [
            httpx.Response(429, headers={"Retry-After": "7"}),
            httpx.Response(503, headers={"Retry-After": "3600"}),
            httpx.Response(200, content=b"<rss/>"),
        ]
    )
    pauses: list[float] = []
    with Fetcher(
        user_agent="t",
        retries=2,
        backoff=0.5,
        host_delay=0,
        transport=httpx.MockTransport(lambda request: next(answers)),
        sleep=pauses.append,
    ) as fetcher:
        assert fetcher.get("https://news.example/feed").status == 200
    assert pauses == [7.0, 60.0]


def test_retries_run_out_on_persistent_5xx() -> None:
    transport, seen = _flaky([503])
    with (
        Fetcher(
            user_agent="t", retries=2, backoff=0, host_delay=0, transport=transport, sleep=lambda _: None
        ) as fetcher,
        pytest.raises(FeedFetchError, match="answered HTTP 503"),
    ):
        fetcher.get("https://news.example/feed")
    assert len(seen) == 3


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.pauses: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.pauses.append(round(seconds, 3))
        self.now += seconds

    def __call__(self) -> float:
        return self.now


def test_requests_to_one_host_are_spaced_by_the_host_delay() -> None:
    transport, _ = _flaky([200])
    clock = FakeClock()
    with Fetcher(
        user_agent="t", host_delay=2.0, transport=transport, sleep=clock.sleep, clock=clock
    ) as fetcher:
        fetcher.get("https://a.example/feed")
        fetcher.get("https://b.example/feed")  # another host: no wait
        clock.now += 0.5
        fetcher.get("https://a.example/page")  # 0.5 s after the last request to a.example
    assert clock.pauses == [1.5]


def test_the_host_delay_setting_reaches_the_fetcher(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIDTRACK_FEED_HOST_DELAY", "2.5")
    assert feeds_service.make_fetcher().host_delay == 2.5
    monkeypatch.setenv("AIDTRACK_FEED_HOST_DELAY", "soon")
    with pytest.raises(Exception, match='feed_host_delay "soon" is not a number'):
        feeds_service.make_fetcher()


def test_oversized_bodies_are_refused(server: FixtureServer) -> None:
    server.routes["/big.xml"] = Route(b"x" * 5000)
    with (
        Fetcher(user_agent="t", host_delay=0, max_bytes=1000) as fetcher,
        pytest.raises(FeedFetchError, match="sent more than"),
    ):
        fetcher.get(server.url("/big.xml"))


@pytest.mark.parametrize("url", ["ftp://example.org/feed", "example.org/feed", "file:///etc/passwd"])
def test_only_http_addresses_are_fetched(url: str) -> None:
    with Fetcher(user_agent="t", host_delay=0) as fetcher, pytest.raises(FeedFetchError, match="not an http"):
        fetcher.get(url)
