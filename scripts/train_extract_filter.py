#!/usr/bin/env python3
"""Rebuild the learned event scorer: src/aidtrack/data/extract/filter.json.

Usage: python scripts/train_extract_filter.py [--C 1.0] [--use TYPE=MODE ...] [--out PATH]
       python scripts/train_extract_filter.py --ceiling

Training data: the development part of ../shared/eval/train (as fixed in
tests/extract/train_split.json), ../shared/eval/dev, our own news-style articles
by other authors (tests/extract/heldout4_a and _b, whose misses were read while
writing rules, and the tests/extract/train_own_* sets of scripts/eval_extract.py's
TRAINING_PARTS, scored once before any rule was written from them (the misses of zg to zl
and of most later sets were read for rules after that first run); the blind sets of
scripts/eval_extract.py, BLIND_PARTS, never train), and our own sentences (every
tests/extract/constructions*.yaml, tests/extract/scorer_sentences.yaml and the
cases of tests/extract/test_patterns.py and test_mechanisms.py; the latter name
only some events of a sentence, so their other candidates stay unlabelled) and
the own articles of tests/extract/test_documents.py (their gold gives no
evidence, so they teach only what is no event). Never the validation part.

Every candidate the extractor proposes (see aidtrack.extract.learned) is
labelled positive when its type and key fields are a required gold event of
the article and its sentence overlaps that event's evidence, negative when the
key is no gold event at all, and left out otherwise. The model is a logistic
regression in two stages (see :class:`TwoStage`): liblinear on what the
sentence says (the candidates no rule proposed weigh double), then the weights of the rule-agreement features with the first
stage as offset. The log-odds are then Platt-scaled (one scale, one shift per
type) on the out-of-fold scores of the held-out parts, so that the shipped
confidences are calibrated on articles the model did not see. Fixed seed; the
same data give the same file.

``--ceiling`` prints, per type, the share of the development articles' gold
events the rules find, that have any candidate with the right type and roles,
and one in a sentence of the event's evidence: what the model could recover.

Each type's use ("rules": the model only gives confidences; "filter": it drops
the rules' events it doubts; "model": it filters and adds its own; "union": it
keeps the rules' events and adds its own) and its thresholds are chosen by the
F1 of out-of-fold decisions (five folds, one article or sentence per group, made three
times with the articles shuffled into other folds, their counts pooled) on
our own articles by other authors, the text the rules were not written from
(UNTUNED_NEWS; the development articles, eval/dev and the fresh sentences of
scorer_sentences.yaml are held out too and shown; the other sentences always
train). Thresholds at which the model (trained on everything) would drop an
event more than a few of our own test sentences and articles require, or add
one they rule out, are not taken, nor those at which the development news fare
more than TUNED_SLACK worse than with the rules alone. The validation part plays
no part in the choice. ``--use`` overrides the choice for a type. The script
prints the out-of-fold table it chose from. It runs in about 80 s on one core, most of it
spent running the extractor over the 4,400 training texts; a fit takes a few seconds.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_extract import TRAINING_PARTS  # noqa: E402  (the sibling script: one list of the sets)

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
SPLIT = ROOT / "tests" / "extract" / "train_split.json"
# every file of construction sentences (constructions.yaml, constructions_measures.yaml, ...)
CONSTRUCTIONS = ROOT / "tests" / "extract"
CONSTRUCTIONS_GLOB = "constructions*.yaml"
FRESH = ROOT / "tests" / "extract" / "scorer_sentences.yaml"
OUT = ROOT / "src" / "aidtrack" / "data" / "extract" / "filter.json"
SEED = 12
FOLDS = 5
# the out-of-fold scores are made this many times, each with the articles shuffled into other
# folds, and the uses and thresholds chosen on their pooled counts: one split's luck (a
# threshold of 0.70 in one rebuild, 0.75 in the next) weighs less
REPEATS = 3
TYPES = ("support", "appeal", "refusal", "threat", "policy_change", "sanction")
USES = ("rules", "filter", "model", "union")
# the model drops a rule's event only when it finds it more likely wrong than right, and adds
# an event of its own only when it finds it more likely right than wrong
DROP_GRID = (0.02, 0.05, *(round(float(t), 2) for t in np.arange(0.1, 0.51, 0.05)))
ADD_GRID = tuple(round(float(t), 2) for t in np.arange(0.5, 0.96, 0.05))
# a use other than "rules" must win at least this many more out-of-fold F1 points
MARGIN = 0.01
# in the first stage, a candidate no rule proposed counts this many times: the events the rules
# miss are what the model is for, and the rules' own events (most positives) would otherwise
# teach it mainly what the rules already find (out-of-fold F1 0.822, 0.829, 0.828 at 1, 2, 4)
UNRULED_WEIGHT = 2.0
# thresholds whose out-of-fold F1 is this close to the best count as equally good
TOLERANCE = 0.005


# the parts of the training data: the real news ("development" articles of eval/train and the
# "dev" articles of eval/dev) and the "fresh" sentences (written for the scorer, not for the
# rules) are held out in turn to choose the uses; "train" (the sentences of the construction
# files), "exact" (the pattern tests' sentences), "partial" (sentences whose gold names only some
# events) and "documents" (own articles whose gold has no evidence) always train
NEWS = ("development", "dev", "own", "untuned")
# our own news-style articles by other authors, with gold and evidence (the others of
# tests/extract/heldout4_* are kept blind: they estimate quality on new text). "own": sets
# whose misses were read while writing rules; "untuned": sets no rule was written from
OWN_ARTICLES = ("heldout4_a", "heldout4_b")
UNTUNED_ARTICLES = TRAINING_PARTS
# the news the rules were not written from: what the uses are chosen on, as the closest thing to
# unseen articles (on the development articles the rules fit the text they were written from)
UNTUNED_NEWS = ("own", "untuned")
# how much out-of-fold F1 a use may cost the development articles and eval/dev
TUNED_SLACK = 0.01
# the share of our own sentences and articles a use may contradict (they are specifications, but
# the construction floors allow a few misses too)
CONTRADICTION_ALLOWANCE = 0.005
# our own sentences and articles whose tests demand their events exactly: a use may contradict
# none of them
EXACT_PARTS = ("exact", "partial", "documents")
HELD_OUT = (*NEWS, "fresh")


@dataclass
class Doc:
    """One training article: its analysed sentences, gold keys and labelled candidates."""

    name: str
    part: str
    per_sentence: list[Any]
    required: dict[tuple, list[tuple[int, int]]]
    optional: set[tuple]
    cands: list[tuple[Any, int | None, tuple]] = field(default_factory=list)  # candidate, label, key
    absent: set[tuple] = field(default_factory=set)  # keys a partial gold says are no event

    @functools.cached_property
    def plans(self) -> dict[str, Plan | None]:
        """Per type, what deciding this article's events reads (see :func:`decided_keys`)."""
        return {kind: _plan(self, kind) for kind in TYPES}

    @functools.cached_property
    def kinds(self) -> frozenset[str]:
        """The event types the rules or the candidates of this article propose."""
        ruled = {e.fields["type"] for _, _, events in self.per_sentence for e in events}
        return frozenset(ruled | {key[0] for _, _, key in self.cands})


