"""CLI: rules COUNTRY, rules changes, check-transfer, options; bad input messages."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from aidtrack.cli.rules import COMMANDS, check_transfer, options, rules
from aidtrack.db import Store


def test_commands_are_exported() -> None:
    assert [c.name for c in COMMANDS] == ["rules", "check-transfer", "options"]
    assert {"show", "changes", "stale", "audit"} <= set(rules.commands)


@pytest.fixture
def starter_ledger_in_use(starter_store: Store, monkeypatch: pytest.MonkeyPatch) -> Store:
    """The CLI's ledger holds the starter data already (options then loads only the signals)."""
    monkeypatch.setenv("AIDTRACK_DATABASE_URL", starter_store.url)
    return starter_store


@pytest.mark.parametrize(
    ("command", "args", "expected"),
    [
        (rules, ["KOR", "--as-of", "2023-03-01"], "kor_no_lethal_to_belligerents_principle"),
        (rules, ["Germany", "--as-of", "2022-03-01"], "deu_ukraine_exception_2022"),
        (rules, ["BEL"], "No rules on record."),
        (rules, ["KOR", "--as-of", "2023-03-01"], "Basis: statute. Legal reference: Foreign Trade Act"),
        (rules, ["KOR", "--as-of", "2023-03-01"], "(only passed on by or via USA)"),
        (rules, ["DEU", "--as-of", "2023-06-01"], "(only for leopard 2)"),
        (
            check_transfer,
            [
                "--from",
                "POL",
                "--to",
                "UKR",
                "--item",
                "lethal",
                "--origin-of-manufacture",
                "DEU",
                "--equipment",
                "Leopard 2",
                "--date",
                "2023-02-01",
            ],
            "POL -> UKR, lethal (leopard 2)",
        ),
        (
            check_transfer,
            ["--from", "CHE", "--to", "DEU", "--item", "ammunition", "--date", "2023-06-01"],
            "needs an export licence from CHE",
        ),
        (rules, ["changes", "--since", "2022-02-24", "--until", "2022-02-27"], "2022-02-26 DEU loosen"),
        (
            check_transfer,
            ["--from", "KOR", "--to", "UKR", "--item", "ammunition", "--via", "USA", "--date", "2023-03-01"],
            "needs consent of KOR",
        ),
        (
            check_transfer,
            [
                "--from",
                "DEU",
                "--to",
                "UKR",
                "--item",
                "ammunition",
                "--origin-of-manufacture",
                "CHE",
                "--date",
                "2022-11-03",
            ],
            "prohibited",
        ),
        (options, ["KOR", "--as-of", "2023-03-01"], "Direct lethal aid: prohibited"),
    ],
)
@pytest.mark.usefixtures("starter_ledger_in_use")
def test_text_output(runner: CliRunner, command, args: list[str], expected: str) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(command, args)
    assert result.exit_code == 0, result.output
    # piped, the text is the Markdown source: emphasis marks stay, nothing is wrapped or cut
    assert expected in " ".join(result.output.replace("**", "").split())
    assert all(len(line) < 2000 for line in result.output.splitlines())


def test_rules_json(runner: CliRunner) -> None:
    result = runner.invoke(rules, ["SWE", "--as-of", "2022-03-01", "--json"])
    data = json.loads(result.output)
    assert [(r["id"], r["superseded_by"]) for r in data["rules"]] == [
        ("swe_guidelines_no_exports_to_states_in_armed_conflict", ["swe_ukraine_donation_exception_2022"]),
        ("swe_ukraine_donation_exception_2022", []),
        ("swe_military_equipment_licence_requirement", []),
    ]


def test_changes_json(runner: CliRunner) -> None:
    result = runner.invoke(
        rules, ["changes", "--since", "2025-03-01", "--until", "2025-03-31", "--country", "USA", "--json"]
    )
    assert [(c["date"], c["rule_id"], c["direction"]) for c in json.loads(result.output)] == [
        ("2025-03-03", "usa_aid_pause_2025", "tighten"),
        ("2025-03-11", "usa_aid_pause_2025", "loosen"),
        ("2025-03-11", "usa_aid_resumed_2025", "loosen"),
    ]


def test_check_transfer_json(runner: CliRunner) -> None:
    result = runner.invoke(
        check_transfer,
        ["--from", "Sweden", "--to", "UKR", "--item", "weapons", "--date", "2022-02-26", "--json"],
    )
    data = json.loads(result.output)
    assert (data["verdict"], data["transfer"]["item"], data["findings"][0]["slug"]) == (
        "prohibited",
        "lethal",
        "direct-export-prohibited",
    )


