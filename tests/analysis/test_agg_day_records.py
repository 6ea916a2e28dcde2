"""Records dated by the day, several to a month and a source: figures that read the ledger's
totals (one row per month and source) still count records and dates, not groups."""

from __future__ import annotations

from pathlib import Path

from aidtrack import models
from aidtrack.services import ledger
from aidtrack.services import report as report_service
from aidtrack.web import cache

SOURCE = models.Source(url="https://example.org/seoul-aid", publisher="Example", kind="news")


def _store(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = ledger.open_store(f"sqlite:///{tmp_path / 'days.db'}")
    days = ("2023-05-03", "2023-05-10", "2023-05-20")
    store.add_support(
        [
            models.Support(
                donor="KOR",
                category="humanitarian",
                stage="allocation",
                amount=1e6 * (i + 1),
                currency="EUR",
                amount_eur=1e6 * (i + 1),
                date=day,
                source=SOURCE,
                origin="manual",
            )
            for i, day in enumerate(days)
        ],
        by="test",
    )
    store.upsert_macro(
        [{"actor": "KOR", "indicator": "gdp_eur_kiel_2021", "year": 2021, "value": 1.5e12, "unit": "EUR"}],
        by="test",
    )
    return store


def test_overview_counts_records_and_the_latest_day(tmp_path: Path) -> None:
    view = cache.overview(_store(tmp_path))
    assert view["records"] == 3
    assert view["latest"] == "2023-05-20"


def test_report_cites_each_source_with_its_record_count_and_last_day(tmp_path: Path) -> None:
    built = report_service.country_report("KOR", store=_store(tmp_path))
    assert built.headline["last_date"] == "2023-05-20"
    cited = {c.url: c.label for c in built.sources if c.url}
    assert cited[SOURCE.url] == "3 record(s)"


def test_a_report_as_of_a_day_inside_a_month_counts_the_records_before_it(tmp_path: Path) -> None:
    built = report_service.country_report("KOR", as_of="2023-05-15", store=_store(tmp_path))
    assert built.headline["allocation_eur"] == 3e6  # 1m on the 3rd + 2m on the 10th
    assert built.headline["last_date"] == "2023-05-10"
