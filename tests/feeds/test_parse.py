"""Reading RSS and Atom feeds: items, absolute links, dates, stable keys, malformed feeds."""

from __future__ import annotations

import datetime as dt

import pytest

from aidtrack.feeds import FeedFormatError, parse_feed
from aidtrack.feeds.demo import atom_feed, news_sitemap, rss_feed

BASE = "http://127.0.0.1:9"


def test_rss_items_in_feed_order_with_dates() -> None:
    feed = parse_feed(rss_feed(BASE), url=f"{BASE}/world/rss.xml")
    assert feed.title == "World desk (sample)"
    assert [(i.title, i.published) for i in feed.items] == [
        ("Norway funds winter repairs", dt.date(2024, 3, 4)),
        ("Seoul sends field hospitals", dt.date(2024, 3, 12)),
        ("Harbour regatta postponed", dt.date(2024, 3, 15)),
    ]
    assert feed.items[0].url == f"{BASE}/world/articles/norway-heating.html"


def test_atom_relative_links_resolve_against_the_feed_address() -> None:
    feed = parse_feed(atom_feed(BASE), url=f"{BASE}/asia/atom.xml")
    assert [i.url for i in feed.items] == [
        f"{BASE}/asia/articles/kyiv-asks-seoul.html",
        f"{BASE}/asia/articles/japan-power-lines.html",
    ]
    assert feed.items[0].published == dt.date(2024, 3, 20)


def test_keys_are_stable_and_an_edited_entry_keeps_its_key_but_not_its_fingerprint() -> None:
    path = "/world/articles/korea-hospitals.html"
    before = parse_feed(rss_feed(BASE), url=BASE).items
    again = parse_feed(rss_feed(BASE), url=BASE).items
    edited = parse_feed(rss_feed(BASE, updated={path: "Seoul adds a second shipment."}), url=BASE).items
    assert [i.key for i in before] == [i.key for i in again] == [i.key for i in edited]
    assert len({i.key for i in before}) == 3
    assert [i.fingerprint for i in before] == [i.fingerprint for i in again]
    assert [a.fingerprint == b.fingerprint for a, b in zip(before, edited)] == [True, False, True]


def test_an_entry_without_guid_or_link_is_keyed_by_title_and_date() -> None:
    data = (
        b"<rss version='2.0'><channel><title>T</title>"
        b"<item><title>First note</title><pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate></item>"
        b"<item><title>Second note</title><pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate></item>"
        b"</channel></rss>"
    )
    items = parse_feed(data, url=BASE).items
    assert [i.url for i in items] == [None, None]
    assert items[0].key != items[1].key
    assert items[0].key == parse_feed(data, url=BASE).items[0].key


@pytest.mark.parametrize(
    "data",
    [
        b"<!doctype html><html><body><p>A news site's front page, not its feed.</p></body></html>",
        b"this is { not xml at all",
        b"",
    ],
)
def test_not_a_feed_is_refused_with_the_address(data: bytes) -> None:
    with pytest.raises(FeedFormatError, match=r'"http://127.0.0.1:9/feed" is not an RSS or Atom feed'):
        parse_feed(data, url=f"{BASE}/feed")


def test_a_feed_with_small_defects_but_entries_is_read() -> None:
    data = rss_feed(BASE).replace(b"</channel></rss>", b"<item><title>Cut off")
    feed = parse_feed(data, url=BASE)
    assert [i.title for i in feed.items][:3] == [
        "Norway funds winter repairs",
        "Seoul sends field hospitals",
        "Harbour regatta postponed",
    ]


def test_a_news_sitemap_gives_titles_and_dates_newest_first() -> None:
    feed = parse_feed(news_sitemap(BASE), url=f"{BASE}/asia/news-sitemap.xml")
    assert [(i.title, i.published, i.url) for i in feed.items] == [
        (
            "Kyiv asks Seoul for air defence",
            dt.date(2024, 3, 20),
            f"{BASE}/asia/articles/kyiv-asks-seoul.html",
        ),
        (
            "Japan lends money for power lines",
            dt.date(2024, 3, 18),
            f"{BASE}/asia/articles/japan-power-lines.html",
        ),
    ]
    again = parse_feed(news_sitemap(BASE), url=f"{BASE}/asia/news-sitemap.xml")
    assert [i.key for i in again.items] == [i.key for i in feed.items]


PLAIN = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://news.example/a</loc><lastmod>2024-03-01</lastmod></url>
<url><loc>https://news.example/b</loc><lastmod>2024-03-09T10:00:00+00:00</lastmod></url>
<url><loc>javascript:alert(1)</loc></url></urlset>"""


def test_a_plain_sitemap_is_read_again_when_lastmod_changes() -> None:
    feed = parse_feed(PLAIN, url="https://news.example/sitemap.xml")
    assert [(i.url, i.published, i.title) for i in feed.items] == [
        ("https://news.example/b", dt.date(2024, 3, 9), ""),
        ("https://news.example/a", dt.date(2024, 3, 1), ""),
    ]
    edited = parse_feed(PLAIN.replace(b"2024-03-01", b"2024-03-10"), url="https://news.example/sitemap.xml")
    by_url = {i.url: i for i in edited.items}
    assert by_url["https://news.example/a"].key == feed.items[1].key
    assert by_url["https://news.example/a"].fingerprint != feed.items[1].fingerprint


def test_a_sitemap_index_and_entities_are_refused() -> None:
    index = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
        b"<loc>https://news.example/news.xml</loc></sitemap></sitemapindex>"
    )
    with pytest.raises(
        FeedFormatError, match="is a sitemap index.*the first is https://news.example/news.xml"
    ):
        parse_feed(index, url="https://news.example/index.xml")
    hostile = (
        b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY secret SYSTEM "file:///etc/hostname">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://news.example/&secret;'
        b"</loc></url></urlset>"
    )
    items = parse_feed(hostile, url="https://news.example/s.xml").items
    assert [i.url for i in items] == ["https://news.example/"]  # the entity is not resolved
