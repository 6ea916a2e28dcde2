"""A local server of sample feeds and articles, to try feeds offline (and for tests and the benchmark).

The two feeds (RSS at ``/world/rss.xml``, Atom at ``/asia/atom.xml``; the Asia
desk's articles also as a news sitemap at ``/asia/news-sitemap.xml``) and their
article pages are short texts written for aidtrack; they describe made-up events
in the style of news reports and are not taken from any publication. The server
answers conditional requests (ETag, Last-Modified) with 304, as real news sites do.

    python -m aidtrack.feeds.demo --port 8765
    aidtrack feeds add http://127.0.0.1:8765/world/rss.xml
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import email.utils
import hashlib
import html
import threading
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

LAST_MODIFIED = "Mon, 01 Apr 2024 08:00:00 GMT"


@dataclasses.dataclass
class Route:
    """What the server answers at one path; ``etag=""`` sends no ETag (only Last-Modified)."""

    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0
    etag: str | None = None
    last_modified: str | None = LAST_MODIFIED

    def validator(self) -> str | None:
        if self.etag == "":
            return None
        return self.etag or '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


class FixtureServer:
    """A threaded HTTP server on 127.0.0.1 serving ``routes`` (path -> :class:`Route`); use as a context manager.

    ``requests`` records (method, path, headers) of every request, so tests can check
    the user agent and the conditional headers a client sent.
    """

    def __init__(self, routes: Mapping[str, Route] | None = None, *, port: int = 0) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self._httpd.daemon_threads = True
        # poll_interval: how long stop() may wait for the serving loop to notice the shutdown
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_port}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> Self:
        """Serve in a background thread (a no-op when already serving)."""
        if not self._thread.is_alive():
            self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def hits(self, path: str) -> int:
        """How many requests reached ``path``."""
        with self._lock:
            return sum(1 for _, p, _ in self.requests if p == path)

    def record(self, method: str, path: str, headers: dict[str, str]) -> None:
        with self._lock:
            self.requests.append((method, path, headers))


def _handler(server: FixtureServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # http.server's naming
            server.record("GET", self.path, dict(self.headers.items()))
            route = server.routes.get(self.path)
            if route is None:
                return self._send(404, b"not found", "text/plain", {})
            if route.delay:
                time.sleep(route.delay)
            headers = {"Last-Modified": route.last_modified} if route.last_modified else {}
            etag = route.validator()
            if etag:
                headers["ETag"] = etag
            if route.status == 200 and _fresh(self.headers, etag, route.last_modified):
                return self._send(304, b"", route.content_type, headers)
            self._send(route.status, route.body, route.content_type, headers)

        def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str]) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                pass

        def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
            pass

    return Handler


def _fresh(headers: Any, etag: str | None, last_modified: str | None) -> bool:
    """Does the request's validator match the current one (so the answer is 304)?"""
    if etag and headers.get("If-None-Match"):
        return etag in [t.strip() for t in headers["If-None-Match"].split(",")]
    return bool(last_modified and headers.get("If-Modified-Since") == last_modified)


# -- the sample content -----------------------------------------------------------------

ARTICLES: dict[str, tuple[str, str, str]] = {
    # path: (title, dateline date, paragraphs separated by blank lines)
    "/world/articles/norway-heating.html": (
        "Norway funds winter repairs",
        "4 March 2024",
        (
            "Norway pledged 40 million euros in humanitarian aid to Ukraine on Monday to repair heating plants "
            "before the winter.\n\nThe foreign minister said the money would reach local utilities within weeks."
        ),
    ),
    "/world/articles/korea-hospitals.html": (
        "Seoul sends field hospitals",
        "12 March 2024",
        (
            "South Korea delivered mobile field hospitals and medical supplies to Ukraine this week, officials "
            "in Seoul said.\n\nThe shipment followed a request from the Ukrainian health ministry."
        ),
    ),
    "/world/articles/harbour-regatta.html": (
        "Harbour regatta postponed",
        "15 March 2024",
        (
            "The annual harbour regatta was postponed by a week because of strong winds, the sailing club said "
            "on Friday.\n\nBoats will race on the following Saturday instead."
        ),
    ),
    "/asia/articles/kyiv-asks-seoul.html": (
        "Kyiv asks Seoul for air defence",
        "20 March 2024",
        (
            "Ukraine urged South Korea to supply air defence systems, the Ukrainian foreign minister said on "
            "Wednesday.\n\nSeoul has so far declined to send weapons."
        ),
    ),
    "/asia/articles/japan-power-lines.html": (
        "Japan lends money for power lines",
        "18 March 2024",
        (
            "Japan approved a loan of 1.5 billion dollars to Ukraine to rebuild power lines damaged in the "
            "fighting, the finance ministry said.\n\nThe money will be paid in two instalments this year."
        ),
    ),
}
RSS_ITEMS = (
    "/world/articles/norway-heating.html",
    "/world/articles/korea-hospitals.html",
    "/world/articles/harbour-regatta.html",
)
ATOM_ITEMS = ("/asia/articles/kyiv-asks-seoul.html", "/asia/articles/japan-power-lines.html")


