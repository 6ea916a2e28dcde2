"""Transfer route checks: dated cases with expected verdicts, findings and precedence."""

from __future__ import annotations

import datetime as dt

import pytest

from aidtrack.errors import ValidationError
from aidtrack.rules import Rule, Transfer, check_transfer, is_at_war, normalize_item
from aidtrack.rules.precedence import decide

D = dt.date

# (origin, recipient, item, via, manufacturer, date, verdict, consent_of)
ROUTES = [
    # Germany: political principles until the Zeitenwende exception of 26 Feb 2022
    ("DEU", "UKR", "lethal", (), None, D(2022, 1, 15), "prohibited", ()),
    ("DEU", "UKR", "lethal", (), None, D(2022, 2, 25), "prohibited", ()),
    ("DEU", "UKR", "lethal", (), None, D(2022, 2, 26), "allowed", ()),
    ("DEU", "UKR", "weapons", (), None, D(2022, 3, 1), "allowed", ()),
    # Korea: no lethal aid to a country at war; indirect supply through the US
    ("KOR", "UKR", "ammunition", (), None, D(2023, 3, 1), "prohibited", ()),
    ("KOR", "UKR", "shells", ("USA",), None, D(2023, 3, 1), "needs-consent", ("KOR",)),
    # before the US arrangements, Korea's general end-user rule asks for its consent
    ("KOR", "UKR", "ammunition", ("USA",), None, D(2022, 6, 1), "needs-consent", ("KOR",)),
    ("KOR", "UKR", "ammunition", ("USA", "POL"), None, D(2023, 3, 1), "needs-consent", ("KOR", "USA")),
    ("KOR", "UKR", "lethal", ("POL",), None, D(2022, 6, 1), "needs-consent", ("KOR",)),
    ("KOR", "UKR", "helmets", (), None, D(2022, 4, 1), "allowed", ()),
    ("KOR", "UKR", "lethal", (), None, D(2021, 6, 1), "prohibited", ()),
    ("KOR", "UKR", "dual_use", (), None, D(2023, 6, 1), "needs-approval", ()),
    ("KOR", "POL", "lethal", (), None, D(2022, 6, 1), "needs-approval", ()),
    # the K2/K9 executive contracts were signed on 26 August 2022; before that the licence decides
    ("KOR", "POL", "lethal", (), None, D(2022, 8, 1), "needs-approval", ()),
    ("KOR", "POL", "lethal", (), None, D(2022, 8, 26), "allowed", ()),
    ("KOR", "RUS", "lethal", (), None, D(2023, 1, 1), "prohibited", ()),
    # Germany passing on items made elsewhere
    ("DEU", "UKR", "ammunition", (), "CHE", D(2022, 11, 3), "prohibited", ()),
    ("DEU", "UKR", "ammunition", (), "BRA", D(2022, 5, 1), "allowed", ()),
    ("DEU", "UKR", "ammunition", (), "BRA", D(2023, 2, 1), "prohibited", ()),
    ("DEU", "UKR", "lethal", (), "ISR", D(2022, 5, 20), "prohibited", ()),
    ("DEU", "UKR", "ammunition", (), "ZAF", D(2024, 1, 1), "prohibited", ()),
    # Allies passing on German-, US-, Indian-made arms
    ("EST", "UKR", "lethal", (), "DEU", D(2022, 1, 21), "prohibited", ()),
    ("EST", "UKR", "lethal", (), "DEU", D(2022, 3, 1), "needs-consent", ("DEU",)),
    ("POL", "UKR", "lethal", (), "DEU", D(2023, 1, 20), "needs-consent", ("DEU",)),
    # the Leopard 2 permits covered those tanks only (see LEOPARD_AND_PATRIOT below)
    ("POL", "UKR", "lethal", (), "DEU", D(2023, 2, 1), "needs-consent", ("DEU",)),
    ("EST", "UKR", "lethal", (), "USA", D(2022, 1, 21), "needs-consent", ("USA",)),
    ("NLD", "UKR", "lethal", (), "USA", D(2023, 9, 1), "needs-consent", ("USA",)),
    ("POL", "UKR", "ammunition", (), "IND", D(2024, 10, 1), "needs-consent", ("IND",)),
    # Sweden, Norway, Finland around the invasion
    ("SWE", "UKR", "lethal", (), None, D(2022, 2, 20), "prohibited", ()),
    ("SWE", "UKR", "lethal", (), None, D(2022, 2, 26), "prohibited", ()),
    ("SWE", "UKR", "lethal", (), None, D(2022, 3, 1), "allowed", ()),
    ("NOR", "UKR", "lethal", (), None, D(2022, 2, 27), "prohibited", ()),
    ("NOR", "UKR", "lethal", (), None, D(2022, 3, 1), "allowed", ()),
    ("NOR", "UKR", "lethal", (), None, D(2024, 6, 1), "needs-approval", ()),
    ("FIN", "UKR", "ammunition", (), None, D(2022, 2, 27), "prohibited", ()),
    ("FIN", "UKR", "ammunition", (), None, D(2022, 3, 1), "allowed", ()),
    # Japan
    ("JPN", "UKR", "lethal", (), None, D(2023, 1, 1), "prohibited", ()),
    ("JPN", "UKR", "body armour", (), None, D(2022, 3, 1), "needs-approval", ()),
    ("JPN", "UKR", "non_lethal", (), None, D(2022, 3, 10), "allowed", ()),
    # the 2023 licensed-products change covers licence-built items only, case by case
    ("JPN", "USA", "lethal", (), None, D(2024, 1, 15), "needs-approval", ()),
    ("JPN", "UKR", "lethal", ("USA",), None, D(2024, 1, 15), "needs-consent", ("JPN",)),
    # Switzerland, Israel, Austria, neutrality
    ("CHE", "UKR", "lethal", (), None, D(2023, 1, 1), "prohibited", ()),
    ("ISR", "UKR", "lethal", (), None, D(2022, 10, 19), "prohibited", ()),
    ("ISR", "UKR", "non_lethal", (), None, D(2022, 5, 1), "allowed", ()),
    ("AUT", "UKR", "lethal", (), None, D(2022, 3, 1), "prohibited", ()),
    # Hungary as transit country
    ("POL", "UKR", "lethal", ("HUN",), None, D(2022, 3, 1), "prohibited", ()),
    ("POL", "UKR", "lethal", ("HUN",), None, D(2022, 2, 1), "allowed", ()),
    # United States and Poland over time
    ("USA", "UKR", "lethal", (), None, D(2025, 3, 5), "prohibited", ()),
    ("USA", "UKR", "lethal", (), None, D(2025, 3, 12), "allowed", ()),
    ("POL", "UKR", "lethal", (), None, D(2023, 10, 1), "prohibited", ()),
    ("POL", "UKR", "lethal", (), None, D(2024, 2, 1), "allowed", ()),
    # UK before the invasion, EU financing, China, Turkey, a donor with no rules
    ("GBR", "UKR", "lethal", (), None, D(2022, 1, 18), "allowed", ()),
    ("EU", "UKR", "lethal", (), None, D(2022, 1, 15), "prohibited", ()),
    ("EU", "UKR", "lethal", (), None, D(2022, 3, 1), "allowed", ()),
    ("CHN", "RUS", "lethal", (), None, D(2023, 10, 1), "prohibited", ()),
    ("CHN", "RUS", "dual_use", (), None, D(2023, 10, 1), "needs-approval", ()),
    ("TUR", "UKR", "lethal", (), None, D(2022, 3, 5), "allowed", ()),
    ("BEL", "UKR", "lethal", (), None, D(2022, 3, 1), "allowed", ()),
]