def _gold_articles() -> list[tuple[Any, list[dict], str]]:
    """(article, gold events, part) of every training source."""
    from aidtrack.extract import article_from_text, read_article

    names = json.loads(SPLIT.read_text(encoding="utf-8"))["development"]
    out = []
    for path in [EVAL / "train" / f"{n}.json" for n in names]:
        out.append((read_article(path.with_suffix(".txt")), _events(path), "development"))
    for path in sorted((EVAL / "dev").glob("*.json")):
        out.append((read_article(path.with_suffix(".txt")), _events(path), "dev"))
    for folders, part in ((OWN_ARTICLES, "own"), (UNTUNED_ARTICLES, "untuned")):
        for folder in folders:
            for path in sorted((ROOT / "tests" / "extract" / folder).glob("*.json")):
                out.append((read_article(path.with_suffix(".txt")), _events(path), part))
    sentences = [
        *[(f"Own sentence\n\n{t}", t, e, "fresh") for t, e in _yaml_sentences(FRESH)],
        *_construction_articles(),
        *[(f"Own sentence\n\n{t}", t, e, "exact") for t, e in _pattern_sentences()],
        *[(f"Own sentence\n\n{t}", t, e, "partial") for t, e in _mechanism_sentences()],
    ]
    for i, (whole, text, events, part) in enumerate(sentences):
        article = article_from_text(whole, name=f"{part}-{i}")
        out.append((article, [dict(e, evidence=text) for e in events], part))
    out += _document_articles()
    return out


