"""The signals register loads into the ledger as confirmed, sourced events."""

from __future__ import annotations

from aidtrack.db import EventFilter, Store, SupportFilter
from aidtrack.services.signals import import_signals
from tests.conftest import shared_path


def test_shipped_signals_load_as_confirmed_events_with_sources(store: Store) -> None:
    result = import_signals(store)
    assert result["status"] == "imported" and result["rejected"] == []
    threats = store.list_events(EventFilter(type="threat", target="KOR", limit=None))
    assert threats and all(t["actor"] == "RUS" and t["status"] == "confirmed" for t in threats)
    assert all(t["source_url"].startswith("http") for t in threats)
    appeals = store.list_events(EventFilter(type="appeal", target="KOR", limit=None))
    assert "NATO" in {a["actor"] for a in appeals}
    assert store.count("support", SupportFilter(origin="signals")) == result["support"] > 0


def test_loading_twice_changes_nothing_and_a_new_file_supersedes(store: Store) -> None:
    first = import_signals(store)
    assert import_signals(store)["status"] == "unchanged"
    shared = import_signals(store, shared_path("data", "policies", "signals.yaml"))
    assert shared["status"] == "imported" and shared["superseded"] == first["stored"]
    assert store.count("events", EventFilter(current=True)) == shared["events"]
