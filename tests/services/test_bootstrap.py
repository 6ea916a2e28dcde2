"""One bootstrap makes a ledger ready for its first answer, and only once."""

from __future__ import annotations

from pathlib import Path

from aidtrack.db import EventFilter, SupportFilter
from aidtrack.services import analysis, bootstrap, ledger


def test_prepare_loads_the_starter_and_the_signals_once(tmp_path: Path) -> None:
    store = ledger.open_store(f"sqlite:///{tmp_path / 'fresh.db'}")
    assert bootstrap.prepare(store) is True
    support = store.count("support", SupportFilter(limit=None))
    signals = store.count("events", EventFilter(origin="signals", current=None))
    assert support > 1000 and signals > 10
    version = analysis.ledger_version(store)
    assert bootstrap.prepare(store) is False
    assert analysis.ledger_version(store) == version  # nothing written the second time


def test_prepare_without_the_starter_loads_only_the_signals(tmp_path: Path) -> None:
    store = ledger.open_store(f"sqlite:///{tmp_path / 'bare.db'}")
    assert bootstrap.prepare(store, starter=False) is False
    assert store.count("support", SupportFilter(origin="kiel", limit=None)) == 0
    assert store.count("events", EventFilter(origin="signals", current=None)) > 10