def _document_articles() -> list[tuple[Any, list[dict], str]]:
    """The document tests' own articles with every event they hold, but no evidence: they teach
    what is no event; which sentence tells an event is not known."""
    from aidtrack.extract import read_article
    from aidtrack.extract.keys import KEYS

    sys.path.insert(0, str(ROOT))
    from tests.extract import test_documents

    out = []
    for name, keys in test_documents.EXPECTED.items():
        events = [dict(zip(("type", *KEYS[k[0]]), k)) for k in keys]
        out.append((read_article(test_documents.FIXTURES / f"{name}.txt"), events, "documents"))
    return out


def _mechanism_sentences() -> list[tuple[str, list[dict]]]:
    """The mechanism tests' sentences with the events they name; other events unknown."""
    from aidtrack.extract.keys import KEYS

    sys.path.insert(0, str(ROOT))
    from tests.extract import test_mechanisms

    named: dict[str, list[dict]] = {}
    for text, key in test_mechanisms.CASES:
        named.setdefault(text, []).append(dict(zip(("type", *KEYS[key[0]]), key)))
    for text, key in getattr(test_mechanisms, "NOT_TARGETS", []):
        named.setdefault(text, []).append(dict(zip(("type", *KEYS[key[0]]), key), absent=True))
    return list(named.items())


