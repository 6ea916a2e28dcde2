"""triggers.yaml has a schema: a mistyped section or key fails loudly, naming the file and key."""

from __future__ import annotations

import copy

import pytest
import yaml

from aidtrack.extract.lexicon import LexiconDataError, check_triggers, load_lexicon


def test_the_shipped_triggers_fit_the_schema() -> None:
    assert check_triggers(load_lexicon().raw) is not None


def test_a_mistyped_section_fails_loading_with_file_and_key() -> None:
    data = copy.deepcopy(load_lexicon().raw)
    data["sanctoin"] = data.pop("sanction")
    with pytest.raises(LexiconDataError, match=r'"triggers.yaml".*sanctoin'):
        check_triggers(data)


def test_a_word_list_of_the_wrong_shape_fails_loading() -> None:
    data = copy.deepcopy(load_lexicon().raw)
    data["threat"]["verbs"] = "warn"
    with pytest.raises(LexiconDataError, match=r"threat\.verbs"):
        check_triggers(data)


def test_a_rule_asking_for_a_mistyped_key_names_it() -> None:
    with pytest.raises(LexiconDataError, match=r'no key "support\.transfer_verbz"'):
        load_lexicon().words("support", "transfer_verbz")


def test_an_unquoted_yaml_boolean_is_no_word() -> None:
    # YAML 1.1 reads a bare `off` or `no` as False: such a word would never match anything
    data = copy.deepcopy(load_lexicon().raw)
    data["classes"]["refuse"] = [*data["classes"]["refuse"], *yaml.safe_load("[off]")]
    with pytest.raises(LexiconDataError, match=r"classes\.refuse"):
        check_triggers(data)


def test_the_shipped_words_off_and_no_are_words() -> None:
    raw = load_lexicon().raw
    assert "off" in raw["classes"]["refuse"] and "no" in raw["classes"]["negation"]