def _when(date: str) -> dt.datetime:
    """ "4 March 2024" as 09:00 UTC that day (a sample article's publication time)."""
    return dt.datetime.strptime(date, "%d %B %Y").replace(hour=9, tzinfo=dt.UTC)


def _rfc822(date: str) -> str:
    return email.utils.format_datetime(_when(date), usegmt=True)


def _iso(date: str) -> str:
    return _when(date).strftime("%Y-%m-%dT%H:%M:%SZ")


def article_page(title: str, date: str, body: str) -> bytes:
    """An article as a small HTML page (a dateline, then paragraphs), as trafilatura meets on news sites."""
    paragraphs = body.split("\n\n")
    first = f"<p>{html.escape(date)}. {html.escape(paragraphs[0])}</p>"
    rest = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[1:])
    return (
        f"<!doctype html><html><head><title>{html.escape(title)}</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{html.escape(title)}</h1>{first}{rest}</article>"
        "<footer>Sample page served by aidtrack's demo server.</footer></body></html>"
    ).encode()


def rss_feed(
    base: str, paths: tuple[str, ...] = RSS_ITEMS, *, updated: Mapping[str, str] | None = None
) -> bytes:
    """An RSS 2.0 feed of ``paths``; ``updated`` gives an entry a new description (an edited entry)."""
    items = []
    for path in paths:
        title, date, body = ARTICLES[path]
        summary = (updated or {}).get(path) or body.split(".")[0] + "."
        items.append(
            f"<item><title>{html.escape(title)}</title><link>{base}{path}</link>"
            f"<guid isPermaLink='true'>{base}{path}</guid><pubDate>{_rfc822(date)}</pubDate>"
            f"<description>{html.escape(summary)}</description></item>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>World desk (sample)</title>"
        f"<link>{base}/world/</link><description>Sample feed</description>{''.join(items)}"
        "</channel></rss>"
    ).encode()


def atom_feed(base: str, paths: tuple[str, ...] = ATOM_ITEMS) -> bytes:
    """An Atom 1.0 feed of ``paths`` with relative links (resolved against the feed's address)."""
    entries = []
    for path in paths:
        title, date, body = ARTICLES[path]
        entries.append(
            f"<entry><title>{html.escape(title)}</title><link href='{path}'/>"
            f"<id>tag:demo.aidtrack,2024:{path}</id><updated>{_iso(date)}</updated>"
            f"<summary>{html.escape(body.split('.')[0])}.</summary></entry>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        "<title>Asia desk (sample)</title><id>tag:demo.aidtrack,2024:asia</id>"
        f"<updated>2024-03-20T09:00:00Z</updated>{''.join(entries)}</feed>"
    ).encode()


def news_sitemap(base: str, paths: tuple[str, ...] = ATOM_ITEMS) -> bytes:
    """A news sitemap (sitemaps.org with Google News titles and dates) of ``paths``."""
    urls = []
    for path in paths:
        title, date, _ = ARTICLES[path]
        urls.append(
            f"<url><loc>{base}{path}</loc><news:news><news:publication>"
            "<news:name>Sample desk</news:name><news:language>en</news:language></news:publication>"
            f"<news:publication_date>{_iso(date)}</news:publication_date>"
            f"<news:title>{html.escape(title)}</news:title></news:news></url>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
        f"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>{''.join(urls)}</urlset>"
    ).encode()


def demo_routes(base: str) -> dict[str, Route]:
    """The sample feeds and every article page, for a server whose address is ``base``."""
    routes = {path: Route(article_page(*ARTICLES[path])) for path in ARTICLES}
    routes["/world/rss.xml"] = Route(rss_feed(base), "application/rss+xml")
    routes["/asia/atom.xml"] = Route(atom_feed(base), "application/atom+xml")
    routes["/asia/news-sitemap.xml"] = Route(news_sitemap(base), "application/xml")
    return routes


def serve_demo(port: int = 0) -> FixtureServer:
    """Start the demo server (port 0: any free port) and return it; ``.stop()`` ends it."""
    server = FixtureServer(port=port)
    server.routes.update(demo_routes(server.base))
    return server.start()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve aidtrack's sample feeds on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args(argv)
    server = serve_demo(args.port)
    print(f"Sample feeds: {server.url('/world/rss.xml')} and {server.url('/asia/atom.xml')} (Ctrl+C to stop)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
