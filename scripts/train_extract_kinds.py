#!/usr/bin/env python3
"""Rebuild the kind models: src/aidtrack/data/extract/kinds.json (see aidtrack.extract.kinds).

Usage: python scripts/train_extract_kinds.py [--C 1.0] [--out PATH]

Training data: the articles the event scorer trains on (scripts/train_extract_filter.py: the
development part of ../shared/eval/train, ../shared/eval/dev and our own articles by other
authors), never the validation part nor the blind sets. Each support, appeal and refusal event
the extractor keeps (with the kind models off) is labelled with the kind of the gold events of
the same type and key parties (donor and recipient, actor and target, actor); those whose parties
the gold gives exactly one kind train, and all are scored. Each type's model is a multinomial
logistic regression (lbfgs, deterministic: the same data give the same file). The threshold at
which it overrules the rules is the one of THRESHOLDS whose out-of-fold decisions (five folds,
one article per group) fix the most kinds net of those they break (none, and the type keeps
the rules' kinds, where no threshold fixes more than it breaks), among those at which the
shipped model changes no right kind of our own sentences (tests/extract/constructions*.yaml and
the pattern and mechanism sentences); the script prints the tables.
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
    """One type's events with a gold kind: features, the gold kinds of their parties, the rules'
    kind and the article. Those whose parties the gold gives one kind train; all are scored."""

    X: list[dict[str, int]] = field(default_factory=list)
    golds: list[frozenset[str]] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)

    @property
    def trains(self) -> np.ndarray:
        return np.array([len(g) == 1 for g in self.golds])

    @property
    def y(self) -> np.ndarray:
        """The one gold kind of each training event (the first, sorted, of the others)."""
        return np.array([sorted(g)[0] for g in self.golds])


def _parties(event: dict) -> tuple:
    """The key parties of an event with a kind: (donor, recipient), (actor, target), (actor,)."""
    return tuple(event.get(role) for role in KEYS[event["type"]] if role != "category")


# our own sentences whose kinds the models must not break (the construction sentences, read as
# their tests read them, and the pattern and mechanism sentences)
OWN_SENTENCES = ("exact", "train", "partial")


def labelled(parts: tuple[str, ...] = NEWS) -> dict[str, Rows]:
    """Per type, every event the extractor keeps whose parties the gold gives a kind."""
    from aidtrack.extract.pipeline import article_kind_features

    sources = [(a, gold) for a, gold, part in _gold_articles() if part in parts]
    rows = article_kind_features([a for a, _ in sources])
    out = {kind: Rows() for kind in KIND_ROLES}
    for (article, gold), events in zip(sources, rows):
        kinds: dict[tuple, set[str]] = {}
        for e in gold:
            if e.get("type") in KIND_ROLES and e.get("category"):
                kinds.setdefault((e["type"], *_parties(e)), set()).add(str(e["category"]).lower())
        for fields, features in events:
            told = kinds.get((fields["type"], *_parties(fields)), set())
            if not told:
                continue
            data = out[fields["type"]]
            data.X.append(dict.fromkeys(features, 1))
            data.golds.append(frozenset(told))
            data.rules.append(str(fields.get("category")))
            data.groups.append(article.id)
    return out


def fit(X, y: np.ndarray, c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=5000).fit(X, y)


def out_of_fold(X, rows: Rows, c: float) -> tuple[np.ndarray, np.ndarray]:
    """Each event's likeliest kind and its probability, from a model trained on the events of
    one gold kind of the other articles."""
    kinds = np.empty(len(rows.golds), dtype=object)
    probs = np.zeros(len(rows.golds))
    trains, y = rows.trains, rows.y
    for train, test in GroupKFold(FOLDS).split(X, y, rows.groups):
        train = train[trains[train]]
        model = fit(X[train], y[train], c)
        p = model.predict_proba(X[test])
        kinds[test] = model.classes_[p.argmax(1)]
        probs[test] = p.max(1)
    return kinds, probs


def choose(
    rows: Rows,
    kinds: np.ndarray,
    probs: np.ndarray,
    allowed: np.ndarray,
    barred: frozenset[float] = frozenset(),
) -> float:
    """The threshold that fixes the most kinds net of those it breaks (above 1: never overrule),
    where the model may overrule at all (:func:`aidtrack.extract.kinds.may_overrule`), among
    those not ``barred``. A kind changed is fixed when the gold gives the parties the new kind
    and not the old one, broken when the gold gives them the old one (whatever else it gives:
    two kinds of one sentence merged into one lose one)."""
    rules = np.array(rows.rules)
    right = np.array([r in g for r, g in zip(rows.rules, rows.golds)])
    print(f"{'threshold':>9}{'changed':>9}{'fixed':>7}{'broken':>8}{'accuracy':>10}")
    print(f"{'(rules)':>9}{0:>9}{0:>7}{0:>8}{right.mean():>10.3f}")
    best, best_net = 1.01, 0
    for t in THRESHOLDS:
        change = (kinds != rules) & (probs >= t) & allowed
        now_right = np.array([k in g for k, g in zip(kinds, rows.golds)])
        fixed = int((change & now_right & ~right).sum())
        broken = int((change & right).sum())
        accuracy = np.where(change, now_right & ~right, right).mean()
        note = "  (breaks our own sentences)" if t in barred else ""
        print(f"{t:>9.2f}{int(change.sum()):>9}{fixed:>7}{broken:>8}{accuracy:>10.3f}{note}")
        if fixed - broken > best_net and t not in barred:
            best, best_net = t, fixed - broken
    return best


def train(rows: Rows, c: float, own: Rows | None = None) -> dict[str, Any]:
    """One type's model, as shipped: classes, threshold, intercepts and non-zero weights. No
    threshold is taken at which the model would break the kind of one of our own sentences."""
    vectoriser = DictVectorizer()
    X = vectoriser.fit_transform(rows.X)
    allowed = np.array([may_overrule(list(x)) for x in rows.X])
    model = fit(X[rows.trains], rows.y[rows.trains], c)
    barred = _breaking_own(model, vectoriser, own) if own is not None and own.golds else frozenset()
    threshold = choose(rows, *out_of_fold(X, rows, c), allowed, barred)
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


def _breaking_own(model: LogisticRegression, vectoriser: DictVectorizer, own: Rows) -> frozenset[float]:
    """The thresholds at which the shipped model would change a right kind of our own sentences."""
    p = model.predict_proba(vectoriser.transform(own.X))
    kinds, probs = model.classes_[p.argmax(1)], p.max(1)
    right = np.array([r in g for r, g in zip(own.rules, own.golds)])
    allowed = np.array([may_overrule(list(x)) for x in own.X])
    moved = (kinds != np.array(own.rules)) & right & allowed
    return frozenset(t for t in THRESHOLDS if (moved & (probs >= t)).any())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    from aidtrack.extract.pipeline import MODE

    MODE["kinds"] = "off"  # the rules' kinds, as the shipped models will see them
    data = {}
    own = labelled(OWN_SENTENCES)
    for kind, rows in labelled().items():
        single = Counter(str(k) for k in rows.y[rows.trains])
        print(
            f"{kind}: {len(rows.golds)} events of {len(set(rows.groups))} articles; one gold kind {dict(single)}"
        )
        data[kind] = train(rows, args.C, own.get(kind))
        print(f"{kind}: threshold {data[kind]['threshold']}")
    args.out.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
