"""Totals summed over months and totals of a few donors, read from the kept totals.

A ranking or a comparison totals whole periods, so it reads each group's months
summed in SQL (a few hundred rows on a ledger of a million records); a donor's
timeline reads only that donor's months. Both must give what the month-by-month
totals give, on SQLite and PostgreSQL, after writes and for periods that cut months.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from aidtrack import analysis
from aidtrack.db import Store, aggregate
from aidtrack.services import analysis as service
from tests.conftest import eur_support

GROUP = ["donor", "recipient", "category", "stage", "origin", "source_url", "source_title"]
PERIODS = [(None, None), (dt.date(2022, 3, 16), dt.date(2023, 5, 9)), (dt.date(2023, 1, 1), None)]


def _months_summed(monthly: pd.DataFrame) -> pd.DataFrame:
    """The month-by-month totals summed per group in pandas (the reference)."""
    keys = monthly[GROUP].astype(object).where(monthly[GROUP].notna(), "<none>")
    sums = monthly.assign(**{k: keys[k] for k in GROUP}).groupby(GROUP, dropna=False)
    out = sums.agg(
        date=("date", "min"),
        last_date=("last_date", "max"),
        amount_eur=("amount_eur", "sum"),
        records=("records", "sum"),
    ).reset_index()
    return out.replace("<none>", None)


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    text = frame[GROUP].astype(object).where(frame[GROUP].notna(), "")
    order = text.apply(lambda row: "|".join(map(str, row)), axis=1).sort_values().index
    return frame.loc[order, [*GROUP, "date", "last_date", "amount_eur", "records"]].reset_index(drop=True)


def _write_some(store: Store) -> None:
    """Writes that move records between months and groups, and a candidate that does not count."""
    made = store.add_support(
        [
            eur_support("KOR", 5e6, date=dt.date(2023, 2, 3), category="humanitarian", stage="allocation"),
            eur_support("KOR", 7e6, date=dt.date(2023, 4, 9), category="humanitarian", stage="allocation"),
            eur_support("JPN", 1e9, date=None, category="financial", stage="commitment"),
            eur_support(
                "USA",
                3e9,
                date=dt.date(2023, 4, 9),
                category="military",
                stage="allocation",
                status="candidate",
            ),
        ],
        by="t",
    )
    store.update_record("support", made[1], {"date": dt.date(2022, 12, 30)}, by="t")


def test_months_summed_in_sql_equal_the_monthly_totals_summed(any_starter_store: Store) -> None:
    _write_some(any_starter_store)
    for start, end in PERIODS:
        monthly = aggregate.support_totals(any_starter_store, start=start, end=end)
        summed = aggregate.support_totals(any_starter_store, start=start, end=end, by_month=False)
        assert len(summed) < len(monthly)
        assert summed["records"].sum() == monthly["records"].sum()
        expected = _months_summed(monthly)
        if start is None and end is None:  # no month cut: one row per group
            assert len(summed) == len(expected)
        pd.testing.assert_frame_equal(
            _sorted(_months_summed(summed)), _sorted(expected), check_dtype=False, rtol=1e-12
        )


def test_a_donors_totals_are_that_donors_rows(any_starter_store: Store) -> None:
    _write_some(any_starter_store)
    monthly = aggregate.support_totals(any_starter_store)
    for donors in (["KOR"], ["KOR", "JPN"], ["XXX"]):
        only = aggregate.support_totals(any_starter_store, donors=donors)
        expected = monthly.loc[monthly["donor"].isin(donors)]
        assert set(only["donor"]) == set(expected["donor"])
        pd.testing.assert_frame_equal(_sorted(only), _sorted(expected), check_dtype=False)


@pytest.mark.parametrize("options", [{"per": "gdp"}, {}, {"per": "capita", "stage": "commitment"}])
def test_a_ranking_read_from_months_summed_is_the_monthly_ranking(
    any_starter_store: Store, options: dict[str, str]
) -> None:
    _write_some(any_starter_store)
    monthly = service.load_frames(any_starter_store)
    ranked = service.rank_donors(store=any_starter_store, **options)
    pd.testing.assert_frame_equal(ranked, analysis.rank(monthly[0], monthly[1], **options), rtol=1e-12)


def test_a_comparison_and_a_timeline_equal_the_monthly_ones(any_starter_store: Store) -> None:
    _write_some(any_starter_store)
    support, macro = service.load_frames(any_starter_store)
    compared = service.compare_donors("KOR", store=any_starter_store, peers="G7")
    expected = analysis.compare(support, macro, "KOR", peers="G7")
    pd.testing.assert_frame_equal(compared.table, expected.table, rtol=1e-12)
    assert compared.missing_peers == expected.missing_peers
    timeline = service.donor_timeline("KOR", store=any_starter_store)
    pd.testing.assert_frame_equal(timeline, analysis.timeline(support, "KOR"))
    assert timeline.attrs == analysis.timeline(support, "KOR").attrs


def test_the_kept_totals_have_a_covering_index(any_store: Store) -> None:
    """The months of a group are summed from the index alone (migration 0009)."""
    indexes = sa.inspect(any_store.engine).get_indexes("support_totals")
    cover = next(ix for ix in indexes if ix["name"] == "ix_support_totals_cover")
    assert cover["column_names"][:6] == list(aggregate.GROUP_KEYS)
    assert {"date", "last_date", "amount_eur", "records"} <= set(cover["column_names"])
