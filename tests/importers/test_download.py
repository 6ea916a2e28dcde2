"""Downloads: streamed with progress into the cache; offline gives a clear error. No network."""

from __future__ import annotations

import socket
from pathlib import Path

import httpx
import pytest

from aidtrack.db import Store
from aidtrack.errors import DownloadError
from aidtrack.importers.download import download, is_url, newest_release_link
from aidtrack.services import imports

BASE = "https://www.kielinstitut.de/fileadmin/x/"


def serving(files: dict[str, tuple[bytes, str]]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        if str(request.url) not in files:
            return httpx.Response(404)
        body, kind = files[str(request.url)]
        return httpx.Response(
            200, content=body, headers={"content-type": kind, "content-length": str(len(body))}
        )

    return httpx.MockTransport(handler)


def test_download_streams_into_cache_with_progress(tmp_path: Path) -> None:
    url = BASE + "Ukraine_Support_Tracker_Release_28.xlsx"
    seen: list[tuple[int, int | None]] = []
    path = download(
        url,
        folder=tmp_path,
        transport=serving({url: (b"x" * 5000, "application/vnd.ms-excel")}),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert path.read_bytes() == b"x" * 5000 and path.parent == tmp_path
    assert path.name.endswith("Ukraine_Support_Tracker_Release_28.xlsx")
    assert seen and seen[-1] == (5000, 5000)
    # cached: a second call does not need the network
    assert download(url, folder=tmp_path, transport=serving({})) == path


def test_data_page_leads_to_newest_release(tmp_path: Path) -> None:
    page = "https://www.kielinstitut.de/publications/ukraine-support-tracker-data-6453/"
    html = (
        f'<a href="{BASE}aa-Ukraine_Support_Tracker_Release_27.xlsx">R27</a>'
        f'<a href="/fileadmin/x/bb-Ukraine_Support_Tracker_Release_28.xlsx">R28</a>'
    ).encode()
    newest = "https://www.kielinstitut.de/fileadmin/x/bb-Ukraine_Support_Tracker_Release_28.xlsx"
    files = {page: (html, "text/html; charset=utf-8"), newest: (b"PK", "application/octet-stream")}
    path = download(page, folder=tmp_path, transport=serving(files))
    assert path.name.endswith("bb-Ukraine_Support_Tracker_Release_28.xlsx")


def test_newest_release_link_none_when_absent() -> None:
    assert newest_release_link("<html>nothing</html>", BASE) is None


def test_offline_gives_clear_error(tmp_path: Path) -> None:
    def offline(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno -3] Temporary failure in name resolution", request=request)

    with pytest.raises(DownloadError, match="offline.*download the file in a browser"):
        download(BASE + "r.xlsx", folder=tmp_path, transport=httpx.MockTransport(offline))


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_refused_connection_on_local_port(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/Ukraine_Support_Tracker_Release_28.xlsx"
    with pytest.raises(DownloadError, match="Cannot download"):
        download(url, folder=tmp_path, timeout=2)
    assert not list(tmp_path.iterdir())


def test_http_error_names_status(tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match="HTTP 404"):
        download(BASE + "missing.xlsx", folder=tmp_path, transport=serving({}))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("https://x.org/a.xlsx", True), ("http://x", True), ("release.xlsx", False), ("C:/data/a.xlsx", False)],
)
def test_is_url(text: str, expected: bool) -> None:
    assert is_url(text) is expected


def test_import_kiel_from_url(store: Store, activities_xlsx: Path, tmp_path: Path) -> None:
    url = BASE + "Ukraine_Support_Tracker_Release_31.xlsx"
    transport = serving({url: (activities_xlsx.read_bytes(), "application/octet-stream")})
    stages: list[str] = []
    summary = imports.import_kiel(
        store,
        url,
        by="tester",
        cache=tmp_path / "cache",
        transport=transport,
        progress=lambda stage, done, total: stages.append(stage),
    )
    assert summary.status == "imported" and summary.release == "31"
    assert {"download", "read", "store"} <= set(stages)


def test_import_kiel_latest_follows_kiel_data_page(
    store: Store, activities_xlsx: Path, tmp_path: Path
) -> None:
    from aidtrack.importers.download import KIEL_DATA_PAGE

    workbook = "https://www.kielinstitut.de/fileadmin/x/cc-Ukraine_Support_Tracker_Release_31.xlsx"
    html = f'<a href="{workbook}">Release 31</a>'.encode()
    transport = serving(
        {
            KIEL_DATA_PAGE: (html, "text/html"),
            workbook: (activities_xlsx.read_bytes(), "application/octet-stream"),
        }
    )
    summary = imports.import_kiel(store, "latest", by="tester", cache=tmp_path, transport=transport)
    assert summary.status == "imported" and summary.release == "31"
