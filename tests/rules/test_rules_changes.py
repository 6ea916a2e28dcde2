"""Rules in force on a date (with superseded ones flagged) and rule changes over time."""

from __future__ import annotations

import datetime as dt

import pytest

from aidtrack.rules import rule_changes, rules_in_force

D = dt.date


@pytest.mark.parametrize(
    ("country", "on", "expected"),
    [
        (
            "SWE",
            D(2022, 2, 1),
            [
                ("swe_guidelines_no_exports_to_states_in_armed_conflict", ()),
                ("swe_military_equipment_licence_requirement", ()),
            ],
        ),
        (
            "SWE",
            D(2022, 3, 1),
            [
                (
                    "swe_guidelines_no_exports_to_states_in_armed_conflict",
                    ("swe_ukraine_donation_exception_2022",),
                ),
                ("swe_ukraine_donation_exception_2022", ()),
                ("swe_military_equipment_licence_requirement", ()),
            ],
        ),
        (
            "USA",
            D(2025, 3, 5),
            [
                ("usa_third_party_transfer_consent", ()),
                ("usa_non_lethal_aid_2014", ("usa_direct_arms_supply_prewar", "usa_aid_pause_2025")),
                (
                    "usa_direct_arms_supply_prewar",
                    ("usa_cluster_munitions_limit_waiver_2023", "usa_aid_pause_2025"),
                ),
                ("usa_cluster_munitions_limit_waiver_2023", ("usa_aid_pause_2025",)),
                ("usa_cross_border_use_kharkiv_2024", ("usa_atacms_deep_strike_2024",)),
                ("usa_atacms_deep_strike_2024", ()),
                ("usa_aid_pause_2025", ()),
            ],
        ),
        (
            "CHE",
            D(2026, 1, 1),
            [
                ("che_war_material_act_conflict_criterion", ("che_neutrality_law_equal_treatment",)),
                ("che_non_reexport_declaration", ("che_neutrality_law_equal_treatment",)),
                ("che_neutrality_law_equal_treatment", ()),
                ("che_war_material_licence_requirement", ()),
            ],
        ),
        ("BEL", D(2023, 1, 1), []),
    ],
)
def test_rules_in_force(country: str, on: dt.date, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert [(r.id, r.superseded_by) for r in rules_in_force(country, on=on)] == expected


def test_pending_rule_is_never_in_force() -> None:
    ids = [r.id for r in rules_in_force("CHE", on=D(2030, 1, 1))]
    assert "che_war_material_act_reform_2025" not in ids


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (("DEU", D(2022, 2, 26), "deu_ukraine_exception_2022"), ("adopted", "loosen", "prohibit", "allow")),
        (
            ("SWE", D(2022, 2, 27), "swe_ukraine_donation_exception_2022"),
            ("adopted", "loosen", "prohibit", "allow"),
        ),
        (("HUN", D(2022, 2, 28), "hun_no_arms_no_transit_2022"), ("adopted", "tighten", None, "prohibit")),
        (("POL", D(2023, 9, 20), "pol_no_new_transfers_2023"), ("adopted", "tighten", "allow", "prohibit")),
        (("USA", D(2023, 10, 1), "usa_lend_lease_2022"), ("ended", "tighten", "allow", "allow")),
        (("USA", D(2025, 3, 3), "usa_aid_pause_2025"), ("adopted", "tighten", "allow", "prohibit")),
        (("USA", D(2025, 3, 11), "usa_aid_pause_2025"), ("ended", "loosen", "prohibit", "allow")),
        (
            ("KOR", D(2022, 11, 11), "kor_155mm_sale_us_end_user_2022"),
            ("adopted", "loosen", "require_consent", "require_consent"),
        ),
        (
            ("CHE", D(2025, 12, 19), "che_war_material_act_reform_2025"),
            ("pending", "loosen", "require_consent", "allow"),
        ),
    ],
)
def test_rule_changes(key: tuple[str, dt.date, str], expected: tuple[object, ...]) -> None:
    found = {(c.country, c.date, c.rule_id): c for c in rule_changes(since=D(2022, 2, 24))}
    change = found[key]
    assert (change.kind, change.direction, change.effect_before, change.effect_after) == expected
    assert change.sources


def test_rule_changes_window_and_country_filter() -> None:
    changes = rule_changes(since=D(2022, 2, 26), until=D(2022, 2, 27), country="DEU")
    assert [(c.date, c.rule_id) for c in changes] == [
        (D(2022, 2, 26), "deu_ukraine_exception_2022"),
        (D(2022, 2, 26), "deu_ukraine_reexport_case_by_case_2022"),
    ]


def test_rule_changes_are_sorted_and_in_range() -> None:
    changes = rule_changes(since=D(2023, 1, 1), until=D(2023, 12, 31))
    dates = [c.date for c in changes]
    assert dates == sorted(dates) and dates and all(D(2023, 1, 1) <= d <= D(2023, 12, 31) for d in dates)


def test_change_to_dict_is_plain() -> None:
    (change,) = rule_changes(since=D(2025, 3, 3), until=D(2025, 3, 3))
    data = change.to_dict()
    assert (data["date"], data["direction"], data["sources"][0]["publisher"]) == (
        "2025-03-03",
        "tighten",
        "NBC Miami (AP)",
    )
