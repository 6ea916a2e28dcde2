"""Actor mentions: names, demonyms, capitals, people by date, titles."""

from __future__ import annotations

import datetime as dt

import pytest

from aidtrack.extract.lexicon import load_lexicon, person_code
from aidtrack.extract.pipeline import _finder, load_nlp


def _codes(text: str, on: dt.date | None = None) -> dict[str, str]:
    doc = load_nlp()(text)
    codes = _finder().find(doc, on=on)
    return {doc[i].text: code for i, code in codes.items()}


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        ("The Kremlin said nothing.", "Kremlin", "RUS"),
        ("Seoul said nothing.", "Seoul", "KOR"),
        ("South Korean officials said nothing.", "Korean", "KOR"),
        ("The U.S. said nothing.", "U.S.", "USA"),
        ("The European Commission said nothing.", "Commission", "EU"),
        ("N.A.T.O. said nothing.", "N.A.T.O.", "NATO"),
        ("Kiev said nothing.", "Kiev", "UKR"),
        ("The Bundeswehr said nothing.", "Bundeswehr", "DEU"),
    ],
)
def test_names(text: str, word: str, code: str) -> None:
    assert _codes(text)[word] == code


def test_lowercase_us_is_a_pronoun() -> None:
    assert "us" not in _codes("They told us nothing.")


@pytest.mark.parametrize(
    ("name", "day", "code"),
    [
        ("stoltenberg", dt.date(2023, 2, 1), "NATO"),
        ("stoltenberg", dt.date(2025, 2, 1), None),
        ("rutte", dt.date(2023, 2, 1), "NLD"),
        ("rutte", dt.date(2025, 2, 1), "NATO"),
        ("yoon", dt.date(2023, 2, 1), "KOR"),
        ("putin", None, "RUS"),
    ],
)
def test_people_by_date(name: str, day: dt.date | None, code: str | None) -> None:
    assert person_code(load_lexicon(), name, on=day) == code


def test_title_names_the_state_a_person_speaks_for() -> None:
    codes = _codes("Dutch Prime Minister Mark Rutte spoke.", on=dt.date(2025, 2, 1))
    assert codes["Rutte"] == "NLD"


def test_a_spokesman_speaks_for_his_state() -> None:
    codes = _codes("A Kremlin spokesman spoke.")
    assert codes["Kremlin"] == "RUS"
