"""`aidtrack options` on a fresh ledger: starter data, shipped signals, sourced verdicts."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from aidtrack.cli import main
from aidtrack.db import Store
from aidtrack.services.rules import options_report


def test_options_join_verdicts_peers_signals_and_step_up(store: Store) -> None:
    report = options_report("KOR", as_of=dt.date(2024, 7, 1), store=store).to_dict()
    routes = {r["route"]: r for r in report["routes"]}
    assert routes["direct-lethal"]["verdict"] == "prohibited"
    assert routes["humanitarian"]["verdict"] == "allowed"
    assert all(r["check"] is None or r["check"]["findings"] for r in routes.values())
    military_peers = {p["donor"] for p in routes["direct-lethal"]["peers"]}
    assert {"USA", "DEU"} <= military_peers and "KOR" not in military_peers
    gap = routes["direct-lethal"]["step_up"][0]
    assert gap["category"] == "military" and gap["gap_eur"] > 0
    threats = [s for s in report["threats"] if s["actor"] == "RUS"]
    assert threats and all(s["sources"][0]["url"].startswith("http") for s in threats)


def test_options_command_on_a_fresh_install(runner: CliRunner) -> None:
    result = runner.invoke(main, ["options", "KOR", "--as-of", "2024-07-01"])
    assert result.exit_code == 0, result.output
    assert "Direct lethal aid: prohibited" in result.output
    assert "Step-up gap" in result.output and "http" in result.output
