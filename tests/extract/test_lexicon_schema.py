"""triggers.yaml has a schema: a mistyped section or key fails loudly, naming the file and key."""

from __future__ import annotations

import copy

import pytest

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
