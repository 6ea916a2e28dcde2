"""The shipped register: coverage, sources, own words; validation of bad registers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from aidtrack.errors import RuleRegisterError
from aidtrack.rules import load_register
from aidtrack.rules.register import parse_rules
from aidtrack.rules.sources import problems_of_url, source_policy
from tests.conftest import read_yaml

REQUIRED = [
    "AUT",
    "BRA",
    "CHE",
    "CHN",
    "DEU",
    "DNK",
    "EU",
    "FIN",
    "FRA",
    "GBR",
    "HUN",
    "IND",
    "IRL",
    "ISR",
    "JPN",
    "KOR",
    "NLD",
    "NOR",
    "POL",
    "SWE",
    "TUR",
    "USA",
    "ZAF",
]


def test_register_covers_the_required_countries() -> None:
    countries = load_register().countries
    assert [c for c in REQUIRED if c not in countries] == []
    assert len(countries) >= 25


def test_every_rule_cites_a_source_with_url_and_publisher() -> None:
    rules = load_register().rules
    assert all(r.sources and all(s.url.startswith("http") and s.publisher for s in r.sources) for r in rules)


def test_rule_ids_are_unique_slugs() -> None:
    ids = [r.id for r in load_register().rules]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]+", i) for i in ids)


def test_rule_files_are_valid_yaml_lists_without_quotes() -> None:
    folder = Path(load_register.__code__.co_filename).parents[1] / "data" / "rules"
    files = sorted(folder.glob("*.yaml"))
    assert len(files) >= 25
    for f in files:
        data = read_yaml(f)
        assert isinstance(data, list)
        assert not [s for r in data for s in r["sources"] if {"quote", "translation"} & set(s)]


def _runs(text: str, size: int = 8) -> set[str]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_register_is_in_our_own_words(policies_dir: Path) -> None:
    shared = read_yaml(policies_dir / "rules.yaml")
    theirs = set().union(*(_runs(r["summary"]) | _runs(r["title"], 6) for r in shared))
    quotes = [s["quote"].lower() for r in shared for s in r["sources"] if len(s["quote"].split()) >= 6]
    ours = [f"{r.title} {r.summary} {r.notes}" for r in load_register().rules]
    assert [t for t in ours if _runs(t) & theirs] == []
    assert [q for q in quotes if any(q in t.lower() for t in ours)] == []


def test_register_keeps_the_shared_source_urls_the_policy_accepts(policies_dir: Path) -> None:
    shared = read_yaml(policies_dir / "rules.yaml")
    ours = {s.url for r in load_register().rules for s in r.sources}
    dropped = {s["url"] for r in shared for s in r["sources"]} - ours
    reasons = source_policy()["dropped_sources"]
    assert dropped and all(problems_of_url(u) or reasons.get(u) for u in dropped)


GOOD = {
    "id": "xxx_rule",
    "country": "XXX",
    "title": "A test rule",
    "summary": "Some summary text that is long.",
    "covers": ["lethal"],
    "scope": "direct",
    "applies_to": "any",
    "effect": "prohibit",
    "valid_from": None,
    "valid_to": None,
    "confidence": "high",
    "sources": [{"url": "https://example.org/x", "publisher": "Example", "date": "2022-02"}],
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"sources": []}, 'rule "xxx_rule".*field "sources"'),
        ({"sources": None}, 'rule "xxx_rule".*field "sources"'),
        ({"effect": "ban"}, 'rule "xxx_rule".*field "effect"'),
        ({"covers": ["tanks"]}, 'rule "xxx_rule".*field "covers.0"'),
        ({"applies_to": "at war"}, 'rule "xxx_rule".*field "applies_to"'),
        ({"scope": "transit"}, 'rule "xxx_rule".*field "scope"'),
        ({"country": "Germany"}, 'rule "xxx_rule".*field "country"'),
        ({"valid_from": "2022-13-01"}, 'rule "xxx_rule".*field "valid_from"'),
        ({"valid_from": "2022-03-01", "valid_to": "2022-01-01"}, 'rule "xxx_rule".*valid_to'),
        ({"sources": [{"url": "example.org", "publisher": "X"}]}, 'rule "xxx_rule".*field "sources.0.url"'),
        (
            {"sources": [{"url": "https://e.org", "publisher": "X", "quote": "words"}]},
            'field "sources.0.quote"',
        ),
        ({"confidence": "certain"}, 'rule "xxx_rule".*field "confidence"'),
        ({"colour": "red"}, 'rule "xxx_rule".*field "colour"'),
        ({"superseded_by": ["x"]}, 'field "superseded_by" is computed'),
    ],
)
def test_bad_rule_names_id_and_field(change: dict[str, object], message: str) -> None:
    with pytest.raises(RuleRegisterError, match=message):
        parse_rules(yaml.safe_dump([{**GOOD, **change}]), origin="test.yaml")


def test_good_rule_parses() -> None:
    (rule,) = parse_rules(yaml.safe_dump([GOOD]))
    assert (rule.id, rule.sources[0].date) == ("xxx_rule", "2022-02")


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([GOOD, GOOD], 'Duplicate rule id "xxx_rule"'),
        ([{**GOOD, "overrides": ["nope"]}], 'Rule "xxx_rule": field "overrides" names unknown rule "nope"'),
    ],
)
def test_bad_register_links(tmp_path: Path, entries: list[dict[str, object]], message: str) -> None:
    (tmp_path / "x.yaml").write_text(yaml.safe_dump(entries), encoding="utf-8")
    with pytest.raises(RuleRegisterError, match=message):
        load_register(tmp_path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: [", "not valid YAML"),
        ("{}", "must hold a YAML list"),
        ("- just text", "is not a mapping"),
    ],
)
def test_unreadable_register(text: str, message: str) -> None:
    with pytest.raises(RuleRegisterError, match=message):
        parse_rules(text)


def test_missing_register_path(tmp_path: Path) -> None:
    with pytest.raises(RuleRegisterError, match="does not exist"):
        load_register(tmp_path / "nope.yaml")


def test_user_register_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump([GOOD]), encoding="utf-8")
    assert [r.id for r in load_register(path).rules] == ["xxx_rule"]
