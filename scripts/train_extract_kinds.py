#!/usr/bin/env python3
"""Rebuild the kind model: src/aidtrack/data/extract/kinds.json (see aidtrack.extract.kinds).

Usage: python scripts/train_extract_kinds.py [--C 1.0] [--out PATH]

Training data: the articles the event scorer trains on (scripts/train_extract_filter.py: the
development part of ../shared/eval/train, ../shared/eval/dev and our own articles by other
authors), never the validation part nor the blind sets. Each support event the extractor
keeps (with the kind model off) is labelled with the kind of the gold support events of the
same donor and recipient, where the gold gives that pair exactly one kind; other events are
left out. The model is a multinomial logistic regression (lbfgs, deterministic: the same data
give the same file). The threshold at which it overrules the rules is the one of THRESHOLDS
whose out-of-fold decisions (five folds, one article per group) fix the most kinds net of
those they break; the script prints that table. It runs in about a minute, most of it spent
running the extractor.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_extract_filter import NEWS, _gold_articles  # noqa: E402  (one list of the sources)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "aidtrack" / "data" / "extract" / "kinds.json"
FOLDS = 5
THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


def labelled() -> tuple[list[dict[str, int]], list[str], list[str], list[str]]:
    """Features, gold kind, the rules' kind and the article of every labelled support event."""
    from aidtrack.extract.pipeline import article_kind_features

    sources = [(a, gold) for a, gold, part in _gold_articles() if part in NEWS]
    rows = article_kind_features([a for a, _ in sources])
    X: list[dict[str, int]] = []
    y: list[str] = []
    rules: list[str] = []
    groups: list[str] = []
    for (article, gold), events in zip(sources, rows):
        kinds: dict[tuple[str, str], set[str]] = {}
        for e in gold:
            if e.get("type") == "support" and e.get("category"):
                kinds.setdefault((e.get("donor"), e.get("recipient")), set()).add(str(e["category"]).lower())
        for fields, features in events:
            told = kinds.get((fields["donor"], fields["recipient"]), set())
            if len(told) != 1:
                continue
            X.append(dict.fromkeys(features, 1))
            y.append(next(iter(told)))
            rules.append(str(fields.get("category")))
            groups.append(article.id)
    return X, y, rules, groups


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


def choose(y: np.ndarray, rules: np.ndarray, kinds: np.ndarray, probs: np.ndarray) -> float:
    print(f"{'threshold':>9}{'changed':>9}{'fixed':>7}{'broken':>8}{'accuracy':>10}")
    print(f"{'(rules)':>9}{0:>9}{0:>7}{0:>8}{(rules == y).mean():>10.3f}")
    best, best_net = 1.01, 0
    for t in THRESHOLDS:
        change = (kinds != rules) & (probs >= t)
        after = np.where(change, kinds, rules)
        fixed = int((change & (after == y)).sum())
        broken = int((change & (rules == y)).sum())
        print(f"{t:>9.2f}{int(change.sum()):>9}{fixed:>7}{broken:>8}{(after == y).mean():>10.3f}")
        if fixed - broken > best_net:
            best, best_net = t, fixed - broken
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    from aidtrack.extract.pipeline import MODE

    MODE["kinds"] = "off"  # the rules' kinds, as the shipped model will see them
    rows, labels, rule_kinds, groups = labelled()
    y, rules = np.array(labels), np.array(rule_kinds)
    print(f"{len(y)} support events of {len(set(groups))} articles; gold kinds {dict(Counter(labels))}")
    vectoriser = DictVectorizer()
    X = vectoriser.fit_transform(rows)
    threshold = choose(y, rules, *out_of_fold(X, y, groups, args.C))
    model = fit(X, y, args.C)
    names = vectoriser.get_feature_names_out()
    weights = {
        str(kind): {str(n): round(float(w), 4) for n, w in zip(names, row) if abs(w) >= 1e-4}
        for kind, row in zip(model.classes_, model.coef_)
    }
    intercepts = {str(k): round(float(b), 4) for k, b in zip(model.classes_, model.intercept_)}
    data = {
        "classes": [str(k) for k in model.classes_],
        "threshold": threshold,
        "intercepts": intercepts,
        "weights": weights,
    }
    args.out.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"threshold {threshold}; wrote {args.out}")


if __name__ == "__main__":
    main()
