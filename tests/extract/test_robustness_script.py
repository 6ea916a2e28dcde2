"""scripts/extract_robustness.py tells each sentence again with news elaborations."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import script_module

SCRIPT = Path(__file__).parents[2] / "scripts" / "extract_robustness.py"


@pytest.fixture(scope="module")
def robustness():
    return script_module("extract_robustness")


def test_each_elaboration_keeps_the_sentence_and_adds_its_words(robustness) -> None:
    plain = "The ministry said Japan would send generators to Ukraine."
    for name, make in robustness.ELABORATIONS.items():
        told = make(plain)
        assert "send generators to Ukraine" in told, name
    assert robustness.ELABORATIONS["comment"](plain).endswith(", saying the step was long overdue.")
    assert robustness.ELABORATIONS["reported"](plain).startswith("Officials said the ministry")


def test_names_keep_their_capital_letter_and_give_way_to_their_capital(robustness) -> None:
    assert (
        robustness.ELABORATIONS["reported"]("Kyiv asked for jets.") == "Officials said Kyiv asked for jets."
    )
    assert robustness.ELABORATIONS["capital"]("Japan sent tents.") == "Tokyo sent tents."
    assert robustness.ELABORATIONS["relative"]("Japan sent tents.").startswith("Japan, which")


def test_the_table_counts_what_the_variants_keep(robustness, capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "argv", ["extract_robustness.py", "--limit", "4"])
    assert robustness.main() == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split()[0] == "plain" and int(lines[1].split()[-1]) > 0
    shares = [line.split()[-2] for line in lines[2:]]
    assert len(shares) == len(robustness.ELABORATIONS)
    assert all(s == "-" or 0.0 <= float(s) <= 1.0 for s in shares)
    assert any(s != "-" for s in shares)


def test_verbs_are_told_in_other_tenses_voices_and_with_words_before_them(robustness) -> None:
    told = {name: make("Japan sent tents to Ukraine.") for name, make in robustness.ELABORATIONS.items()}
    assert told["perfect"] == "Japan has sent tents to Ukraine."
    assert told["future"] == "Japan will send tents to Ukraine."
    assert told["passive"] == "Tents were sent by Japan to Ukraine."
    assert told["also"] == "Japan also sent tents to Ukraine."
    assert told["weekday"] == "Japan on Tuesday sent tents to Ukraine."
    assert told["title"] == "Japanese Foreign Minister Anna Berg sent tents to Ukraine."
    assert told["apposition"].startswith("Japan, a ")
    assert told["dateline"].startswith("KYIV, May 3 (Reuters) - Japan sent")
    assert (
        robustness.ELABORATIONS["also"]("Germany would send tanks to Kyiv.")
        == "Germany would also send tanks to Kyiv."
    )


def test_an_elaboration_that_does_not_fit_leaves_the_sentence_alone(robustness) -> None:
    """An irregular verb or a verb already in the future is not retold (and not counted)."""
    plain = "Germany would send tanks to Kyiv."
    assert robustness.ELABORATIONS["passive"](plain) == plain
    assert robustness.ELABORATIONS["perfect"](plain) == plain
    assert robustness.ELABORATIONS["title"]("The ministry sent tents.") == "The ministry sent tents."
