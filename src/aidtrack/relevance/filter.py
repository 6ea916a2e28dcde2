"""The keyword gate and the sentence classifier of the relevance filter."""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence
from importlib import resources
from typing import Any

import yaml

from aidtrack.errors import ValidationError
from aidtrack.extract.articles import Article

DEFAULT_THRESHOLD = 0.5
MAX_SENTENCES = 80  # news leads carry the event; the rest of a long text adds cost, not recall
_SENTENCE_RE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_GATE_WORDS = (
    r"aid|assistance|support\w*|weapon\w*|arms|armed|arming|ammunition|munitions?|shells?|missiles?|"
    r"military|defen[cs]e|tanks?|howitzers?|drones?|jets?|air ?defen[cs]e|artillery|troops|"
    r"sanction\w*|embargo\w*|export\w*|licen[cs]es?|loans?|grants?|tranche|donat\w+|donors?|pledg\w+|"
    r"humanitarian|relief|refugees?|urg\w+|appeal\w*|plead\w*|warn\w*|threat\w*|retaliat\w+|"
    r"deliver\w*|suppl\w+|packages?|funding|financ\w+|freez\w+|frozen|assets?|bans?|banned|banning"
)
_GATE_RE = re.compile(rf"\b(?:{_GATE_WORDS})\b", re.I)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
MAX_NAME_WORDS = 4


@dataclasses.dataclass(frozen=True)
class Verdict:
    """Why an article passed or not: the gate, the best score and its sentence."""

    passed: bool
    gate: bool
    score: float
    sentence: str


@dataclasses.dataclass
class RelevanceFilter:
    """Keyword gate + sentence classifier; picklable, trained once per process."""

    model: Any
    threshold: float = DEFAULT_THRESHOLD

    def verdict(self, article: Article) -> Verdict:
        """Judge one article (the title counts as a sentence)."""
        text = article.text if article.text.startswith(article.title) else f"{article.title}\n{article.text}"
        if not _GATE_RE.search(text) or not mentions_actor(text):
            return Verdict(False, False, 0.0, "")
        sentences = [s.strip() for s in _SENTENCE_RE.findall(text) if _GATE_RE.search(s)][:MAX_SENTENCES]
        if not sentences:
            return Verdict(False, True, 0.0, "")
        scores = self.model.predict_proba(sentences)[:, 1]
        best = int(scores.argmax())
        score = float(scores[best])
        return Verdict(score >= self.threshold, True, round(score, 4), sentences[best])

    def passes(self, article: Article) -> bool:
        return self.verdict(article).passed


def mentions_actor(text: str) -> bool:
    """Does ``text`` name a country, capital, organisation or leader (capitalised, as in news)?"""
    names, codes = _actor_names()
    words = _WORD_RE.findall(text)
    for i, word in enumerate(words):
        if not word[0].isupper():
            continue
        if word in codes:
            return True
        for n in range(1, MAX_NAME_WORDS + 1):
            if " ".join(words[i : i + n]).lower() in names:
                return True
    return False


@functools.cache
def _actor_names() -> tuple[frozenset[str], frozenset[str]]:
    """Lower-case names of four letters or more, and short codes that must be written in capitals."""
    from aidtrack.actors.names import catalogue
    from aidtrack.extract.lexicon import load_lexicon

    keys = set(load_lexicon().names) | set(catalogue().index) | set(load_lexicon().people)
    names = frozenset(k for k in keys if len(k) > 3 and " " not in k[:1])
    codes = frozenset(k.upper() for k in keys if 2 <= len(k) <= 4 and k.isalnum()) - {
        "IT",
        "IN",
        "IS",
        "AS",
        "AT",
        "BE",
        "TO",
        "NO",
        "ON",
        "OR",
    }
    return names, codes


def labelled_sentences() -> tuple[list[str], list[int]]:
    """The training data: (sentences, labels) from data/relevance/{positive,negative}.yaml."""
    texts: list[str] = []
    labels: list[int] = []
    for name, label in (("positive.yaml", 1), ("negative.yaml", 0)):
        groups = yaml.safe_load(
            resources.files("aidtrack").joinpath("data", "relevance", name).read_text("utf-8")
        )
        for group in sorted(groups):
            texts.extend(groups[group])
            labels.extend([label] * len(groups[group]))
    return texts, labels


def train(texts: Sequence[str], labels: Sequence[int]) -> Any:
    """Fit the classifier: word 1-2 grams and char 3-5 grams hashed, then logistic regression."""
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    words = HashingVectorizer(ngram_range=(1, 2), n_features=2**18, alternate_sign=False, norm="l2")
    chars = HashingVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), n_features=2**18, alternate_sign=False, norm="l2"
    )
    model = make_pipeline(
        make_union(words, chars),
        LogisticRegression(C=100.0, class_weight="balanced", solver="liblinear", random_state=0),
    )
    return model.fit(list(texts), list(labels))


@functools.cache
def _model() -> Any:
    return train(*labelled_sentences())


def load_filter(*, threshold: float = DEFAULT_THRESHOLD) -> RelevanceFilter:
    """The relevance filter, its model trained once per process from the shipped sentences."""
    if not 0.0 <= threshold <= 1.0:
        raise ValidationError(
            f"Relevance threshold {threshold} is out of range; use a number from 0 to 1, "
            f"e.g. {DEFAULT_THRESHOLD}."
        )
    return RelevanceFilter(_model(), threshold)