def _events(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["events"]


def _construction_articles() -> list[tuple[str, str, list[dict], str]]:
    """(article text, sentence, events, part) of the construction sentences, read as their test
    reads them; those whose test demands exactly their events are "exact" (protected, see
    :func:`_contradicts`), the others "train"."""
    sys.path.insert(0, str(ROOT))
    from tests.extract.test_constructions import EXACT_KINDS, article_text

    return [
        (
            article_text(case),
            case["text"],
            case.get("events") or [],
            "exact" if case.get("kind") in EXACT_KINDS else "train",
        )
        for path in sorted(CONSTRUCTIONS.glob(CONSTRUCTIONS_GLOB))
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []
    ]


def _yaml_sentences(path: Path) -> list[tuple[str, list[dict]]]:
    """Our own sentences with their events (the format of tests/extract/constructions.yaml)."""
    if not path.is_file():
        return []
    return [(i["text"], i.get("events") or []) for i in yaml.safe_load(path.read_text(encoding="utf-8"))]


def _pattern_sentences() -> list[tuple[str, list[dict]]]:
    """The pattern tests' sentences with their events."""
    from aidtrack.extract.keys import KEYS

    sys.path.insert(0, str(ROOT))
    from tests.extract.test_patterns import CASES

    return [
        (text, [dict(zip(("type", *KEYS[k[0]]), k)) for k in keys])
        for cases in CASES.values()
        for text, keys in cases
    ]


def _key(event: dict) -> tuple | None:
    from aidtrack.extract.keys import KEYS, event_key

    return event_key(event, folded=True) if event.get("type") in KEYS else None


def _spans(text: str, gold: list[dict]) -> tuple[dict[tuple, list[tuple[int, int]]], set[tuple]]:
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


def analysed_docs() -> list[Doc]:
    """Every training article parsed once, with its candidates labelled against gold."""
    from aidtrack.extract import pipeline

    data = _gold_articles()
    articles = [a for a, _, _ in data]
    docs = []
    for (article, gold, part), parsed in zip(data, pipeline._parse(articles)):
        per_sentence, ctx = pipeline._analyse(article, parsed)
        absent = {_key(e) for e in gold if e.get("absent")}
        required, optional = _spans(article.text, [e for e in gold if not e.get("absent")])
        doc = Doc(article.id, part, per_sentence, required, optional, absent=absent)
        for start, cand in pipeline.candidates_of(per_sentence, ctx):
            key = _key(cand.fields)
            span = (start + cand.sentence.span.start_char, start + cand.sentence.span.end_char)
            label = _label(key, span, required, optional)
            if part == "partial" and label == 0 and key not in absent:
                label = None  # a mechanism test names some events of its sentence only
            if part == "documents" and label == 1:
                label = None  # the sentence that tells it is not known
            doc.cands.append((cand, label, key))
        docs.append(doc)
    return docs


def _label(key, span, required, optional) -> int | None:
    if key in optional:
        return None
    if key in required:
        start, end = span
        overlaps = any(s < end and start < e or s < 0 for s, e in required[key])
        return 1 if overlaps else None
    return 0


@functools.cache
def _is_rule_feature(name: str) -> bool:
    """Features that say what the hand-written rules found ("rule", "rule=...", "ruled=...")."""
    return name.split(":", 1)[-1].startswith("rule")


def _stage_one_weight(features: list[str]) -> float:
    """A candidate no rule proposed counts UNRULED_WEIGHT times in the first stage."""
    return 1.0 if any(f.endswith(":rule") for f in features) else UNRULED_WEIGHT


@dataclass
class Design:
    """Every labelled candidate as two sparse rows, built once: what the sentence says (the
    first stage) and what the rules found (the second). A fold fits on a slice of the rows; a
    feature no row of the slice has keeps weight 0, as if it had never been seen."""

    plain: Any
    ruled: Any
    plain_names: list[str]
    rule_names: list[str]
    labels: np.ndarray
    weights: np.ndarray  # the first stage's sample weights (see UNRULED_WEIGHT)
    rows_of: dict[int, np.ndarray] = field(default_factory=dict)  # article index -> its rows

    @classmethod
    def of_rows(
        cls, rows: list[list[str]], labels: list[int], rows_of: dict[int, np.ndarray] | None = None
    ) -> Design:
        """The design of candidates given as their feature lists, with their labels (and, with
        ``rows_of``, which rows are whose article's)."""
        pvec, rvec = DictVectorizer(), DictVectorizer()
        plain = pvec.fit_transform([{f: 1 for f in r if not _is_rule_feature(f)} for r in rows])
        ruled = rvec.fit_transform([{f: 1 for f in r if _is_rule_feature(f)} for r in rows])
        return cls(
            _csr(plain),
            _csr(ruled),
            [str(n) for n in pvec.get_feature_names_out()],
            [str(n) for n in rvec.get_feature_names_out()],
            np.array(labels),
            np.array([_stage_one_weight(r) for r in rows]),
            rows_of or {},
        )

    def rows(self, docs: list[int]) -> np.ndarray:
        """The rows of the given articles, in order."""
        return np.concatenate([self.rows_of[i] for i in docs]) if docs else np.zeros(0, dtype=int)


def design(docs: list[Doc]) -> Design:
    """The labelled candidates of every article as one :class:`Design`."""
    rows: list[list[str]] = []
    labels: list[int] = []
    rows_of: dict[int, np.ndarray] = {}
    for i, doc in enumerate(docs):
        first = len(labels)
        for cand, label, _ in doc.cands:
            if label is not None:
                rows.append(cand.features)
                labels.append(label)
        rows_of[i] = np.arange(first, len(labels))
    return Design.of_rows(rows, labels, rows_of)


class TwoStage:
    """A logistic regression on what the sentence says, then a shift for what the rules found.

    Fitting both at once lets agreement with a rule explain nearly every positive, and the
    sentence's own features learn too little to propose events the rules miss. So the first
    stage sees no rule features (and weighs the candidates no rule proposed more); the second fits only the rule features' weights, with the
    first stage's log-odds as a fixed offset. The weights add up: one linear model.
    """

    def __init__(self, c: float) -> None:
        self.c = c
        self.weights: dict[str, float] = {}

    def fit(self, data: Design, rows: np.ndarray | None = None) -> TwoStage:
        """Fit on the given rows of ``data`` (all of them by default)."""
        rows = np.arange(len(data.labels)) if rows is None else rows
        y = data.labels[rows]
        X = _csr(data.plain[rows])
        first = LogisticRegression(C=self.c, solver="liblinear", random_state=SEED, max_iter=1000)
        first.fit(X, y, sample_weight=data.weights[rows])
        self.weights = {n: float(w) for n, w in zip(data.plain_names, first.coef_[0]) if abs(w) >= 1e-5}
        self.weights["bias"] = float(first.intercept_[0])
        offset = first.decision_function(X)
        shift = _offset_logistic(data.ruled[rows], y, offset, self.c)
        self.weights.update({n: float(w) for n, w in zip(data.rule_names, shift) if abs(w) >= 1e-5})
        return self

    def calibrate(self, scale: float, shifts: dict[str, float]) -> None:
        """Scale every weight and shift each type's bias (see :func:`calibration`)."""
        self.weights = {n: w * scale for n, w in self.weights.items()}
        for kind, shift in shifts.items():
            self.weights[f"{kind}:bias"] = self.weights.get(f"{kind}:bias", 0.0) + shift

    def logit(self, features: list[str]) -> float:
        return self.weights["bias"] + sum(self.weights.get(f, 0.0) for f in features)

    def predict(self, rows: list[list[str]]) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-np.clip([self.logit(r) for r in rows], -30, 30)))


