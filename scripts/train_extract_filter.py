#!/usr/bin/env python3
"""Rebuild the learned event scorer: src/aidtrack/data/extract/filter.json.

Usage: python scripts/train_extract_filter.py [--use TYPE=MODE ...] [--C 0.3]

Training data: the development part of ../shared/eval/train (as fixed in
tests/extract/train_split.json), ../shared/eval/dev, and our own sentences in
tests/extract/constructions.yaml and tests/extract/test_patterns.py. Never the
validation part. Every candidate
the extractor proposes (see aidtrack.extract.learned) is labelled positive when
its type and key fields are a required gold event of the article and its
sentence overlaps that event's evidence, negative when the key is no gold
event at all, and left out otherwise. A logistic regression (liblinear, fixed
seed) is fitted on binary features; each type's threshold maximises the F1 of
its out-of-fold scores on the development articles. ``--use`` says per type
whether the model only rescores the rules' events ("rules"), filters them
("filter") or adds its own ("model"); the choice is measured on validation with
scripts/eval_extract.py --compare. Runs in well under a minute.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import yaml
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SPLIT = ROOT / "tests" / "extract" / "train_split.json"
OWN = ROOT / "tests" / "extract" / "constructions.yaml"
OUT = ROOT / "src" / "aidtrack" / "data" / "extract" / "filter.json"
SEED = 12
TYPES = ("support", "appeal", "refusal", "threat", "policy_change", "sanction")
DEFAULT_USE = {t: "model" for t in TYPES}


def _gold_articles():
    """(article, gold events) of the development part, eval/dev and our own sentences."""
    from aidtrack.extract import article_from_text, read_article

    names = json.loads(SPLIT.read_text(encoding="utf-8"))["development"]
    paths = [EVAL / "train" / f"{n}.json" for n in names] + sorted((EVAL / "dev").glob("*.json"))
    out = []
    for path in paths:
        gold = json.loads(path.read_text(encoding="utf-8"))["events"]
        out.append((read_article(path.with_suffix(".txt")), gold))
    for i, (text, events) in enumerate(_own_sentences()):
        article = article_from_text(f"Own sentence\n\n{text}", name=f"own-{i}")
        out.append((article, [dict(e, evidence=text) for e in events]))
    return out


def _own_sentences() -> list[tuple[str, list[dict]]]:
    """Our own sentences with their events: constructions.yaml and the pattern tests' cases."""
    from aidtrack.extract.pipeline import KEYS

    out = [(item["text"], item.get("events", [])) for item in yaml.safe_load(OWN.read_text(encoding="utf-8"))]
    sys.path.insert(0, str(ROOT))
    from tests.extract.test_patterns import CASES

    for cases in CASES.values():
        for text, keys in cases:
            out.append((text, [dict(zip(("type", *KEYS[k[0]]), k)) for k in keys]))
    return out


def _key(event):
    from aidtrack.extract.pipeline import KEYS

    kind = event.get("type")
    if kind not in KEYS:
        return None
    return (kind, *(str(event.get(k) or "").upper() for k in KEYS[kind]))


def _spans(text: str, gold: list[dict]):
    """key -> the character spans of its evidence in the text; optional keys apart."""
    required: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    optional = set()
    for event in gold:
        key = _key(event)
        if key is None:
            continue
        if event.get("optional"):
            optional.add(key)
            continue
        evidence = str(event.get("evidence") or "")
        at = text.find(evidence[:60]) if evidence else -1
        required[key].append((at, at + len(evidence)) if at >= 0 else (-1, -1))
    return required, optional


def labelled_rows():
    """(features, label, article index, key) for every labelled candidate; gold keys per article."""
    from aidtrack.extract.pipeline import article_candidates

    data = _gold_articles()
    rows = []
    gold_keys = []
    for index, ((article, gold), cands) in enumerate(zip(data, article_candidates(a for a, _ in data))):
        required, optional = _spans(article.text, gold)
        gold_keys.append(set(required))
        for start, end, cand in cands:
            key = _key(cand.fields)
            if key in optional:
                continue
            if key in required:
                if not any(s < end and start < e or s < 0 for s, e in required[key]):
                    continue
                label = 1
            else:
                label = 0
            rows.append(({f: 1 for f in cand.features}, label, index, key, "found" in cand.extra))
    return rows, gold_keys


def _fit(X, y, c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=500)
    return model.fit(X, y)


