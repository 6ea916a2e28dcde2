"""compare(): peers, median, rank and the step-up gap."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from aidtrack.analysis import compare, rank
from aidtrack.analysis._actors import group_members, resolve_peers
from aidtrack.errors import ValidationError

# The hand-made ledger (conftest.hand_frames), allocations in EUR, GDP in EUR:
#   AAA gdp 1000: military 10 (1%), humanitarian 30 (3%)               total 40 (4%)
#   BBB gdp 1000: military 20 (2%), humanitarian 10 (1%)               total 30 (3%)
#   CCC gdp 3000: military 90 (3%)                                     total 90 (3%)
#   DDD gdp 2000: military 60 (3%), financial 40 (2%)                  total 100 (5%)


def _flat(result):
    return [
        (
            r["category"],
            round(r["peer_pct_gdp"], 9),
            r["rank"],
            r["of"],
            round(r["target_eur"], 9),
            round(r["gap_eur"], 9),
        )
        for _, r in result.table.iterrows()
    ]


def test_step_up_gap_against_the_median_by_hand(hand):
    support, macro = hand
    result = compare(support, macro, "AAA", peers=["BBB", "CCC", "DDD"])
    assert _flat(result) == [
        # peers' % of GDP        median  rank    target = median x 1000   gap = max(0, target - own)
        ("military", 3.0, 4, 4, 30.0, 20.0),  # [2, 3, 3] -> 3;  30 - 10
        ("humanitarian", 0.0, 1, 4, 0.0, 0.0),  # [1, 0, 0] -> 0
        ("financial", 0.0, 2, 4, 0.0, 0.0),  # [0, 0, 2] -> 0;  DDD ranks above AAA's 0
        ("total", 3.0, 2, 4, 30.0, 0.0),  # [3, 3, 5] -> 3;  30 - 40 < 0
    ]
    assert result.row("military")["donor_pct_gdp"] == pytest.approx(1.0)
    assert result.peers == ["BBB", "CCC", "DDD"] and result.missing_peers == []


def test_step_up_gap_against_other_percentiles_by_hand(hand):
    support, macro = hand
    top = compare(support, macro, "AAA", peers="BBB,CCC,DDD", percentile=100)
    assert [(r["category"], round(r["gap_eur"], 9)) for _, r in top.table.iterrows()] == [
        ("military", 20.0),
        ("humanitarian", 0.0),
        ("financial", 20.0),
        ("total", 10.0),
    ]
    quarter = compare(support, macro, "AAA", peers="BBB,CCC,DDD", percentile=25)
    # military peers [2, 3, 3]: 25th percentile (linear) = 2.5% -> 25 -> gap 15
    assert quarter.row("military")["gap_eur"] == pytest.approx(15.0)
    assert quarter.row("military")["peer_median_pct_gdp"] == pytest.approx(3.0)


def test_peer_values_are_listed_per_actor_and_category(hand):
    support, macro = hand
    result = compare(support, macro, "AAA", peers=["DDD"])
    values = result.values.set_index(["actor", "category"])
    assert values.loc[("DDD", "total"), "value_eur"] == 100.0
    assert values.loc[("DDD", "financial"), "pct_gdp"] == pytest.approx(2.0)
    assert values.loc[("AAA", "total"), "is_donor"]
    assert set(result.values["category"]) == {"military", "humanitarian", "financial", "total"}


def test_as_of_cuts_support_at_that_date(hand):
    support, macro = hand
    result = compare(support, macro, "AAA", peers=["BBB", "DDD"], as_of="2023-02-15")
    # by 15 Feb: AAA military 10 + humanitarian 30; BBB military 20; DDD nothing yet
    assert result.row("total")["donor_eur"] == 40.0
    assert sorted(result.values.loc[result.values["category"] == "total", "value_eur"]) == [0.0, 20.0, 40.0]


def test_r29_korea_against_g7_matches_the_rank_table(r29_support, r29_macro):
    result = compare(r29_support, r29_macro, "KOR", peers="G7")
    assert result.peers == ["CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"]
    table = rank(r29_support, r29_macro, per="gdp").set_index("donor")
    median = float(np.median(table.loc[result.peers, "pct_gdp"]))
    total = result.row("total")
    assert total["peer_pct_gdp"] == pytest.approx(median)
    assert total["gap_eur"] == pytest.approx(
        median / 100 * table.loc["KOR", "gdp_eur"] - table.loc["KOR", "value_eur"]
    )
    assert total["rank"] == 8 and total["of"] == 8


def test_r29_nato_peers_follow_membership_dates(r29_support, r29_macro):
    before = compare(r29_support, r29_macro, "KOR", peers="NATO", as_of="2023-01-01")
    after = compare(r29_support, r29_macro, "KOR", peers="NATO", as_of="2024-06-30")
    assert "FIN" not in before.peers and "SWE" not in before.peers
    assert "FIN" in after.peers and "SWE" in after.peers
    assert "ALB" in after.missing_peers  # a NATO member Kiel does not track


def test_donor_is_never_its_own_peer(r29_support, r29_macro):
    result = compare(r29_support, r29_macro, "DEU", peers="G7")
    assert "DEU" not in result.peers and len(result.peers) == 6


def test_peer_groups_have_dates():
    assert "SWE" not in group_members("NATO", on=dt.date(2024, 1, 1))
    assert "SWE" in group_members("NATO", on=dt.date(2024, 3, 7))
    assert "GBR" in group_members("EU", on=dt.date(2020, 1, 31))
    assert "GBR" not in group_members("EU", on=dt.date(2020, 2, 1))
    assert len(group_members("G7", on=None)) == 7
    assert len(group_members("OECD", on=dt.date(2025, 1, 1))) == 38


def test_resolve_peers_mixes_groups_and_codes():
    assert resolve_peers("G7,AUS", donor="USA") == ["AUS", "CAN", "DEU", "FRA", "GBR", "ITA", "JPN"]


@pytest.mark.parametrize(
    ("donor", "options", "message"),
    [
        ("AAA", {"percentile": 120}, "120"),
        ("ZZZ", {"peers": ["BBB"]}, '"ZZZ"'),
        ("AAA", {"peers": ["AAA"]}, "No peers left"),
    ],
)
def test_bad_requests_raise_validation_error(hand, donor, options, message):
    support, macro = hand
    with pytest.raises(ValidationError, match=message):
        compare(support, macro, donor, **options)
