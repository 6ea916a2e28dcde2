"""The options report: routes with verdicts, peers, signals, step-up gaps; JSON and Markdown."""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
import pytest

from aidtrack.rules import build_options, load_signals, render_options

D = dt.date
PEERS = pd.DataFrame(
    [
        {"donor": "USA", "category": "military", "measure": "allocation", "amount_eur": 6.0e10},
        {"donor": "DEU", "category": "military", "measure": "allocation", "amount_eur": 1.6e10},
        {"donor": "POL", "category": "military", "measure": "allocation", "amount_eur": 3.0e9},
        {"donor": "KOR", "category": "military", "measure": "allocation", "amount_eur": 1.0e7},
        {"donor": "JPN", "category": "financial", "measure": "allocation", "amount_eur": 9.0e9},
    ]
)
STEP_UP = pd.DataFrame(
    [
        {"category": "military", "donor_eur": 1.0e7, "peer_median_pct_gdp": 0.12, "gap_eur": 2.1e9},
        {"category": "financial", "donor_eur": 2.0e9, "peer_median_pct_gdp": 0.2, "gap_eur": 1.0e9},
    ]
)


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return build_options(
        "KOR", as_of=D(2023, 3, 1), peer_support=PEERS, signals=load_signals(), step_up=STEP_UP
    )


def test_routes_ranked_most_open_first_with_strength(report) -> None:  # type: ignore[no-untyped-def]
    assert [(r.slug, r.label, r.strength) for r in report.routes] == [
        ("direct-non-lethal", "allowed", "allowed"),
        ("humanitarian", "allowed", "allowed"),
        ("financial", "allowed", "allowed"),
        ("ammunition-via-usa", "needs consent of KOR", "needs consent"),
        ("ammunition-via-pol", "needs consent of KOR", "needs consent"),
        ("ammunition-via-deu", "needs consent of KOR", "needs consent"),
        ("direct-lethal", "prohibited", "prohibited by government policy"),
        ("direct-ammunition", "prohibited", "prohibited by government policy"),
    ]
    assert [r.rank for r in report.routes] == sorted(r.rank for r in report.routes)


def test_a_statute_prohibition_ranks_below_a_policy_one() -> None:
    ranked = build_options("CHE", as_of=D(2023, 3, 1)).routes
    slugs = [r.slug for r in ranked]
    # Switzerland's neutrality obligation (international law) outranks Korea-style policy bars
    assert ranked[-1].strength == "prohibited by international obligation"
    assert slugs.index("humanitarian") < slugs.index("direct-lethal")


def test_route_findings_carry_citations(report) -> None:  # type: ignore[no-untyped-def]
    lethal = {r.slug: r for r in report.routes}["direct-lethal"]
    assert [(f.slug, f.rule_id) for f in lethal.check.findings] == [
        ("direct-export-prohibited", "kor_no_lethal_to_belligerents_principle")
    ]
    assert lethal.check.findings[0].citation.startswith("https://")


def test_peers_exclude_the_donor_and_put_the_intermediary_first(report) -> None:  # type: ignore[no-untyped-def]
    by_slug = {r.slug: r for r in report.routes}
    assert [p["donor"] for p in by_slug["direct-lethal"].peers] == ["USA", "DEU", "POL"]
    assert [p["donor"] for p in by_slug["ammunition-via-pol"].peers] == ["POL", "USA", "DEU"]
    assert [p["donor"] for p in by_slug["financial"].peers] == ["JPN"]
    assert by_slug["humanitarian"].peers == ()


def test_step_up_rows_per_category(report) -> None:  # type: ignore[no-untyped-def]
    by_slug = {r.slug: r for r in report.routes}
    assert [g["gap_eur"] for g in by_slug["direct-lethal"].step_up] == [2.1e9]
    assert [g["gap_eur"] for g in by_slug["financial"].step_up] == [1.0e9]
    assert by_slug["humanitarian"].step_up == ()


def test_signals_up_to_the_date(report) -> None:  # type: ignore[no-untyped-def]
    assert [(s["actor"], s["date"]) for s in report.appeals] == [
        ("UKR", D(2022, 4, 11)),
        ("NATO", D(2023, 1, 30)),
    ]
    assert [s["date"] for s in report.threats] == [D(2022, 2, 28), D(2022, 10, 27)]
    via_usa = {r.slug: r for r in report.routes}["ammunition-via-usa"]
    assert [(s["type"], s.get("via")) for s in via_usa.signals if s["type"] == "support"] == [
        ("support", "USA")
    ]
    direct = report.routes[0]
    assert not [s for s in direct.signals if s.get("channel") == "indirect"]


def test_to_dict_is_json(report) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(json.dumps(report.to_dict()))
    assert (data["donor"], data["as_of"], data["routes"][3]["check"]["consent_of"]) == (
        "KOR",
        "2023-03-01",
        ["KOR"],
    )
    lethal = data["routes"][-1]
    assert (lethal["strength"], lethal["basis"], lethal["check"]["findings"][0]["basis_label"]) == (
        "prohibited by government policy",
        "government_policy",
        "government policy",
    )


def test_markdown_names_routes_verdicts_and_sources(report) -> None:  # type: ignore[no-untyped-def]
    text = render_options(report)
    assert "## Direct lethal aid: prohibited by government policy" in text
    assert "## Ammunition via United States: needs consent of KOR" in text
    assert "https://dunyanews.tv/" in text


def test_markdown_groups_peers_once_and_formats_money_one_way(report) -> None:  # type: ignore[no-untyped-def]
    text = render_options(report)
    assert text.count("USA EUR 60.00 bn") == 1
    assert "- Military aid (allocation): USA EUR 60.00 bn; DEU EUR 16.00 bn; POL EUR 3.00 bn." in text
    assert "Poland itself gave EUR 3.00 bn of military aid (allocation)." in text
    assert (
        "- Military aid: KOR gave EUR 10.0 m; the peer median is 0.120% of GDP, which would take "
        "EUR 2.10 bn more to match."
    ) in text
    assert "Step-up gap: category" not in text and "donor eur" not in text
    assert not re.search(r"EUR [\d,]+m\b", text)


def test_markdown_lists_every_cited_rule_with_title_and_basis(report) -> None:  # type: ignore[no-untyped-def]
    text = render_options(report).split("## Rules cited above")[1]
    cited = {f.rule_id for r in report.routes if r.check for f in r.check.findings if f.rule_id}
    assert cited and all(f"`{rule_id}`" in text for rule_id in cited)
    assert (
        "Foreign Trade Act decree: strategic exports for peaceful use only "
        "(`kor_foreign_trade_act_peaceful_purposes`, KOR; statute"
    ) in text


def test_without_data_the_report_says_so() -> None:
    report = build_options("BEL", as_of=D(2023, 3, 1))
    assert report.notes == (
        "No rules on record for BEL; its own hops are treated as allowed with a warning.",
        "No peer support data given: peers per route are not shown.",
        "No step-up analysis given: gaps are not shown.",
    )
    assert report.routes[0].verdict == "allowed"
    assert [r.slug for r in report.routes if "via" in r.slug] == [
        "ammunition-via-usa",
        "ammunition-via-pol",
        "ammunition-via-deu",
    ]


def test_intermediary_equal_to_donor_is_skipped() -> None:
    slugs = [r.slug for r in build_options("USA", as_of=D(2023, 3, 1)).routes]
    assert "ammunition-via-usa" not in slugs and "ammunition-via-pol" in slugs
