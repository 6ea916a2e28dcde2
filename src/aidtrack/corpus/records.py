"""One corpus record (a JSON Lines line, a Parquet row) as an :class:`~aidtrack.extract.Article`.

Recognised fields: ``text`` (required; plain text or HTML), ``title``, ``url``,
``date`` or ``published`` (ISO or "March 31, 2023"), ``id``. The article text is the
title, a blank line, then the body (unless the body already starts with the title), so
evidence offsets point into that text.

>>> article_from_record({"url": "https://x.org/a", "title": "T", "text": "Body."}, fallback_id="f:1").text
'T\\n\\nBody.'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import Any

from aidtrack.errors import ExtractionInputError
from aidtrack.extract.articles import Article, article_from_text, parse_date


def article_id(record: Mapping[str, Any], *, fallback_id: str) -> str:
    """A stable id: the record's ``id``, else ``u-`` + a hash of its URL, else ``fallback_id``."""
    given = record.get("id")
    if given is not None and str(given).strip():
        return str(given).strip()
    url = record.get("url")
    if url:
        return "u-" + hashlib.sha1(str(url).encode()).hexdigest()[:20]
    return fallback_id


def article_from_record(record: Mapping[str, Any], *, fallback_id: str) -> Article:
    """Build an Article from a corpus record; raise ExtractionInputError if it has no text."""
    ident = article_id(record, fallback_id=fallback_id)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ExtractionInputError(
            f'Record "{ident}" has no "text" field with article text; give each record a non-empty text.'
        )
    title = str(record.get("title") or "").strip()
    if text.lstrip()[:1] == "<":
        parsed = article_from_text(text, name=ident)
        text, title = parsed.text, title or parsed.title
    elif title and not text.lstrip().startswith(title):
        text = f"{title}\n\n{text}"
    title = title or text.strip().split("\n", 1)[0][:300]
    url = record.get("url") or None
    return Article(
        id=ident,
        url=str(url) if url else None,
        title=title,
        published=_date(record.get("date") or record.get("published")),
        text=text,
    )


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
        text += "-01"  # a month, as in "2024-05"
    return parse_date(text)


def with_id(article: Article, ident: str) -> Article:
    """The same article under another id (a path inside the corpus folder)."""
    return dataclasses.replace(article, id=ident)
