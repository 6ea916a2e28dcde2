"""Fixtures for importer tests: hand-built Kiel workbooks and the real files in ../shared.

The real files are read in place (never copied); tests skip with a clear message
when ../shared is absent.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fixtures"))


@pytest.fixture
def activities_xlsx(tmp_path: Path) -> Path:
    from kiel_fixture import write_activities_workbook

    return write_activities_workbook(tmp_path / "Ukraine_Support_Tracker_Release_31.xlsx")


@pytest.fixture
def packages_xlsx(tmp_path: Path) -> Callable[..., Path]:
    from kiel_fixture import write_packages_workbook

    def make(*, broken: bool = False, name: str = "kiel_packages.xlsx") -> Path:
        return write_packages_workbook(tmp_path / name, broken=broken)

    return make
