#!/usr/bin/env python3
"""Classify the extractor's errors by cause, per event type (the development parts only).

Usage: python scripts/extract_misses.py [--part development|dev|train_own_e|...] [--list]

Every missed gold event and every false positive is put under one cause:

  a  no trigger: no event of that type is read in the sentence(s) of the gold evidence
  b  roles elsewhere: a trigger is read but a gold party is not named in the sentence
     (it stands in another sentence, or as an anaphor, title, demonym or metonym the
     mentions do not resolve), or a predicted party came from context, not the sentence
  c  roles wrong: the parties are named in the sentence but given the wrong roles
     (swapped, the beneficiary taken as actor, the speaker's state for the state)
  d  split or merged: one conjunct of a coordination (or one of several targets) is read,
     another is not
  e  across sentences: the gold evidence spans several sentences and nothing is read
  f  false event: nothing of that type is told in the sentence (a proposal, hypothetical,
     negation, or somebody else's event reported)
  g  kind wrong: roles right, category or direction wrong
  h  filtered: the rules read it, the learned scorer dropped it
  i  construction unread: a trigger word of the type and every gold party stand in the
     sentence, yet no rule reads the event (an unhandled construction)

Trigger words are the type's verb classes in data/extract/triggers.yaml ("classes").

The validation part and the blind own sets are refused: their errors must stay unseen while
tuning. Every other own set of tests/extract (heldout4_a, train_own_e, ...) can be diagnosed.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_extract import BLIND_PARTS, KINDS, OWN_PARTS, part_paths  # noqa: E402

from aidtrack.extract import read_article  # noqa: E402
from aidtrack.extract.keys import KEYS, event_key  # noqa: E402
from aidtrack.extract.lexicon import load_lexicon  # noqa: E402
from aidtrack.extract.pipeline import _analyse, _decide, _merge, _parse  # noqa: E402

CAUSES = "abcdefghi"
CLASSES = {
    "support": ("give", "pledge", "receive"),
    "appeal": ("ask",),
    "refusal": ("refuse",),
    "threat": ("warn",),
    "policy_change": ("policy", "loosen", "tighten"),
    "sanction": ("sanction",),
}
_SPACE_RE = re.compile(r"\s+")


@dataclass
class Told:
    """One sentence of an article: its character span, the actors it names, the events read."""

    start: int
    end: int
    codes: set[str]
    ruled: list[dict[str, Any]]
    kept: list[dict[str, Any]]
    lemmas: set[str]


def key_of(event: dict[str, Any]) -> tuple[str, ...]:
    return event_key(event, folded=True)


def parties(event: dict[str, Any]) -> tuple[str, str]:
    """The two parties of an event ("" for a type with one)."""
    kind = event["type"]
    names = KEYS[kind]
    first = str(event.get(names[0]) or "").upper()
    second = (
        str(event.get(names[1]) or "").upper() if kind in ("support", "appeal", "threat", "sanction") else ""
    )
    return first, second


def sentences_of(path: Path) -> tuple[str, list[Told], list[dict[str, Any]]]:
    """The article text, its sentences with what the rules read, and the final events."""
    article = read_article(path.with_suffix(".txt"))
    parsed = _parse([article])[0]
    per_sentence, ctx = _analyse(article, parsed)
    decided = _decide(per_sentence, ctx)
    told: dict[int, Told] = {}
    for start, sentence, events in per_sentence:
        span = sentence.span
        codes = {c for i, c in sentence.codes.items() if span.start <= i < span.end}
        told[id(sentence)] = Told(
            start + span.start_char,
            start + span.end_char,
            codes,
            [dict(e.fields) for e in events],
            [],
            {t.lemma_.lower() for t in span} | {t.lower_ for t in span},
        )
    for event, _start, sentence in decided:
        told[id(sentence)].kept.append(dict(event.fields))
    return article.text, list(told.values()), _merge(article, decided)


def evidence_sentences(text: str, evidence: str, sentences: list[Told]) -> list[Told]:
    """The sentences the gold evidence covers (found verbatim, else by shared words)."""
    flat = _SPACE_RE.sub(" ", evidence.strip())
    pattern = r"\s+".join(re.escape(w) for w in flat.split(" ")) if flat else None
    match = re.search(pattern, text) if pattern else None
    if match:
        return [s for s in sentences if s.start < match.end() and s.end > match.start()]
    words = set(re.findall(r"\w+", evidence.lower()))
    scored = [(len(words & set(re.findall(r"\w+", text[s.start : s.end].lower()))), s) for s in sentences]
    best = max(scored, key=lambda x: x[0], default=(0, None))
    return [best[1]] if best[1] is not None and best[0] else []


@functools.cache
def _trigger_words(kind: str) -> frozenset[str]:
    classes = load_lexicon().raw.get("classes", {})
    return frozenset(w for name in CLASSES[kind] for w in classes.get(name, []))


def classify_miss(gold: dict[str, Any], where: list[Told], golds_here: list[dict[str, Any]]) -> str:
    kind = gold["type"]
    kept = [e for s in where for e in s.kept if e["type"] == kind]
    ruled = [e for s in where for e in s.ruled if e["type"] == kind]
    if not kept:
        if any(key_of(e) == key_of(gold) for e in ruled):
            return "h"
        if len(where) > 1:
            return "e"
        lemmas = set().union(*(s.lemmas for s in where))
        if not lemmas & _trigger_words(kind):
            return "a"
        named = set().union(*(s.codes for s in where))
        return "b" if any(p and p not in named for p in parties(gold)) else "i"
    return _role_cause(gold, kept, set().union(*(s.codes for s in where)), golds_here)


def _role_cause(
    event: dict[str, Any], others: list[dict[str, Any]], named: set[str], related: list[dict[str, Any]]
) -> str:
    """Why ``event`` differs from the events of its type read (or told) in its sentence."""
    first, second = parties(event)
    pairs = [parties(e) for e in others]
    if (first, second) in pairs:
        return "g"
    if any(p and p not in named for p in (first, second)):
        return "b"
    if (second, first) in pairs or any(first in p or second and second in p for p in pairs):
        shared = [p for p in pairs if p[0] == first or second and p[1] == second]
        related_pairs = {parties(e) for e in related}
        if shared and all(p in related_pairs for p in shared):
            return "d"  # the other conjunct's event is read, this one is not
        return "c"
    return "c"


def classify_false(event: dict[str, Any], where: list[Told], golds_here: list[dict[str, Any]]) -> str:
    kind = event["type"]
    same = [g for g in golds_here if g["type"] == kind]
    if not same:
        return "f"
    first, second = parties(event)
    named = set().union(*(s.codes for s in where)) if where else set()
    if any(p and p not in named for p in (first, second)):
        return "b"
    return _role_cause(event, same, named, [e for s in where for e in s.kept if e["type"] == kind])


def diagnose(golds: list[Path], show: bool) -> tuple[Counter, Counter]:
    misses: Counter[tuple[str, str]] = Counter()
    false: Counter[tuple[str, str]] = Counter()
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))["events"]
        text, sentences, predicted = sentences_of(path)
        required = {key_of(e): e for e in gold if not e.get("optional")}
        optional = {key_of(e) for e in gold if e.get("optional")}
        got = {}
        for e in predicted:
            got.setdefault(key_of(e), e)
        placed = {k: evidence_sentences(text, e.get("evidence", ""), sentences) for k, e in required.items()}
        for k, g in required.items():
            if k in got:
                continue
            here = [o for o, w in placed.items() if set(map(id, w)) & set(map(id, placed[k]))]
            cause = classify_miss(g, placed[k], [required[o] for o in here if o != k])
            misses[(g["type"], cause)] += 1
            if show:
                print(f"MISS {cause} {path.stem} {k} | {_short(g.get('evidence', ''))}")
        for k, e in got.items():
            if k in required or k in optional:
                continue
            where = [s for s in sentences if s.start <= e["start"] < s.end]
            ids = set(map(id, where))
            golds_here = [required[o] for o, w in placed.items() if set(map(id, w)) & ids]
            cause = classify_false(e, where, golds_here)
            false[(e["type"], cause)] += 1
            if show:
                print(f"FP   {cause} {path.stem} {k} | {_short(e.get('evidence', ''))}")
    return misses, false


def _short(text: str) -> str:
    return _SPACE_RE.sub(" ", text)[:200]


def print_table(title: str, counts: Counter) -> None:
    print(f"\n{title}")
    print(f"{'type':<14}" + "".join(f"{c:>5}" for c in CAUSES) + f"{'all':>6}")
    per_type: dict[str, Counter] = defaultdict(Counter)
    for (kind, cause), n in counts.items():
        per_type[kind][cause] += n
    for kind in [*KINDS, "all"]:
        row = (
            per_type[kind]
            if kind != "all"
            else Counter({c: sum(per_type[k][c] for k in KINDS) for c in CAUSES})
        )
        print(f"{kind:<14}" + "".join(f"{row[c]:>5}" for c in CAUSES) + f"{sum(row.values()):>6}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--part", default="development", choices=("development", "dev", "validation", *OWN_PARTS)
    )
    parser.add_argument("--list", action="store_true", help="one line per error, with its cause")
    args = parser.parse_args()
    if args.part in BLIND_PARTS:
        sys.exit(f"The {args.part} part is not diagnosed: it must stay unseen while tuning.")
    misses, false = diagnose(part_paths(args.part), args.list)
    print(f"{args.part}: causes (a no trigger, b roles elsewhere/anaphor, c roles wrong, d split/merged,")
    print("  e across sentences, f false event, g category/direction wrong, h dropped by the learned scorer,")
    print("  i trigger and parties in the sentence but the construction unread)")
    print_table("missed gold events", misses)
    print_table("false positives", false)


if __name__ == "__main__":
    main()