def _offset_logistic(R, y: np.ndarray, offset: np.ndarray, c: float) -> np.ndarray:
    """L2-regularised logistic regression of ``y`` on ``R`` with a fixed ``offset`` (L-BFGS)."""
    from scipy.optimize import minimize

    sign = 2 * y - 1

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = sign * (offset + R @ w)
        value = float(np.logaddexp(0, -z).sum() + 0.5 * w @ w / c)
        grad = -(R.T @ (sign / (1.0 + np.exp(np.clip(z, -30, 30))))) + w / c
        return value, grad

    return minimize(loss, np.zeros(R.shape[1]), jac=True, method="L-BFGS-B").x


def _csr(X):
    X = X.tocsr()
    X.indices = X.indices.astype(np.int32)  # liblinear takes 32-bit indices only
    X.indptr = X.indptr.astype(np.int32)
    return X


def out_of_fold(docs: list[Doc], data: Design, c: float) -> list[dict[int, np.ndarray]]:
    """Per repeat (:data:`REPEATS` shuffles into :data:`FOLDS` folds, one article or sentence
    per group), per held-out article (by index), out-of-fold scores of its candidates."""
    dev_ids = [i for i, d in enumerate(docs) if d.part in HELD_OUT]
    other = [i for i, d in enumerate(docs) if d.part not in HELD_OUT]
    repeats = []
    for repeat in range(REPEATS):
        scores: dict[int, np.ndarray] = {}
        folds = KFold(n_splits=FOLDS, shuffle=True, random_state=SEED + repeat)
        for train, test in folds.split(dev_ids):
            fit_docs = [dev_ids[j] for j in train] + other
            model = TwoStage(c).fit(data, np.sort(data.rows(fit_docs)))
            for j in test:
                doc = docs[dev_ids[j]]
                scores[dev_ids[j]] = model.predict([cand.features for cand, _, _ in doc.cands])
        repeats.append(scores)
    return repeats


Scores = dict[int, np.ndarray] | list[dict[int, np.ndarray]]


def _repeats(scores: Scores) -> list[dict[int, np.ndarray]]:
    """The out-of-fold scores of each repeat (one dict is one repeat)."""
    return scores if isinstance(scores, list) else [scores]


def calibration(docs: list[Doc], scores: Scores) -> tuple[float, dict[str, float]]:
    """Platt scaling on the out-of-fold scores of the held-out parts: one scale of the log-odds
    for all types and a shift per type, so that a confidence of 0.8 is right about 80% of the
    time on articles the model was not trained on (strong regularisation leaves the raw scores
    too timid)."""
    logits, kinds, labels = [], [], []
    for i, doc_scores in (item for rep in _repeats(scores) for item in rep.items()):
        for (cand, label, _), score in zip(docs[i].cands, doc_scores):
            if label is not None:
                p = min(max(float(score), 1e-6), 1 - 1e-6)
                logits.append(np.log(p / (1 - p)))
                kinds.append(cand.kind)
                labels.append(label)
    X = np.array([[z] + [float(k == t) for t in TYPES] for z, k in zip(logits, kinds)])
    platt = LogisticRegression(C=100.0, fit_intercept=False, solver="lbfgs", max_iter=1000)
    platt.fit(X, np.array(labels))
    scale, *shifts = (float(w) for w in platt.coef_[0])
    return scale, dict(zip(TYPES, shifts))


