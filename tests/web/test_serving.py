"""Serving: list pages streamed from the database cursor, one JSON encoding, a dashboard without extras."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from aidtrack import models
from aidtrack.db import Store, SupportFilter
from aidtrack.services import ledger
from aidtrack.web import convert
from aidtrack.web.app import create_app

RECORDS = 600  # more than two chunks of the cursor (250 rows each)


def _fill(store: Store) -> None:
    source = models.Source(
        url="https://example.org/ministry",
        publisher="Ministry",
        title="Aid „list“ – ünïcode",
        kind="official",
        published="2024-01-05",
    )
    records = [
        models.Support(
            donor=("KOR", "JPN", "DEU")[i % 3],
            recipient="UKR",
            stage="allocation",
            category="humanitarian",
            amount=1000.0 + i,
            currency="EUR",
            amount_eur=1000.0 + i,
            date=dt.date(2023, 1, 1) + dt.timedelta(days=i % 400),
            source=source,
            items=[{"name": "generator", "quantity": i}] if i % 2 else [],
            evidence=f'Record {i}: "quoted" and a line\nbreak',
            origin="test",
        )
        for i in range(RECORDS)
    ]
    store.add_support(records, by="tester")


def _client(store: Store) -> TestClient:
    return TestClient(create_app(store.engine.url.render_as_string(hide_password=False)))


def test_a_streamed_page_holds_the_rows_the_ledger_lists(any_store: Store) -> None:
    """Same rows, values and order as the ledger's own listing, on SQLite and PostgreSQL."""
    _fill(any_store)
    client = _client(any_store)
    answer = client.get("/api/support", params={"limit": 1000})
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    assert "content-length" not in answer.headers  # sent in pieces as the cursor is read
    page = answer.json()
    listed = convert.rows(any_store.list_support(SupportFilter(limit=1000)))
    assert page == {"items": listed, "total": RECORDS, "limit": 1000, "offset": 0, "next_offset": None}
    middle = client.get("/api/support", params={"limit": 250, "offset": 250, "donor": "South Korea"}).json()
    assert (middle["total"], middle["next_offset"], len(middle["items"])) == (200, None, 0)
    second = client.get("/api/support", params={"limit": 250, "offset": 250}).json()
    assert (second["next_offset"], [r["id"] for r in second["items"]]) == (
        500,
        [r["id"] for r in listed[250:500]],
    )


def test_the_ledger_is_read_a_chunk_at_a_time(any_store: Store) -> None:
    _fill(any_store)
    where = ledger.support_filter(limit=None)
    chunks = list(ledger.stream_records("support", where, store=any_store, chunk=250))
    assert [len(c) for c in chunks] == [250, 250, 100]
    assert [r for c in chunks for r in c] == any_store.list_support(where)


def test_an_empty_page_is_valid_json(store: Store) -> None:
    page = _client(store).get("/api/events", params={"type": "appeal"}).json()
    assert page == {"items": [], "total": 0, "limit": 100, "offset": 0, "next_offset": None}


@pytest.mark.parametrize(
    "content",
    [
        {
            "nan": float("nan"),
            "inf": float("-inf"),
            "day": dt.date(2024, 2, 29),
            "at": dt.datetime(2024, 2, 29, 8, 5, 1),
            "text": 'ünïcode "quoted"\n\t\u2028',
            "flag": True,
            "none": None,
            "big": 2**53 + 1,
            "items": [{"q": 1.5}],
        },
        [{"id": 1, "amount": 0.1 + 0.2}, {"id": 2, "amount": 1e300}],
    ],
)
def test_both_encoders_write_the_same_json(content: Any) -> None:
    """orjson (when installed) and the standard library give identical bytes: NaN null, dates ISO."""
    fast, plain = convert.json_bytes(content), convert.plain_json_bytes(content)
    assert fast == plain
    assert json.loads(plain) == json.loads(json.dumps(convert.value(content)))


def test_a_list_page_is_304_while_the_ledger_is_unchanged_and_fresh_after_a_write(
    client: TestClient, auth: dict[str, str]
) -> None:
    first = client.get("/api/support", params={"donor": "KOR", "limit": 5})
    etag = first.headers["etag"]
    again = client.get("/api/support", params={"donor": "KOR", "limit": 5}, headers={"If-None-Match": etag})
    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
    kept = client.get("/api/support", params={"donor": "KOR", "limit": 5})
    assert kept.json() == first.json() and "content-length" in kept.headers  # the kept page, sent whole
    added = client.post(
        "/api/support",
        json={"donor": "KOR", "stage": "allocation", "category": "military", "date": "2099-01-01"},
        headers=auth,
    )
    assert added.status_code == 201
    after = client.get("/api/support", params={"donor": "KOR", "limit": 5}, headers={"If-None-Match": etag})
    assert after.status_code == 200 and after.headers["etag"] != etag
    assert after.json()["total"] == first.json()["total"] + 1
    assert after.json()["items"][0]["id"] == added.json()["id"]
    events = client.get("/api/events", headers={"If-None-Match": after.headers["etag"]})
    assert events.status_code == 304
    queue = client.get("/api/review")
    assert queue.status_code == 200 and queue.headers["etag"] == after.headers["etag"]
    assert client.get("/api/review", headers={"If-None-Match": after.headers["etag"]}).status_code == 304