@pytest.mark.usefixtures("starter_ledger_in_use")
def test_options_json(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(options, ["KOR", "--as-of", "2024-12-31", "--json"]).output)
    assert data["routes"][-1]["verdict"] == "prohibited"
    assert data["routes"][-1]["strength"] == "prohibited by government policy"
    assert [t["date"] for t in data["threats"]][-1] == "2024-11-24"


def test_unknown_equipment_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(
        check_transfer, ["--from", "POL", "--to", "UKR", "--item", "lethal", "--equipment", "tank"]
    )
    assert result.exit_code == 2 and 'Unknown equipment "tank"' in result.output


@pytest.mark.parametrize(
    ("command", "args", "message"),
    [
        (rules, ["Germny"], 'Unknown actor "Germny"'),
        (rules, ["KOR", "--as-of", "2022-13-01"], '"2022-13-01" is not a date; write it as YYYY-MM-DD'),
        (rules, ["changes"], "Missing option '--since'"),
        (rules, ["changes", "--since", "yesterday"], '"yesterday" is not a date'),
        (
            check_transfer,
            ["--from", "Germny", "--to", "UKR", "--item", "lethal"],
            '--from: Unknown actor "Germny"',
        ),
        (check_transfer, ["--from", "DEU", "--to", "UKR", "--item", "lasers"], 'Unknown item "lasers"'),
        (
            check_transfer,
            ["--from", "DEU", "--to", "UKR", "--item", "lethal", "--date", "2022-13-01"],
            '"2022-13-01" is not a date',
        ),
        (
            check_transfer,
            ["--from", "DEU", "--to", "UKR", "--item", "lethal", "--via", "Narnia"],
            '--via: Unknown actor "Narnia"',
        ),
        (options, ["Germny"], 'DONOR: Unknown actor "Germny"'),
    ],
)
def test_bad_input_is_a_usage_error(runner: CliRunner, command, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(command, args)
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())


@pytest.mark.parametrize("args", [["--help"], ["changes", "--help"], ["show", "--help"]])
def test_help(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(rules, args)
    assert result.exit_code == 0 and "Usage:" in result.output


def test_rules_stale(runner: CliRunner) -> None:
    result = runner.invoke(rules, ["stale", "--older-than", "365", "--as-of", "2026-12-01"])
    assert result.exit_code == 0 and "None: every rule was reviewed in that time." in result.output
    data = json.loads(
        runner.invoke(rules, ["stale", "--older-than", "365", "--as-of", "2030-01-01", "--json"]).output
    )
    assert data and {"id", "country", "title", "last_reviewed"} == set(data[0])
    bad = runner.invoke(rules, ["stale", "--older-than", "-5"])
    assert bad.exit_code == 2 and "-5" in bad.output


def test_rules_audit_passes(runner: CliRunner) -> None:
    result = runner.invoke(rules, ["audit"])
    assert result.exit_code == 0 and "passes" in result.output


def test_rules_json_carries_basis_and_review(runner: CliRunner) -> None:
    data = json.loads(runner.invoke(rules, ["KOR", "--as-of", "2023-03-01", "--json"]).output)
    first = data["rules"][0]
    assert {
        "basis",
        "basis_label",
        "legal_reference",
        "last_reviewed",
        "unverified",
        "via",
        "citation",
    } <= set(first)


def test_check_transfer_transit(runner: CliRunner) -> None:
    result = runner.invoke(
        check_transfer,
        [
            "--from",
            "POL",
            "--to",
            "UKR",
            "--item",
            "lethal",
            "--transit",
            "Hungary",
            "--date",
            "2022-03-01",
            "--json",
        ],
    )
    data = json.loads(result.output)
    assert (data["verdict"], data["transfer"]["transit"], data["strength"]) == (
        "prohibited",
        ["HUN"],
        "prohibited by government policy",
    )


@pytest.mark.parametrize("via", ["USA", "POL", "DEU"])
def test_check_transfer_via_poland_and_germany_do_not_cite_the_us_loan(runner: CliRunner, via: str) -> None:
    result = runner.invoke(
        check_transfer,
        [
            "--from",
            "KOR",
            "--to",
            "UKR",
            "--item",
            "ammunition",
            "--via",
            via,
            "--date",
            "2024-07-01",
            "--json",
        ],
    )
    cited = json.loads(result.output)["cited_rules"]
    assert ("kor_155mm_loan_to_us_2023" in cited) is (via == "USA")
