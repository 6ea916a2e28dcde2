"""scripts/extract_misses.py puts each missed or false event under one cause."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import script_module

SCRIPT = Path(__file__).parents[2] / "scripts" / "extract_misses.py"


@pytest.fixture(scope="module")
def misses():
    return script_module("extract_misses")


def _told(misses, lemmas: str, codes: set[str], kept: list[dict], ruled: list[dict] | None = None):
    """A sentence given by its lemmas, the actors it names and the events read in it."""
    return misses.Told(0, 40, codes, ruled if ruled is not None else kept, kept, set(lemmas.split()))


GOLD = {"type": "appeal", "actor": "UKR", "target": "DEU", "category": "military"}


def test_no_trigger_word_is_cause_a(misses) -> None:
    where = [_told(misses, "kyiv and berlin discuss tank", {"UKR", "DEU"}, [])]
    assert misses.classify_miss(GOLD, where, []) == "a"


def test_a_party_not_named_in_the_sentence_is_cause_b(misses) -> None:
    where = [_told(misses, "he urge the country to send tank", {"UKR"}, [])]
    assert misses.classify_miss(GOLD, where, []) == "b"


def test_trigger_and_parties_present_but_unread_is_cause_i(misses) -> None:
    where = [_told(misses, "kyiv urge berlin to send tank", {"UKR", "DEU"}, [])]
    assert misses.classify_miss(GOLD, where, []) == "i"


def test_swapped_roles_are_cause_c(misses) -> None:
    swapped = dict(GOLD, actor="DEU", target="UKR")
    where = [_told(misses, "kyiv urge berlin to send tank", {"UKR", "DEU"}, [swapped])]
    assert misses.classify_miss(GOLD, where, []) == "c"


def test_wrong_category_is_cause_g(misses) -> None:
    other = dict(GOLD, category="financial")
    where = [_told(misses, "kyiv urge berlin to send tank", {"UKR", "DEU"}, [other])]
    assert misses.classify_miss(GOLD, where, []) == "g"


def test_an_event_the_scorer_dropped_is_cause_h(misses) -> None:
    where = [_told(misses, "kyiv urge berlin to send tank", {"UKR", "DEU"}, [], ruled=[GOLD])]
    assert misses.classify_miss(GOLD, where, []) == "h"


def test_a_false_event_with_no_gold_of_its_type_is_cause_f(misses) -> None:
    where = [_told(misses, "kyiv may ask berlin for tank", {"UKR", "DEU"}, [GOLD])]
    assert misses.classify_false(GOLD, where, []) == "f"


@pytest.mark.parametrize("part", ["validation", "heldout4_c", "heldout5_b"])
@pytest.mark.parametrize(("script", "flag"), [("extract_misses.py", []), ("eval_extract.py", ["--errors"])])
def test_blind_parts_show_no_errors(part: str, script: str, flag: list[str]) -> None:
    """Nobody reads the errors of the validation part or of the blind own sets, by either script."""
    import subprocess

    done = subprocess.run(
        [sys.executable, str(SCRIPT.parent / script), "--part", part, *flag],
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert f"The {part} part" in done.stderr or f"of the {part} part" in done.stderr
    assert "missed" not in done.stdout and not done.stdout.strip()
