"""Route cases an analyst checked against official texts and reporting (dates, scope of
changes, 2024-26 changes, licensing and passage), plus the signals corrections."""

from __future__ import annotations

import datetime as dt
import importlib.resources

import pytest

from aidtrack.errors import ValidationError
from aidtrack.rules import Transfer, check_transfer, load_register, render_check
from aidtrack.rules.sources import audit_sources
from tests.conftest import read_yaml

D = dt.date


def _check(origin: str, recipient: str, item: str, on: dt.date, **extra: object):  # type: ignore[no-untyped-def]
    return check_transfer(Transfer(origin, recipient, item, on=on, **extra))  # type: ignore[arg-type]


# -- the cases the review listed ---------------------------------------------------------------


def test_estonia_passing_german_made_arms_in_2023_needs_german_consent() -> None:
    result = _check("EST", "UKR", "lethal", D(2023, 6, 1), manufacturer="DEU")
    assert (result.verdict, result.consent_of) == ("needs-consent", ("DEU",))
    assert "deu_ukraine_reexport_case_by_case_2022" in result.cited_rules
    assert "deu_leopard2_transfer_permits_2023" not in result.cited_rules


@pytest.mark.parametrize(
    ("origin", "equipment", "verdict"),
    [
        ("POL", "leopard_2", "allowed"),  # a partner cleared on 25 January 2023, with its Leopard 2s
        ("POL", None, "needs-consent"),  # the same partner with other German-made arms
        ("EST", "leopard_2", "needs-consent"),  # not among the partners the permits named
    ],
)
def test_leopard_permits_cover_their_tanks_and_partners_only(
    origin: str, equipment: str | None, verdict: str
) -> None:
    result = _check(origin, "UKR", "lethal", D(2023, 2, 1), manufacturer="DEU", equipment=equipment)
    assert result.verdict == verdict
    assert ("deu_leopard2_transfer_permits_2023" in result.cited_rules) is (verdict == "allowed")


def test_austria_in_2013_meets_no_neutrality_bar() -> None:
    result = _check("AUT", "UKR", "lethal", D(2013, 6, 1))
    assert not [f for f in result.findings if f.severity == "error"]
    assert (result.label, result.strength) == ("needs an export licence from AUT", "needs an export licence")
    assert result.cited_rules == ("aut_war_materiel_licence_requirement",)


@pytest.mark.parametrize(
    ("transfer", "rule_id"),
    [
        (Transfer("AUT", "UKR", "lethal", on=D(2022, 3, 1)), "aut_constitutional_neutrality_no_arms"),
        (
            Transfer("POL", "UKR", "ammunition", transit=("AUT",), on=D(2022, 3, 1)),
            "aut_war_materiel_act_transit_conflict_areas",
        ),
    ],
)
def test_austria_bars_exports_and_transit_to_a_state_at_war(transfer: Transfer, rule_id: str) -> None:
    result = check_transfer(transfer)
    assert (result.verdict, result.strength) == ("prohibited", "prohibited by statute")
    assert rule_id in [f.rule_id for f in result.deciding]


def test_austrian_war_materiel_act_keeps_the_un_eu_exception_on_record() -> None:
    rule = load_register().get("aut_war_materiel_act_conflict_areas")
    assert "common foreign and security policy" in rule.summary and "Security Council" in rule.summary
    assert rule.unverified


@pytest.mark.parametrize(
    ("on", "verdict", "rule_id"),
    [
        (D(2015, 6, 1), "prohibited", "usa_lethal_aid_withheld_2014"),
        (D(2017, 12, 21), "prohibited", "usa_lethal_aid_withheld_2014"),
        (D(2017, 12, 22), "allowed", "usa_direct_arms_supply_prewar"),
    ],
)
def test_us_lethal_aid_was_withheld_until_december_2017(on: dt.date, verdict: str, rule_id: str) -> None:
    result = _check("USA", "UKR", "lethal", on)
    assert (result.verdict, result.cited_rules[0]) == (verdict, rule_id)