def calibrated(docs: list[Doc], scores: Scores, scale: float, shifts: dict[str, float]):
    """The out-of-fold scores after :func:`calibration` (of each repeat, given several)."""
    if isinstance(scores, list):
        return [calibrated(docs, rep, scale, shifts) for rep in scores]
    out = {}
    for i, doc_scores in scores.items():
        p = np.clip(doc_scores, 1e-6, 1 - 1e-6)
        shift = np.array([shifts.get(cand.kind, 0.0) for cand, _, _ in docs[i].cands])
        out[i] = 1.0 / (1.0 + np.exp(-(scale * np.log(p / (1 - p)) + shift)))
    return out


def decided_keys(doc: Doc, scores: np.ndarray, kind: str, use: str, least: float, add: float) -> set[tuple]:
    """The keys of type ``kind`` the pipeline keeps for one article (as pipeline._decide does)."""
    plan = doc.plans[kind]
    if plan is None:
        return set()
    best: dict[tuple, float] = {}
    for i, key, found, _ in plan.cands:
        if use in ("model", "union") or found:
            best[key] = max(best.get(key, 0.0), float(scores[i]))
    keys = {key for key in plan.ruled if use in ("rules", "union") or best.get(key, 0.0) >= least}
    if use in ("model", "union"):
        keys |= {key for i, key, found, addable in plan.cands if addable and scores[i] >= add}
    return keys


@dataclass
class Plan:
    """What :func:`decided_keys` reads of one article for one type, worked out once: the rules'
    keys, and per candidate (index, key, whether a rule proposed it, whether the model may add it:
    no rule read this actor's event in its sentence and it is asserted)."""

    ruled: list[tuple]
    cands: list[tuple[int, tuple, bool, bool]]


def _plan(doc: Doc, kind: str) -> Plan | None:
    from aidtrack.extract import pipeline
    from aidtrack.extract.keys import first_role

    if kind not in doc.kinds:
        return None
    ruled, firsts = [], set()
    for _, sentence, events in doc.per_sentence:
        for event in events:
            if event.fields["type"] == kind:
                firsts.add((id(sentence), first_role(event.fields)))
                ruled.append(_key(event.fields))
    cands = []
    for i, (cand, _, key) in enumerate(doc.cands):
        if key[0] != kind:
            continue
        found = "found" in cand.extra
        addable = not found and (id(cand.sentence), first_role(cand.fields)) not in firsts
        cands.append((i, key, found, addable and not pipeline._unasserted(cand)))
    return Plan(ruled, cands)


def _counts(docs, scores, kind, use, least, add, parts: tuple[str, ...]) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for i, doc_scores in (item for rep in _repeats(scores) for item in rep.items()):
        doc = docs[i]
        if doc.part not in parts:
            continue
        got = decided_keys(doc, doc_scores, kind, use, least, add) - doc.optional
        gold = {k for k in doc.required if k[0] == kind}
        tp += len(got & gold)
        fp += len(got - gold)
        fn += len(gold - got)
    return tp, fp, fn


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def choose(docs, scores, forced: dict[str, str], spec: dict[int, np.ndarray]) -> dict[str, tuple]:
    """Per type, the use and thresholds with the best out-of-fold F1 over the held-out parts.

    The development articles and eval/dev understate what the model adds: the rules were
    written while reading them, so what the rules miss there is an odd residue. The choice is
    made on our own articles by other authors, whose text the rules were not written from
    (:func:`_option`); the table shows that F1, then the development news and fresh sentences.

    Thresholds at which the model would contradict more than a few of our own test sentences
    and articles (drop a rule's event they require or add one they rule out, scored by the
    model trained on all data) are not taken: those sentences specify what the extractor must
    do. Nor are those at which the development news fare more than :data:`TUNED_SLACK` worse
    than with the rules alone.
    """
    chosen = {}
    print(
        f"{'type':<14}"
        + "".join(f"{u:>29}" for u in USES)
        + "   (F1 chosen on (development news/fresh) thresholds filter/add)",
        file=sys.stderr,
    )
    for kind in TYPES:
        per_use = {}
        kind_scores = _about(docs, scores, kind, gold=True)
        kind_spec = _about(docs, spec, kind, gold=False)
        rules_on_news = _option(docs, kind_scores, kind, "rules", 0.5, 0.95)[4]
        for use in USES:
            allowed = [o for o in _options(use) if not _contradicts(docs, kind_spec, kind, use, *o)]
            results = [_option(docs, kind_scores, kind, use, t, a) for t, a in allowed]
            results = [r for r in results if r[4] >= rules_on_news - TUNED_SLACK - 1e-9]
            if results:  # a use whose every threshold contradicts our own sentences is not open
                per_use[use] = _conservative(results)
        cells = "".join(
            f"{f'{r[0]:.3f} ({r[4]:.2f}/{r[5]:.2f}) {r[1]:.2f}/{r[2]:.2f}':>29}"
            if (r := per_use.get(u))
            else f"{'-':>29}"
            for u in USES
        )
        print(f"{kind:<14}{cells}", file=sys.stderr)
        use = forced.get(kind) if forced.get(kind) in per_use else None
        use = use or max(per_use, key=lambda u: per_use[u][0] - (MARGIN if u != "rules" else 0.0))
        chosen[kind] = (use, *per_use[use][1:4])
    return chosen


