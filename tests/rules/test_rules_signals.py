"""The signals register: shipped file and the shared reference file load as ledger events."""

from __future__ import annotations

import collections
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from aidtrack.errors import RuleRegisterError
from aidtrack.rules import load_signals
from aidtrack.rules.signals import EVENT_KEYS
from tests.conftest import read_yaml


def test_shipped_signals_have_the_event_shape() -> None:
    events = load_signals()
    assert len(events) == 93
    assert all(tuple(e) == EVENT_KEYS for e in events)
    assert all(
        e["sources"] and all(set(s) == {"url", "publisher", "date"} for s in e["sources"]) for e in events
    )
    assert collections.Counter(e["type"] for e in events) == {
        "policy_change": 25,
        "support": 22,
        "refusal": 20,
        "appeal": 10,
        "threat": 9,
        "sanction": 7,
    }


def test_shared_signals_file_loads(policies_dir: Path) -> None:
    events = load_signals(policies_dir / "signals.yaml")
    assert len(events) == 93
    assert not [s for e in events for s in e["sources"] if "quote" in s]


@pytest.mark.parametrize(
    ("actor", "kind", "day", "precision"),
    [
        ("NATO", "appeal", dt.date(2023, 1, 30), "day"),
        ("USA", "appeal", dt.date(2022, 5, 1), "month"),
        ("KOR", "support", dt.date(2023, 1, 1), "year"),
    ],
)
def test_dates_and_precision(actor: str, kind: str, day: dt.date, precision: str) -> None:
    found = [e for e in load_signals() if (e["actor"], e["type"], e["date"]) == (actor, kind, day)]
    assert [e["date_precision"] for e in found] == [precision]


def test_undated_signal_sorts_last_and_support_gets_a_recipient() -> None:
    last = load_signals()[-1]
    assert (last["date"], last["date_precision"], last["recipient"], last["via"]) == (
        None,
        None,
        "UKR",
        "POL",
    )


def test_threat_keeps_consequence_and_condition() -> None:
    (threat,) = [e for e in load_signals() if e["type"] == "threat" and e["date"] == dt.date(2024, 6, 20)]
    assert (threat["actor"], threat["target"]) == ("RUS", "KOR")
    assert threat["consequence"] and threat["condition"]


def _runs(text: str, size: int = 8) -> set[str]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_signals_are_in_our_own_words(policies_dir: Path) -> None:
    shared = read_yaml(policies_dir / "signals.yaml")
    theirs = set().union(*(_runs(s["summary"]) for s in shared))
    quotes = [q["quote"].lower() for s in shared for q in s["sources"] if len(q["quote"].split()) >= 6]
    ours = [e["summary"] + " " + (e["notes"] or "") for e in load_signals()]
    assert [t for t in ours if _runs(t) & theirs] == []
    assert [q for q in quotes if any(q in t.lower() for t in ours)] == []


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"type": "rumour"}, 'signal #1 .*field "type"'),
        ({"date": "2022-13"}, 'signal #1 .*field "date"'),
        ({"sources": []}, 'signal #1 .*field "sources"'),
        ({"sources": [{"url": "nope", "publisher": "X"}]}, 'signal #1 .*field "url"'),
        ({"colour": "red"}, 'signal #1 .*field "colour"'),
    ],
)
def test_bad_signals_file(tmp_path: Path, entry: dict[str, object], message: str) -> None:
    good = {
        "date": "2022-02-26",
        "type": "appeal",
        "actor": "UKR",
        "target": "DEU",
        "summary": "Kyiv asked for arms.",
        "sources": [{"url": "https://example.org", "publisher": "Example", "date": None}],
        "confidence": "high",
    }
    path = tmp_path / "signals.yaml"
    path.write_text(yaml.safe_dump([{**good, **entry}]), encoding="utf-8")
    with pytest.raises(RuleRegisterError, match=message):
        load_signals(path)


def test_missing_signals_file(tmp_path: Path) -> None:
    with pytest.raises(RuleRegisterError, match="does not exist"):
        load_signals(tmp_path / "nope.yaml")