@pytest.mark.parametrize(("origin", "recipient", "item", "via", "maker", "on", "verdict", "consent"), ROUTES)
def test_route_verdicts(
    origin: str,
    recipient: str,
    item: str,
    via: tuple[str, ...],
    maker: str | None,
    on: dt.date,
    verdict: str,
    consent: tuple[str, ...],
) -> None:
    result = check_transfer(Transfer(origin, recipient, item, via=via, manufacturer=maker, on=on))
    assert (result.verdict, result.consent_of) == (verdict, consent)


def test_there_are_at_least_30_dated_route_cases() -> None:
    assert len(ROUTES) >= 30


@pytest.mark.parametrize(
    ("transfer", "expected"),
    [
        (
            Transfer("DEU", "UKR", "lethal", on=D(2022, 1, 15)),
            [("direct-export-prohibited", "error", "DEU", "deu_political_principles_no_conflict_exports")],
        ),
        (
            Transfer("DEU", "UKR", "lethal", on=D(2022, 3, 1)),
            [
                ("exception-applies", "info", "DEU", "deu_ukraine_exception_2022"),
                ("licence-required", "info", "DEU", "deu_war_weapons_licence_requirement"),
            ],
        ),
        (
            Transfer("DEU", "UKR", "ammunition", manufacturer="CHE", on=D(2022, 11, 3)),
            [
                ("exception-applies", "info", "DEU", "deu_ukraine_exception_2022"),
                ("licence-required", "info", "DEU", "deu_war_weapons_licence_requirement"),
                ("reexport-prohibited", "error", "CHE", "che_neutrality_law_equal_treatment"),
            ],
        ),
        (
            Transfer("KOR", "UKR", "ammunition", via=("USA",), on=D(2023, 3, 1)),
            [
                ("approval-required", "warning", "KOR", "kor_foreign_trade_act_peaceful_purposes"),
                ("export-allowed", "info", "USA", "usa_lend_lease_2022"),
                ("reexport-consent-required", "warning", "KOR", "kor_155mm_loan_to_us_2023"),
            ],
        ),
        (
            Transfer("POL", "UKR", "lethal", via=("HUN",), on=D(2022, 3, 1)),
            [
                ("no-rule-found", "warning", "POL", None),
                ("onward-export-prohibited", "error", "HUN", "hun_no_arms_no_transit_2022"),
                ("no-rule-found", "info", "POL", None),
            ],
        ),
        (Transfer("BEL", "UKR", "lethal", on=D(2022, 3, 1)), [("no-rule-found", "warning", "BEL", None)]),
    ],
)
def test_findings(transfer: Transfer, expected: list[tuple[str, str, str, str | None]]) -> None:
    findings = check_transfer(transfer).findings
    assert [(f.slug, f.severity, f.country, f.rule_id) for f in findings] == expected