def _best_thresholds(scores, keys, groups, gold_keys) -> dict[str, float]:
    """Per type, the threshold that maximises the article-level F1 of out-of-fold scores."""
    best_score: dict[tuple[int, tuple], float] = {}
    for s, k, g in zip(scores, keys, groups):
        best_score[(g, k)] = max(best_score.get((g, k), 0.0), s)
    out = {}
    totals = [0, 0, 0]
    for kind in TYPES:
        n_gold = sum(1 for keys_ in gold_keys for k in keys_ if k[0] == kind)
        items = [(s, k in gold_keys[g]) for (g, k), s in best_score.items() if k[0] == kind]
        best = (0.0, 0.5, 0, 0)
        for t in np.arange(0.2, 0.85, 0.05):
            tp = sum(1 for s, ok in items if s >= t and ok)
            fp = sum(1 for s, ok in items if s >= t and not ok)
            f1 = 2 * tp / (2 * tp + fp + (n_gold - tp)) if n_gold + fp else 0.0
            if f1 > best[0] + 1e-9:
                best = (f1, round(float(t), 2), tp, fp)
        out[kind] = best[1]
        totals = [totals[0] + best[2], totals[1] + best[3], totals[2] + n_gold - best[2]]
        print(f"  {kind:<14} threshold {best[1]:.2f}  out-of-fold F1 {best[0]:.3f}", file=sys.stderr)
    tp, fp, fn = totals
    print(
        f"  overall out-of-fold F1 {2 * tp / (2 * tp + fp + fn):.3f} (P {tp / max(tp + fp, 1):.3f}, "
        f"R {tp / max(tp + fn, 1):.3f})",
        file=sys.stderr,
    )
    return out


ADD_PRECISION = 0.5


def _add_thresholds(scores, rows, gold_keys) -> dict[str, float]:
    """Per type, the lowest threshold at which the events the model adds on its own (keys no
    rule proposed in the article) are right at least ADD_PRECISION of the time, out of fold."""
    ruled = {(r[2], r[3]) for r in rows if r[4]}
    best: dict[tuple[int, tuple], float] = {}
    for s, r in zip(scores, rows):
        if (r[2], r[3]) not in ruled:
            best[(r[2], r[3])] = max(best.get((r[2], r[3]), 0.0), s)
    out = {}
    for kind in TYPES:
        items = [(s, k in gold_keys[g]) for (g, k), s in best.items() if k[0] == kind]
        chosen = 0.95
        for t in np.arange(0.2, 0.95, 0.05):
            kept = [ok for s, ok in items if s >= t]
            if len(kept) >= 3 and sum(kept) / len(kept) >= ADD_PRECISION:
                chosen = round(float(t), 2)
                break
        out[kind] = chosen
        right = [ok for s, ok in items if s >= chosen]
        print(
            f"  {kind:<14} adds at {chosen:.2f}: {sum(right)}/{len(right)} right out of fold", file=sys.stderr
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--C", type=float, default=0.3)
    parser.add_argument("--use", nargs="*", default=[], help="TYPE=rules|filter|model")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    use = dict(DEFAULT_USE, **dict(u.split("=", 1) for u in args.use))
    rows, gold_keys = labelled_rows()
    vec = DictVectorizer()
    X = vec.fit_transform([r[0] for r in rows]).tocsr()
    X.indices = X.indices.astype(np.int32)  # liblinear takes 32-bit indices only
    X.indptr = X.indptr.astype(np.int32)
    y = np.array([r[1] for r in rows])
    groups = np.array([r[2] for r in rows])
    print(f"{len(rows)} candidates ({int(y.sum())} positive), {X.shape[1]} features", file=sys.stderr)
    oof = np.zeros(len(rows))
    for train, test in GroupKFold(n_splits=5).split(X, y, groups):
        oof[test] = _fit(X[train], y[train], args.C).predict_proba(X[test])[:, 1]
    thresholds = _best_thresholds(oof, [r[3] for r in rows], groups, gold_keys)
    add_thresholds = _add_thresholds(oof, rows, gold_keys)
    model = _fit(X, y, args.C)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, model.coef_[0]) if abs(w) >= 1e-4}
    for kind in TYPES:  # the intercept, folded into each type's bias feature
        weights[f"{kind}:bias"] = round(weights.get(f"{kind}:bias", 0.0) + float(model.intercept_[0]), 4)
    data = {
        "about": "Logistic regression over candidate-event features; rebuild with "
        "scripts/train_extract_filter.py.",
        "seed": SEED,
        "C": args.C,
        "use": use,
        "thresholds": thresholds,
        "add_thresholds": add_thresholds,
        "weights": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(data, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(weights)} weights)", file=sys.stderr)


if __name__ == "__main__":
    main()