def test_kept_pages_stay_within_their_budget() -> None:
    from aidtrack.web.api import PageCache

    cache = PageCache(budget=800)
    for n in range(10):
        cache.put(n, bytes(90))
    assert cache.size <= 800 and cache.get(0) is None and cache.get(9) == bytes(90)
    cache.put("big", bytes(101))  # more than an eighth of the budget: streamed, never kept
    assert cache.get("big") is None
    assert b"".join(cache.keeping("parts", iter([b"a", b"b"]))) == b"ab" and cache.get("parts") == b"ab"


def test_extraction_is_loaded_on_first_use_and_a_missing_extra_is_503() -> None:
    """Without spaCy the extraction service still imports; using it names the install line (503 on the web)."""
    import subprocess
    import sys
    import textwrap

    from aidtrack.extras import MissingExtraError
    from aidtrack.web.status import status_of

    script = textwrap.dedent("""
        import sys
        sys.modules["spacy"] = None
        from aidtrack.extras import MissingExtraError
        from aidtrack.services import extraction
        print("spacy" in sys.modules and sys.modules["spacy"] is None, "aidtrack.extract.pipeline" in sys.modules)
        for use in (lambda: extraction.extract_text("Aid\\n\\nSouth Korea sent shells."),
                    lambda: extraction.extract_documents([])):
            try:
                use()
            except MissingExtraError as ex:
                print(ex.extra, "|", ex)
    """)
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    first, *errors = run.stdout.strip().splitlines()
    assert first == "True False"
    assert len(errors) == 2 and all(
        e.startswith("extract | ") and "pip install 'aidtrack[extract]'" in e for e in errors
    )
    assert status_of(MissingExtraError("spacy", "extract")) == 503


def test_a_kept_page_is_gzipped_once_for_clients_that_accept_it(client: TestClient) -> None:
    url = "/api/support?limit=50"
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    for _ in range(2):
        packed = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert packed.headers["content-encoding"] == "gzip" and packed.headers["vary"] == "Accept-Encoding"
        assert (
            packed.content == plain.content and int(packed.headers["content-length"]) < len(plain.content) / 3
        )
    again = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in again.headers and again.content == plain.content


@pytest.mark.parametrize(
    ("header", "accepts"),
    [
        ("gzip, deflate", True),
        ("br;q=1.0, GZIP;q=0.5", True),
        ("*", True),
        ("identity", False),
        ("", False),
        ("gzip;q=0", False),
        ("deflate, gzip; q=0.0", False),
    ],
)
def test_accept_encoding_is_read_with_its_weights(header: str, accepts: bool) -> None:
    from aidtrack.web.api import _accepts_gzip

    assert _accepts_gzip(header) is accepts


NO_EXTRAS = textwrap.dedent("""
    import sys
    for name in ("spacy", "sklearn", "trafilatura", "dask", "duckdb", "feedparser", "lxml"):
        sys.modules[name] = None
    from fastapi.testclient import TestClient
    from aidtrack.web.app import create_app

    client = TestClient(create_app(sys.argv[1], starter=True))
    country, overview = client.get("/country/KOR"), client.get("/")
    extract = client.post("/api/extract", json={"text": "Aid\\n\\nSouth Korea sent shells to Ukraine."})
    print(country.status_code, overview.status_code, extract.status_code)
    print(extract.json()["error"])
""")


@pytest.mark.slow
def test_the_dashboard_runs_without_the_optional_extras(tmp_path: Path) -> None:
    """A core install (no spaCy, scikit-learn, trafilatura, Dask, DuckDB, feedparser) serves the pages;
    extraction answers 503 with the line that installs it."""
    url = f"sqlite:///{tmp_path / 'core.db'}"
    run = subprocess.run([sys.executable, "-c", NO_EXTRAS, url], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    statuses, message = run.stdout.strip().splitlines()[-2:]
    assert statuses == "200 200 503"
    assert "pip install 'aidtrack[extract]'" in message
