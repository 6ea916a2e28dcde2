#!/usr/bin/env python3
"""How robust the rules are to the elaborations news adds around an event.

Every sentence of tests/extract/constructions*.yaml whose events the extractor
finds is told again with a comment clause, an attribution, a time phrase or an
aside added; an event found in the plain sentence and lost in a variant is a
construction the rules read only in its short form. Prints, per elaboration and
per event type, the share of the found events each variant keeps (counted over the
sentences the elaboration fits: "told" is how many found events were told again).

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
    "title": lambda s: _titled(s),
    "minister": lambda s: s[:-1] + ", the country's foreign minister said.",
    "apposition": lambda s: _apposition(s),
    "also": lambda s: _before_verb(s, "also"),
    "weekday": lambda s: _before_verb(s, "on Tuesday", auxiliary_first=False),
    "passive": lambda s: _passive(s),
    "perfect": lambda s: _retensed(s, "has"),
    "future": lambda s: _retensed(s, "will"),
    "and-clause": lambda s: s[:-1] + ", and talks on the matter will continue next week.",
    "quote": lambda s: '"We will not be swayed," the minister told reporters. ' + s,
    "dateline": lambda s: "KYIV, May 3 (Reuters) - " + s,
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


_ADJECTIVES = {
    "Japan": "Japanese",
    "Germany": "German",
    "France": "French",
    "Russia": "Russian",
    "China": "Chinese",
    "Poland": "Polish",
    "Britain": "British",
    "Canada": "Canadian",
    "Norway": "Norwegian",
    "Sweden": "Swedish",
    "Ukraine": "Ukrainian",
    "Iran": "Iranian",
    "Turkey": "Turkish",
    "Italy": "Italian",
    "Spain": "Spanish",
    "Hungary": "Hungarian",
    "Israel": "Israeli",
    "Austria": "Austrian",
    "Denmark": "Danish",
    "Finland": "Finnish",
    "South Korea": "South Korean",
    "the United States": "U.S.",
}
# past participles of the verbs whose past tense is not their participle
_PARTICIPLES = {"gave": "given", "took": "taken", "wrote": "written", "chose": "chosen", "drew": "drawn"}


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


def _leading_state(s: str) -> tuple[str, str] | None:
    """The state the sentence opens with, as (its name in the table, its form in the sentence)."""
    for name in sorted(_CAPITALS, key=len, reverse=True):
        for form in (name, name[0].upper() + name[1:]):
            if s.startswith(form + " "):
                return name, form
    return None


def _titled(s: str) -> str:
    """The opening state told as its minister: "Japanese Foreign Minister Anna Berg sent ..."."""
    found = _leading_state(s)
    if found is None:
        return s
    name, form = found
    return f"{_ADJECTIVES[name]} Foreign Minister Anna Berg" + s[len(form) :]


def _apposition(s: str) -> str:
    """An apposition after the opening state: "Japan, a long-standing partner of the region, sent ..."."""
    found = _leading_state(s)
    if found is None:
        return s
    form = found[1]
    return form + ", a long-standing partner of the region," + s[len(form) :]


def _root(s: str):
    """The main verb of the sentence as spaCy parses it, or None."""
    from aidtrack.extract.pipeline import load_nlp

    doc = load_nlp()(s)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    return root if root is not None and root.pos_ in ("VERB", "AUX") else None


def _before_verb(s: str, words: str, *, auxiliary_first: bool = True) -> str:
    """``words`` put before the main verb ("would also send"), or before its auxiliaries."""
    root = _root(s)
    if root is None:
        return s
    auxiliaries = [c for c in root.children if c.dep_ in ("aux", "auxpass") and c.i < root.i]
    at = root
    if auxiliaries:
        at = root.doc[auxiliaries[0].i + 1] if auxiliary_first else auxiliaries[0]
    return s[: at.idx] + words + " " + s[at.idx :]


def _simple_past(s: str):
    """The main verb if it is a plain past tense with a subject and no auxiliary, else None."""
    root = _root(s)
    if root is None or root.tag_ != "VBD" or root.lemma_ in ("be", "have", "do"):
        return None
    if any(c.dep_ in ("aux", "auxpass", "neg") for c in root.children):
        return None
    if not any(c.dep_ == "nsubj" for c in root.children):
        return None
    return root


def _participle(verb) -> str | None:
    """The past participle of a past-tense verb whose two forms are simply related."""
    if verb.text.lower() in _PARTICIPLES:
        return _PARTICIPLES[verb.text.lower()]
    if verb.text.endswith("ed") or verb.text.lower() in (
        "sent",
        "sold",
        "lent",
        "spent",
        "built",
        "paid",
        "held",
    ):
        return verb.text
    return None


def _retensed(s: str, auxiliary: str) -> str:
    """The main verb in the perfect ("has sent") or the future ("will send")."""
    verb = _simple_past(s)
    if verb is None:
        return s
    form = verb.lemma_ if auxiliary == "will" else _participle(verb)
    if form is None:
        return s
    return s[: verb.idx] + f"{auxiliary} {form}" + s[verb.idx + len(verb.text) :]


def _passive(s: str) -> str:
    """ "Japan sent tents to Kyiv." told as "Tents were sent by Japan to Kyiv."."""
    verb = _simple_past(s)
    if verb is None or _participle(verb) is None:
        return s
    subject = next(c for c in verb.children if c.dep_ == "nsubj")
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if len(objects) != 1 or subject.i > verb.i or any(c.dep_ == "dative" for c in verb.children):
        return s
    doc = verb.doc
    subj = doc[subject.left_edge.i : subject.right_edge.i + 1]
    obj = doc[objects[0].left_edge.i : objects[0].right_edge.i + 1]
    if subj.start != 0 or obj.start != verb.i + 1:
        return s
    rest = doc[obj.end : len(doc)].text.rstrip(". ")
    if "." in rest:
        return s  # more than one sentence
    plural = objects[0].tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in objects[0].children)
    be = "were" if plural else "was"
    first = obj.text if obj[0].pos_ == "PROPN" else obj.text[0].upper() + obj.text[1:]
    agent = subj.text if subj[0].pos_ == "PROPN" else subj.text[0].lower() + subj.text[1:]
    return f"{first} {be} {_participle(verb)} by {agent}{' ' + rest if rest else ''}."


def _share(kept: int, told: int) -> str:
    """The share kept, or "-" when no sentence was told this way."""
    return f"{kept / told:.2f}" if told else "-"


def key(event: dict) -> tuple[str, ...]:
    from aidtrack.extract.keys import event_key

    return event_key(event, folded=True)


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
    told: dict[str, Counter] = {name: Counter() for name in ELABORATIONS}
    total: Counter = Counter()
    for case in cases:
        gold = {key(e) for e in case["events"] if not e.get("optional")}
        plain = {key(e) for e in extract_text("Sentence\n\n" + case["text"])} & gold
        if not plain:
            continue
        total.update(k[0] for k in plain)
        for name, make in ELABORATIONS.items():
            if args.list and name != args.list:
                continue  # listing one elaboration tells only that one
            text = make(case["text"])
            if text == case["text"]:
                continue  # the elaboration does not fit this sentence
            told[name].update(k[0] for k in plain)
            got = {key(e) for e in extract_text("Sentence\n\n" + text)}
            kept[name].update(k[0] for k in plain & got)
            if args.list == name and plain - got:
                print(f"LOST {sorted(plain - got)} | {text}")
    if not total:
        print("no sentence's events were found in its plain form; nothing to compare", file=sys.stderr)
        return 1
    types = sorted(total)
    print(f"{'elaboration':<12}" + "".join(f"{t[:8]:>9}" for t in types) + f"{'all':>9}{'told':>7}")
    print(f"{'plain':<12}" + "".join(f"{total[t]:>9}" for t in types) + f"{sum(total.values()):>9}")
    for name in ELABORATIONS:
        row, base = kept[name], told[name]
        print(
            f"{name:<12}"
            + "".join(f"{_share(row[t], base[t]):>9}" for t in types)
            + f"{_share(sum(row.values()), sum(base.values())):>9}"
            + f"{sum(base.values()):>7}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
