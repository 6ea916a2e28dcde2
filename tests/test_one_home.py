"""Issue 14: each concept has one home, and the doors (CLI, web) all use it."""

from __future__ import annotations

import typing
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from aidtrack import models
from aidtrack.cli import main
from aidtrack.cli.analysis import rank
from aidtrack.cli.ledger import add
from aidtrack.errors import UnknownActorError
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
