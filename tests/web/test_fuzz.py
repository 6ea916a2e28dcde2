"""Property-based fuzzing of the JSON API from its OpenAPI schema (schemathesis): never a 5xx.

Bounded: a few valid and a few invalid examples per operation (and again on existing
records for the operations on one record), anonymous and with a write token, on a copy
of the test ledger. Every error must be ``{"ok": false, ...}`` JSON, and an
anonymous write must be refused.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from aidtrack.db import Store
from aidtrack.services import signals, web_auth

EXAMPLES = 15
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
WRITES = (
    "POST /api/support",
    "POST /api/events",
    "PATCH /api/support/{record_id}",
    "PATCH /api/events/{record_id}",
    "POST /api/review/{event_id}",
)


def _check(case: Any, response: Any, *, anonymous: bool) -> None:
    where = f"{case.method} {case.formatted_path} {case.query} {case.body!r:.300}"
    assert response.status_code < 500, f"{where} -> {response.status_code} {response.text[:500]}"
    if response.status_code >= 400:
        body = response.json()
        assert body["ok"] is False and body["type"] and body["error"], (where, body)
    if anonymous and f"{case.method} {case.path}" in WRITES:
        assert response.status_code in (400, 401, 422), (where, response.status_code)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
@pytest.mark.parametrize("anonymous", [True, False], ids=["anonymous", "token"])
def test_api_never_fails_with_a_server_error(
    app: FastAPI, web_store: Store, mode: GenerationMode, anonymous: bool
) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    headers = (
        {} if anonymous else {"Authorization": f"Bearer {web_auth.create_token('fuzz', store=web_store)}"}
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    signals.import_signals(
        web_store
    )  # as `aidtrack serve` does at start (else the country report loads them)
    before = (web_store.count("support"), web_store.count("events"))
    known = {"record_id": 1, "event_id": web_store.ids["candidate"]}  # type: ignore[attr-defined]
    for operation in operations:
        fixed = {p.name: known[p.name] for p in operation.path_parameters if p.name in known}
        for path_parameters in [None, fixed] if fixed and mode is GenerationMode.POSITIVE else [None]:

            @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
            @FUZZ
            def fuzz(case: Any) -> None:
                response = case.call_and_validate(headers=headers, checks=[not_a_server_error])
                _check(case, response, anonymous=anonymous)

            fuzz()
    if anonymous:
        assert (web_store.count("support"), web_store.count("events")) == before
