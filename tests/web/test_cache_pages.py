"""The country page is kept per ledger version as it goes out: bytes, policy and gzip made once.

A kept page must still be the page of the current ledger: a write shows on the next
request (new figures, new ETag), an unchanged ledger answers 304, and the policy sent
is the one of the bytes sent (its inline scripts' hashes).
"""

from __future__ import annotations

import gzip
from typing import Any

import pytest

from aidtrack import models
from aidtrack.db import Store
from aidtrack.web import cache
from aidtrack.web.app import page_policy

PAGE = "/country/KOR"


def _korean_support(amount: float) -> models.Support:
    return models.Support(
        donor="KOR",
        category="military",
        stage="allocation",
        amount=amount,
        currency="EUR",
        amount_eur=amount,
        date="2023-05-01",
        origin="test",
    )


def test_the_page_is_rendered_and_hashed_once_per_version(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.get(PAGE)  # a fresh ledger loads the signals register on its first country page
    hashed: list[int] = []
    real = cache.page_policy
    monkeypatch.setattr(cache, "page_policy", lambda html: hashed.append(1) or real(html))
    first = client.get(PAGE, params={"peers": "G7,CAN"})
    again = client.get(PAGE, params={"peers": "G7,CAN"})
    assert first.status_code == again.status_code == 200
    assert again.content == first.content and len(hashed) == 1
    policy = again.headers.get_list("content-security-policy")
    assert policy == [page_policy(first.text)] and "'sha256-" in policy[0]
    assert again.headers["x-frame-options"] == "DENY"


def test_a_write_shows_on_the_next_request(client: Any, web_store: Store) -> None:
    client.get(PAGE)
    first = client.get(PAGE)
    assert client.get(PAGE, headers={"If-None-Match": first.headers["etag"]}).status_code == 304
    web_store.add_support([_korean_support(7_654_321_000)], by="test")
    after = client.get(PAGE, headers={"If-None-Match": first.headers["etag"]})
    assert after.status_code == 200 and after.headers["etag"] != first.headers["etag"]
    assert after.text != first.text
    assert "7,654" in after.text or "7.65" in after.text
    assert client.get(PAGE, headers={"If-None-Match": after.headers["etag"]}).status_code == 304


def test_gzip_is_kept_and_matches_the_plain_page(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    client.get(PAGE)
    packings: list[int] = []
    real = gzip.compress
    monkeypatch.setattr(cache.gzip, "compress", lambda data, **kw: packings.append(1) or real(data, **kw))
    plain = client.get(PAGE, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    for _ in range(3):
        packed = client.get(PAGE, headers={"Accept-Encoding": "gzip"})
        assert packed.headers["content-encoding"] == "gzip" and packed.headers["vary"] == "Accept-Encoding"
        assert packed.text == plain.text  # the client has decoded it
        assert packed.headers["content-security-policy"] == plain.headers["content-security-policy"]
    assert len(packings) == 1


@pytest.mark.parametrize(
    "header, accepted",
    [
        ("gzip", True),
        ("gzip, deflate, br", True),
        ("*", True),
        ("gzip;q=0", False),
        ("br", False),
        ("", False),
    ],
)
def test_accepts_gzip(header: str, accepted: bool) -> None:
    assert cache.accepts_gzip(header) is accepted


def test_another_worker_reads_the_kept_page_instead_of_rendering(
    client: Any, web_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.get(PAGE)
    first = client.get(PAGE)
    cache._PAGES.clear()  # what another worker process holds: nothing in memory
    real = cache.page_policy
    monkeypatch.setattr(cache, "page_policy", lambda html: pytest.fail("the page was rendered again"))
    again = client.get(PAGE)
    assert again.content == first.content
    assert again.headers["content-security-policy"] == first.headers["content-security-policy"]
    monkeypatch.setattr(cache, "page_policy", real)
    web_store.add_support([_korean_support(7_654_321_000)], by="test")
    cache._PAGES.clear()
    after = client.get(PAGE)  # a new version: the file of the old one is not used
    assert after.text != first.text and after.headers["etag"] != first.headers["etag"]