def test_findings_cite_the_first_source_of_their_rule() -> None:
    result = check_transfer(Transfer("CHE", "UKR", "lethal", on=D(2023, 1, 1)))
    (finding,) = result.findings
    assert finding.citation == "https://www.fedlex.admin.ch/"
    assert finding.rule_id == "che_neutrality_law_equal_treatment"
    assert "CHE" in finding.message and "lethal" in finding.message


def test_exception_lists_the_rule_it_sets_aside() -> None:
    finding, licence = check_transfer(Transfer("SWE", "UKR", "lethal", on=D(2022, 3, 1))).findings
    assert finding.set_aside == ("swe_guidelines_no_exports_to_states_in_armed_conflict",)
    assert (licence.slug, licence.rule_id) == (
        "licence-required",
        "swe_military_equipment_licence_requirement",
    )


def test_result_to_dict_and_label() -> None:
    result = check_transfer(Transfer("KOR", "UKR", "ammunition", via=("USA",), on=D(2023, 3, 1)))
    data = result.to_dict()
    assert (data["verdict"], data["label"], data["transfer"]["via"]) == (
        "needs-consent",
        "needs consent of KOR",
        ["USA"],
    )


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("weapons", "lethal"),
        ("Arms", "lethal"),
        ("shells", "ammunition"),
        ("ammo", "ammunition"),
        ("helmets", "non_lethal"),
        ("body armour", "non_lethal"),
        ("non-lethal", "non_lethal"),
        ("dual-use", "dual_use"),
        ("lethal", "lethal"),
    ],
)
def test_item_synonyms(text: str, item: str) -> None:
    assert normalize_item(text) == item