def _about(docs, scores: Scores, kind: str, *, gold: bool) -> Scores:
    """The articles whose candidates (or, with ``gold``, gold events) are of type ``kind``: the
    only ones a choice for that type can change (the others would be read for nothing)."""
    if isinstance(scores, list):
        return [_about(docs, rep, kind, gold=gold) for rep in scores]
    return {
        i: s
        for i, s in scores.items()
        if kind in docs[i].kinds or gold and any(key[0] == kind for key in docs[i].required)
    }


def _options(use: str) -> list[tuple[float, float]]:
    """(filter threshold, threshold for additions) pairs worth trying for a use."""
    if use == "filter":
        return [(t, 0.95) for t in DROP_GRID]
    if use == "union":
        return [(0.5, a) for a in ADD_GRID]
    if use == "model":
        return [(t, a) for t in DROP_GRID for a in ADD_GRID]
    return [(0.5, 0.95)]


def _option(docs, scores, kind, use, least, add) -> tuple:
    """(F1 the choice is made on, thresholds, its counts, F1 of the development articles and
    eval/dev, F1 of the fresh sentences).

    The choice is made on the news the rules were not written from (:data:`UNTUNED_NEWS`) where
    there is any, else on all news and the fresh sentences summed."""
    tuned = _counts(docs, scores, kind, use, least, add, ("development", "dev"))
    fresh = _counts(docs, scores, kind, use, least, add, ("fresh",))
    untuned = _counts(docs, scores, kind, use, least, add, UNTUNED_NEWS)
    if sum(untuned[0::2]):
        basis = untuned
    else:
        basis = tuple(a + b + c for a, b, c in zip(tuned, fresh, untuned))
    return (_f1(*basis), least, add, basis, _f1(*tuned), _f1(*fresh))


def _contradicts(docs, spec: dict[int, np.ndarray], kind: str, use: str, least: float, add: float) -> bool:
    """Whether the use would drop an event our own sentences require or add one they rule out,
    in any of those whose tests demand their events exactly (:data:`EXACT_PARTS`) or in more
    than :data:`CONTRADICTION_ALLOWANCE` of them all."""
    if use == "rules":
        return False
    allowed = int(CONTRADICTION_ALLOWANCE * len(spec))
    found = 0
    for i, doc_scores in spec.items():
        doc = docs[i]
        ruled = {_key(e.fields) for _, _, events in doc.per_sentence for e in events}
        ruled = {k for k in ruled if k[0] == kind}
        kept = decided_keys(doc, doc_scores, kind, use, least, add)
        added = kept - ruled
        wrong = doc.absent if doc.part == "partial" else added - set(doc.required) - doc.optional
        contradicted = bool((ruled - kept) & set(doc.required) or added & wrong)
        if contradicted and doc.part in EXACT_PARTS:
            return True
        found += contradicted
        if found > allowed:
            return True
    return False


def _conservative(results: list[tuple]) -> tuple:
    """Among thresholds within TOLERANCE of the best out-of-fold F1, the ones that change the
    rules' output least: the lowest filter threshold, then the highest threshold for additions.
    A peak on few articles is often a chance one; a plateau's cautious end carries better."""
    best = max(r[0] for r in results)
    near = [r for r in results if r[0] >= best - TOLERANCE]
    return min(near, key=lambda r: (r[1], -r[2]))


