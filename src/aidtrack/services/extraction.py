"""Use cases for extraction: articles in, SCHEMA.md documents out, optionally into the review queue.

The extractor (spaCy, trafilatura) is the optional ``extract`` extra, so this module
imports it only when an article is read or extracted: the dashboard and the API start
without it, and a call that needs it raises :class:`~aidtrack.extras.MissingExtraError`
naming the ``pip install`` line. ``Article``, ``MAX_BYTES``, ``article_from_bytes`` and
``read_article`` are still importable from here (loaded on first use).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from aidtrack import settings
from aidtrack.db import Store
from aidtrack.extras import as_missing_extra
from aidtrack.services import ledger, review

if TYPE_CHECKING:
    from aidtrack.extract.articles import (
        MAX_BYTES,
        Article,
        article_from_bytes,
        read_article,
    )

__all__ = [
    "CORPUS_SUFFIXES",
    "MAX_BYTES",
    "Article",
    "article_from_bytes",
    "cap_article",
    "extract_documents",
    "extract_text",
    "is_corpus_file",
    "iter_corpus_documents",
    "read_article",
    "store_documents",
]

log = logging.getLogger(__name__)

_LAZY = {
    "Article": "aidtrack.extract.articles",
    "MAX_BYTES": "aidtrack.extract.articles",
    "article_from_bytes": "aidtrack.extract.articles",
    "read_article": "aidtrack.extract.articles",
}
"""Public names of this module that live in the extractor, loaded on first use."""


def extractor(module: str) -> ModuleType:
    """``module`` of the extractor, imported now; MissingExtraError when the extra is not installed."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as ex:
        missing = as_missing_extra(ex)
        if missing is None:
            raise
        raise missing from ex


def __getattr__(name: str) -> Any:
    """``Article``, ``MAX_BYTES``, ``article_from_bytes``, ``read_article``: from the extractor."""
    if name in _LAZY:
        return getattr(extractor(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def cap_article(article: Article, *, limit: int | None = None, warnings: list[str] | None = None) -> Article:
    """The article cut to ``limit`` characters (setting ``max_article_chars``), at a word boundary.

    A longer article is cut with a warning naming it (logged, and appended to ``warnings``),
    so one huge file cannot take minutes and gigabytes.
    """
    limit = limit if limit is not None else int(settings.get("max_article_chars"))
    if len(article.text) <= limit:
        return article
    cut = article.text.rfind(" ", max(limit - 200, 0), limit)
    text = article.text[: cut if cut > 0 else limit]
    message = (
        f'Article "{article.id}" has {len(article.text):,} characters; only the first {len(text):,} '
        f"were read (setting max_article_chars = {limit:,})."
    )
    log.warning(message)
    if warnings is not None:
        warnings.append(message)
    return dataclasses.replace(article, text=text)


def extract_documents(
    articles: Sequence[Article], *, warnings: list[str] | None = None
) -> list[dict[str, Any]]:
    """One document (id, url, title, published, events) per article, in one spaCy pass.

    Each article is first capped at ``max_article_chars`` (see :func:`cap_article`).
    """
    pipeline = extractor("aidtrack.extract.pipeline")
    capped = [cap_article(a, warnings=warnings) for a in articles]
    return [pipeline.document_of(a, events) for a, events in zip(capped, pipeline.extract_many(capped))]


def extract_text(
    text: str, *, name: str = "api", url: str | None = None, published: dt.date | None = None
) -> dict[str, Any]:
    """The document of one article given as text (title on the first line), with its ``text``."""
    pipeline = extractor("aidtrack.extract.pipeline")
    article = extractor("aidtrack.extract.articles").article_from_text(text, name=name)
    article = dataclasses.replace(article, url=url or article.url, published=published or article.published)
    warnings: list[str] = []
    article = cap_article(article, warnings=warnings)
    document = pipeline.extract_document(article)
    document["text"] = article.text
    if warnings:
        document["warnings"] = warnings
    return document


def store_documents(
    documents: Sequence[dict[str, Any]], *, store: Store | None = None, by: str | None = None
) -> dict[str, Any]:
    """Put the documents' events into the ledger as candidates; returns what happened."""
    store = store or ledger.open_store()
    who = f"{ledger.current_user(by)} (extract)"
    outcomes = [review.store_document(doc, store=store, by=who) for doc in documents]
    return {
        "added": sum(len(o.added) for o in outcomes),
        "linked": sum(len(o.linked) for o in outcomes),
        "unchanged": sum(o.unchanged for o in outcomes),
        "invalid": [i for o in outcomes for i in o.invalid],
    }


CORPUS_SUFFIXES = (".jsonl", ".parquet")


def is_corpus_file(path: Path) -> bool:
    """A JSON Lines or Parquet file of articles (read in partitions, never whole)."""
    return path.is_file() and path.suffix.lower() in CORPUS_SUFFIXES


def iter_corpus_documents(
    path: Path, *, size: int = 200, errors: list[str] | None = None
) -> Iterator[list[dict[str, Any]]]:
    """The documents of a large corpus, one partition of ``size`` articles at a time."""
    corpus = extractor("aidtrack.corpus")
    for part in corpus.plan_partitions(path, size=size).partitions:
        articles = list(corpus.read_partition(part, errors=errors))
        if articles:
            yield extract_documents(articles)
