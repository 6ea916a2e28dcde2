"""A learned scorer for candidate events: rules propose, a linear model decides.

For each sentence that holds a word of an event type's meaning classes
(``classes`` in ``data/extract/triggers.yaml``), every plausible assignment of
the sentence's actors to the type's roles is a :class:`Candidate`
("Austria, Ireland and Malta said they would not ..." gives one refusal
candidate per country). Each candidate is described by sparse features that do
not name articles or countries: the meaning classes in the sentence, the
grammatical relation of each role's mention (subject, possessive, object of
"from"/"by"/"on"/"to", a conjunct of one of those) and the class of the word
that governs it, negation and hedging, and whether a hand-written rule
proposed the same event. A logistic regression trained by
``scripts/train_extract_filter.py`` on annotated sentences scores them; its
weights ship as JSON in ``data/extract/filter.json`` and are applied here in
plain Python (no pickles, no scikit-learn at run time).

>>> features_demo = sorted(f for f in ["support:bias"])
>>> features_demo
['support:bias']
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from spacy.tokens import Token

from aidtrack.extract.clauses import Sentence, in_quote, is_hedged
from aidtrack.extract.roles import categories_in

ROLES: dict[str, tuple[str, ...]] = {
    "support": ("donor", "recipient"),
    "appeal": ("actor", "target"),
    "threat": ("actor", "target"),
    "sanction": ("actor", "target"),
    "refusal": ("actor",),
    "policy_change": ("actor",),
}
# which meaning classes make a sentence a candidate for each type
TYPE_CLASSES: dict[str, frozenset[str]] = {
    "support": frozenset({"give", "pledge", "receive"}),
    "appeal": frozenset({"ask"}),
    "refusal": frozenset({"refuse"}),
    "threat": frozenset({"warn"}),
    "sanction": frozenset({"sanction"}),
    "policy_change": frozenset({"policy"}),
}
CATEGORIES = ("military", "humanitarian", "financial")
_CLIMB = frozenset({"conj", "appos", "compound", "amod", "nmod", "poss_"})
MODEL_FILE = "filter.json"


@dataclass
class Candidate:
    """One possible event of a sentence, with the features the model scores."""

    fields: dict[str, Any]
    features: list[str]
    sentence: Sentence
    anchor: Token
    rule_confidence: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return str(self.fields["type"])


@functools.cache
def word_classes() -> dict[str, frozenset[str]]:
    """lemma -> the meaning classes it belongs to."""
    from aidtrack.extract.lexicon import load_lexicon

    table: dict[str, set[str]] = {}
    for name, words in load_lexicon().raw.get("classes", {}).items():
        for word in words:
            table.setdefault(str(word).lower(), set()).add(name)
    return {w: frozenset(c) for w, c in table.items()}


def _classes(token: Token) -> frozenset[str]:
    table = word_classes()
    return table.get(token.lemma_.lower()) or table.get(token.lower_) or frozenset()


def _mention_roots(sentence: Sentence) -> dict[str, list[Token]]:
    """code -> the head token of each of its mentions in the sentence."""
    roots: dict[str, list[Token]] = {}
    span = sentence.span
    for token in span:
        code = sentence.codes.get(token.i)
        if code is None:
            continue
        if sentence.codes.get(token.head.i) == code and token.head != token:
            continue
        roots.setdefault(code, []).append(token)
    return roots


def _role_features(prefix: str, token: Token) -> list[str]:
    """Relation of a mention to its governor, climbing through coordination and modifiers."""
    out: list[str] = []
    tok = token
    steps = 0
    while tok.dep_ in _CLIMB and tok.head != tok and steps < 4:
        out.append(f"{prefix}.via={tok.dep_}")
        tok = tok.head
        steps += 1
    dep = tok.dep_
    gov = tok.head
    if dep == "pobj" and gov != tok:
        dep = f"pobj:{gov.lower_}"
        gov = gov.head
    elif dep == "agent":
        dep = "pobj:by"
    elif dep == "poss":
        dep = "poss"
    out.append(f"{prefix}.dep={dep}")
    out.append(f"{prefix}.govpos={gov.pos_}")
    for cls in _classes(gov):
        out.append(f"{prefix}.gov={cls}")
        out.append(f"{prefix}.gov={cls}|{dep}")
    up = gov
    for _ in range(3):
        if up.head == up:
            break
        up = up.head
        for cls in _classes(up):
            out.append(f"{prefix}.anc={cls}")
    if in_quote(token):
        out.append(f"{prefix}.quoted")
    return out


def sentence_candidates(
    sentence: Sentence,
    rule_events: list[Any],
    *,
    default_recipient: str | None,
    default_category: str | None,
    adding: frozenset[str] | None = None,
) -> list[Candidate]:
    """The candidates of one sentence; ``rule_events`` are the rules' events for it.

    Types outside ``adding`` (all types when None) get only the rules' own events scored.
    """
    if adding is not None and not rule_events and not adding:
        return []
    present: dict[str, list[Token]] = {}
    lemmas: set[str] = set()
    negated = False
    for token in sentence.span:
        classes = _classes(token)
        for cls in classes:
            present.setdefault(cls, []).append(token)
        if classes:
            lemmas.add(token.lemma_.lower())
        if token.dep_ == "neg" or token.lower_ in ("no", "never"):
            negated = True
    rule_keys = {_key(e.fields): e for e in rule_events}
    rule_types = {e.fields["type"] for e in rule_events}
    kinds = [
        k
        for k, cls in TYPE_CLASSES.items()
        if k in rule_types or (adding is None or k in adding) and cls & present.keys()
    ]
    if not kinds:
        return []
    roots = _mention_roots(sentence)
    if not roots:
        return []
    shared = [f"S={c}" for c in present] + [f"W={w}" for w in lemmas]
    if negated:
        shared.append("neg")
        shared += [f"neg|S={c}" for c in present]
    if sentence.span.text.rstrip(" \"'”’)").endswith("?"):
        shared.append("question")
    cats = categories_in(sentence, list(sentence.span)) or []
    cat_default = not cats
    if cat_default:  # no kind of support named: the article's, if it has one
        cats = [default_category] if default_category else []
    role_cache: dict[tuple[str, str], list[str]] = {}

    def role(prefix: str, code: str) -> list[str]:
        got = role_cache.get((prefix, code))
        if got is None:
            got = [f for tok in roots[code] for f in _role_features(prefix, tok)]
            if code == default_recipient:
                got.append(f"{prefix}.main_recipient")
            role_cache[(prefix, code)] = got = list(dict.fromkeys(got))
        return got

    hedged: dict[str, bool] = {}

    def is_hedged_code(code: str) -> bool:
        if code not in hedged:
            hedged[code] = any(is_hedged(sentence, t) for t in roots[code])
        return hedged[code]

    anchor = sentence.span.root
    out: list[Candidate] = []
    codes = list(roots)
    for kind in kinds:
        only_rules = adding is not None and kind not in adding
        for fields, roles in _assignments(kind, codes, cats, default_recipient):
            if only_rules and _key(fields) not in rule_keys:
                continue
            feats = ["bias", *shared]
            feats += role("A", roles[0])
            if is_hedged_code(roles[0]):
                feats.append("A.hedged")
            if len(roles) > 1:
                if roles[1] in roots:
                    feats += role("B", roles[1])
                    feats.append("A<B" if roots[roles[0]][0].i < roots[roles[1]][0].i else "B<A")
                else:
                    feats.append("B.default")
            if "category" in fields:
                feats.append("cat_default" if cat_default else f"cat={fields['category']}")
                if len(cats) > 1:
                    feats.append("cat_many")
            if "direction" in fields:
                feats += [
                    f"dir={fields['direction']}|S={c}"
                    for c in ("loosen", "tighten", "negation")
                    if c in present
                ]
                feats += [f"dir={fields['direction']}|W={w}" for w in lemmas]
            found = rule_keys.get(_key(fields))
            if found is not None:
                feats.append("rule")
                feats.append(f"rule={found.rule}")
            elif kind in rule_types:
                feats.append("rule_other")
            named = [f"{kind}:{f}" for f in feats]
            cand = Candidate(
                fields,
                named,
                sentence,
                found.anchor if found else anchor,
                found.confidence if found else None,
            )
            if found is not None:
                cand.extra["found"] = found
            out.append(cand)
    return out


def _assignments(
    kind: str, codes: list[str], cats: list[str], default_recipient: str | None
) -> list[tuple[dict[str, Any], tuple[str, ...]]]:
    """Every filling of the type's key fields by the sentence's actors."""
    roles = ROLES[kind]
    out: list[tuple[dict[str, Any], tuple[str, ...]]] = []
    pairs: list[tuple[str, ...]]
    if len(roles) == 1:
        pairs = [(a,) for a in codes]
    else:
        pairs = [(a, b) for a in codes for b in codes if a != b]
        if kind == "support" and default_recipient:
            pairs += [
                (a, default_recipient)
                for a in codes
                if a != default_recipient and (a, default_recipient) not in pairs
            ]
    for pair in pairs:
        base: dict[str, Any] = {"type": kind, **dict(zip(roles, pair))}
        if kind in ("support", "appeal", "refusal"):
            out += [({**base, "category": c}, pair) for c in cats]
        elif kind == "policy_change":
            out += [({**base, "direction": d}, pair) for d in ("loosen", "tighten")]
        else:
            out.append((base, pair))
    return out


def _key(fields: dict[str, Any]) -> tuple[str, ...]:
    from aidtrack.extract.pipeline import KEYS

    kind = fields["type"]
    return (kind, *(str(fields.get(k) or "") for k in KEYS[kind]))


@dataclass(frozen=True)
class Model:
    """Weights of the logistic regression and the threshold per type."""

    weights: dict[str, float]
    thresholds: dict[str, float]
    use: dict[str, str]
    add_thresholds: dict[str, float] = field(default_factory=dict)

    def score(self, features: list[str]) -> float:
        total = sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(min(total, 30.0), -30.0)))


@functools.cache
def load_model() -> Model | None:
    """The shipped model, or None when it has not been built."""
    path = resources.files("aidtrack").joinpath("data", "extract", MODEL_FILE)
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    return Model(
        weights=data["weights"],
        thresholds=data.get("thresholds", {}),
        use=data.get("use", {}),
        add_thresholds=data.get("add_thresholds", {}),
    )
