"""The JSON API, in process: filters, pagination, errors, analysis, rules, extraction and writes."""

from __future__ import annotations

from typing import Any

import pytest

from aidtrack import models
from aidtrack.db import Store
from aidtrack.services import web_auth
from tests.web.conftest import ARTICLE, XSS


def _error(response: Any, status: int, kind: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and body["type"] == kind and body["error"]
    return body


# -- reading records ---------------------------------------------------------------------


def test_support_filters_by_name_and_code(client: Any) -> None:
    by_name = client.get("/api/support", params={"donor": "South Korea", "category": "financial"}).json()
    by_code = client.get("/api/support", params={"donor": "KOR", "category": "financial"}).json()
    assert by_name == by_code
    assert by_name["total"] == 3
    assert {(r["donor"], r["category"], r["stage"]) for r in by_name["items"]} == {
        ("KOR", "financial", "allocation")
    }


@pytest.mark.parametrize(
    ("params", "total"),
    [
        ({"stage": "commitment"}, 24),
        ({"donor": "USA", "start": "2022-06-01"}, 8),
        ({"donor": "USA", "end": "2022-03-31"}, 4),
        ({"recipient": "UKR", "status": "confirmed", "donor": "JPN"}, 9),
        ({"status": "candidate"}, 0),
    ],
)
def test_support_filters(client: Any, params: dict[str, str], total: int) -> None:
    body = client.get("/api/support", params=params).json()
    assert body["total"] == total
    assert len(body["items"]) == total


def test_pagination_walks_every_record_once(client: Any) -> None:
    seen: list[int] = []
    offset: int | None = 0
    while offset is not None:
        page = client.get("/api/support", params={"limit": 7, "offset": offset}).json()
        assert page["limit"] == 7 and page["offset"] == offset
        seen += [r["id"] for r in page["items"]]
        offset = page["next_offset"]
    assert len(seen) == len(set(seen)) == page["total"] == 90


@pytest.mark.parametrize("params", [{"limit": 1001}, {"limit": 0}, {"offset": -1}, {"limit": "many"}])
def test_bad_paging_is_422_json(client: Any, params: dict[str, Any]) -> None:
    _error(client.get("/api/support", params=params), 422, "validation-error")


def test_unknown_actor_is_400_with_suggestions(client: Any) -> None:
    body = _error(client.get("/api/support", params={"donor": "Germny"}), 400, "unknown-actor")
    assert any("DEU" in s for s in body["suggestions"])


@pytest.mark.parametrize(
    ("params", "word"),
    [
        ({"start": "yesterday"}, "yesterday"),
        ({"category": "tanks"}, "tanks"),
        ({"stage": "promised"}, "promised"),
    ],
)
def test_bad_filter_values_are_explained(client: Any, params: dict[str, str], word: str) -> None:
    body = _error(client.get("/api/support", params=params), 422, "validation-error")
    assert word in body["error"]


def test_events_filters(client: Any, web_store: Store) -> None:
    body = client.get(
        "/api/events", params={"type": "appeal", "target": "Seoul", "status": "confirmed"}
    ).json()
    assert [e["id"] for e in body["items"]] == [web_store.ids["appeal"]]  # type: ignore[attr-defined]
    assert body["items"][0]["source_url"] == "https://example.org/appeal"


def test_one_record_and_404(client: Any, web_store: Store) -> None:
    event = client.get(f"/api/events/{web_store.ids['candidate']}").json()  # type: ignore[attr-defined]
    assert event["status"] == "candidate" and event["summary"] == f"Appeal {XSS}"
    assert client.get("/api/support/1").json()["donor"] == "USA"
    assert "999" in _error(client.get("/api/support/999"), 404, "not-found")["error"]
    _error(client.get("/api/events/0"), 422, "validation-error")
    _error(client.get("/api/nowhere"), 404, "not-found")


# -- actors ----------------------------------------------------------------------------


def test_actors(client: Any) -> None:
    actors = client.get("/api/actors").json()
    assert {"code": "KOR", "name": "South Korea", "kind": "country"} in actors
    assert all(a["kind"] == "organisation" for a in client.get("/api/actors?kind=organisation").json())
    assert client.get("/api/actors/resolve", params={"name": "Republic of Korea"}).json()["code"] == "KOR"
    _error(client.get("/api/actors/resolve", params={"name": "Narnia"}), 400, "unknown-actor")
    _error(client.get("/api/actors/resolve"), 422, "validation-error")


def test_group_members_on_a_date(client: Any) -> None:
    before = client.get("/api/groups/NATO/members", params={"date": "2023-03-01"}).json()["members"]
    after = client.get("/api/groups/NATO/members", params={"date": "2023-05-01"}).json()["members"]
    assert "FIN" not in before and "FIN" in after
    assert client.get("/api/groups/G7/members").json()["members"] == [
        "CAN",
        "DEU",
        "FRA",
        "GBR",
        "ITA",
        "JPN",
        "USA",
    ]


# -- analysis --------------------------------------------------------------------------


def test_rank_by_share_of_gdp(client: Any) -> None:
    body = client.get("/api/rank", params={"per": "gdp", "limit": 3}).json()
    assert body["total"] == 8
    assert [r["donor"] for r in body["items"]] == ["CAN", "GBR", "DEU"]
    assert body["items"][0]["pct_gdp"] == pytest.approx(3 * 590e6 / 1700e9 * 100)
    by_value = client.get("/api/rank").json()["items"]
    assert by_value[0]["donor"] == "USA" and by_value[0]["value_eur"] == pytest.approx(3 * 3300e6)


def test_compare_korea_with_g7_has_a_step_up_gap(client: Any) -> None:
    body = client.get("/api/compare/South Korea", params={"peers": "G7"}).json()
    assert body["donor"] == "KOR" and sorted(body["peers"]) == [
        "CAN",
        "DEU",
        "FRA",
        "GBR",
        "ITA",
        "JPN",
        "USA",
    ]
    total = next(r for r in body["table"] if r["category"] == "total")
    assert total["gap_eur"] > 0
    assert total["target_eur"] == pytest.approx(total["donor_eur"] + total["gap_eur"])
    listed = client.get("/api/compare/KOR", params={"peers": "JPN,DEU"}).json()
    assert sorted(listed["peers"]) == ["DEU", "JPN"]


def test_timeline(client: Any) -> None:
    body = client.get("/api/timeline/KOR", params={"freq": "Y", "stage": "allocation"}).json()
    rows = {(r["period"], r["category"]): r["cumulative_eur"] for r in body["rows"]}
    assert rows[("2023-01-01", "financial")] == pytest.approx(180e6)
    _error(client.get("/api/timeline/KOR", params={"freq": "W"}), 422, "validation-error")


# -- rules -----------------------------------------------------------------------------


def test_rules_in_force_and_changes(client: Any) -> None:
    body = client.get("/api/rules/South Korea", params={"as_of": "2024-01-01"}).json()
    assert body["country"] == "KOR" and body["items"]
    assert all(r["sources"] for r in body["items"])
    changes = client.get("/api/rules/changes", params={"since": "2022-01-01", "country": "DEU"}).json()[
        "items"
    ]
    assert changes and all(c["country"] == "DEU" for c in changes)
    _error(client.get("/api/rules/KOR", params={"as_of": "soon"}), 422, "validation-error")


def test_check_transfer(client: Any) -> None:
    body = client.post(
        "/api/check-transfer",
        json={"origin": "Sweden", "recipient": "UKR", "item": "lethal", "on": "2022-03-01"},
    ).json()
    assert body["verdict"] == "allowed" and body["transfer"]["origin"] == "SWE"
    before = client.post(
        "/api/check-transfer", json={"origin": "DEU", "item": "lethal", "on": "2022-01-15"}
    ).json()
    assert before["verdict"] == "prohibited"
    _error(
        client.post("/api/check-transfer", json={"origin": "Atlantis", "item": "lethal"}),
        400,
        "unknown-actor",
    )
    _error(client.post("/api/check-transfer", json={"item": "lethal"}), 422, "validation-error")
    _error(
        client.post(
            "/api/check-transfer", content=b"{not json", headers={"content-type": "application/json"}
        ),
        422,
        "validation-error",
    )


# -- extraction ------------------------------------------------------------------------


def test_extract_returns_events_with_evidence(client: Any, web_store: Store) -> None:
    before = web_store.count("events")
    body = client.post("/api/extract", json={"text": ARTICLE, "published": "2023-05-02"}).json()
    appeals = [e for e in body["events"] if e["type"] == "appeal"]
    assert appeals and appeals[0]["actor"] == "UKR" and appeals[0]["target"] == "KOR"
    for event in body["events"]:
        assert body["text"][event["start"] : event["end"]] == event["evidence"]
    assert web_store.count("events") == before
    _error(client.post("/api/extract", json={"text": ""}), 422, "validation-error")


def test_extract_and_store_needs_a_token(client: Any, web_store: Store, auth: dict[str, str]) -> None:
    before = web_store.count("events")
    _error(client.post("/api/extract?store=true", json={"text": ARTICLE}), 401, "unauthorized")
    assert web_store.count("events") == before
    body = client.post(
        "/api/extract?store=true", json={"text": ARTICLE, "url": "https://example.org/a"}, headers=auth
    ).json()
    assert body["stored"]["added"] or body["stored"]["linked"]
    assert web_store.count("events") >= before


# -- writes ----------------------------------------------------------------------------

NEW_SUPPORT = {
    "donor": "South Korea",
    "stage": "allocation",
    "category": "humanitarian",
    "amount": 5e6,
    "currency": "USD",
    "date": "2024-02-01",
    "source_url": "https://example.org/kor",
}
NEW_EVENT = {
    "type": "refusal",
    "actor": "KOR",
    "category": "military",
    "date": "2024-02-02",
    "summary": "Seoul declines to send shells directly",
}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("post", "/api/support", NEW_SUPPORT),
        ("post", "/api/events", NEW_EVENT),
        ("patch", "/api/support/1", {"category": "financial"}),
        ("patch", "/api/events/1", {"summary": "changed"}),
        ("post", "/api/review/2", {"action": "accept"}),
    ],
)
@pytest.mark.parametrize("header", [None, "Bearer nope", "Basic dXNlcjpwYXNz", "Bearer "])
def test_writes_without_a_valid_token_are_401_and_change_nothing(
    client: Any, web_store: Store, method: str, path: str, body: dict[str, Any], header: str | None
) -> None:
    before = (
        client.get("/api/support?limit=1000").json(),
        client.get("/api/events?limit=1000").json(),
        web_store.count("support"),
        web_store.count("events"),
    )
    headers = {"Authorization": header} if header else {}
    response = getattr(client, method)(path, json=body, headers=headers)
    _error(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"
    after = (
        client.get("/api/support?limit=1000").json(),
        client.get("/api/events?limit=1000").json(),
        web_store.count("support"),
        web_store.count("events"),
    )
    assert after == before


def test_revoked_token_is_refused(client: Any, web_store: Store, token: str) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    assert client.post("/api/events", json=NEW_EVENT, headers=auth).status_code == 201
    web_auth.revoke_token("tester", store=web_store)
    _error(client.post("/api/events", json=NEW_EVENT, headers=auth), 401, "unauthorized")


def test_add_and_edit_support(client: Any, web_store: Store, auth: dict[str, str]) -> None:
    created = client.post("/api/support", json=NEW_SUPPORT, headers=auth)
    assert created.status_code == 201, created.text
    record_id = created.json()["id"]
    record = client.get(f"/api/support/{record_id}").json()
    assert (record["donor"], record["currency"], record["source_url"]) == (
        "KOR",
        "USD",
        "https://example.org/kor",
    )
    assert record["amount_eur"] and record["amount_eur"] != record["amount"]
    edited = client.patch(f"/api/support/{record_id}", json={"category": "financial"}, headers=auth).json()
    assert edited["category"] == "financial"
    trail = web_store.audit_trail("support", record_id)
    assert [(t["action"], t["by"]) for t in trail] == [("insert", "tester"), ("update", "tester")]


@pytest.mark.parametrize(
    ("body", "status", "kind"),
    [
        ({**NEW_SUPPORT, "donor": "Atlantis"}, 400, "unknown-actor"),
        ({**NEW_SUPPORT, "stage": "promised"}, 422, "validation-error"),
        ({**NEW_SUPPORT, "amount": -1}, 422, "validation-error"),
        ({**NEW_SUPPORT, "colour": "red"}, 422, "validation-error"),
        ({"donor": "KOR"}, 422, "validation-error"),
    ],
)
def test_bad_writes_are_4xx_and_change_nothing(
    client: Any, web_store: Store, auth: dict[str, str], body: dict[str, Any], status: int, kind: str
) -> None:
    before = web_store.count("support")
    _error(client.post("/api/support", json=body, headers=auth), status, kind)
    assert web_store.count("support") == before


@pytest.mark.parametrize(
    ("changes", "status", "kind"),
    [
        ({"stage": "promised"}, 422, "validation-error"),
        ({"colour": "red"}, 422, "validation-error"),
        ({"donor": "not a code"}, 400, "unknown-actor"),
        ({"donor": "ZZZ"}, 400, "unknown-actor"),
        ({"origin": "kiel"}, 422, "validation-error"),
        ({"amount_eur": 1}, 422, "validation-error"),
        ({"amount": True}, 422, "validation-error"),
        ({"import_id": 3}, 422, "validation-error"),
    ],
)
def test_bad_edits(
    client: Any, auth: dict[str, str], changes: dict[str, Any], status: int, kind: str
) -> None:
    """An edit is validated as a new record is (POST says "Unknown actor" too); provenance is fixed."""
    before = client.get("/api/support/1").json()
    _error(client.patch("/api/support/1", json=changes, headers=auth), status, kind)
    assert client.get("/api/support/1").json() == before
    _error(client.patch("/api/support/999", json={"category": "financial"}, headers=auth), 404, "not-found")


def test_edit_recomputes_eur_and_usd(client: Any, auth: dict[str, str]) -> None:
    before = client.get("/api/support/1").json()
    edited = client.patch("/api/support/1", json={"amount": 5000000, "currency": "USD"}, headers=auth)
    assert edited.status_code == 200, edited.text
    after = edited.json()
    assert (after["amount"], after["currency"], after["amount_usd"]) == (5e6, "USD", 5e6)
    assert after["amount_eur"] != before["amount_eur"] and 4e6 < after["amount_eur"] < 5e6
    assert "ECB" in after["fx_note"]
    cleared = client.patch("/api/support/1", json={"amount": None, "currency": None}, headers=auth).json()
    assert (cleared["amount_eur"], cleared["amount_usd"]) == (None, None)


def test_a_record_without_category_can_be_edited(client: Any, web_store: Store, auth: dict[str, str]) -> None:
    """Kiel's "no breakdown" rows have no category; editing another field must not demand one."""
    [record_id] = web_store.add_support(
        [models.Support(donor="DEU", category=None, stage="commitment", origin="kiel")], by="import"
    )
    edited = client.patch(f"/api/support/{record_id}", json={"subtype": "budget support"}, headers=auth)
    assert edited.status_code == 200, edited.text
    assert (edited.json()["subtype"], edited.json()["category"], edited.json()["origin"]) == (
        "budget support",
        None,
        "kiel",
    )


def test_add_event(client: Any, auth: dict[str, str]) -> None:
    created = client.post("/api/events", json=NEW_EVENT, headers=auth)
    assert created.status_code == 201, created.text
    event = client.get(f"/api/events/{created.json()['id']}").json()
    assert (event["type"], event["actor"], event["status"]) == ("refusal", "KOR", "confirmed")
    _error(
        client.post("/api/events", json={**NEW_EVENT, "type": "appeal"}, headers=auth),
        422,
        "validation-error",
    )


@pytest.mark.parametrize(
    ("action", "changes", "status", "summary"),
    [
        ("accept", {}, "confirmed", f"Appeal {XSS}"),
        ("reject", {}, "rejected", f"Appeal {XSS}"),
        ("edit", {"summary": "Kyiv asks Seoul for shells"}, "confirmed", "Kyiv asks Seoul for shells"),
    ],
)
def test_review_a_candidate(
    client: Any,
    web_store: Store,
    auth: dict[str, str],
    action: str,
    changes: dict[str, str],
    status: str,
    summary: str,
) -> None:
    event_id = web_store.ids["candidate"]  # type: ignore[attr-defined]
    body = client.post(f"/api/review/{event_id}", json={"action": action, "changes": changes}, headers=auth)
    assert body.status_code == 200, body.text
    after = client.get(f"/api/events/{event_id}").json()
    assert (after["status"], after["summary"]) == (status, summary)
    again = client.post(f"/api/review/{event_id}", json={"action": "accept"}, headers=auth)
    assert "not a candidate" in _error(again, 422, "validation-error")["error"]


def test_review_errors(client: Any, auth: dict[str, str]) -> None:
    _error(client.post("/api/review/999", json={"action": "accept"}, headers=auth), 404, "not-found")
    _error(client.post("/api/review/2", json={"action": "approve"}, headers=auth), 422, "validation-error")
    _error(
        client.post("/api/review/2", json={"action": "edit", "changes": {}}, headers=auth),
        422,
        "validation-error",
    )


def test_openapi_lists_every_endpoint_and_the_bearer_scheme(client: Any) -> None:
    schema = client.get("/openapi.json").json()
    expected = {
        "/api/support",
        "/api/events",
        "/api/support/{record_id}",
        "/api/events/{record_id}",
        "/api/actors",
        "/api/actors/resolve",
        "/api/groups/{group}/members",
        "/api/rank",
        "/api/compare/{donor}",
        "/api/timeline/{donor}",
        "/api/rules/{country}",
        "/api/rules/changes",
        "/api/check-transfer",
        "/api/extract",
        "/api/review/{event_id}",
        "/api/report/{donor}",
    }
    assert expected <= set(schema["paths"])
    assert "HTTPBearer" in schema["components"]["securitySchemes"]
    assert all(not p.startswith("/country") for p in schema["paths"])
    assert client.get("/docs").status_code == 200


def test_analysis_follows_writes_at_once(client: Any, auth: dict[str, str]) -> None:
    before = client.get("/api/rank").json()["items"]
    korea = next(r for r in before if r["donor"] == "KOR")
    new = {
        "donor": "KOR",
        "stage": "allocation",
        "category": "military",
        "amount": 1e9,
        "currency": "EUR",
        "date": "2023-06-01",
    }
    assert client.post("/api/support", json=new, headers=auth).status_code == 201
    after = next(r for r in client.get("/api/rank").json()["items"] if r["donor"] == "KOR")
    assert after["value_eur"] == pytest.approx(korea["value_eur"] + 1e9)
    assert client.get("/api/compare/KOR").json()["table"][0]["donor_eur"] == pytest.approx(1e9)


def test_a_bug_is_a_json_500_and_security_headers_are_set(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from aidtrack.web import cache
    from tests.web.conftest import TestClient

    monkeypatch.setattr(cache, "ranking", lambda *a, **k: 1 / 0)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/rank")
        assert response.status_code == 500
        assert response.json() == {"ok": False, "type": "internal-error", "error": response.json()["error"]}
        page = client.get("/")
    assert page.headers["x-content-type-options"] == "nosniff" and page.headers["x-frame-options"] == "DENY"


def test_country_report_as_json(client: Any) -> None:
    body = client.get("/api/report/South Korea", params={"peers": "G7"}).json()
    assert body["donor"] == "KOR" and body["headline"]["allocation_eur"] == pytest.approx(3 * 100e6)
    assert body["comparison"]["peers"] and [s["title"] for s in body["sections"]][1].startswith(
        "Export rules"
    )
    assert _error(client.get("/api/report/BRA"), 404, "not-found")


def test_server_faults_are_not_blamed_on_the_client() -> None:
    """Issue 14: a database that cannot be reached or a broken register is a server fault."""
    from aidtrack import errors
    from aidtrack.web.status import status_of

    assert status_of(errors.StorageError("locked")) == 503
    assert status_of(errors.RuleRegisterError("bad register")) == 500
    assert status_of(errors.UnknownActorError("ZZZ")) == 400


def test_review_queue_and_undoing_a_link(client: Any, web_store: Store, auth: dict[str, str]) -> None:
    """Issue 11.3: the queue shows confidence and the links; a reviewer undoes a wrong link."""
    from aidtrack.services import review as review_service

    doc = {
        "id": "a",
        "url": "https://news.example/a",
        "title": "A",
        "published": "2023-04-02",
        "events": [
            {
                "type": "appeal",
                "actor": "UKR",
                "target": "KOR",
                "category": "military",
                "evidence": "Kyiv asks.",
                "confidence": 0.95,
            }
        ],
    }
    outcome = review_service.store_document(doc, store=web_store)
    assert outcome.linked == [("events", web_store.ids["appeal"])]  # type: ignore[attr-defined]
    queue = client.get("/api/review", params={"sort": "confidence"}).json()
    assert queue["items"][0]["confidence"] == 0.8 and queue["items"][0]["ref"].startswith("E")
    [link] = queue["links"]
    assert (link["linked_ref"], link["confidence"]) == (f"E{web_store.ids['appeal']}", 0.95)  # type: ignore[attr-defined]
    _error(client.post(f"/api/review/links/{link['link_id']}/undo"), 401, "unauthorized")
    undone = client.post(f"/api/review/links/{link['link_id']}/undo", headers=auth)
    assert undone.status_code == 200, undone.text
    assert (undone.json()["status"], undone.json()["confidence"]) == ("candidate", 0.95)
    assert client.get("/api/review").json()["links"] == []
    _error(client.post(f"/api/review/links/{link['link_id']}/undo", headers=auth), 404, "not-found")
