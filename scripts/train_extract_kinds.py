#!/usr/bin/env python3
"""Rebuild the kind models: src/aidtrack/data/extract/kinds.json (see aidtrack.extract.kinds).

Usage: python scripts/train_extract_kinds.py [--C 1.0] [--out PATH]

Training data: the articles the event scorer trains on (scripts/train_extract_filter.py: the
development part of ../shared/eval/train, ../shared/eval/dev and our own articles by other
authors), never the validation part nor the blind sets. Each support, appeal and refusal event
the extractor keeps (with the kind models off) is labelled with the kind of the gold events of
the same type and key parties (donor and recipient, actor and target, actor), where the gold
gives them exactly one kind; other events are left out. Each type's model is a multinomial
logistic regression (lbfgs, deterministic: the same data give the same file). The threshold at
which it overrules the rules is the one of THRESHOLDS whose out-of-fold decisions (five folds,
one article per group) fix the most kinds net of those they break (none, and the type keeps
the rules' kinds, where no threshold fixes more than it breaks); the script prints the tables.
It runs in about a minute, most of it spent running the extractor.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_extract_filter import NEWS, _gold_articles  # noqa: E402  (one list of the sources)

from aidtrack.extract.keys import KEYS  # noqa: E402
from aidtrack.extract.kinds import KIND_ROLES, may_overrule  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "aidtrack" / "data" / "extract" / "kinds.json"
FOLDS = 5
THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


@dataclass
class Rows:
    """One type's labelled events: features, gold kind, the rules' kind and the article."""

    X: list[dict[str, int]] = field(default_factory=list)
    y: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)


def _parties(event: dict) -> tuple:
    """The key parties of an event with a kind: (donor, recipient), (actor, target), (actor,)."""
    return tuple(event.get(role) for role in KEYS[event["type"]] if role != "category")


def labelled() -> dict[str, Rows]:
    """Per type, every labelled event the extractor keeps."""
    from aidtrack.extract.pipeline import article_kind_features

    sources = [(a, gold) for a, gold, part in _gold_articles() if part in NEWS]
    rows = article_kind_features([a for a, _ in sources])
    out = {kind: Rows() for kind in KIND_ROLES}
    for (article, gold), events in zip(sources, rows):
        kinds: dict[tuple, set[str]] = {}
        for e in gold:
            if e.get("type") in KIND_ROLES and e.get("category"):
                kinds.setdefault((e["type"], *_parties(e)), set()).add(str(e["category"]).lower())
        for fields, features in events:
            told = kinds.get((fields["type"], *_parties(fields)), set())
            if len(told) != 1:
                continue
            data = out[fields["type"]]
            data.X.append(dict.fromkeys(features, 1))
            data.y.append(next(iter(told)))
            data.rules.append(str(fields.get("category")))
            data.groups.append(article.id)
    return out


def fit(X, y: np.ndarray, c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=5000).fit(X, y)


def out_of_fold(X, y: np.ndarray, groups: list[str], c: float) -> tuple[np.ndarray, np.ndarray]:
    """Each event's likeliest kind and its probability, from a model that never saw its article."""
    kinds = np.empty(len(y), dtype=object)
    probs = np.zeros(len(y))
    for train, test in GroupKFold(FOLDS).split(X, y, groups):
        model = fit(X[train], y[train], c)
        p = model.predict_proba(X[test])
        kinds[test] = model.classes_[p.argmax(1)]
        probs[test] = p.max(1)
    return kinds, probs


def choose(
    y: np.ndarray, rules: np.ndarray, kinds: np.ndarray, probs: np.ndarray, allowed: np.ndarray
) -> float:
    """The threshold that fixes the most kinds net of those it breaks (above 1: never overrule),
    where the model may overrule at all (:func:`aidtrack.extract.kinds.may_overrule`)."""
    print(f"{'threshold':>9}{'changed':>9}{'fixed':>7}{'broken':>8}{'accuracy':>10}")
    print(f"{'(rules)':>9}{0:>9}{0:>7}{0:>8}{(rules == y).mean():>10.3f}")
    best, best_net = 1.01, 0
    for t in THRESHOLDS:
        change = (kinds != rules) & (probs >= t) & allowed
        after = np.where(change, kinds, rules)
        fixed = int((change & (after == y)).sum())
        broken = int((change & (rules == y)).sum())
        print(f"{t:>9.2f}{int(change.sum()):>9}{fixed:>7}{broken:>8}{(after == y).mean():>10.3f}")
        if fixed - broken > best_net:
            best, best_net = t, fixed - broken
    return best


def train(rows: Rows, c: float) -> dict[str, Any]:
    """One type's model, as shipped: classes, threshold, intercepts and non-zero weights."""
    y, rules = np.array(rows.y), np.array(rows.rules)
    vectoriser = DictVectorizer()
    X = vectoriser.fit_transform(rows.X)
    allowed = np.array([may_overrule(list(x)) for x in rows.X])
    threshold = choose(y, rules, *out_of_fold(X, y, rows.groups, c), allowed)
    model = fit(X, y, c)
    names = vectoriser.get_feature_names_out()
    return {
        "classes": [str(k) for k in model.classes_],
        "threshold": threshold,
        "intercepts": {str(k): round(float(b), 4) for k, b in zip(model.classes_, model.intercept_)},
        "weights": {
            str(kind): {str(n): round(float(w), 4) for n, w in zip(names, row) if abs(w) >= 1e-4}
            for kind, row in zip(model.classes_, model.coef_)
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    from aidtrack.extract.pipeline import MODE

    MODE["kinds"] = "off"  # the rules' kinds, as the shipped models will see them
    data = {}
    for kind, rows in labelled().items():
        print(
            f"{kind}: {len(rows.y)} events of {len(set(rows.groups))} articles; gold {dict(Counter(rows.y))}"
        )
        data[kind] = train(rows, args.C)
        print(f"{kind}: threshold {data[kind]['threshold']}")
    args.out.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
