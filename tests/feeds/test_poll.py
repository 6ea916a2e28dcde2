"""Polling feeds into the review queue: expected candidates, idempotence, changed articles,
failures reported without stopping the others, conditional GET, the polling lease."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from typing import Any

import pytest

from aidtrack.db import Store
from aidtrack.db import feeds as feeds_db
from aidtrack.errors import NotFoundError, ValidationError
from aidtrack.feeds import Fetcher
from aidtrack.feeds.demo import ARTICLES, FixtureServer, Route, article_page, rss_feed
from aidtrack.services import feeds as feeds_service
from aidtrack.services import review

RSS, ATOM = "/world/rss.xml", "/asia/atom.xml"
KOREA = "/world/articles/korea-hospitals.html"
EXPECTED = {
    ("support", "NOR", "humanitarian"),  # Norway pledged 40 million euros in humanitarian aid
    ("support", "KOR", "humanitarian"),  # South Korea delivered field hospitals
    ("appeal", "UKR", "military"),  # Ukraine urged South Korea to supply air defence
    ("refusal", "KOR", "military"),  # Seoul has so far declined to send weapons
    ("support", "JPN", "financial"),  # Japan approved a loan
}


def proposed(store: Store) -> set[tuple[str, str, str]]:
    """(type, who, category) of every candidate in the review queue."""
    rows = review.candidates(store=store, limit=1000)
    return {(r.get("type") or "support", r.get("donor") or r.get("actor"), r.get("category")) for r in rows}


def add_both(store: Store, server: FixtureServer) -> None:
    feeds_service.add_feed(server.url(RSS), name="World", store=store)
    feeds_service.add_feed(server.url(ATOM), store=store)


def article_requests(server: FixtureServer) -> list[str]:
    return [path for _, path, _ in server.requests if "/articles/" in path]


def test_first_poll_proposes_the_expected_candidates(
    any_store: Store, server: FixtureServer, fetcher: Fetcher
) -> None:
    add_both(any_store, server)
    report = feeds_service.poll(store=any_store, fetcher=fetcher)
    assert [(f.status, f.items, f.new, f.not_relevant) for f in report.feeds] == [
        ("ok", 3, 3, 1),
        ("ok", 2, 2, 0),
    ]
    assert proposed(any_store) == EXPECTED
    assert report.totals()["added"] == len(EXPECTED) and report.totals()["errors"] == 0
    listed = feeds_service.list_feeds(store=any_store)
    assert [(f["name"], f["status"], f["items"], f["events"]) for f in listed] == [
        ("World", "ok", 3, 2),
        (None, "ok", 2, 3),
    ]


def test_candidates_carry_the_article_as_source(
    store: Store, server: FixtureServer, fetcher: Fetcher
) -> None:
    feeds_service.add_feed(server.url(RSS), store=store)
    feeds_service.poll(store=store, fetcher=fetcher)
    norway = next(r for r in review.candidates(store=store) if r.get("donor") == "NOR")
    assert norway["source_url"] == server.url("/world/articles/norway-heating.html")
    assert norway["source_title"] == "Norway funds winter repairs"
    assert str(norway["date"]) == "2024-03-04"
    assert "40 million euros" in norway["evidence"]


def test_second_poll_proposes_nothing_and_costs_two_304s(
    any_store: Store, server: FixtureServer, fetcher: Fetcher
) -> None:
    add_both(any_store, server)
    feeds_service.poll(store=any_store, fetcher=fetcher)
    before, requests = len(review.candidates(store=any_store, limit=1000)), len(server.requests)
    report = feeds_service.poll(store=any_store, fetcher=fetcher)
    assert [f.status for f in report.feeds] == ["not-modified", "not-modified"]
    assert report.totals()["added"] == 0
    assert len(review.candidates(store=any_store, limit=1000)) == before
    assert [p for _, p, _ in server.requests[requests:]] == [RSS, ATOM]
    assert all("If-None-Match" in h for _, _, h in server.requests[requests:])


def test_a_changed_feed_reads_only_its_new_entry(
    store: Store, server: FixtureServer, fetcher: Fetcher
) -> None:
    server.routes[RSS] = Route(rss_feed(server.base, paths=(KOREA,)), "application/rss+xml")
    feeds_service.add_feed(server.url(RSS), store=store)
    feeds_service.poll(store=store, fetcher=fetcher)
    server.routes[RSS] = Route(rss_feed(server.base), "application/rss+xml")
    report = feeds_service.poll(store=store, fetcher=fetcher).feeds[0]
    assert (report.items, report.new, report.unchanged, report.added) == (3, 2, 1, 1)
    assert article_requests(server).count(KOREA) == 1


def test_a_changed_article_is_read_again(any_store: Store, server: FixtureServer, fetcher: Fetcher) -> None:
    add_both(any_store, server)
    feeds_service.poll(store=any_store, fetcher=fetcher)
    title, date, body = ARTICLES[KOREA]
    body += (
        "\n\nSouth Korea also approved a loan of 100 million dollars to Ukraine to rebuild schools, "
        "the finance ministry said."
    )
    server.routes[KOREA] = Route(article_page(title, date, body))
    server.routes[RSS] = Route(
        rss_feed(server.base, updated={KOREA: "Seoul adds a loan for schools."}), "application/rss+xml"
    )
    report = feeds_service.poll(store=any_store, fetcher=fetcher).feeds[0]
    assert (report.changed, report.unchanged, report.added) == (1, 2, 1)
    korean = [r for r in review.candidates(store=any_store, limit=1000) if r.get("donor") == "KOR"]
    assert sorted((r["category"], r["amount"]) for r in korean) == [
        ("financial", 100_000_000.0),
        ("humanitarian", None),
    ]


def test_an_edited_entry_with_the_same_article_proposes_nothing(
    store: Store, server: FixtureServer, fetcher: Fetcher
) -> None:
    feeds_service.add_feed(server.url(RSS), store=store)
    feeds_service.poll(store=store, fetcher=fetcher)
    server.routes[RSS] = Route(
        rss_feed(server.base, updated={KOREA: "A new teaser, same story."}), "application/rss+xml"
    )
    before = len(server.requests)
    report = feeds_service.poll(store=store, fetcher=fetcher).feeds[0]
    assert (report.changed, report.unchanged, report.added) == (0, 3, 0)
    page = [h for _, p, h in server.requests[before:] if p == KOREA]
    assert len(page) == 1 and "If-None-Match" in page[0]  # asked again, conditionally (answered 304)


def test_recheck_catches_an_article_edited_in_place(
    store: Store, server: FixtureServer, fetcher: Fetcher
) -> None:
    feeds_service.add_feed(server.url(RSS), store=store)
    feeds_service.poll(store=store, fetcher=fetcher)
    title, date, body = ARTICLES[KOREA]
    server.routes[KOREA] = Route(
        article_page(
            title,
            date,
            body + "\n\nSouth Korea also approved a loan of "
            "100 million dollars to Ukraine to rebuild schools.",
        )
    )
    assert feeds_service.poll(store=store, fetcher=fetcher).feeds[0].status == "not-modified"
    report = feeds_service.poll(store=store, fetcher=fetcher, recheck=True).feeds[0]
    assert (report.changed, report.unchanged, report.added) == (1, 2, 1)


def test_failing_feeds_are_reported_and_the_others_go_on(
    any_store: Store, server: FixtureServer, fetcher: Fetcher
) -> None:
    server.routes["/slow/feed.xml"] = Route(rss_feed(server.base), "application/rss+xml", delay=2.5)
    server.routes["/bad/feed.xml"] = Route(b"<html><body>Our feed moved.</body></html>")
    for path in ("/missing/feed.xml", "/slow/feed.xml", "/bad/feed.xml", ATOM):
        feeds_service.add_feed(server.url(path), store=any_store)
    report = feeds_service.poll(store=any_store, fetcher=fetcher)
    outcome = [(f.status, f.added) for f in report.feeds]
    assert outcome == [("error", 0), ("error", 0), ("error", 0), ("ok", 3)]
    errors = [f.errors[0] for f in report.feeds[:3]]
    assert "answered HTTP 404" in errors[0] and "did not answer within 1 s" in errors[1]
    assert "is not an RSS or Atom feed" in errors[2]
    listed = {
        f["url"].rsplit(":", 1)[1].split("/", 1)[1]: (f["status"], f["error"])
        for f in feeds_service.list_feeds(store=any_store)
    }
    assert listed["missing/feed.xml"][0] == "error" and "404" in listed["missing/feed.xml"][1]


def test_a_failing_article_is_reported_and_retried_next_poll(
    store: Store, server: FixtureServer, fetcher: Fetcher
) -> None:
    page = server.routes.pop(KOREA)
    feeds_service.add_feed(server.url(RSS), store=store)
    first = feeds_service.poll(store=store, fetcher=fetcher).feeds[0]
    assert (first.status, first.new, first.added) == ("ok", 2, 1) and "answered HTTP 404" in first.errors[0]
    server.routes[KOREA] = page
    second = feeds_service.poll(store=store, fetcher=fetcher).feeds[0]
    assert (second.status, second.new, second.unchanged, second.added, second.errors) == ("ok", 1, 2, 1, [])
    assert ("support", "KOR", "humanitarian") in proposed(store)


def test_a_page_that_fails_after_being_read_recovers_on_its_304(
    store: Store, server: FixtureServer, fetcher: Fetcher
) -> None:
    feeds_service.add_feed(server.url(RSS), store=store)
    feeds_service.poll(store=store, fetcher=fetcher)
    page = server.routes.pop(KOREA)
    server.routes[RSS] = Route(
        rss_feed(server.base, updated={KOREA: "Edited teaser."}), "application/rss+xml"
    )
    failed = feeds_service.poll(store=store, fetcher=fetcher).feeds[0]
    assert len(failed.errors) == 1 and failed.changed == 0
    server.routes[KOREA] = page
    back = feeds_service.poll(store=store, fetcher=fetcher).feeds[0]
    assert (back.unchanged, back.added, back.errors) == (3, 0, [])
    items = feeds_db.feed_items_of(store, 1).values()
    assert sorted((i["status"], i["error"]) for i in items) == [
        ("not-relevant", None),
        ("read", None),
        ("read", None),
    ]


def test_a_page_without_article_text_is_noted_once(
    store: Store, server: FixtureServer, fetcher: Fetcher
) -> None:
    server.routes[KOREA] = Route(b"\x89PNG\r\n\x1a\n\x00\x00 an image, not an article", "image/png")
    feeds_service.add_feed(server.url(RSS), store=store)
    first = feeds_service.poll(store=store, fetcher=fetcher).feeds[0]
    assert (first.status, first.unreadable, first.added, first.errors) == ("ok", 1, 1, [])
    assert feeds_service.poll(store=store, fetcher=fetcher).feeds[0].status == "not-modified"
    assert server.hits(KOREA) == 1


def test_an_entry_without_a_link_is_read_from_its_summary(
    store: Store, server: FixtureServer, fetcher: Fetcher
) -> None:
    server.routes["/notes.xml"] = Route(
        b"<rss version='2.0'><channel><title>Notes</title><item><title>Oslo sends aid</title>"
        b"<pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate><description>Norway pledged 40 million euros in "
        b"humanitarian aid to Ukraine on Monday.</description></item></channel></rss>",
        "application/rss+xml",
    )
    feeds_service.add_feed(server.url("/notes.xml"), store=store)
    assert feeds_service.poll(store=store, fetcher=fetcher).feeds[0].added == 1
    assert proposed(store) == {("support", "NOR", "humanitarian")}


def test_a_feed_held_by_another_poller_is_skipped(
    any_store: Store, server: FixtureServer, fetcher: Fetcher
) -> None:
    feed = feeds_service.add_feed(server.url(ATOM), store=any_store)
    assert feeds_db.acquire_lock(any_store, feed["id"], owner="other-server", seconds=600)
    report = feeds_service.poll(store=any_store, fetcher=fetcher, owner="this-server")
    assert [f.status for f in report.feeds] == ["locked"] and server.requests == []
    feeds_db.release_lock(any_store, feed["id"], owner="other-server")
    assert feeds_service.poll(store=any_store, fetcher=fetcher, owner="this-server").feeds[0].added == 3


def test_an_expired_lease_is_taken_over(store: Store, server: FixtureServer, fetcher: Fetcher) -> None:
    feed = feeds_service.add_feed(server.url(ATOM), store=store)
    assert feeds_db.acquire_lock(store, feed["id"], owner="crashed-server", seconds=-1)
    assert feeds_service.poll(store=store, fetcher=fetcher, owner="this-server").feeds[0].status == "ok"
    assert feeds_db.find_feed(store, feed["id"])["lock_owner"] is None


def test_the_lease_is_renewed_while_a_long_feed_is_read(
    store: Store, server: FixtureServer, fetcher: Fetcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = feeds_service.add_feed(server.url(RSS), store=store)
    taken: list[tuple[int, str]] = []
    original = feeds_db.acquire_lock

    def spy(store: Store, feed_id: int, *, owner: str, seconds: float) -> bool:
        taken.append((feed_id, owner))
        return original(store, feed_id, owner=owner, seconds=seconds)

    monkeypatch.setattr(feeds_db, "acquire_lock", spy)
    feeds_service.poll(store=store, fetcher=fetcher, owner="this-server")
    assert taken == [(feed["id"], "this-server")] * 4  # taken, then renewed after each of the 3 entries


def test_two_pollers_at_once_never_poll_the_same_feed_twice(any_store: Store, server: FixtureServer) -> None:
    server.routes[ATOM].delay = 0.5
    feeds_service.add_feed(server.url(ATOM), store=any_store)
    reports: list[Any] = []

    def run(owner: str) -> None:
        with feeds_service.make_fetcher(timeout=5, retries=0) as own:
            reports.append(feeds_service.poll(store=any_store, fetcher=own, owner=owner))

    threads = [threading.Thread(target=run, args=(f"server-{n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.feeds[0].status for r in reports) == ["locked", "ok"]
    assert server.hits(ATOM) == 1


def test_feeds_are_added_once_and_removed_by_id_or_address(
    store: Store, server: FixtureServer, fetcher: Fetcher
) -> None:
    add_both(store, server)
    with pytest.raises(ValidationError, match="is already added"):
        feeds_service.add_feed(server.url(RSS), store=store)
    for bad in ("example.org/rss", "http://news.example/a b", "http://news.example/\x00"):
        with pytest.raises(ValidationError, match="is not a feed address"):
            feeds_service.add_feed(bad, store=store)
    feeds_service.poll(store=store, fetcher=fetcher)
    removed = feeds_service.remove_feed(server.url(RSS), store=store)
    assert feeds_db.feed_items_of(store, removed["id"]) == {}
    assert len(review.candidates(store=store)) == len(EXPECTED)  # what it proposed stays
    feeds_service.remove_feed("2", store=store)
    assert feeds_service.list_feeds(store=store) == []
    with pytest.raises(NotFoundError, match='No feed "2"'):
        feeds_service.remove_feed(2, store=store)
    assert [e["action"] for e in store.audit_trail("feeds", 1)] == ["insert", "delete"]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30m", 1800), ("2h", 7200), ("90s", 90), ("1d", 86400), ("15", 900), ("0.5h", 1800)],
)
def test_poll_intervals(text: str, seconds: float) -> None:
    assert feeds_service.parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "0m", "-5m", "5 weeks"])
def test_bad_poll_intervals_are_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="is not a duration; write e.g. 30m"):
        feeds_service.parse_interval(text)


def test_the_background_poller_polls_at_once_and_stops(tmp_path: Any, server: FixtureServer) -> None:
    url = f"sqlite:///{tmp_path / 'served.db'}"
    from aidtrack.services import ledger

    store = ledger.open_store(url, fresh=True)
    feeds_service.add_feed(server.url(ATOM), store=store)
    poller = feeds_service.start_poller("1h", database_url=url)
    try:
        for _ in range(600):
            if poller.runs:
                break
            threading.Event().wait(0.05)
    finally:
        poller.stop()
    assert poller.runs == 1 and poller.last is not None and poller.last.totals()["added"] == 3
    assert feeds_db.find_feed(store, 1)["lock_owner"] is None


HARBOUR = "/world/articles/harbour-regatta.html"


@pytest.mark.slow
def test_a_poll_killed_midway_resumes_and_reads_each_entry_once(
    any_store: Store, server: FixtureServer
) -> None:
    """A poll process killed (SIGKILL) while it waits for the third page keeps the two entries it
    stored; the next poll reads only the third, and every candidate is in the queue exactly once."""
    feed = feeds_service.add_feed(server.url(RSS), store=any_store)
    server.routes[HARBOUR].delay = 60
    url = any_store.engine.url.render_as_string(hide_password=False)
    env = {**os.environ, "AIDTRACK_FEED_HOST_DELAY": "0", "AIDTRACK_DATABASE_URL": url}
    process = subprocess.Popen(
        [sys.executable, "-c", "from aidtrack.cli import main; main()", "feeds", "poll"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(1200):
            if server.hits(HARBOUR) or process.poll() is not None:
                break
            threading.Event().wait(0.05)
        assert server.hits(HARBOUR) == 1, f"the poll never reached the third page: {process.returncode}"
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate()
    assert process.returncode == -signal.SIGKILL
    stored = feeds_db.feed_items_of(any_store, feed["id"])
    assert sorted(i["url"].rsplit("/", 1)[1] for i in stored.values()) == [
        "korea-hospitals.html",
        "norway-heating.html",
    ]
    server.routes[HARBOUR].delay = 0
    with feeds_service.make_fetcher(timeout=5, retries=0) as fetcher:
        report = feeds_service.poll(store=any_store, fetcher=fetcher).feeds[0]
    assert (report.status, report.new, report.unchanged, report.not_relevant, report.added) == (
        "ok",
        1,
        2,
        1,
        0,
    )
    assert [server.hits(p) for p in ("/world/articles/norway-heating.html", KOREA, HARBOUR)] == [1, 1, 2]
    rows = review.candidates(store=any_store, limit=1000)
    assert sorted((r.get("donor"), r.get("category")) for r in rows) == [
        ("KOR", "humanitarian"),
        ("NOR", "humanitarian"),
    ]


def test_workers_give_the_same_queue_in_feed_order(
    store: Store, server: FixtureServer, fetcher: Fetcher
) -> None:
    add_both(store, server)
    report = feeds_service.poll(store=store, fetcher=fetcher, workers=2)
    assert [(f.status, f.items, f.new, f.not_relevant) for f in report.feeds] == [
        ("ok", 3, 3, 1),
        ("ok", 2, 2, 0),
    ]
    assert proposed(store) == EXPECTED
    items = [*feeds_db.feed_items_of(store, 1).values(), *feeds_db.feed_items_of(store, 2).values()]
    in_order = [i["url"].rsplit("/", 1)[1] for i in sorted(items, key=lambda i: i["id"])]
    assert in_order == [
        "norway-heating.html",
        "korea-hospitals.html",
        "harbour-regatta.html",
        "kyiv-asks-seoul.html",
        "japan-power-lines.html",
    ]  # stored in feed order
    again = feeds_service.poll(store=store, fetcher=fetcher, workers=2, recheck=True)
    assert again.totals()["added"] == 0 and again.totals()["unchanged"] == 5
    with pytest.raises(ValidationError, match="--workers 0 is out of range"):
        feeds_service.poll(store=store, fetcher=fetcher, workers=0)


def test_a_news_sitemap_is_polled_like_a_feed(
    any_store: Store, server: FixtureServer, fetcher: Fetcher
) -> None:
    feeds_service.add_feed(server.url("/asia/news-sitemap.xml"), store=any_store)
    report = feeds_service.poll(store=any_store, fetcher=fetcher).feeds[0]
    assert (report.status, report.items, report.new, report.added) == ("ok", 2, 2, 3)
    assert proposed(any_store) == {
        ("appeal", "UKR", "military"),
        ("refusal", "KOR", "military"),
        ("support", "JPN", "financial"),
    }
    assert feeds_service.poll(store=any_store, fetcher=fetcher).feeds[0].status == "not-modified"
