"""Helpers: fill a ledger with rows of every kind, read every table back."""

from __future__ import annotations

from typing import Any

from aidtrack.db import Store
from aidtrack.db import backup as dump
from aidtrack.services import ledger, web_auth


def add_hand_made(store: Store) -> None:
    """Records that exercise items, sources, statuses, links and a token."""
    first = ledger.add_support(
        {
            "donor": "Germany",
            "stage": "delivery",
            "category": "military",
            "amount": 4.5e9,
            "currency": "USD",
            "date": "2023-02-01",
            "items": [{"name": "155mm shells", "quantity": 3000}, {"name": "IRIS-T"}],
            "evidence": 'Berlin said: "more, soon",\nand a new line',
            "source_url": "https://example.org/a",
            "source_title": "Pledge",
            "source_published": "2023-02-02",
            "source_kind": "official",
        },
        store=store,
        by="alice",
    )
    ledger.add_support(
        {
            "donor": "KOR",
            "stage": "commitment",
            "category": "humanitarian",
            "status": "candidate",
            "origin": "extract",
            "external_id": "art-1#2",
            "date": "2024-05-01",
            "source_url": "https://example.org/b",
        },
        store=store,
        by="bob",
    )
    ledger.edit_record("support", first, {"subtype": "ammunition"}, store=store, by="carol")
    appeal = ledger.add_event(
        {
            "type": "appeal",
            "actor": "UKR",
            "target": "KOR",
            "date": "2023-04-01",
            "summary": "asks for shells",
        },
        store=store,
        by="alice",
    )
    store.add_corroboration(
        "events", appeal, source=None, evidence="also said", origin="extract", external_id="art-2#1", by="bob"
    )
    web_auth.create_token("alice", store=store)


def every_table(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, in primary-key order, from one snapshot."""
    with dump.snapshot(store.engine) as conn:
        return {t.name: list(dump.iter_rows(conn, t)) for t in dump.tables()}
