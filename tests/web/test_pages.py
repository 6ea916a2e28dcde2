"""The dashboard pages, in process: content, escaping of untrusted text, review forms, route checker."""

from __future__ import annotations

import re
from typing import Any

import pytest

from aidtrack.db import Store
from tests.web.conftest import ARTICLE, XSS

RAW = ("<script>alert(1)</script>", "<img src=x", "javascript:alert")
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&#34;alert(2)&#34;&gt;"
PAGES = [
    "/",
    "/country/KOR",
    "/country/South%20Korea",
    "/compare?donor=KOR&peers=G7",
    "/events",
    "/events?status=candidate",
    "/review",
    "/check?origin=KOR&item=ammunition&via=USA",
]


def _no_raw_payload(html: str) -> None:
    for raw in RAW:
        assert raw not in html, raw


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_and_never_pass_untrusted_markup(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    _no_raw_payload(response.text)
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', response.text)
    assert all(src == "/static/plotly.min.js" for src in scripts)


def test_overview_shows_totals_ranking_and_links(client: Any) -> None:
    html = client.get("/").text
    assert "24 records" not in html and "90 records from 8 donors" in html
    assert 'href="/country/KOR"' in html and "South Korea" in html
    assert html.count('class="plotly-graph-div"') == 2
    assert '<script src="/static/plotly.min.js"></script>' in html


def test_country_page_has_figures_peers_rules_and_signals(client: Any) -> None:
    html = client.get("/country/KOR").text
    assert "South Korea (KOR)" in html
    for section in (
        'id="categories"',
        'id="comparison"',
        'id="events"',
        "Step-up gap",
        "Routes open to KOR",
        "Export rules in force for KOR",
        "Appeals to and threats against KOR",
    ):
        assert section in html
    assert "kor_no_lethal_to_belligerents_principle" in html.replace("<wbr>", "")
    assert "Kyiv asks Seoul for shells" in html
    assert html.count('class="plotly-graph-div"') == 2


@pytest.mark.parametrize(
    ("path", "status", "text"),
    [
        ("/country/Atlantis", 400, "Unknown actor"),
        ("/country/BRA", 404, "No support from"),
        ("/compare?donor=KOR&peers=Atlantis", 400, "Unknown actor"),
        ("/country?code=%20", 400, "Unknown actor"),  # one resolver for every door: blank is an unknown actor
        ("/nowhere", 404, "No page at /nowhere"),
    ],
)
def test_page_errors_are_pages(client: Any, path: str, status: int, text: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert text in response.text


def test_a_blank_donor_is_an_unknown_actor_in_the_api_too(client: Any) -> None:
    response = client.get("/api/compare/%20")
    assert response.status_code == 400 and response.json()["type"] == "unknown-actor"
    assert response.json()["error"].startswith('Unknown actor " "')


def test_events_feed_escapes_evidence(client: Any) -> None:
    html = client.get("/events?status=candidate").text
    assert ESCAPED in html
    assert "1 events" in html


def test_review_queue_highlights_escaped_evidence(client: Any, web_store: Store) -> None:
    html = client.get("/review").text
    event_id = web_store.ids["candidate"]  # type: ignore[attr-defined]
    assert f'id="candidate-events-{event_id}"' in html
    marked = re.search(r'<mark class="evidence">(.*?)</mark>', html, re.DOTALL)
    assert marked and marked.group(1).startswith("Ukraine&#39;s foreign minister called on Seoul")
    assert ESCAPED in marked.group(1)
    assert 'href="javascript' not in html


def _status(client: Any, event_id: int) -> str:
    return str(client.get(f"/api/events/{event_id}").json()["status"])


def test_review_form_needs_a_token(client: Any, web_store: Store) -> None:
    event_id = web_store.ids["candidate"]  # type: ignore[attr-defined]
    for token in ("", "wrong"):
        response = client.post(f"/review/events/{event_id}", data={"action": "accept", "token": token})
        assert response.status_code == 401
        assert "token" in response.text
        assert _status(client, event_id) == "candidate"


def test_review_form_accepts_and_remembers_the_token(client: Any, web_store: Store, token: str) -> None:
    event_id = web_store.ids["candidate"]  # type: ignore[attr-defined]
    response = client.post(
        f"/review/events/{event_id}", data={"action": "accept", "token": token}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"].startswith("/review?done=accepted")
    assert "httponly" in response.headers["set-cookie"].lower()
    assert _status(client, event_id) == "confirmed"
    page = client.get(response.headers["location"]).text
    assert "Done: accepted events" in page and "Nothing to review" in page and 'id="token-saved"' in page
    again = client.post(f"/review/events/{event_id}", data={"action": "reject"})
    assert again.status_code == 422 and "not a candidate" in again.text


def test_review_form_edit_with_cookie(client: Any, web_store: Store, token: str) -> None:
    event_id = web_store.ids["candidate"]  # type: ignore[attr-defined]
    client.cookies.set("aidtrack_token", token)
    response = client.post(
        f"/review/events/{event_id}",
        data={"action": "edit", "summary": "Kyiv wants shells", "category": "humanitarian"},
    )
    assert response.status_code == 200
    event = client.get(f"/api/events/{event_id}").json()
    assert (event["status"], event["summary"], event["category"]) == (
        "confirmed",
        "Kyiv wants shells",
        "humanitarian",
    )
    assert web_store.audit_trail("events", event_id)[-1]["by"] == "tester"


def test_paste_an_article_shows_events_in_the_text_escaped(client: Any, web_store: Store) -> None:
    before = web_store.count("events")
    html = client.post("/review/extract", data={"text": ARTICLE}).text
    _no_raw_payload(html.split('<textarea name="text"')[0])
    assert 'id="extracted"' in html and ESCAPED in html
    assert '<mark class="evidence">Kyiv urged South Korea to send artillery shells.</mark>' in html
    assert web_store.count("events") == before


TANKS = "Germany sends tanks\n\nChancellor Scholz said Germany will send 14 Leopard tanks to Ukraine."


def test_paste_and_store_needs_a_token(client: Any, web_store: Store, token: str) -> None:
    before = web_store.count("support")
    refused = client.post("/review/extract", data={"text": TANKS, "keep": "yes"})
    assert refused.status_code == 401 and web_store.count("support") == before
    stored = client.post("/review/extract", data={"text": TANKS, "keep": "yes", "token": token})
    assert stored.status_code == 200 and "Done: stored 1 new candidate(s)" in stored.text
    assert web_store.count("support") == before + 1
    assert 'id="candidate-support-' in stored.text and "Germany → Ukraine" in stored.text


def test_route_checker(client: Any) -> None:
    form = client.get("/check").text
    assert 'id="check-form"' in form and 'id="verdict"' not in form
    html = client.get("/check", params={"origin": "Sweden", "item": "lethal", "on": "2022-03-01"}).text
    assert re.search(r'id="verdict">SWE → UKR, lethal, on 2022-03-01: <strong>allowed</strong>', html)
    bad = client.get("/check", params={"origin": "Atlantis", "item": "lethal"})
    assert bad.status_code == 422 and "Unknown" in bad.text


def test_plotly_is_served_from_the_package(client: Any) -> None:
    response = client.get("/static/plotly.min.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(("application/javascript", "text/javascript"))
    assert b"plotly" in response.content[:2000].lower() and len(response.content) > 1_000_000
    assert client.get("/static/style.css").status_code == 200


def test_empty_ledger_page_says_what_to_do(tmp_path: Any) -> None:
    from aidtrack.web import create_app
    from tests.web.conftest import TestClient

    with TestClient(create_app(f"sqlite:///{tmp_path / 'empty.db'}")) as empty:
        html = empty.get("/").text
    assert "The ledger is empty" in html and XSS not in html


def test_bad_page_input_is_an_error_page(client: Any) -> None:
    response = client.get("/events", params={"offset": -1, "type": "<b>bold</b>"})
    assert response.status_code == 422 and response.headers["content-type"].startswith("text/html")
    assert "offset" in response.text
    found = client.get("/country", params={"code": "Republic of Korea"}, follow_redirects=False)
    assert found.status_code == 303 and found.headers["location"] == "/country/KOR"
    unknown = client.get("/country", params={"code": "<script>alert(1)</script>"})
    assert (
        unknown.status_code == 400
        and "&lt;script&gt;" in unknown.text
        and "<script>alert" not in unknown.text
    )


@pytest.mark.parametrize(
    "path",
    [
        "/country/KOR?peers={x}",
        "/compare?donor=KOR&peers={x}",
        "/events?actor={x}",
        "/check?origin={x}&item=lethal",
        "/check?origin=KOR&item={x}",
    ],
)
def test_payloads_in_the_query_are_escaped(client: Any, path: str) -> None:
    response = client.get(path.format(x=XSS))
    assert response.status_code < 500
    _no_raw_payload(response.text)
