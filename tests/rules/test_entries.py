"""The rules package's data files name the file, the entry and the bad field in one wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from aidtrack.errors import RuleRegisterError
from aidtrack.rules import load_conflicts
from aidtrack.rules.signals import load_signals

PARTY = "- country: UKR\n  start: {start}\n  note: A note long enough.\n  sources: [https://example.org/a]\n"


def test_a_bad_conflict_entry_is_named_with_its_field_value_and_fix(tmp_path: Path) -> None:
    table = tmp_path / "conflicts.yaml"
    table.write_text(PARTY.format(start="someday"), encoding="utf-8")
    with pytest.raises(RuleRegisterError) as caught:
        load_conflicts(table)
    assert str(caught.value) == (
        f'Invalid entry #1 ("UKR") in {table}: field "start": Input should be a valid date or '
        "datetime, input is too short (got 'someday'). Fix that entry of the conflict table."
    )


def test_a_conflict_entry_that_is_not_a_mapping_is_named(tmp_path: Path) -> None:
    table = tmp_path / "conflicts.yaml"
    table.write_text("- UKR\n", encoding="utf-8")
    with pytest.raises(RuleRegisterError, match=r"^entry #1 in .* is not a mapping; write it as key: value"):
        load_conflicts(table)


def test_a_signal_that_is_not_a_mapping_names_no_field(tmp_path: Path) -> None:
    path = tmp_path / "signals.yaml"
    path.write_text("- just words\n", encoding="utf-8")
    with pytest.raises(RuleRegisterError) as caught:
        load_signals(path)
    assert str(caught.value).startswith(f'Invalid signal #1 in {path}: field "": ')
    assert str(caught.value).endswith("(got 'just words'). Fix that entry.")
