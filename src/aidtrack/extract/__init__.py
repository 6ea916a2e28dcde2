"""Extraction of events from news text: rules kept as data, on spaCy parses.

An article (:func:`read_article`, :func:`article_from_text`) is split into
paragraphs and parsed once with spaCy's small English pipeline (NER off for
speed). Actor mentions come from ``data/extract/actors.yaml`` and
:mod:`aidtrack.actors` (people coded by the article's date). Trigger words per
event type (``data/extract/triggers.yaml``) anchor the rules of
:mod:`~aidtrack.extract.rules` (one module per event type), which read
who did what to whom from the dependency tree and drop hypotheticals, proposals,
conditionals and questions (:func:`~aidtrack.extract.modality.is_hedged`).

>>> from aidtrack.extract import article_from_text, extract_events
>>> [(e["type"], e["donor"]) for e in extract_events(article_from_text("Japan sent food aid to Ukraine."))]
[('support', 'JPN')]
"""

from typing import TYPE_CHECKING

from aidtrack.extract.articles import Article, article_from_text, read_article
from aidtrack.extract.money import Money, parse_money

if TYPE_CHECKING:  # the names the lazy loader below gives, for type checkers
    from aidtrack.extract.pipeline import extract_document, extract_events, extract_many, load_nlp

_PIPELINE = ("extract_document", "extract_events", "extract_many", "load_nlp")


def __getattr__(name: str) -> object:
    """The spaCy pipeline's functions, imported on first use (spaCy comes with the extract extra)."""
    if name in _PIPELINE:
        from aidtrack.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Article",
    "Money",
    "article_from_text",
    "extract_document",
    "extract_events",
    "extract_many",
    "load_nlp",
    "parse_money",
    "read_article",
]
