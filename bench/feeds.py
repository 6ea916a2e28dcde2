"""Benchmark feed polling against a local server: first poll, an unchanged poll, a recheck.

Usage: python bench/feeds.py [--feeds N] [--items M]

Serves N RSS feeds of M entries each on 127.0.0.1 (the sample articles of
aidtrack.feeds.demo, each page made unique), polls them into a fresh SQLite
ledger with no per-host delay and reports: the first poll (fetch, relevance
filter, extraction, review queue) in articles/s; the second poll, where every
feed answers 304, in feeds/s; a --recheck poll (every page asked again with
If-None-Match, all 304); and the ratio first/second, which is what polling
every 30 minutes costs when nothing changed.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

os.environ["AIDTRACK_FEED_HOST_DELAY"] = "0"

from aidtrack.feeds.demo import ARTICLES, FixtureServer, Route, article_page, rss_feed
from aidtrack.services import extraction, feeds, ledger


def build(server: FixtureServer, n_feeds: int, n_items: int) -> None:
    """N feeds of M entries; entry pages repeat the samples with a unique closing line."""
    samples = list(ARTICLES)
    for f in range(n_feeds):
        paths = []
        for i in range(n_items):
            sample = samples[(f * n_items + i) % len(samples)]
            title, date, body = ARTICLES[sample]
            path = sample.replace("/articles/", f"/articles/{f}-{i}-")
            server.routes[path] = Route(article_page(title, date, f"{body}\n\nReport {f}-{i} of the sample desk."))
            ARTICLES[path] = ARTICLES[sample]
            paths.append(path)
        server.routes[f"/feed{f}.xml"] = Route(rss_feed(server.base, tuple(paths)), "application/rss+xml")


def timed(label: str, store, **options) -> tuple[float, feeds.PollReport]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    report = feeds.poll(store=store, **options)
    return time.perf_counter() - start, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=5)
    parser.add_argument("--items", type=int, default=20)
    args = parser.parse_args()
    extraction.extract_documents([extraction.article_from_bytes(article_page(*ARTICLES[next(iter(ARTICLES))]),
                                                                name="warm", html=True)])  # load spaCy once
    with FixtureServer() as server, tempfile.TemporaryDirectory() as folder:
        build(server, args.feeds, args.items)
        store = ledger.open_store(f"sqlite:///{folder}/bench.db", fresh=True)
        for f in range(args.feeds):
            feeds.add_feed(server.url(f"/feed{f}.xml"), store=store)
        first, report = timed("first", store)
        articles = report.totals()["new"]
        totals = report.totals()
        print(f"first poll: {args.feeds} feeds, {articles} articles ({totals['not_relevant']} not relevant), "
              f"{totals['added']} new candidates + {totals['linked']} linked to them as corroborating sources, "
              f"in {first:.2f} s = {articles / first:.1f} articles/s")
        second, report = timed("second", store)
        assert all(f.status == "not-modified" for f in report.feeds)
        print(f"second poll (all 304): {second * 1000:.1f} ms = {args.feeds / second:.0f} feeds/s")
        recheck, report = timed("recheck", store, recheck=True)
        print(f"recheck poll ({articles} pages asked again, all 304): {recheck:.2f} s, "
              f"{report.totals()['added']} new candidates")
        print(f"ratio first / second: {first / second:.0f}x; first / recheck: {first / recheck:.1f}x")


if __name__ == "__main__":
    main()