def test_us_non_lethal_aid_from_2014() -> None:
    assert _check("USA", "UKR", "non_lethal", D(2015, 6, 1)).cited_rules == ("usa_non_lethal_aid_2014",)


def test_czechia_passing_hungarian_made_items_meets_no_hungarian_bar() -> None:
    result = _check("CZE", "UKR", "lethal", D(2023, 6, 1), manufacturer="HUN")
    hungarian = [f for f in result.findings if f.country == "HUN"]
    assert result.verdict == "allowed"
    assert [(f.slug, f.rule_id) for f in hungarian] == [("no-rule-found", None)]


@pytest.mark.parametrize(
    ("transfer", "slug"),
    [
        (Transfer("POL", "UKR", "lethal", via=("HUN",), on=D(2023, 6, 1)), "onward-export-prohibited"),
        (Transfer("POL", "UKR", "lethal", transit=("HUN",), on=D(2023, 6, 1)), "passage-prohibited"),
        (Transfer("HUN", "UKR", "lethal", on=D(2023, 6, 1)), "direct-export-prohibited"),
    ],
)
def test_hungary_bans_direct_supply_and_transit_by_government_resolution(
    transfer: Transfer, slug: str
) -> None:
    result = check_transfer(transfer)
    (error,) = [f for f in result.findings if f.severity == "error"]
    assert (error.slug, error.country, result.strength) == (slug, "HUN", "prohibited by government policy")
    assert "1120/2022" in error.legal_reference


@pytest.mark.parametrize("on", [D(2023, 6, 1), D(2026, 6, 1)])
def test_switzerland_to_germany_ammunition_needs_a_swiss_licence(on: dt.date) -> None:
    result = _check("CHE", "DEU", "ammunition", on)
    assert (result.verdict, result.approval_of, result.label) == (
        "needs-approval",
        ("CHE",),
        "needs an export licence from CHE",
    )
    assert [f.rule_id for f in result.deciding] == ["che_war_material_licence_requirement"]


@pytest.mark.parametrize(
    ("origin", "rule_id"),
    [
        ("SWE", "swe_military_equipment_licence_requirement"),
        ("AUT", "aut_war_materiel_licence_requirement"),
    ],
)
def test_a_general_licensing_requirement_replaces_no_rule_on_record(origin: str, rule_id: str) -> None:
    result = _check(origin, "POL", "lethal", D(2023, 6, 1))
    assert (result.label, [f.rule_id for f in result.deciding]) == (
        f"needs an export licence from {origin}",
        [rule_id],
    )
    assert "no-rule-found" not in [f.slug for f in result.findings]


def test_swiss_reform_is_pending_and_the_current_law_still_decides() -> None:
    rule = load_register().get("che_war_material_act_reform_2025")
    assert rule.status == "pending" and "referendum" in rule.summary and rule.unverified
    result = _check("CHE", "UKR", "ammunition", D(2026, 6, 1))
    assert result.verdict == "prohibited" and "che_war_material_act_reform_2025" not in result.cited_rules


@pytest.mark.parametrize(("on", "applies"), [(D(2022, 2, 23), False), (D(2022, 2, 24), True)])
def test_swiss_neutrality_applies_from_the_start_of_the_international_conflict(
    on: dt.date, applies: bool
) -> None:
    result = _check("DEU", "UKR", "ammunition", on, manufacturer="CHE")
    swiss = [f.rule_id for f in result.findings if f.country == "CHE"]
    assert ("che_neutrality_law_equal_treatment" in swiss) is applies


def test_uk_minehunters_via_turkey_in_2024_are_blocked_at_the_straits() -> None:
    result = _check("GBR", "UKR", "warship", D(2024, 6, 1), transit=("TUR",))
    (passage,) = [f for f in result.findings if f.slug == "passage-prohibited"]
    assert (result.verdict, passage.country, passage.rule_id) == (
        "prohibited",
        "TUR",
        "tur_minehunters_straits_refusal_2024",
    )
    assert "through Türkiye (TUR)" in passage.message


