"""CLI commands rank, compare, timeline, report, brief: options + one service call, --json."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from aidtrack.cli import main
from aidtrack.services import analysis as service


@pytest.fixture()
def r29_cli(monkeypatch, r29_support, r29_macro, prepared_default_ledger):
    """The CLI answering from the Kiel R29 frames. The ledger each command prepares first is one
    that a first command has prepared already (that first command is checked on its own by
    test_brief_on_a_fresh_ledger_loads_the_starter_data)."""
    monkeypatch.setattr(service, "open_frames", lambda **_: (r29_support, r29_macro))
    return CliRunner()


def _json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_rank_json_by_value_and_by_gdp(r29_cli):
    rows = _json(r29_cli.invoke(main, ["rank", "--json", "--top", "3"]))
    assert [r["donor"] for r in rows] == ["USA", "EU", "DEU"]
    by_gdp = _json(r29_cli.invoke(main, ["rank", "--per", "gdp", "--eu-shares", "--json", "--top", "0"]))
    assert by_gdp[0]["donor"] == "DNK" and by_gdp[0]["pct_gdp"] == pytest.approx(3.85126, rel=1e-3)
    assert "EU" not in {r["donor"] for r in by_gdp}


def test_rank_table_and_chart(r29_cli, tmp_path):
    chart = tmp_path / "rank.html"
    result = r29_cli.invoke(main, ["rank", "--category", "military", "--top", "5", "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    assert "Military support (allocation) ranked by EUR" in result.output
    assert "USA" in result.output and chart.stat().st_size > 3_000_000


def test_compare_json_has_gap(r29_cli):
    data = _json(r29_cli.invoke(main, ["compare", "South Korea", "--peers", "G7", "--json"]))
    total = next(r for r in data["table"] if r["category"] == "total")
    assert data["donor"] == "KOR" and total["rank"] == 8
    assert total["gap_eur"] == pytest.approx(8.315e9, rel=1e-3)


def test_compare_table_names_the_gap(r29_cli):
    result = r29_cli.invoke(main, ["compare", "KOR", "--peers", "JPN,AUS", "--percentile", "75"])
    assert result.exit_code == 0, result.output
    assert "peers p75" in result.output and "step-up gap" in result.output


def test_timeline_json(r29_cli):
    data = _json(r29_cli.invoke(main, ["timeline", "KOR", "--freq", "Y", "--json"]))
    assert data["donor"] == "KOR"
    assert {r["period"] for r in data["timeline"]} == {
        "2022-01-01",
        "2023-01-01",
        "2024-01-01",
        "2025-01-01",
        "2026-01-01",
    }
    assert data["commitment_gap"][0]["donor"] == "KOR"


def test_brief_and_report(r29_cli, tmp_path):
    text = r29_cli.invoke(main, ["brief", "KOR"])
    assert text.exit_code == 0, text.output
    assert "## Peers: G7" in text.output
    out = tmp_path / "kor.html"
    data = _json(r29_cli.invoke(main, ["report", "KOR", "--out", str(out), "--json"]))
    assert data["path"] == str(out) and out.stat().st_size > 3_000_000
    assert data["headline"]["rank_value"] == 23


def test_unknown_donor_is_one_line_error(r29_cli):
    result = r29_cli.invoke(main, ["compare", "Narnia"])
    assert result.exit_code == 1
    assert 'Unknown actor "Narnia"' in result.output and "Traceback" not in result.output


def test_bad_chart_suffix_is_explained(r29_cli, tmp_path):
    result = r29_cli.invoke(main, ["rank", "--chart", str(tmp_path / "r.svg")])
    assert result.exit_code == 2 and "neither in .html nor .png" in result.output


def test_brief_on_a_fresh_ledger_loads_the_starter_data(tmp_path):
    result = CliRunner().invoke(main, ["--database", f"sqlite:///{tmp_path / 'fresh.db'}", "brief", "KOR"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# South Korea (KOR): support to Ukraine")
    assert "To match the G7 median" in result.output


def test_timeline_table_has_monthly_and_running_figures(r29_cli):
    result = r29_cli.invoke(main, ["timeline", "KOR"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "KOR: support per month and to date"
    header = lines[1].split("\t")
    assert "humanitarian allocation, in month" in header and "humanitarian allocation, to date" in header
    month = header.index("humanitarian allocation, in month")
    rows = [line.split("\t") for line in lines[2:] if line[:4].isdigit()]
    assert [r[0] for r in rows[:3]] == ["2022-02", "2022-03", "2022-04"]
    # a month without new support shows EUR 0 while the running total stays positive
    quiet = [r for r in rows if r[month] == "EUR 0" and r[month + 1] != "EUR 0"]
    assert quiet, "expected months with nothing new but a positive total to date"


def test_timeline_help_shows_the_default_as_a_choice():
    result = CliRunner().invoke(main, ["timeline", "--help"])
    assert result.exit_code == 0
    assert "--freq [m|q|y]" in result.output and "[default: m]" in result.output


def test_piped_tables_are_tab_separated_and_never_split_words(r29_cli):
    result = r29_cli.invoke(main, ["rank", "--top", "40"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].split("\t")[:5] == ["#", "donor", "name", "total", "% GDP"]
    names = {line.split("\t")[2] for line in lines[2:]}
    assert {"Netherlands", "United Kingdom", "United States"} <= names
    assert all(line.count("\t") == lines[1].count("\t") for line in lines[1:])
    assert all("│" not in line and "┃" not in line for line in lines)


def test_analysis_money_is_one_format(r29_cli):
    result = r29_cli.invoke(main, ["compare", "KOR", "--peers", "G7"])
    assert result.exit_code == 0, result.output
    military = next(line for line in result.output.splitlines() if line.startswith("military\t"))
    assert military.split("\t")[-1] == "EUR 4.61 bn"


@pytest.mark.parametrize("command", ["rank", "compare", "timeline", "report", "brief"])
def test_analysis_help_examples_use_paths_a_user_has(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert "../shared" not in text and f"e.g. `aidtrack {command}" in text


def test_exported_chart_names_the_kiel_release(tmp_path):
    chart = tmp_path / "rank.html"
    database = f"sqlite:///{tmp_path / 'fresh.db'}"
    result = CliRunner().invoke(main, ["--database", database, "rank", "--top", "5", "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    html = chart.read_text(encoding="utf-8")
    assert (
        "Donors ranked by support in EUR, EUR bn. Source: Kiel Institute for the World Economy, "
        "Ukraine Support Tracker, Release 29. Made "
    ) in html
