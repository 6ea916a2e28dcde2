#!/usr/bin/env python3
"""How robust the rules are to the elaborations news adds around an event.

Every sentence of tests/extract/constructions*.yaml whose events the extractor
finds is told again with a comment clause, an attribution, a time phrase or an
aside added; an event found in the plain sentence and lost in a variant is a
construction the rules read only in its short form. Prints, per elaboration and
per event type, the share of the found events each variant keeps.

Usage: python scripts/extract_robustness.py [--list ELABORATION] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]

ELABORATIONS = {
    "comment": lambda s: s[:-1] + ", saying the step was long overdue.",
    "adding": lambda s: s[:-1] + ", adding that the talks had gone well.",
    "attribution": lambda s: s[:-1] + ", officials said on Tuesday.",
    "according": lambda s: s[:-1] + ", according to a government statement.",
    "time": lambda s: "On Tuesday, " + _lower_first(s),
    "reason": lambda s: s[:-1] + " amid growing concern over the fighting.",
    "reported": lambda s: "Officials said " + _lower_first(s),
    "statement": lambda s: "In a statement on Monday, " + _lower_first(s),
    "relative": lambda s: _relative(s),
    "capital": lambda s: _capital(s),
}

_CAPITALS = {
    "Japan": "Tokyo",
    "Germany": "Berlin",
    "France": "Paris",
    "Russia": "Moscow",
    "China": "Beijing",
    "Poland": "Warsaw",
    "Britain": "London",
    "Canada": "Ottawa",
    "Norway": "Oslo",
    "Sweden": "Stockholm",
    "Ukraine": "Kyiv",
    "Iran": "Tehran",
    "Turkey": "Ankara",
    "Italy": "Rome",
    "Spain": "Madrid",
    "Hungary": "Budapest",
    "Israel": "Israel",
    "Austria": "Vienna",
    "Denmark": "Copenhagen",
    "Finland": "Helsinki",
    "South Korea": "Seoul",
    "the United States": "Washington",
}


def _lower_first(s: str) -> str:
    """The sentence as the object of "said": its first word lowered unless it is a name."""
    from aidtrack.extract.lexicon import load_lexicon

    first = s.split(" ")[0].strip(",")
    if first.lower() in load_lexicon().names or first.isupper() or not first[1:].islower():
        return s
    return s[0].lower() + s[1:]


def _relative(s: str) -> str:
    for name in sorted(_CAPITALS, key=len, reverse=True):
        for form in (name, name[0].upper() + name[1:]):
            if s.startswith(form + " "):
                return form + ", which has long been cautious," + s[len(form) :]
    return s


def _capital(s: str) -> str:
    for name in sorted(_CAPITALS, key=len, reverse=True):
        for form in (name, name[0].upper() + name[1:]):
            if s.startswith(form + " "):
                return _CAPITALS[name] + s[len(form) :]
    return s


def key(event: dict) -> tuple[str, ...]:
    from aidtrack.extract.pipeline import KEYS

    return (event["type"], *(str(event.get(k) or "").upper() for k in KEYS[event["type"]]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--list",
        metavar="ELABORATION",
        choices=sorted(ELABORATIONS),
        help="print each sentence that loses an event",
    )
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N sentences")
    args = parser.parse_args()
    from aidtrack.extract.pipeline import extract_text

    cases = [
        c
        for p in sorted((ROOT / "tests" / "extract").glob("constructions*.yaml"))
        for c in yaml.safe_load(p.read_text(encoding="utf-8")) or []
        if c.get("events")
        and c["kind"] != "headline-case"
        and c["text"].endswith(".")
        and "\n" not in c["text"]
    ]
    cases = cases[: args.limit] if args.limit is not None else cases
    kept: dict[str, Counter] = {name: Counter() for name in ELABORATIONS}
    total: Counter = Counter()
    for case in cases:
        gold = {key(e) for e in case["events"] if not e.get("optional")}
        plain = {key(e) for e in extract_text("Sentence\n\n" + case["text"])} & gold
        if not plain:
            continue
        total.update(k[0] for k in plain)
        for name, make in ELABORATIONS.items():
            text = make(case["text"])
            got = {key(e) for e in extract_text("Sentence\n\n" + text)}
            kept[name].update(k[0] for k in plain & got)
            if args.list == name and plain - got:
                print(f"LOST {sorted(plain - got)} | {text}")
    if not total:
        print("no sentence's events were found in its plain form; nothing to compare", file=sys.stderr)
        return 1
    types = sorted(total)
    print(f"{'elaboration':<12}" + "".join(f"{t[:8]:>9}" for t in types) + f"{'all':>9}")
    print(f"{'plain':<12}" + "".join(f"{total[t]:>9}" for t in types) + f"{sum(total.values()):>9}")
    for name in ELABORATIONS:
        row = kept[name]
        print(
            f"{name:<12}"
            + "".join(f"{row[t] / total[t]:>9.2f}" for t in types)
            + f"{sum(row.values()) / sum(total.values()):>9.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
