"""Actor mentions: names, demonyms, capitals, people by date, titles."""

from __future__ import annotations

import datetime as dt

import pytest

from aidtrack.extract.lexicon import load_lexicon, person_code
from aidtrack.extract.pipeline import _finder, estimated_date, extract_text, load_nlp


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
        # a country's name of several words wins over a surname or a demonym inside it
        ("Costa Rica said nothing.", "Costa", "CRI"),
        ("The Dominican Republic said nothing.", "Republic", "DOM"),
        ("Officials in Port-au-Prince said nothing.", "Prince", "HTI"),
        ("Burkina Faso said nothing.", "Faso", "BFA"),
    ],
)
def test_names(text: str, word: str, code: str) -> None:
    assert _codes(text)[word] == code


@pytest.mark.parametrize(
    "text",
    ["The Organization of American States met on Monday.", "The Union of South American Nations met."],
)
def test_a_demonym_in_the_name_of_a_grouping_of_states_names_no_state(text: str) -> None:
    assert "American" not in _codes(text)


def test_a_demonym_before_other_nouns_still_names_its_state() -> None:
    assert _codes("Officials of American firms said nothing.")["American"] == "USA"


def test_common_words_are_no_country_name() -> None:
    assert _codes("The states of the region and number 10 on the list said nothing.") == {}


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


@pytest.mark.parametrize("name", ["Erdoğan", "erdogan", "ERDOGAN", "Recep Tayyip Erdoğan"])
def test_people_match_without_accents_or_case(name: str) -> None:
    assert person_code(load_lexicon(), name, on=dt.date(2023, 5, 1)) == "TUR"


def test_people_come_from_the_dated_register() -> None:
    """Rutte led the Dutch government until 2 July 2024 and NATO from 1 October 2024."""
    lexicon = load_lexicon()
    assert person_code(lexicon, "Mark Rutte", on=dt.date(2024, 7, 1)) == "NLD"
    assert person_code(lexicon, "Mark Rutte", on=dt.date(2024, 8, 1)) is None
    assert person_code(lexicon, "Mark Rutte", on=dt.date(2024, 10, 1)) == "NATO"


def test_an_undated_title_says_which_office() -> None:
    codes = _codes("Secretary-General Jens Stoltenberg spoke in Seoul.")
    assert codes["Stoltenberg"] == "NATO"  # not Norway, his latest office


def test_a_title_carries_to_later_mentions_of_an_undated_article() -> None:
    events = extract_text(
        "T\n\nNATO Secretary-General Jens Stoltenberg visited Seoul on Monday.\n\n"
        "Stoltenberg urged South Korea to send more ammunition to Ukraine."
    )
    actors = {e.get("actor") for e in events if e["type"] == "appeal"}
    assert actors == {"NATO"}


def test_an_article_without_a_date_is_dated_by_the_years_it_mentions() -> None:
    assert estimated_date("Talks began in 2019 and ended in May 2023.") == dt.date(2023, 7, 1)
    assert estimated_date("In 2031 nothing.", today=dt.date(2026, 1, 1)) is None


def test_every_demonym_of_the_country_register_names_its_country() -> None:
    from aidtrack.actors import country_demonyms

    names = load_lexicon().names
    register = country_demonyms()
    assert {"venezuelan": "VEN", "moroccans": "MAR", "chilean": "CHL"}.items() <= register.items()
    # the lexicon reads them from the register (one home); its own names may only override
    assert all(word in names for word in register)
    assert _codes("Venezuelan and Moroccan officials met Chilean envoys.") == {
        "Venezuelan": "VEN",
        "Moroccan": "MAR",
        "Chilean": "CHL",
    }


def test_a_demonym_only_the_register_knows_names_a_sanction_target() -> None:
    events = extract_text("Sentence\n\nWashington imposed sanctions on Iranian and Venezuelan oil traders.")
    assert {(e["type"], e["target"]) for e in events} == {("sanction", "IRN"), ("sanction", "VEN")}