@pytest.mark.parametrize("bad", ["lasers", "", "food"])
def test_unknown_item_is_a_validation_error_quoting_it(bad: str) -> None:
    with pytest.raises(ValidationError, match=f'Unknown item "{bad}"'):
        normalize_item(bad)


def test_bad_country_code_in_transfer() -> None:
    with pytest.raises(ValidationError, match='origin "Germny" is not a country code'):
        Transfer("Germny", "UKR", "lethal")


@pytest.mark.parametrize(
    ("country", "on", "at_war"),
    [
        ("UKR", D(2014, 4, 13), False),
        ("UKR", D(2014, 4, 14), True),
        ("UKR", D(2022, 1, 15), True),
        ("RUS", D(2022, 2, 23), False),
        ("RUS", D(2022, 2, 24), True),
        ("POL", D(2023, 1, 1), False),
    ],
)
def test_conflict_table(country: str, on: dt.date, at_war: bool) -> None:
    assert is_at_war(country, on=on) is at_war


def _rule(
    rule_id: str,
    *,
    applies_to: str = "any",
    effect: str = "prohibit",
    valid_from: str | None = None,
    overrides: tuple[str, ...] = (),
) -> Rule:
    return Rule.model_validate(
        {
            "id": rule_id,
            "country": "XXX",
            "title": "A test rule",
            "summary": "A rule made up for a test case.",
            "covers": ["lethal"],
            "scope": "direct",
            "applies_to": applies_to,
            "effect": effect,
            "valid_from": valid_from,
            "overrides": list(overrides),
            "confidence": "high",
            "sources": [{"url": "https://example.org/a", "publisher": "Example", "date": "2022-01-01"}],
        }
    )


@pytest.mark.parametrize(
    ("rules", "winner"),
    [
        # a named destination beats states at war, which beats any
        (
            [
                _rule("any_rule", effect="allow"),
                _rule("war_rule", applies_to="states_at_war"),
                _rule("ukr_rule", applies_to="UKR", effect="require_approval"),
            ],
            "ukr_rule",
        ),
        ([_rule("any_rule", effect="allow"), _rule("war_rule", applies_to="states_at_war")], "war_rule"),
        # a later rule beats an earlier one of the same specificity; undated counts as earliest
        (
            [_rule("old", valid_from="2020-01-01"), _rule("new", effect="allow", valid_from="2022-03-01")],
            "new",
        ),
        ([_rule("new", effect="allow", valid_from="2022-03-01"), _rule("undated")], "new"),
        # an explicit override wins even over a more specific rule
        (
            [_rule("ukr_rule", applies_to="UKR"), _rule("general", effect="allow", overrides=("ukr_rule",))],
            "general",
        ),
        # a full tie goes to the stricter effect
        ([_rule("loose", effect="allow"), _rule("strict", effect="require_consent")], "strict"),
    ],
)
def test_precedence(rules: list[Rule], winner: str) -> None:
    decision = decide(rules)
    assert decision is not None
    assert decision.winner.id == winner
    assert sorted(r.id for r in decision.set_aside) == sorted(r.id for r in rules if r.id != winner)


def test_check_with_a_custom_register() -> None:
    rules = [
        _rule("xxx_ban", applies_to="states_at_war"),
        _rule("xxx_ukraine", applies_to="UKR", effect="allow", valid_from="2022-03-01"),
    ]
    before = check_transfer(Transfer("XXX", "UKR", "lethal", on=D(2022, 2, 1)), register=rules)
    after = check_transfer(Transfer("XXX", "UKR", "lethal", on=D(2022, 3, 1)), register=rules)
    assert (before.verdict, after.verdict, after.findings[0].slug) == (
        "prohibited",
        "allowed",
        "exception-applies",
    )
