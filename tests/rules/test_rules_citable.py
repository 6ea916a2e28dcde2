"""A register an analyst can cite: basis, legal reference, review dates, source policy,
verdict strength, via scopes, passage through transit states and licensing requirements."""

from __future__ import annotations

import datetime as dt
import importlib.resources
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from aidtrack.errors import ValidationError
from aidtrack.rules import (
    Transfer,
    audit_register,
    audit_signal_entries,
    check_transfer,
    load_register,
    problems_of_url,
    render_check,
    stale_rules,
)
from aidtrack.rules.model import BASES
from aidtrack.rules.register import parse_rules
from aidtrack.rules.sources import audit_sources
from tests.conftest import read_yaml

D = dt.date


def _signal_entries(path: Path | None = None) -> list[dict[str, object]]:
    entry = path or importlib.resources.files("aidtrack") / "data" / "signals.yaml"
    return read_yaml(entry)  # type: ignore[no-any-return]


# -- what every rule records --------------------------------------------------------------


def test_shipped_register_passes_the_audit() -> None:
    assert audit_register() == []


def test_every_rule_has_basis_reference_start_and_review() -> None:
    rules = load_register().rules
    assert all(r.basis in BASES and r.legal_reference.strip() and r.last_reviewed for r in rules)
    assert all(r.valid_from or r.valid_from_reason.strip() for r in rules)


def test_audit_names_what_a_rule_lacks() -> None:
    rules = parse_rules(
        yaml.safe_dump(
            [
                {
                    "id": "xxx_bare",
                    "country": "XXX",
                    "title": "A bare rule",
                    "summary": "A rule with nothing to cite it by.",
                    "covers": ["lethal"],
                    "scope": "direct",
                    "applies_to": "any",
                    "effect": "prohibit",
                    "confidence": "high",
                    "sources": [{"url": "https://example.org/a", "publisher": "Example"}],
                }
            ]
        )
    )
    assert audit_register(rules) == [
        "rule xxx_bare: no basis",
        "rule xxx_bare: no legal_reference",
        "rule xxx_bare: no valid_from and no valid_from_reason",
        "rule xxx_bare: no last_reviewed",
        "rule xxx_bare: no primary source and no no_primary_reason",
    ]


def test_primary_sources_come_first_and_korea_cites_its_law() -> None:
    register = load_register()
    fta = register.get("kor_foreign_trade_act_peaceful_purposes")
    assert (urlsplit(fta.citation).hostname, fta.sources[0].kind) == ("www.law.go.kr", "primary")
    assert register.get("usa_third_party_transfer_consent").citation.endswith("/uscode/text/22/2753")
    for rule in register.rules:
        kinds = [s.kind for s in rule.sources]
        assert "primary" not in kinds or kinds[0] == "primary", rule.id


def test_unverified_facts_reach_the_verdict() -> None:
    result = check_transfer(Transfer("KOR", "UKR", "ammunition", via=("POL",), on=D(2023, 3, 1)))
    assert result.unverified == (
        (
            "kor_end_user_reexport_consent: the article of the Defense Acquisition "
            "Program Act that sets the end-user condition"
        ),
    )
    assert "Not established (the verdict rests on these): kor_end_user_reexport_consent" in render_check(
        result
    )
    assert result.to_dict()["unverified"] == list(result.unverified)


# -- source policy -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://db.westchesterlibraries.org:2090/pakistan/the-pak-banker/20240510/281775634250270",
        "https://arc-dev.theglobeandmail.com/world/article-putin-says-south-korea",
        "https://acquiaprod.middleeasteye.net/fr/node/267581",
        "https://cdn-www.expressandstar.mna.arcpublishing.com/world-news/2025/03/11/x",
        "https://rss.aubry.org/p/i/?search=%23delivery",
        "https://staging.example.org/news/1",
        "https://www.google.com/search?q=korea+arms",
        "https://ezproxy.library.edu/login?url=https://www.reuters.com/x",
    ],
)
def test_policy_rejects_proxy_staging_and_search_urls(url: str) -> None:
    assert problems_of_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.law.go.kr/법령/대외무역법",
        "https://www.fedlex.admin.ch/",
        "https://www.reuters.com/world/x",
        "https://www.swissinfo.ch/eng/politics/x/48028348",
        "https://www.devdiscourse.com/article/international/1",
    ],
)
def test_policy_accepts_ordinary_pages(url: str) -> None:
    assert problems_of_url(url) == []


def test_policy_rejects_duplicates_and_state_media_without_exception() -> None:
    twice = [{"url": "https://www.reuters.com/a", "publisher": "Reuters"}] * 2
    assert [p.problem for p in audit_sources("x", twice)] == ["listed twice"]
    sputnik = [{"url": "https://sputnikglobe.com/a", "publisher": "Sputnik"}]
    assert [p.problem for p in audit_sources("x", sputnik)] == [
        "state media only; add a better source or a source_exception"
    ]
    assert audit_sources("x", sputnik, exception="Only copy of the statement found.") == []


