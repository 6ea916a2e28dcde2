"""`aidtrack options` on a fresh ledger: starter data, shipped signals, sourced verdicts."""

from __future__ import annotations

import datetime as dt
import re

from click.testing import CliRunner

from aidtrack.cli import main
from aidtrack.db import Store
from aidtrack.services import report as report_service
from aidtrack.services.rules import options_report, rule_dict, rules_in_force


def test_options_join_verdicts_peers_signals_and_step_up(starter_store: Store) -> None:
    report = options_report("KOR", as_of=dt.date(2024, 7, 1), store=starter_store).to_dict()
    routes = {r["route"]: r for r in report["routes"]}
    assert routes["direct-lethal"]["verdict"] == "prohibited"
    assert routes["direct-lethal"]["strength"] == "prohibited by government policy"
    assert routes["humanitarian"]["verdict"] == "allowed"
    assert [r["rank"] for r in report["routes"]] == sorted(r["rank"] for r in report["routes"])
    assert all(r["check"] is None or r["check"]["findings"] for r in routes.values())
    military_peers = {p["donor"] for p in routes["direct-lethal"]["peers"]}
    assert {"USA", "DEU"} <= military_peers and "KOR" not in military_peers
    gap = routes["direct-lethal"]["step_up"][0]
    assert gap["category"] == "military" and gap["gap_eur"] > 0
    threats = [s for s in report["threats"] if s["actor"] == "RUS"]
    assert threats and all(s["sources"][0]["url"].startswith("http") for s in threats)


def test_via_routes_cite_only_their_own_intermediary_rules(starter_store: Store) -> None:
    report = options_report("KOR", as_of=dt.date(2024, 7, 1), store=starter_store)
    cited = {r.slug: set(r.check.cited_rules) for r in report.routes if r.check}
    assert "kor_155mm_loan_to_us_2023" in cited["ammunition-via-usa"]
    assert "kor_155mm_loan_to_us_2023" not in cited["ammunition-via-pol"] | cited["ammunition-via-deu"]
    assert "kor_end_user_reexport_consent" in cited["ammunition-via-pol"] & cited["ammunition-via-deu"]


def test_rules_table_lists_every_cited_rule_with_its_title(starter_store: Store) -> None:
    when = dt.date(2024, 7, 1)
    options = options_report("KOR", as_of=when, store=starter_store)
    section = report_service.rules_section("KOR", on=when, cited=report_service.cited_rule_ids(options))
    by_id = {row[1]: row for row in section.rows}
    cited = report_service.cited_rule_ids(options)
    assert "kor_foreign_trade_act_peaceful_purposes" in cited and set(cited) <= set(by_id)
    assert (
        by_id["kor_foreign_trade_act_peaceful_purposes"][0]
        == "Foreign Trade Act decree: strategic exports for peaceful use only"
    )
    assert all(row[0] and row[3] != "basis not recorded" and row[7] != "never" for row in section.rows)
    routes = report_service.options_section(options)
    assert routes.columns[:3] == ("route", "verdict", "strength")
    assert all(row[3] == "" or row[3].endswith(")") for row in routes.rows)


def test_rule_dicts_carry_basis_reference_review_and_caveat() -> None:
    data = rule_dict(rules_in_force("KOR", on=dt.date(2024, 7, 1))[0])
    assert data["basis"] == "government_policy" and data["basis_label"] == "government policy"
    assert data["last_reviewed"] == "2026-11-30" and data["legal_reference"] and data["unverified"]


def test_options_command_on_a_fresh_install(runner: CliRunner) -> None:
    result = runner.invoke(main, ["options", "KOR", "--as-of", "2024-07-01"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Direct lethal aid: prohibited by government policy" in text
    assert "Step-up gap" in text and "http" in text
    assert "Step-up gap: category" not in text and "donor eur" not in text
    assert re.search(
        r"- Military aid: KOR gave EUR [\d.]+ (bn|m); the peer median is [\d.]+% of GDP", text
    ) or re.search(r"Military aid: KOR gave EUR [\d.]+ (bn|m); the peer median is [\d.]+% of GDP", text)
    peers = re.search(r"Military aid \(allocation\): (USA EUR [\d.]+ bn);", text)
    assert peers and text.count(peers.group(1)) == 1
    assert "Rules cited above" in text and "Korean end-user undertakings bind buyers of Korean arms" in text
