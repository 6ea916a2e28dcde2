"""``brief KOR`` run again on an unchanged ledger reads its text back; any write brings a new text.

The kept text must be exactly the brief computed afresh, and never outlive the figures
it was computed from.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from aidtrack.db import Store
from aidtrack.services import analysis as service
from aidtrack.services import report as report_service
from tests.conftest import eur_support


@pytest.fixture()
def starter(starter_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Store:
    """A ledger holding the starter data (a copy of the session's), with a cache folder of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    service.clear_cache()
    return starter_store


def _fresh(store: Store, **options: object) -> str:
    service.clear_cache()
    return report_service.render_report_text(report_service.country_report("KOR", store=store, **options))  # type: ignore[arg-type]


def _computing_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        report_service, "country_report", lambda *a, **k: pytest.fail("the brief was computed again")
    )


def test_a_kept_brief_is_the_brief(starter: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    first = report_service.brief_text("KOR", store=starter)
    assert first == _fresh(starter)
    _computing_fails(monkeypatch)
    assert report_service.brief_text("KOR", store=starter) == first


def test_a_write_gives_a_new_brief(starter: Store) -> None:
    first = report_service.brief_text("KOR", store=starter)
    starter.add_support(
        [
            eur_support(
                "KOR",
                4_321_000_000,
                category="military",
                stage="allocation",
                date=dt.date(2024, 5, 1),
                origin="manual",
            )
        ],
        by="t",
    )
    after = report_service.brief_text("KOR", store=starter)
    assert after != first and after == _fresh(starter)


def test_other_options_are_other_briefs(starter: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    g7 = report_service.brief_text("KOR", store=starter)
    earlier = report_service.brief_text("KOR", store=starter, as_of="2023-06-30")
    assert earlier != g7 and earlier == _fresh(starter, as_of="2023-06-30")
    _computing_fails(monkeypatch)
    assert report_service.brief_text("KOR", store=starter, as_of="2023-06-30") == earlier
    assert report_service.brief_text("KOR", store=starter) == g7
