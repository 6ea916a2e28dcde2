"""Benchmark feed polling against a local server: items per second on one core and with workers.

Usage: python bench/feeds.py [--feeds N] [--items M] [--workers W]

Serves N RSS feeds of M entries each (default 5 x 100 = 500 items) on 127.0.0.1 from
a separate process (the sample articles of aidtrack.feeds.demo, each page made
unique), and polls them into a fresh SQLite ledger with no per-host delay:

1. one core: ``poll(workers=1)`` with this process pinned to one CPU (fetch, article
   text, relevance filter, extraction, review queue, all in one process);
2. ``poll(workers=W)`` (default 2) on a fresh ledger: pages fetched here, article text
   and extraction in W worker processes, entries stored in feed order;
3. a poll of the second ledger again, where every feed answers 304.

It prints items per second for 1 and 2 and the ratio between them. The language model
is loaded before the clock starts, so the figures are the steady rate of a poll.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

os.environ["AIDTRACK_FEED_HOST_DELAY"] = "0"

from aidtrack.feeds.demo import ARTICLES, FixtureServer, Route, article_page, rss_feed
from aidtrack.services import feeds, ledger


def build(server: FixtureServer, n_feeds: int, n_items: int) -> None:
    """N feeds of M entries; entry pages repeat the samples with a unique closing line."""
    samples = list(ARTICLES)
    for f in range(n_feeds):
        paths = []
        for i in range(n_items):
            sample = samples[(f * n_items + i) % len(samples)]
            title, date, body = ARTICLES[sample]
            path = sample.replace("/articles/", f"/articles/{f}-{i}-")
            server.routes[path] = Route(
                article_page(title, date, f"{body}\n\nReport {f}-{i} of the sample desk.")
            )
            ARTICLES[path] = ARTICLES[sample]
            paths.append(path)
        server.routes[f"/feed{f}.xml"] = Route(rss_feed(server.base, tuple(paths)), "application/rss+xml")


def _serve(n_feeds: int, n_items: int, ports: Any, stop: Any) -> None:
    with FixtureServer() as server:
        build(server, n_feeds, n_items)
        ports.put(server.base)
        stop.wait()


@contextmanager
def served(n_feeds: int, n_items: int) -> Iterator[str]:
    """The fixture server in its own process (so it takes no time from the poll's); yields its address."""
    context = multiprocessing.get_context("fork")
    ports, stop = context.Queue(), context.Event()
    process = context.Process(target=_serve, args=(n_feeds, n_items, ports, stop), daemon=True)
    process.start()
    try:
        yield ports.get(timeout=60)
    finally:
        stop.set()
        process.join(10)


@contextmanager
def one_core() -> Iterator[str]:
    """Pin this process (and the children it starts) to one CPU while inside."""
    if not hasattr(os, "sched_setaffinity"):
        yield "not pinned: this system cannot pin a process to a CPU"
        return
    before = os.sched_getaffinity(0)
    core = min(before)
    os.sched_setaffinity(0, {core})
    try:
        yield f"pinned to CPU {core}"
    finally:
        os.sched_setaffinity(0, before)


def fresh_ledger(folder: str, name: str, base: str, n_feeds: int) -> Any:
    store = ledger.open_store(f"sqlite:///{folder}/{name}.db", fresh=True)
    for f in range(n_feeds):
        feeds.add_feed(f"{base}/feed{f}.xml", store=store)
    return store


def timed(store: Any, **options: Any) -> tuple[float, feeds.PollReport]:
    start = time.perf_counter()
    report = feeds.poll(store=store, **options)
    return time.perf_counter() - start, report


def describe(label: str, seconds: float, report: feeds.PollReport) -> float:
    totals = report.totals()
    rate = totals["items"] / seconds
    print(
        f"{label}: {totals['items']} items ({totals['not_relevant']} not relevant, {totals['added']} new "
        f"candidates + {totals['linked']} linked to them as sources, {totals['errors']} errors) in "
        f"{seconds:.2f} s = {rate:.1f} items/s"
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=5)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(
        f"{args.feeds} feeds x {args.items} items; {os.cpu_count()} CPUs; load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    with served(args.feeds, args.items) as base, tempfile.TemporaryDirectory() as folder:
        feeds._warm()  # load the relevance filter and the language model before timing
        store = fresh_ledger(folder, "one", base, args.feeds)
        with one_core() as pinned:
            single, report = timed(store, workers=1)
        one = describe(f"poll, 1 process ({pinned})", single, report)
        store = fresh_ledger(folder, "many", base, args.feeds)
        multi, report = timed(store, workers=args.workers)
        many = describe(f"poll --workers {args.workers}", multi, report)
        print(f"ratio workers {args.workers} / one core: {many / one:.2f}x")
        again, report = timed(store, workers=args.workers)
        assert all(f.status == "not-modified" for f in report.feeds), [f.status for f in report.feeds]
        print(f"poll again (every feed answers 304): {again * 1000:.1f} ms")


if __name__ == "__main__":
    main()