def test_minehunters_not_crossing_turkey_are_not_judged_by_turkey() -> None:
    result = _check("GBR", "UKR", "warship", D(2024, 6, 1))
    assert "TUR" not in [f.country for f in result.findings]


def test_japan_to_poland_lethal_in_2026_needs_approval_under_the_2026_principles() -> None:
    result = _check("JPN", "POL", "lethal", D(2026, 6, 1))
    assert (result.verdict, result.approval_of) == ("needs-approval", ("JPN",))
    assert [f.rule_id for f in result.deciding] == ["jpn_transfer_principles_revision_2026"]
    assert "jpn_gcap_export_2024" not in result.cited_rules
    assert "jpn_transfer_principles_revision_2026" in render_check(result)


@pytest.mark.parametrize(
    ("on", "rule_id"),
    [
        (D(2025, 6, 1), "jpn_no_weapons_for_ukraine"),
        (D(2026, 6, 1), "jpn_conflict_countries_barred_2026"),
    ],
)
def test_japan_still_keeps_weapons_from_ukraine(on: dt.date, rule_id: str) -> None:
    result = _check("JPN", "UKR", "lethal", on)
    assert (result.verdict, [f.rule_id for f in result.deciding]) == ("prohibited", [rule_id])


def test_japan_before_2014_is_judged_by_the_older_principles() -> None:
    result = _check("JPN", "UKR", "lethal", D(2010, 6, 1))
    assert result.cited_rules == ("jpn_arms_export_principles_1976",)
    assert not any("2014" in r for r in result.cited_rules)


@pytest.mark.parametrize(
    ("equipment", "on", "deciding"),
    [
        (None, D(2024, 6, 1), "jpn_three_principles_2014_conflict_party_ban"),
        ("licence_built", D(2024, 6, 1), "jpn_licensed_products_revision_2023"),
        ("gcap_fighter", D(2025, 6, 1), "jpn_gcap_export_2024"),
    ],
)
def test_japanese_changes_cover_their_own_items_only(
    equipment: str | None, on: dt.date, deciding: str
) -> None:
    result = _check("JPN", "GBR", "lethal", on, equipment=equipment)
    assert (result.verdict, [f.rule_id for f in result.deciding]) == ("needs-approval", [deciding])


def test_licence_built_patriots_may_not_go_on_to_a_country_at_war() -> None:
    result = _check("JPN", "UKR", "lethal", D(2024, 1, 15), via=("USA",), equipment="licence_built")
    assert result.verdict == "prohibited"
    assert [f.rule_id for f in result.deciding] == ["jpn_licensed_products_no_transfer_to_war_2023"]


@pytest.mark.parametrize(("equipment", "verdict"), [("patriot_interceptor", "allowed"), (None, "prohibited")])
def test_israeli_patriots_returned_to_the_us_and_routed_to_ukraine(
    equipment: str | None, verdict: str
) -> None:
    result = _check("ISR", "UKR", "lethal", D(2024, 10, 1), via=("USA",), equipment=equipment)
    assert result.verdict == verdict
    if equipment:
        assert {"isr_patriot_return_to_us_2024", "isr_patriot_onward_to_ukraine_2024"} <= set(
            result.cited_rules
        )
        assert result.to_dict()["transfer"]["equipment"] == "patriot_interceptor"


def test_korean_contracts_with_poland_start_with_the_executive_contracts() -> None:
    rule = load_register().get("kor_poland_arms_deals_2022")
    assert rule.valid_from == D(2022, 8, 26)
    assert "26 August 2022" in rule.legal_reference and "16 September 2022" in rule.legal_reference


def test_korean_licensing_discretion_lies_with_the_licensing_bodies() -> None:
    rule = load_register().get("kor_foreign_trade_act_peaceful_purposes")
    assert "president" not in rule.summary.lower()
    assert "Defense Acquisition Program Administration" in rule.legal_reference


