"""Analysis answers carry the ledger version as ETag (304 while nothing changed) and large
JSON is gzipped."""

from __future__ import annotations

from typing import Any

import pytest

from aidtrack.db import Store
from tests.conftest import eur_support

CACHED = ["/api/rank?per=gdp", "/api/compare/KOR?peers=G7", "/api/timeline/KOR", "/country/KOR", "/"]


@pytest.mark.parametrize("path", CACHED)
def test_unchanged_ledger_answers_304(client: Any, path: str) -> None:
    client.get(path)  # a fresh ledger loads the signals register on its first country page
    first = client.get(path)
    assert first.status_code == 200 and first.headers["etag"]
    again = client.get(path, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == first.headers["etag"]


def test_a_write_changes_the_etag_and_the_figures(client: Any, web_store: Store) -> None:
    first = client.get("/api/rank")
    before = {row["donor"]: row for row in first.json()["items"]}
    web_store.add_support(
        [eur_support("KOR", 5e9, category="military", stage="allocation", date="2023-05-01", origin="test")],
        by="test",
    )
    after = client.get("/api/rank", headers={"If-None-Match": first.headers["etag"]})
    assert after.status_code == 200 and after.headers["etag"] != first.headers["etag"]
    rows = {row["donor"]: row for row in after.json()["items"]}
    assert rows["KOR"] != before["KOR"]


def test_other_endpoints_carry_no_ledger_etag(client: Any) -> None:
    assert "etag" not in client.get("/api/actors/resolve", params={"name": "Korea"}).headers


def test_large_json_is_gzipped(client: Any) -> None:
    response = client.get("/api/support", params={"limit": 500}, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response.headers.get("content-encoding") == "gzip"
    assert response.json()["items"]  # the client decodes it
