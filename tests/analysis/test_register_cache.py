"""The rules register a brief cites is parsed from YAML once and kept, keyed by the files' content.

A kept register must be the register: the same rules, validated as strictly as a
fresh parse, and a changed file is parsed again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from aidtrack.errors import RuleRegisterError
from aidtrack.rules import register

RULE = """- id: tst_rule_one
  country: DEU
  title: A test rule
  summary: A rule written for this test.
  covers: [lethal]
  scope: direct
  applies_to: states_at_war
  effect: {effect}
  valid_from: '2022-02-27'
  basis: statute
  legal_reference: Test Act s. 1
  last_reviewed: 2026-11-30
  confidence: high
  sources:
  - url: https://example.org/act
    publisher: Test
"""


def _no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the YAML was parsed again")

    monkeypatch.setattr(register.yaml, "load", refuse)


def test_the_shipped_register_is_read_back_without_parsing_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    register._shipped.cache_clear()
    fresh = register.load_register()
    register._shipped.cache_clear()
    _no_yaml(monkeypatch)
    kept = register.load_register()
    register._shipped.cache_clear()
    assert kept == fresh and len(kept.rules) > 20


def test_a_changed_file_is_parsed_again(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(RULE.format(effect="prohibit"), encoding="utf-8")
    first = register.load_register(path).get("tst_rule_one")
    assert first.last_reviewed == dt.date(2026, 11, 30)  # a YAML date comes back as a date
    path.write_text(RULE.format(effect="allow"), encoding="utf-8")
    again = register.load_register(path).get("tst_rule_one")
    assert (first.effect, again.effect) == ("prohibit", "allow")


def test_a_kept_list_is_validated_like_a_parsed_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = RULE.format(effect="prohibit")
    register.load_yaml_list(text, origin="mine.yaml", what="rules")  # parsed and kept
    kept = register._kept_path(text)
    assert kept.exists()
    kept.write_text(kept.read_text().replace('"prohibit"', '"no-such-effect"'), encoding="utf-8")
    _no_yaml(monkeypatch)
    with pytest.raises(RuleRegisterError, match="tst_rule_one"):
        register.parse_rules(text, origin="mine.yaml")


def test_an_unreadable_kept_file_is_parsed_again(tmp_path: Path) -> None:
    text = RULE.format(effect="prohibit")
    register.load_yaml_list(text, origin="mine.yaml", what="rules")
    register._kept_path(text).write_text("{not json", encoding="utf-8")
    assert register.load_yaml_list(text, origin="mine.yaml", what="rules") == yaml.safe_load(text)
