"""Fixtures of the backup and records tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from aidtrack.db import Store
from aidtrack.services import imports, ledger
from tests.backup.ledgers import add_hand_made


@pytest.fixture
def full_store(tmp_path: Path) -> Store:
    """A SQLite ledger with the starter data (2,265 records) plus hand-made rows of every kind."""
    store = ledger.open_store(f"sqlite:///{tmp_path / 'source.db'}", fresh=True)
    imports.load_starter(store, by="importer")
    add_hand_made(store)
    return store
