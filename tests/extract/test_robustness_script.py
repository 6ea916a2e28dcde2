"""scripts/extract_robustness.py tells each sentence again with news elaborations."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parents[2] / "scripts" / "extract_robustness.py"


@pytest.fixture(scope="module")
def robustness():
    spec = importlib.util.spec_from_file_location("extract_robustness", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
    shares = [float(line.split()[-1]) for line in lines[2:]]
    assert len(shares) == len(robustness.ELABORATIONS) and all(0.0 <= s <= 1.0 for s in shares)
