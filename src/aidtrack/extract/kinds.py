"""A learned second opinion on the kind of support an event gives, asks for or refuses.

The rules read the kind (``military``, ``humanitarian``, ``financial``) of a gift, an appeal
or a refusal from the words of the thing, its purpose, the sentence, or the kind the article
names most. Where those words are few ("The pledges of Norway and Denmark, announced at a
donor meeting in Geneva, added 400 million crowns"), the default they fall back to is wrong
about one time in seventeen on our own articles. For each of the three types, a multinomial
logistic regression reads, for each event of that type the rules and the scorer keep:

* the lemmas of its sentence and of the items it names;
* the kind the rules gave it, and the kinds the sentence names;
* the share of each kind among the article's support events;
* what sort of body the party that gives, is asked or refuses is (a relief body, a lender, an
  alliance or a state), never which one.

Where the model's likeliest kind differs from the rules' and its probability reaches the
threshold chosen out of fold for that type, the event takes the model's kind, unless its
sentence names the rules' kind and no other, or names it and gives the same parties another
kind too (:func:`may_overrule`). The weights ship
as JSON in ``data/extract/kinds.json``, rebuilt by ``scripts/train_extract_kinds.py``, and are
applied in plain Python.

>>> model = KindModel(
...     classes=("financial", "humanitarian", "military"),
...     weights={"military": {"w=tank": 3.0}},
...     intercepts={},
...     threshold=0.6,
... )
>>> model.likeliest(["w=tank"])[0]
'military'
"""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import TYPE_CHECKING, Any

from aidtrack.extract.roles import sentence_categories

if TYPE_CHECKING:
    from aidtrack.extract.clauses import Sentence
    from aidtrack.extract.rules.common import Found

MODEL_FILE = "kinds.json"
# the types whose events have a kind, and the role whose sort of body tells most about it
KIND_ROLES = {"support": "donor", "appeal": "target", "refusal": "actor"}
# the sorts of body other than relief bodies and lenders (data/extract/actors.yaml): alliances
# arm or pay
_ALLIANCES = frozenset({"NATO", "EU", "G7", "OSCE"})


@dataclass(frozen=True)
class KindModel:
    """Per kind, the weights of the features and the intercept; the threshold to overrule."""

    classes: tuple[str, ...]
    weights: dict[str, dict[str, float]]
    intercepts: dict[str, float]
    threshold: float

    def probabilities(self, features: Sequence[str]) -> dict[str, float]:
        scores = {
            kind: self.intercepts.get(kind, 0.0)
            + sum(self.weights.get(kind, {}).get(f, 0.0) for f in features)
            for kind in self.classes
        }
        top = max(scores.values())
        exp = {kind: math.exp(s - top) for kind, s in scores.items()}
        total = sum(exp.values())
        return {kind: e / total for kind, e in exp.items()}

    def likeliest(self, features: Sequence[str]) -> tuple[str, float]:
        probs = self.probabilities(features)
        kind = max(self.classes, key=lambda k: probs[k])
        return kind, probs[kind]


@functools.cache
def load_kind_models() -> dict[str, KindModel]:
    """The shipped models per type (none where they have not been built)."""
    path = resources.files("aidtrack").joinpath("data", "extract", MODEL_FILE)
    if not path.is_file():
        return {}
    data = json.loads(path.read_text("utf-8"))
    return {
        kind: KindModel(
            classes=tuple(model["classes"]),
            weights=model["weights"],
            intercepts=model["intercepts"],
            threshold=float(model["threshold"]),
        )
        for kind, model in data.items()
    }


def kind_features(found: Sequence[tuple[Found, int, Sentence]]) -> dict[int, list[str]]:
    """Per position in ``found`` of an event with a kind, the features its type's model reads."""
    support = [event.fields.get("category") for event, _, _ in found if event.fields["type"] == "support"]
    kinds = Counter(str(kind) for kind in support)
    shares = [f"art={kind}:{_share(n, len(support))}" for kind, n in kinds.items()]
    out: dict[int, list[str]] = {}
    kinds_told = Counter(_parties(event.fields, sentence) for event, _, sentence in found)
    for i, (event, _, sentence) in enumerate(found):
        fields = event.fields
        role = KIND_ROLES.get(fields["type"])
        if role is None or not fields.get("category"):
            continue
        # "sending humanitarian and financial aid": the sentence gives the same parties two kinds
        siblings = ["sibling_kind"] if kinds_told[_parties(fields, sentence)] > 1 else []
        named = set(sentence_categories(sentence))
        told = ["rule_named"] if fields["category"] in named else []
        told += ["other_named"] if named - {fields["category"]} else []
        words = {f"w={t.lemma_.lower()}" for t in sentence.span if t.is_alpha}
        items = {f"it={w}" for w in str(fields.get("items") or "").lower().split() if w.isalpha()}
        body = _body(sentence, str(fields.get(role)))
        out[i] = [
            "bias",
            f"rule={fields['category']}",
            f"body={body}",
            f"body={body}|rule={fields['category']}",
            *shares,
            *told,
            *siblings,
            *(f"named={kind}" for kind in sorted(named)),
            *sorted(words),
            *sorted(items),
        ]
    return out


def _body(sentence: Sentence, code: str) -> str:
    """What sort of body a party is: relief bodies give relief, lenders lend, alliances arm or pay."""
    lex = sentence.lexicon
    if code in lex.relief_bodies:
        return "relief"
    if code in lex.lenders:
        return "lender"
    return "alliance" if code in _ALLIANCES else "state"


def may_overrule(features: Sequence[str]) -> bool:
    """Whether the model may change the rules' kind: not where the sentence names that kind and
    no other ("said it would consider sending more humanitarian supplies"), nor where it names
    it and gives the same parties another kind too ("by sending humanitarian and financial aid")."""
    if "rule_named" not in features:
        return True
    return "other_named" in features and "sibling_kind" not in features


def _parties(fields: dict[str, Any], sentence: Sentence) -> tuple[Any, ...]:
    """An event's type and parties (its key without the kind), in its sentence."""
    roles = tuple(str(v) for k, v in sorted(fields.items()) if k in _PARTY_ROLES)
    return (id(sentence), fields["type"], roles)


_PARTY_ROLES = frozenset({"donor", "recipient", "actor", "target"})


def _share(count: int, total: int) -> str:
    """The share of the article's support events of one kind, in quarters."""
    return str(min(4, round(4 * count / total))) if total else "0"


def rekind(
    found: list[tuple[Found, int, Sentence]], models: dict[str, KindModel] | None = None
) -> list[tuple[Found, int, Sentence]]:
    """``found`` with the kind of each event its type's model overrules changed."""
    models = load_kind_models() if models is None else models
    if not models:
        return found
    out = list(found)
    for i, features in kind_features(found).items():
        event, offset, sentence = found[i]
        model = models.get(event.fields["type"])
        if model is None or not may_overrule(features):
            continue
        kind, probability = model.likeliest(features)
        if kind != event.fields.get("category") and probability >= model.threshold:
            fields: dict[str, Any] = {**event.fields, "category": kind}
            out[i] = (replace(event, fields=fields), offset, sentence)
    return out
