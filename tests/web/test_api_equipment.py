"""The route checker's API takes the named equipment a rule may be limited to."""

from __future__ import annotations

from typing import Any


def _verdict(client: Any, origin: str, equipment: str | None) -> dict[str, Any]:
    body = {"origin": origin, "recipient": "UKR", "item": "lethal", "manufacturer": "DEU", "on": "2023-06-01"}
    if equipment:
        body["equipment"] = equipment
    response = client.post("/api/check-transfer", json=body)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_leopard_permits_cover_their_partners_only(client: Any) -> None:
    assert _verdict(client, "POL", "leopard_2")["verdict"] == "allowed"
    assert _verdict(client, "EST", "leopard_2")["verdict"] == "needs-consent"
    assert _verdict(client, "POL", None)["transfer"].get("equipment") is None


def test_unknown_equipment_is_a_validation_error(client: Any) -> None:
    response = client.post(
        "/api/check-transfer", json={"origin": "POL", "item": "lethal", "equipment": "Leopard 3"}
    )
    assert response.status_code == 422 and "Leopard 3" in response.json()["error"]