def test_every_source_of_both_shipped_registers_passes() -> None:
    assert audit_signal_entries(_signal_entries()) == []


def test_policy_catches_the_bad_sources_of_the_shared_signals_file(policies_dir: Path) -> None:
    urls = {p.url for p in audit_signal_entries(_signal_entries(policies_dir / "signals.yaml"))}
    assert {u for u in urls if "westchesterlibraries" in u or "arc-dev." in u}


# -- verdict strength ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("transfer", "strength"),
    [
        (Transfer("DEU", "UKR", "lethal", on=D(2022, 1, 15)), "prohibited by government policy"),
        (Transfer("KOR", "UKR", "lethal", on=D(2023, 3, 1)), "prohibited by government policy"),
        (Transfer("CHE", "UKR", "lethal", on=D(2023, 1, 1)), "prohibited by international obligation"),
        (Transfer("AUT", "UKR", "lethal", on=D(2022, 3, 1)), "prohibited by statute"),
        (Transfer("SWE", "UKR", "lethal", on=D(2022, 2, 20)), "discouraged by guideline"),
        (Transfer("EU", "UKR", "lethal", on=D(2022, 1, 15)), "prohibited by international obligation"),
        (Transfer("GBR", "UKR", "lethal", on=D(2022, 1, 18)), "allowed, subject to an export licence"),
        (Transfer("KOR", "UKR", "non_lethal", on=D(2022, 4, 1)), "allowed"),
    ],
)
def test_verdict_strength(transfer: Transfer, strength: str) -> None:
    assert check_transfer(transfer).strength == strength


# -- via scope (a rule about one intermediary) -----------------------------------------------


@pytest.mark.parametrize(
    ("item", "via", "on", "deciding"),
    [
        ("ammunition", "USA", D(2022, 12, 1), "kor_155mm_sale_us_end_user_2022"),
        ("ammunition", "USA", D(2023, 3, 1), "kor_155mm_loan_to_us_2023"),
        ("ammunition", "POL", D(2023, 3, 1), "kor_end_user_reexport_consent"),
        ("lethal", "POL", D(2022, 6, 1), "kor_krab_chassis_reexport_licence_2022"),
        ("lethal", "USA", D(2022, 6, 1), "kor_end_user_reexport_consent"),
        ("ammunition", "DEU", D(2023, 3, 1), "kor_end_user_reexport_consent"),
        ("lethal", "DEU", D(2023, 3, 1), "kor_end_user_reexport_consent"),
    ],
)
def test_korean_consent_rule_depends_on_the_intermediary(
    item: str, via: str, on: dt.date, deciding: str
) -> None:
    result = check_transfer(Transfer("KOR", "UKR", item, via=(via,), on=on))
    consent = [
        f.rule_id for f in result.findings if f.slug == "reexport-consent-required" and f.country == "KOR"
    ]
    assert (result.verdict, consent) == ("needs-consent", [deciding])


def _via_cases() -> list[tuple[str, str]]:
    return [(r.id, v) for r in load_register().rules if r.via for v in r.via]


@pytest.mark.parametrize(("rule_id", "via"), _via_cases())
def test_a_via_rule_applies_through_its_intermediary_only(rule_id: str, via: str) -> None:
    rule = load_register().get(rule_id)
    on = rule.valid_from or D(2024, 1, 1)
    item = rule.covers[0]
    equipment = rule.equipment[0] if rule.equipment else None
    through = check_transfer(
        Transfer(rule.country, rule.applies_to, item, via=(via,), on=on, equipment=equipment)
    )
    elsewhere = check_transfer(
        Transfer(rule.country, rule.applies_to, item, via=("NLD",), on=on, equipment=equipment)
    )
    assert rule_id in through.cited_rules and rule_id not in elsewhere.cited_rules


def test_every_intermediary_a_rule_names_has_a_case() -> None:
    assert sorted({v for _, v in _via_cases()}) == ["CAN", "ESP", "FIN", "NOR", "POL", "PRT", "USA"]


# -- passage through transit states and general licensing -------------------------------------


