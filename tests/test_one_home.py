"""Issue 14: each concept has one home, and the doors (CLI, web) all use it."""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from aidtrack import models
from aidtrack.cli import main
from aidtrack.cli.analysis import rank
from aidtrack.cli.ledger import add
from aidtrack.errors import RuleRegisterError, UnknownActorError
from aidtrack.rules import is_at_war, load_conflicts, parties_at_war
from aidtrack.services.actors import resolve_actor


# -- vocabularies ------------------------------------------------------------------------

@pytest.mark.parametrize(("choice", "literal"), list(models.VOCABULARIES.items()))
def test_each_literal_type_lists_its_enum_values_in_order(choice: type, literal: object) -> None:
    assert list(typing.get_args(literal)) == models.values(choice) == [m.value for m in choice]


def _choices(command: click.Command, option: str) -> list[str]:
    found = next(p for p in command.params if p.name == option)
    assert isinstance(found.type, click.Choice)
    return list(found.type.choices)


def test_cli_choices_come_from_the_model_enums() -> None:
    support = add.commands["support"]
    assert _choices(support, "category") == models.values(models.Category)
    assert _choices(support, "stage") == models.values(models.Stage)
    assert _choices(support, "status") == models.values(models.Status)
    assert _choices(add.commands["event"], "type_") == models.values(models.EventType)
    assert _choices(rank, "stage") == models.values(models.Stage)


# -- actor resolution --------------------------------------------------------------------

@pytest.mark.parametrize("name", ["", " ", "\t"])
def test_a_blank_actor_is_an_unknown_actor(name: str) -> None:
    with pytest.raises(UnknownActorError, match=f'Unknown actor "{name}"'):
        resolve_actor(name)


def test_names_resolve_after_trimming() -> None:
    assert resolve_actor("  South Korea ") == "KOR"


@pytest.mark.parametrize("args", [["brief", ""], ["compare", " "], ["compare", ""]])
def test_brief_and_compare_of_a_blank_actor_say_unknown_actor(args: list[str], tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'ledger.db'}"
    result = CliRunner().invoke(main, ["--database", database, *args])
    assert result.exit_code == 1, result.output
    assert "Unknown actor" in result.output and "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


# -- the rules commands leave error reporting to the central handler ---------------------------

def test_rules_commands_keep_usage_errors_for_bad_input() -> None:
    result = CliRunner().invoke(main, ["options", "Germny"])
    assert result.exit_code == 2 and 'DONOR: Unknown actor "Germny"' in " ".join(result.output.split())


def test_debug_shows_the_original_error_in_rules_commands() -> None:
    result = CliRunner().invoke(main, ["--debug", "check-transfer", "--from", "Germny", "--to", "UKR",
                                       "--item", "lethal"])
    assert isinstance(result.exception, UnknownActorError)
    assert result.exception.name == "Germny"


# -- the table of parties at war is validated data -----------------------------------------------

def test_the_shipped_conflict_table_keeps_its_dates() -> None:
    parties = {p.country: p for p in load_conflicts()}
    assert (parties["UKR"].start, parties["RUS"].start) == (dt.date(2014, 4, 14), dt.date(2022, 2, 24))
    assert is_at_war("UKR", on=dt.date(2022, 1, 15)) and not is_at_war("RUS", on=dt.date(2022, 1, 15))
    assert parties_at_war(on=dt.date(2023, 1, 1)) == ["RUS", "UKR"]


def test_a_mistyped_conflict_key_fails_loading_naming_file_and_key(tmp_path: Path) -> None:
    table = tmp_path / "conflicts.yaml"
    table.write_text("- country: UKR\n  start: 2014-04-14\n  ned: 2015-01-01\n"
                     "  note: A note long enough.\n  sources: [https://example.org/a]\n", encoding="utf-8")
    with pytest.raises(RuleRegisterError) as caught:
        load_conflicts(table)
    message = str(caught.value)
    assert str(table) in message and '"ned"' in message and '"UKR"' in message


def test_a_conflict_ending_before_it_starts_is_refused(tmp_path: Path) -> None:
    table = tmp_path / "conflicts.yaml"
    table.write_text("- country: UKR\n  start: 2014-04-14\n  end: 2014-01-01\n"
                     "  note: A note long enough.\n  sources: [https://example.org/a]\n", encoding="utf-8")
    with pytest.raises(RuleRegisterError, match="end 2014-01-01 is before start 2014-04-14"):
        load_conflicts(table)
