"""Fixtures of the backup and records tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aidtrack.db import Store
from aidtrack.services import ledger
from tests.backup.ledgers import add_hand_made


@pytest.fixture
def full_store(tmp_path: Path, starter_ledger: Path) -> Store:
    """A SQLite ledger with the starter data (2,265 records, a copy of the session's starter
    ledger) plus hand-made rows of every kind."""
    shutil.copyfile(starter_ledger, tmp_path / "source.db")
    store = ledger.open_store(f"sqlite:///{tmp_path / 'source.db'}", fresh=True)
    add_hand_made(store)
    return store