def _summary(chosen) -> None:
    tp = sum(c[3][0] for c in chosen.values())
    fp = sum(c[3][1] for c in chosen.values())
    fn = sum(c[3][2] for c in chosen.values())
    print(
        f"chosen: {', '.join(f'{k}={v[0]}' for k, v in chosen.items())}; out-of-fold held-out "
        f"F1 {_f1(tp, fp, fn):.3f} (P {tp / max(tp + fp, 1):.3f}, R {tp / max(tp + fn, 1):.3f})",
        file=sys.stderr,
    )


def print_ceiling(docs: list[Doc]) -> None:
    """Per type, the share of the development articles' gold events that the rules find, that
    have any candidate of the right type and roles, and one in a sentence of its evidence."""
    gold: dict[str, int] = defaultdict(int)
    found = {"rules": defaultdict(int), "candidate": defaultdict(int), "in evidence": defaultdict(int)}
    for doc in docs:
        if doc.part != "development":
            continue
        ruled = {_key(e.fields) for _, _, events in doc.per_sentence for e in events}
        keys = {key for _, _, key in doc.cands}
        labelled = {key for _, label, key in doc.cands if label == 1}
        for key in doc.required:
            gold[key[0]] += 1
            for name, got in (("rules", ruled), ("candidate", keys), ("in evidence", labelled)):
                found[name][key[0]] += key in got
    print(f"{'type':<14}{'gold':>6}" + "".join(f"{n:>13}" for n in found), file=sys.stderr)
    for kind in (*TYPES, "all"):
        total = sum(gold.values()) if kind == "all" else gold[kind]
        shares = [(sum(c.values()) if kind == "all" else c[kind]) / max(total, 1) for c in found.values()]
        print(f"{kind:<14}{total:>6}" + "".join(f"{v:>13.2f}" for v in shares), file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--C",
        type=float,
        default=1.0,
        help="inverse L2 strength (out-of-fold F1 on 445 of our own news articles: 0.700, 0.698, 0.695 at "
        "0.3, 1.0, 3.0; with 265 of them 0.679, 0.685, 0.681: the differences are noise)",
    )
    parser.add_argument("--use", nargs="*", default=[], help="TYPE=rules|filter|model|union")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--ceiling",
        action="store_true",
        help="print the candidate recall ceiling of the development part, then stop",
    )
    args = parser.parse_args()
    began = time.perf_counter()
    docs = analysed_docs()
    if args.ceiling:
        print_ceiling(docs)
        return
    data = design(docs)
    labels = data.labels
    print(f"{len(labels)} candidates ({int(labels.sum())} positive) in {len(docs)} articles", file=sys.stderr)
    scores = out_of_fold(docs, data, args.C)
    scale, shifts = calibration(docs, scores)
    print(
        f"calibration: log-odds x {scale:.2f}, shifts "
        + ", ".join(f"{k} {v:+.2f}" for k, v in shifts.items()),
        file=sys.stderr,
    )
    scores = calibrated(docs, scores, scale, shifts)
    model = TwoStage(args.C).fit(data)
    model.calibrate(scale, shifts)
    spec = {
        i: model.predict([c.features for c, _, _ in d.cands])
        for i, d in enumerate(docs)
        if d.part in ("train", *EXACT_PARTS) and d.cands
    }
    chosen = choose(docs, scores, dict(u.split("=", 1) for u in args.use), spec)
    _summary(chosen)
    intercept = model.weights.pop("bias")
    weights = {n: round(w, 4) for n, w in model.weights.items() if abs(w) >= 1e-4}
    for kind in TYPES:  # the intercept, folded into each type's bias feature
        weights[f"{kind}:bias"] = round(model.weights.get(f"{kind}:bias", 0.0) + intercept, 4)
    data = {
        "about": "Logistic regression over candidate-event features; rebuild with "
        "scripts/train_extract_filter.py.",
        "seed": SEED,
        "C": args.C,
        "use": {k: v[0] for k, v in chosen.items()},
        "thresholds": {k: v[1] for k, v in chosen.items()},
        "add_thresholds": {k: v[2] for k, v in chosen.items()},
        "weights": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
    print(
        f"wrote {args.out} ({len(weights)} weights) in {time.perf_counter() - began:.1f} s", file=sys.stderr
    )


if __name__ == "__main__":
    main()
