"""Issue 14: each concept has one home, and the doors (CLI, web) all use it."""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from aidtrack import actors, models
from aidtrack.actors import all_terms, office_holder
from aidtrack.cli import main
from aidtrack.cli.analysis import rank
from aidtrack.cli.ledger import add
from aidtrack.errors import RuleRegisterError, UnknownActorError
from aidtrack.extract.lexicon import load_lexicon, person_code
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
    result = CliRunner().invoke(
        main, ["--debug", "check-transfer", "--from", "Germny", "--to", "UKR", "--item", "lethal"]
    )
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
    table.write_text(
        "- country: UKR\n  start: 2014-04-14\n  ned: 2015-01-01\n"
        "  note: A note long enough.\n  sources: [https://example.org/a]\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleRegisterError) as caught:
        load_conflicts(table)
    message = str(caught.value)
    assert str(table) in message and '"ned"' in message and '"UKR"' in message


def test_a_conflict_ending_before_it_starts_is_refused(tmp_path: Path) -> None:
    table = tmp_path / "conflicts.yaml"
    table.write_text(
        "- country: UKR\n  start: 2014-04-14\n  end: 2014-01-01\n"
        "  note: A note long enough.\n  sources: [https://example.org/a]\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleRegisterError, match="end 2014-01-01 is before start 2014-04-14"):
        load_conflicts(table)


# -- office holders: data/actors is the one table ------------------------------------------------


def test_the_extraction_lexicon_has_no_office_holders_of_its_own() -> None:
    """People are read from data/actors/office_holders.yaml only (issue 14)."""
    path = Path(__file__).resolve().parents[1] / "src" / "aidtrack" / "data" / "extract" / "actors.yaml"
    assert "people" not in yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_extractor_codes_every_office_holder_as_the_actor_table_does() -> None:
    lexicon = load_lexicon()
    wrong = []
    for term in all_terms():
        for day in (term.start, term.end and term.end - dt.timedelta(days=1)):
            if day is None:
                continue
            want = office_holder(term.person, on=day)
            got = person_code(lexicon, term.person, on=day)
            if got != want:
                wrong.append(f"{term.person} on {day}: extractor {got}, actor table {want}")
    assert wrong == []


@pytest.mark.parametrize(
    ("person", "day", "code"),
    [
        ("Fiala", dt.date(2025, 12, 8), "CZE"),
        ("Fiala", dt.date(2025, 12, 9), None),
        ("Babiš", dt.date(2025, 12, 9), "CZE"),
        ("Reznikov", dt.date(2023, 9, 5), "UKR"),
        ("Naftali Bennett", dt.date(2022, 6, 30), "ISR"),
        ("Nebenzia", dt.date(2024, 1, 1), "RUS"),
        ("Brekelmans", dt.date(2025, 1, 1), "NLD"),
        ("Radev", dt.date(2024, 1, 1), "BGR"),
        ("Panagiotopoulos", dt.date(2023, 6, 27), None),
    ],
)
def test_office_terms_resolved_between_the_two_former_tables(
    person: str, day: dt.date, code: str | None
) -> None:
    assert office_holder(person, on=day) == code


# -- group membership: the ledger's copy can tell when the packaged data changed ---------------------


def test_the_reference_fingerprint_changes_with_the_group_table(tmp_path: Path) -> None:
    shipped = Path(actors.__file__).resolve().parent.parent / "data" / "actors"
    for name in ("countries", "organisations", "groups"):
        (tmp_path / f"{name}.yaml").write_bytes((shipped / f"{name}.yaml").read_bytes())
    assert actors.reference_fingerprint(tmp_path) == actors.reference_fingerprint()
    groups = tmp_path / "groups.yaml"
    groups.write_text(groups.read_text(encoding="utf-8") + "\n# a new member\n", encoding="utf-8")
    assert actors.reference_fingerprint(tmp_path) != actors.reference_fingerprint()


# -- extraction: one helper builds events per pair of parties ---------------------------------------


def test_support_and_appeal_events_are_built_in_one_place() -> None:
    """Issue 14: every support and appeal rule builds its events through one helper (one event per
    pair of parties and category), not through a copy of the nested loops."""
    rules = Path(__file__).parents[1] / "src" / "aidtrack" / "extract" / "rules"
    source = "\n".join(p.read_text("utf-8") for p in sorted(rules.glob("*.py")))
    assert '"type": "appeal"' not in source and '"type": "support"' not in source
    assert source.count("for first in parties[0]:") == 1


def test_one_event_per_pair_of_coordinated_parties() -> None:
    from aidtrack.extract.pipeline import extract_text

    events = extract_text("T\n\nLatvia and Estonia urged Germany and France to send more tanks to Ukraine.")
    pairs = {(e["actor"], e["target"]) for e in events if e["type"] == "appeal"}
    assert pairs == {("LVA", "DEU"), ("LVA", "FRA"), ("EST", "DEU"), ("EST", "FRA")}
