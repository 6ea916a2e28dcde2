"""Download a Kiel release (or any file) into a cache folder, streaming, with progress.

``download(url)`` saves the file under the user cache directory and returns its path.
A Kiel data page (HTML) is followed to its newest ``Ukraine_Support_Tracker_Release_NN.xlsx``
link. Offline or on an HTTP error it raises :class:`DownloadError` saying what to do.

    path = download("https://example.org/Ukraine_Support_Tracker_Release_28.xlsx")
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import httpx
import platformdirs

from aidtrack.errors import DownloadError

__all__ = ["KIEL_DATA_PAGE", "cache_dir", "download", "is_url", "newest_release_link"]

KIEL_DATA_PAGE = "https://www.kielinstitut.de/publications/ukraine-support-tracker-data-6453/"
Progress = Callable[[int, int | None], None]
_LINK = re.compile(
    r"""href=["']([^"']*Ukraine_Support_Tracker[^"']*?Release_(\d+)[^"']*?\.xlsx)["']""", re.IGNORECASE
)
_HELP = (
    "Check your internet connection, or download the file in a browser and run `aidtrack import kiel PATH`."
)


def is_url(text: str) -> bool:
    """True for an http(s) URL."""
    return urlparse(str(text)).scheme in ("http", "https")


def cache_dir() -> Path:
    """Where downloads are kept: ``<user cache dir>/aidtrack/downloads``."""
    return Path(platformdirs.user_cache_dir("aidtrack")) / "downloads"


def newest_release_link(html: str, base_url: str) -> str | None:
    """The link to the highest-numbered release workbook on a Kiel page, if any."""
    links = [(int(m.group(2)), m.group(1)) for m in _LINK.finditer(html)]
    return urljoin(base_url, max(links)[1]) if links else None


def _target(url: str, folder: Path) -> Path:
    name = unquote(Path(urlparse(url).path).name) or "download"
    name = re.sub(r"[^A-Za-z0-9._-]", "_", name)[-120:]
    digest = hashlib.sha256(url.encode()).hexdigest()[:8]
    return folder / f"{digest}-{name}"


def _fail(url: str, ex: Exception) -> DownloadError:
    if isinstance(ex, httpx.HTTPStatusError):
        return DownloadError(
            f"Download of {url} failed: HTTP {ex.response.status_code}. Check the URL "
            f"(Kiel's data page is {KIEL_DATA_PAGE}). " + _HELP
        )
    return DownloadError(f"Cannot download {url}: {type(ex).__name__}: {ex}. You may be offline. " + _HELP)


def _stream(client: httpx.Client, url: str, target: Path, progress: Progress | None) -> str | None:
    """Save ``url`` to ``target``; returns the HTML text instead if the URL is a web page."""
    with client.stream("GET", url) as response:
        response.raise_for_status()
        if "text/html" in response.headers.get("content-type", ""):
            return response.read().decode(response.encoding or "utf-8", errors="replace")
        total = int(response.headers["content-length"]) if "content-length" in response.headers else None
        part = target.with_suffix(target.suffix + ".part")
        done = 0
        with part.open("wb") as fh:
            for chunk in response.iter_bytes():
                fh.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
        part.replace(target)
    return None


def download(
    url: str,
    *,
    folder: Path | None = None,
    progress: Progress | None = None,
    transport: httpx.BaseTransport | None = None,
    refresh: bool = False,
    timeout: float = 30.0,
) -> Path:
    """Fetch ``url`` (or the newest release linked from a Kiel page) into the cache; returns the path.

    ``progress(done_bytes, total_bytes_or_None)`` is called as data arrives. A file
    already in the cache is reused unless ``refresh``.
    """
    folder = folder or cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    headers = {"User-Agent": "aidtrack (+https://github.com/aidtrack)"}
    try:
        with httpx.Client(
            transport=transport, timeout=timeout, follow_redirects=True, headers=headers
        ) as client:
            for _ in range(2):  # a page, then the workbook it links to
                target = _target(url, folder)
                if target.exists() and not refresh:
                    return target
                html = _stream(client, url, target, progress)
                if html is None:
                    return target
                link = newest_release_link(html, url)
                if link is None:
                    raise DownloadError(
                        f"{url} is a web page without a link to a "
                        "Ukraine_Support_Tracker_Release_NN.xlsx file. Give the workbook's URL."
                    )
                url = link
    except httpx.HTTPError as ex:
        raise _fail(url, ex) from ex
    raise DownloadError(f"{url} did not lead to a file. Give the workbook's URL.")