def test_irish_neutrality_predates_the_eu_fund() -> None:
    rule = load_register().get("irl_military_neutrality_non_lethal_only")
    assert rule.valid_from is None and rule.valid_from_reason and "EUR 10m" in rule.summary
    assert _check("IRL", "UKR", "lethal", D(2020, 6, 1)).verdict == "prohibited"


def test_unknown_equipment_is_refused_with_the_choices() -> None:
    with pytest.raises(ValidationError, match='Unknown equipment "Leopard 3".*leopard_2'):
        Transfer("POL", "UKR", "lethal", equipment="Leopard 3")
    assert Transfer("POL", "UKR", "lethal", equipment="Leopard 2").equipment == "leopard_2"


def test_rules_reviewed_today_and_written_earlier_are_told_apart() -> None:
    dates = {r.last_reviewed for r in load_register().rules}
    assert dates == {D(2026, 11, 27), D(2026, 11, 30)}
    assert load_register().get("tur_minehunters_straits_refusal_2024").last_reviewed == D(2026, 11, 30)


# -- signals ----------------------------------------------------------------------------------


def _signals() -> list[dict[str, object]]:
    path = importlib.resources.files("aidtrack") / "data" / "signals.yaml"
    return read_yaml(path)  # type: ignore[no-any-return]


def _find(actor: str, target: str, kind: str, day: str) -> dict[str, object]:
    (entry,) = [
        e
        for e in _signals()
        if (e["actor"], e["target"], e["type"], str(e["date"])) == (actor, target, kind, day)
    ]
    return entry


def test_rudenko_interview_is_dated_24_november_2024() -> None:
    assert _find("RUS", "KOR", "threat", "2024-11-24")
    assert not [e for e in _signals() if (e["actor"], str(e["date"])) == ("RUS", "2024-11-25")]


def test_peskov_remark_is_worded_as_involvement_not_party_status() -> None:
    entry = _find("RUS", "KOR", "threat", "2023-04-19")
    assert "involvement" in str(entry["summary"]) and "Seoul treated as a party" not in str(
        entry["consequence"]
    )


def test_lady_r_signal_no_longer_rests_on_wikipedia_alone() -> None:
    entry = _find("USA", "RUS", "sanction", "2022-05-08")
    hosts = [str(s["url"]) for s in entry["sources"]]  # type: ignore[attr-defined]
    assert any("wikipedia" not in h for h in hosts) and entry.get("notes")


def test_weak_hosts_cannot_stand_alone() -> None:
    forum = [{"url": "https://www.raptureforums.com/forums/threads/x", "publisher": "Forum copy"}]
    assert [p.problem for p in audit_sources("signal", forum)] == [
        (
            "only state media or weak hosts (copies, aggregators, forums, Wikipedia); add a better source "
            "or a source_exception"
        )
    ]
    paper = [
        *forum,
        {"url": "https://www.jpost.com/breaking-news/article-707002", "publisher": "The Jerusalem Post"},
    ]
    assert audit_sources("signal", paper) == []


def test_a_portal_home_page_beside_state_media_is_not_enough() -> None:
    portal = {
        "url": "https://www.mofa.go.jp/",
        "publisher": "Ministry of Foreign Affairs of Japan",
        "kind": "primary",
    }
    sputnik = {"url": "https://sputnikglobe.com/20240326/x.html", "publisher": "Sputnik"}
    assert [p.problem for p in audit_sources("rule", [portal, sputnik])] == [
        "state media only; add a better source or a source_exception"
    ]
    assert [p.problem for p in audit_sources("rule", [portal])] == [
        "only a portal's home page; add the page of the text or a report, or a source_exception"
    ]


def test_every_rule_cites_a_primary_source_or_says_why_not() -> None:
    rules = load_register().rules
    assert all(any(s.kind == "primary" for s in r.sources) or r.no_primary_reason.strip() for r in rules)
    assert load_register().get("deu_range_restrictions_lifted_2025").no_primary_reason
