"""timeline() and commitment_gap() against Kiel's R29 monthly series and by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from aidtrack.analysis import commitment_gap, timeline
from aidtrack.errors import ValidationError

BN = 1e9


def test_monthly_allocations_match_kiel_totals(r29_support, r29_totals):
    frame = timeline(r29_support, stage="allocation")
    kiel = r29_totals.assign(period=pd.to_datetime(r29_totals[["year", "month"]].assign(day=1)))
    for category in ("military", "financial", "humanitarian"):
        ours = frame[frame["category"] == category].set_index("period")["amount_eur"] / BN
        theirs = kiel.set_index("period")[category]
        assert len(ours) == 52 == len(theirs)
        assert ours.to_numpy() == pytest.approx(theirs.to_numpy(), rel=1e-3, abs=1e-6)
        assert ours.cumsum().iloc[-1] == pytest.approx(theirs.sum(), rel=1e-6)


def test_cumulative_is_running_sum_with_gaps_filled(hand):
    support, _ = hand
    frame = timeline(support, "AAA", stage="allocation")
    got = [
        (p.strftime("%Y-%m"), c, a, cum)
        for p, c, a, cum in frame[["period", "category", "amount_eur", "cumulative_eur"]].itertuples(
            index=False
        )
    ]
    assert got == [
        ("2023-01", "humanitarian", 0.0, 0.0),
        ("2023-02", "humanitarian", 30.0, 30.0),
        ("2023-01", "military", 10.0, 10.0),
        ("2023-02", "military", 0.0, 10.0),
    ]


def test_quarters_and_unspecified_commitments(hand):
    support, _ = hand
    frame = timeline(support, freq="Q")
    q1 = frame[frame["period"] == pd.Timestamp("2023-01-01")].set_index(["stage", "category"])["amount_eur"]
    assert q1[("allocation", "military")] == 120.0  # AAA 10 + BBB 20 + CCC 90
    assert q1[("allocation", "humanitarian")] == 40.0
    assert q1[("commitment", "unspecified")] == 100.0
    assert list(frame["stage"].drop_duplicates()) == ["commitment", "allocation"]


def test_undated_support_is_reported_not_placed(hand):
    support, _ = hand
    support = support.copy()
    support.loc[0, "date"] = pd.NaT
    frame = timeline(support, "AAA", stage="allocation")
    assert frame.attrs["undated_eur"] == 10.0
    assert frame["amount_eur"].sum() == 30.0


def test_bad_frequency_is_explained(hand):
    with pytest.raises(ValidationError, match='"W"'):
        timeline(hand[0], freq="W")


def test_commitment_gap_matches_kiel_to_be_allocated(r29_support, r29_explorer):
    kiel = r29_explorer.groupby("iso")[["commitments", "total", "to_be_allocated"]].sum()
    gap = commitment_gap(r29_support).set_index("donor").loc[kiel.index]
    assert (gap["unallocated_eur"] / BN).to_numpy() == pytest.approx(
        kiel["to_be_allocated"].to_numpy(), rel=1e-3, abs=1e-6
    )
    assert (gap["commitment_eur"] / BN).to_numpy() == pytest.approx(kiel["commitments"].to_numpy(), rel=1e-3)
    assert gap["delivery_eur"].isna().all()


def test_commitment_gap_by_hand_with_deliveries(hand):
    support, _ = hand
    extra = support.iloc[[0]].assign(stage="delivery", amount_eur=25.0)
    gap = commitment_gap(pd.concat([support, extra], ignore_index=True), donors=["AAA", "BBB"])
    flat = [
        (r.donor, r.commitment_eur, r.allocation_eur, r.delivery_eur, r.unallocated_eur, r.allocated_pct)
        for r in gap.itertuples()
    ]
    assert flat[0] == ("AAA", 100.0, 40.0, 25.0, 60.0, 40.0)
    assert flat[1][:3] == ("BBB", 0.0, 30.0) and pd.isna(flat[1][3]) and pd.isna(flat[1][5])
