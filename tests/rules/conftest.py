"""Fixtures for the rules tests: the shared policies folder (skip when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

_REPO = Path(__file__).resolve().parents[2]
_SHARED = Path(os.environ.get("AIDTRACK_SHARED_DIR", _REPO.parent / "shared"))


@pytest.fixture
def policies_dir() -> Path:
    """../shared/data/policies, or skip with a clear message."""
    path = _SHARED / "data" / "policies"
    if not (path / "rules.yaml").exists():
        pytest.skip(f"reference data {path} is absent; put ../shared beside the checkout to run this test")
    return path
