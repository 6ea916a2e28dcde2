"""A blank actor name is an unknown actor wherever it is typed: one line, no traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from aidtrack.cli import main
from aidtrack.db import Store
from aidtrack.errors import UnknownActorError
from aidtrack.services import ledger


@pytest.mark.parametrize("name", [" ", "\t"])
def test_actors_resolve_of_a_blank_name_is_the_unknown_actor_message(runner: CliRunner, name: str) -> None:
    result = runner.invoke(main, ["actors", "resolve", name])
    assert result.exit_code == 1
    assert "Unknown actor" in result.output and "Traceback" not in result.output
    assert not isinstance(result.exception, AssertionError)


def test_members_of_a_blank_group_name_is_an_unknown_actor(store: Store) -> None:
    with pytest.raises(UnknownActorError):
        ledger.group_members(" ", on=None, store=store)
