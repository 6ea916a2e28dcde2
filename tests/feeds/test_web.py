"""The feeds API (a token to add and remove), per-user watchlists, the digest JSON and the /digest page."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from aidtrack.db import Store
from aidtrack.db import feeds as feeds_db
from aidtrack.services import digest, ledger, web_auth
from aidtrack.services import feeds as feeds_service
from aidtrack.web import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient

from tests.feeds.test_digest import fill


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[TestClient, Store, dict[str, str]]]:
    url = f"sqlite:///{tmp_path / 'web.db'}"
    store = ledger.open_store(url, fresh=True)
    fill(store)
    token = web_auth.create_token("ann", store=store)
    with TestClient(create_app(url)) as client:
        yield client, store, {"Authorization": f"Bearer {token}"}


def test_feeds_api_writes_need_a_token(served: tuple[TestClient, Store, dict[str, str]]) -> None:
    client, store, auth = served
    assert client.post("/api/feeds", json={"url": "https://news.example/rss"}).status_code == 401
    assert client.delete("/api/feeds/1").status_code == 401
    assert client.get("/api/watch").status_code == 401
    assert client.post("/api/watch", json={"countries": ["KOR"]}).status_code == 401
    assert client.get("/api/feeds", headers={"Authorization": "Bearer wrong"}).status_code == 401
    feeds_service.add_feed("https://news.example/rss", store=store)
    feeds_db.save_poll(store, 1, status="error", error="answered HTTP 404")
    assert [f["error"] for f in client.get("/api/feeds").json()] == [None]  # open list, no poll errors
    assert [f["error"] for f in client.get("/api/feeds", headers=auth).json()] == ["answered HTTP 404"]


def test_feeds_api_adds_lists_and_removes(served: tuple[TestClient, Store, dict[str, str]]) -> None:
    client, store, auth = served
    added = client.post(
        "/api/feeds", json={"url": "https://news.example/rss", "name": "News", "tags": ["Asia"]}, headers=auth
    )
    assert added.status_code == 201 and added.json()["added_by"] == "ann" and added.json()["tags"] == ["asia"]
    client.post(
        "/api/feeds", json={"url": "https://news.example/europe.xml", "tags": ["europe"]}, headers=auth
    )
    assert [f["url"] for f in client.get("/api/feeds", params={"tag": "europe"}).json()] == [
        "https://news.example/europe.xml"
    ]
    client.delete("/api/feeds/2", headers=auth)
    again = client.post("/api/feeds", json={"url": "https://news.example/rss"}, headers=auth)
    assert again.status_code == 422 and "already added" in again.json()["error"]
    bad = client.post("/api/feeds", json={"url": "news.example/rss"}, headers=auth)
    assert bad.status_code == 422 and "is not a feed address" in bad.json()["error"]
    assert [(f["id"], f["name"]) for f in client.get("/api/feeds", headers=auth).json()] == [(1, "News")]
    assert client.delete("/api/feeds/1", headers=auth).json()["url"] == "https://news.example/rss"
    assert client.delete("/api/feeds/1", headers=auth).status_code == 404
    assert client.get("/api/feeds", headers=auth).json() == []
    assert [e["by"] for e in store.audit_trail("feeds", 1)] == ["ann", "ann"]


def test_digest_json(served: tuple[TestClient, Store, dict[str, str]]) -> None:
    client, store, _ = served
    answer = client.get(
        "/api/digest", params={"since": "2024-01-01", "until": "2024-06-30", "country": "KOR"}
    )
    assert answer.status_code == 200
    body = answer.json()
    assert [c["code"] for c in body["countries"]] == ["KOR"]
    assert body["countries"][0]["totals"]["events"] == 3
    assert client.get("/api/digest", params={"since": "2024-01-01"}).status_code == 422  # empty watchlist
    digest.watch(["JPN"], store=store)
    watched = client.get("/api/digest", params={"since": "2024-01-01", "until": "2024-06-30"}).json()
    assert [c["code"] for c in watched["countries"]] == ["JPN"]
    assert client.get("/api/digest", params={"since": "soon", "country": "KOR"}).status_code == 422


def test_digest_page(served: tuple[TestClient, Store, dict[str, str]]) -> None:
    client, _, _ = served
    form = client.get("/digest")
    assert form.status_code == 200 and 'name="since"' in form.text
    page = client.get("/digest", params={"since": "2024-01-01", "until": "2024-06-30", "country": "KOR JPN"})
    assert page.status_code == 200
    assert '<section id="KOR">' in page.text and '<section id="JPN">' in page.text
    assert "Export ban on &lt;dual-use&gt; goods" in page.text and "javascript:" not in page.text
    wrong = client.get("/digest", params={"since": "2024-01-01", "country": "Atlantis"})
    assert wrong.status_code == 422 and "Unknown actor" in wrong.text


def test_each_token_holder_has_a_watchlist(served: tuple[TestClient, Store, dict[str, str]]) -> None:
    client, store, ann = served
    bob = {"Authorization": f"Bearer {web_auth.create_token('bob', store=store)}"}
    mine = client.post(
        "/api/watch", json={"countries": ["South Korea"], "types": ["refusal", "sanction"]}, headers=ann
    )
    assert [(w["watchlist"], w["code"], w["types"]) for w in mine.json()] == [
        ("ann", "KOR", ["refusal", "sanction"])
    ]
    client.post("/api/watch", json={"countries": ["JPN"]}, headers=bob)
    assert [w["code"] for w in client.get("/api/watch", headers=bob).json()] == ["JPN"]
    period = {"since": "2024-01-01", "until": "2024-06-30"}
    for_ann = client.get("/api/digest", params=period, headers=ann).json()["countries"]
    assert [(c["code"], [g["type"] for g in c["groups"]]) for c in for_ann] == [
        ("KOR", ["refusal", "sanction"])
    ]
    assert [c["code"] for c in client.get("/api/digest", params=period, headers=bob).json()["countries"]] == [
        "JPN"
    ]
    assert client.get("/api/digest", params=period).status_code == 422  # no token: the empty "default" list
    assert [w["watchlist"] for w in digest.watched(watchlist="ann", store=store)] == [
        "ann"
    ]  # the CLI sees it
    bad = client.post("/api/watch", json={"countries": ["KOR"], "types": ["rumour"]}, headers=ann)
    assert bad.status_code == 422 and 'Unknown type "rumour"' in bad.json()["error"]
    assert client.delete("/api/watch/KOR", headers=ann).json() == []
    assert client.delete("/api/watch/KOR", headers=ann).status_code == 404