@pytest.mark.parametrize(
    ("transfer", "verdict", "slugs"),
    [
        (
            Transfer("POL", "UKR", "lethal", transit=("HUN",), on=D(2022, 3, 1)),
            "prohibited",
            ["export-allowed", "passage-prohibited"],
        ),
        (Transfer("POL", "UKR", "lethal", transit=("HUN",), on=D(2022, 2, 1)), "allowed", ["export-allowed"]),
        (Transfer("POL", "UKR", "lethal", transit=("SVK",), on=D(2022, 3, 1)), "allowed", ["export-allowed"]),
        (
            Transfer("GBR", "UKR", "warship", transit=("TUR",), on=D(2022, 3, 1)),
            "prohibited",
            ["no-rule-found", "passage-prohibited"],
        ),
        (Transfer("GBR", "UKR", "warship", transit=("TUR",), on=D(2022, 2, 1)), "allowed", ["no-rule-found"]),
        (
            Transfer("POL", "UKR", "ammunition", transit=("TUR",), on=D(2022, 3, 1)),
            "allowed",
            ["export-allowed"],
        ),
    ],
)
def test_passage_through_transit_states(transfer: Transfer, verdict: str, slugs: list[str]) -> None:
    result = check_transfer(transfer)
    assert (result.verdict, [f.slug for f in result.findings]) == (verdict, slugs)


@pytest.mark.parametrize(
    ("transfer", "verdict", "finding"),
    [
        # no specific Swiss rule for Germany: the War Material Act's licence decides
        (
            Transfer("CHE", "DEU", "lethal", on=D(2023, 1, 1)),
            "needs-approval",
            ("approval-required", "che_war_material_licence_requirement"),
        ),
        (
            Transfer("AUT", "UKR", "lethal", on=D(2013, 6, 1)),
            "needs-approval",
            ("approval-required", "aut_war_materiel_licence_requirement"),
        ),
        # a specific allow still needs the general licence
        (
            Transfer("GBR", "UKR", "lethal", on=D(2022, 1, 18)),
            "allowed",
            ("licence-required", "gbr_export_control_order_licence"),
        ),
        (
            Transfer("KOR", "POL", "lethal", on=D(2022, 8, 26)),
            "allowed",
            ("licence-required", "kor_foreign_trade_act_peaceful_purposes"),
        ),
        (
            Transfer("NOR", "POL", "ammunition", on=D(2023, 5, 1)),
            "needs-approval",
            ("approval-required", "nor_export_control_act_licence"),
        ),
        (
            Transfer("FIN", "UKR", "ammunition", on=D(2022, 3, 1)),
            "allowed",
            ("licence-required", "fin_defence_materiel_export_licence"),
        ),
    ],
)
def test_general_licensing_requirement(transfer: Transfer, verdict: str, finding: tuple[str, str]) -> None:
    result = check_transfer(transfer)
    assert result.verdict == verdict and finding in [(f.slug, f.rule_id) for f in result.findings]


def test_transit_state_code_is_checked() -> None:
    with pytest.raises(ValidationError, match='transit "Narnia" is not a country code'):
        Transfer("POL", "UKR", "lethal", transit=("Narnia",))


# -- review dates -------------------------------------------------------------------------------


def test_stale_rules() -> None:
    assert stale_rules(older_than=365, today=D(2026, 12, 1)) == []
    everything = stale_rules(older_than=365, today=D(2030, 1, 1))
    assert len(everything) == len(load_register().rules)
    bare = parse_rules(
        yaml.safe_dump(
            [
                {
                    "id": "xxx_new",
                    "country": "XXX",
                    "title": "Reviewed rule",
                    "summary": "Reviewed not long ago at all.",
                    "covers": ["lethal"],
                    "scope": "direct",
                    "applies_to": "any",
                    "effect": "allow",
                    "confidence": "high",
                    "last_reviewed": "2025-06-01",
                    "sources": [{"url": "https://example.org/a", "publisher": "E"}],
                },
                {
                    "id": "xxx_never",
                    "country": "XXX",
                    "title": "Unreviewed rule",
                    "summary": "Nobody has checked this one.",
                    "covers": ["lethal"],
                    "scope": "direct",
                    "applies_to": "any",
                    "effect": "allow",
                    "confidence": "high",
                    "sources": [{"url": "https://example.org/b", "publisher": "E"}],
                },
            ]
        )
    )
    assert [r.id for r in stale_rules(older_than=365, today=D(2026, 1, 1), register=bare)] == ["xxx_never"]
    assert [r.id for r in stale_rules(older_than=30, today=D(2026, 1, 1), register=bare)] == [
        "xxx_never",
        "xxx_new",
    ]
    with pytest.raises(ValidationError, match="-1 is negative"):
        stale_rules(older_than=-1)


def test_deciding_findings_skip_no_rule_warnings() -> None:
    result = check_transfer(Transfer("BEL", "POL", "ammunition", via=("NOR",), on=D(2023, 5, 1)))
    assert result.findings[0].slug == "no-rule-found"
    assert (result.verdict, [f.rule_id for f in result.deciding], result.basis) == (
        "needs-approval",
        ["nor_export_control_act_licence"],
        "statute",
    )
