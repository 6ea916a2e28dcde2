"""Totals summed in the database give exactly the figures of the record-level frame.

Each test fills a ledger (SQLite and PostgreSQL) with the starter data plus records
that exercise every rule of what counts: several records per month on different days,
undated ones, candidates and rejected ones, evidence origins (news extraction, the
signals register) and a dataset release superseded by a newer one. The old way (one
row per record, filtered in pandas) is computed from ``store.support_frame`` and must
agree with the totals path to the cent.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from aidtrack import analysis, models
from aidtrack.analysis._frames import select_support
from aidtrack.db import Store, aggregate
from aidtrack.errors import ValidationError
from aidtrack.services import analysis as service
from aidtrack.services import ledger

SOURCE_A = models.Source(url="https://example.org/a", title="Ministry of Defence release", kind="official")
SOURCE_B = models.Source(url="https://example.org/b", kind="news")


def _support(
    donor: str, category: str | None, stage: str, day: str | None, amount: float, **extra: object
) -> models.Support:
    return models.Support(
        donor=donor,
        category=category,
        stage=stage,
        amount=amount,
        currency="EUR",
        amount_eur=amount,
        date=None if day is None else dt.date.fromisoformat(day),
        **extra,
    )


def _release(store: Store, release: str, amount: float) -> None:
    records = [
        _support("KOR", "military", "allocation", "2024-05-07", amount, origin="kiel-test", source=SOURCE_A),
        _support("JPN", "humanitarian", "allocation", "2024-05-20", amount / 2, origin="kiel-test"),
    ]
    store.import_batch(
        origin="kiel-test",
        release=release,
        sha256=f"sha-{release}",
        path=f"r{release}.csv",
        records=records,
        report=[],
        by="t",
    )


@pytest.fixture()
def filled(
    any_starter_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Store:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    any_store = any_starter_store
    any_store.add_support(
        [
            _support("KOR", "military", "allocation", "2024-03-03", 11.5e6, source=SOURCE_A),
            _support("KOR", "military", "allocation", "2024-03-17", 7.25e6, source=SOURCE_A),
            _support("KOR", "military", "allocation", "2024-03-28", 3.0e6, source=SOURCE_B),
            _support("KOR", "humanitarian", "commitment", "2024-03-15", 40e6),
            _support("KOR", "financial", "delivery", "2024-04-02", 5e6),
            _support("KOR", None, "commitment", None, 9e6),
            _support("DEU", "military", "allocation", "2024-03-10", 1.1e9, source=SOURCE_B),
            _support("DEU", "military", "allocation", "2024-03-20", 0.9e9, source=SOURCE_B),
            _support("EU", "financial", "allocation", "2024-03-12", 2e9),
            _support("EU", "financial", "allocation", "2024-03-25", 1e9),
            _support("USA", "military", "allocation", "2024-03-15", 5e9, status="candidate"),
            _support("USA", "military", "allocation", "2024-03-16", 6e9, status="rejected"),
            _support("KOR", "military", "allocation", "2024-03-15", 8e9, origin="extract"),
            _support("KOR", "military", "allocation", "2024-03-15", 9e9, origin="signals"),
        ],
        by="t",
    )
    _release(any_store, "1", 100e6)
    _release(any_store, "2", 60e6)
    return any_store


def _records(store: Store, *, start: dt.date | None = None, end: dt.date | None = None) -> pd.DataFrame:
    """The old way: every counted record as a row, filtered in pandas."""
    where = dataclasses.replace(ledger.support_filter(current=True, status="confirmed"), limit=None)
    rows = store.support_frame(where)
    rows = rows[~rows["origin"].isin(aggregate.EVIDENCE_ORIGINS)].reset_index(drop=True)
    return select_support(rows, start=start, end=end) if start or end else rows


def _same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(
        left.reset_index(drop=True), right.reset_index(drop=True), check_dtype=False, rtol=1e-12
    )


def test_totals_are_grouped_and_count_only_what_counts(filled: Store) -> None:
    records = _records(filled)
    totals = aggregate.support_totals(filled)
    assert totals["records"].sum() == len(records)
    assert totals["amount_eur"].sum() == pytest.approx(records["amount_eur"].sum(), rel=1e-12)
    assert len(totals) < len(records)
    assert not set(totals["origin"]) & set(aggregate.EVIDENCE_ORIGINS)
    korea = totals.loc[
        (totals["donor"] == "KOR") & (totals["origin"] == "manual") & (totals["category"] == "military")
    ].set_index("source_url")
    assert korea.loc["https://example.org/a", "records"] == 2
    assert korea.loc["https://example.org/a", "amount_eur"] == pytest.approx(18.75e6)
    assert korea.loc["https://example.org/a", "date"] == pd.Timestamp("2024-03-03")
    assert korea.loc["https://example.org/a", "last_date"] == pd.Timestamp("2024-03-17")
    assert korea.loc["https://example.org/a", "source_title"] == "Ministry of Defence release"
    release = totals.loc[totals["origin"] == "kiel-test", "amount_eur"]
    assert sorted(release) == [30e6, 60e6]  # release 2 only; release 1 is superseded
    assert totals.loc[totals["date"].isna(), "amount_eur"].sum() == pytest.approx(9e6)
    everything = aggregate.support_totals(filled, everything=True)
    assert set(everything["origin"]) >= {"extract", "signals"}


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"per": "gdp"},
        {"per": "capita"},
        {"per": "gdp", "include_eu_shares": True},
        {"category": "military"},
        {"stage": "commitment"},
        {"stage": "delivery"},
        {"start": "2024-03-16", "end": "2024-03-27"},
        {"end": "2024-03-15"},
        {"start": "2024-03-17"},
    ],
)
def test_rank_matches_the_record_frame(filled: Store, options: dict[str, object]) -> None:
    records, macro = _records(filled), filled.macro_frame()
    _same(service.rank_donors(store=filled, **options), analysis.rank(records, macro, **options))


@pytest.mark.parametrize(
    ("donor", "options"),
    [
        ("KOR", {"peers": "G7"}),
        ("KOR", {"peers": "NATO", "as_of": "2024-03-16"}),
        ("DEU", {"peers": "KOR,JPN,USA", "percentile": 75}),
        ("KOR", {"peers": "G7", "stage": "commitment"}),
    ],
)
def test_compare_matches_the_record_frame(filled: Store, donor: str, options: dict[str, object]) -> None:
    records, macro = _records(filled), filled.macro_frame()
    new = service.compare_donors(donor, store=filled, **options)
    old = analysis.compare(records, macro, donor, **options)
    _same(new.table, old.table)
    _same(new.values, old.values)
    assert (new.peers, new.missing_peers) == (old.peers, old.missing_peers)


@pytest.mark.parametrize(
    ("donor", "options"),
    [
        (None, {}),
        ("KOR", {}),
        ("KOR", {"freq": "Q"}),
        (None, {"stage": "allocation", "freq": "Y"}),
    ],
)
def test_timeline_and_gap_match_the_record_frame(
    filled: Store, donor: str | None, options: dict[str, object]
) -> None:
    records = _records(filled)
    new = service.donor_timeline(donor, store=filled, **options)
    old = analysis.timeline(records, donor, **options)
    _same(new, old)
    assert new.attrs["undated_eur"] == pytest.approx(old.attrs["undated_eur"])
    _same(service.commitment_gap(store=filled), analysis.commitment_gap(records))


def test_report_figures_match_the_record_frame(filled: Store) -> None:
    end = dt.date(2024, 3, 16)
    records, macro = _records(filled, end=end), filled.macro_frame()
    totals, _ = service.load_frames(filled, end=end)
    new = analysis.build_report(totals, macro, "KOR", peers="G7", as_of=end)
    old = analysis.build_report(records, macro, "KOR", peers="G7", as_of=end)
    assert {k: v for k, v in new.headline.items() if k != "last_date"} == {
        k: v for k, v in old.headline.items() if k != "last_date"
    }
    _same(new.categories, old.categories)
    _same(new.ranking, old.ranking)
    _same(new.timeline, old.timeline)
    _same(new.comparison.table, old.comparison.table)


def test_month_totals_refuse_a_cut_inside_a_month(filled: Store) -> None:
    support, macro = service.load_frames(filled)
    with pytest.raises(ValidationError, match=r"cannot be cut at 2024-03-16.*load_frames"):
        analysis.rank(support, macro, end="2024-03-16")
    with pytest.raises(ValidationError, match=r"cannot be cut at 2024-03-10"):
        analysis.rank(support, macro, start="2024-03-10")
    # at a month's boundary the month totals are exact
    assert analysis.rank(support, macro, end="2024-02-29")["value_eur"].sum() == pytest.approx(
        analysis.rank(_records(filled), macro, end="2024-02-29")["value_eur"].sum(), rel=1e-12
    )
