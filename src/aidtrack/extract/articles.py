"""Articles: read a news text from a .txt or .html file, or from a string.

A plain-text article is its title on the first line, then the body. Optional
header lines before the title (``URL: ...``, ``Date: 2024-05-02``,
``Title: ...``) fill in the metadata. HTML goes through trafilatura's
main-text extraction. Inputs over 10 MB are refused, not truncated: a news
article is never that long, so such a file is almost surely the wrong one.

>>> article_from_text("Germany sends tanks\\n\\nGermany sent tanks.").title
'Germany sends tanks'
"""

from __future__ import annotations

import datetime as dt
import html.parser
import re
from dataclasses import dataclass
from pathlib import Path

from aidtrack.errors import ExtractionInputError

MAX_BYTES = 10 * 1024 * 1024
_HEADER_RE = re.compile(r"^(url|source|date|published|title)\s*:\s*(.*\S)\s*$", re.I)
# the months in order, as dates and times in text name them
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_ISO_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MDY_RE = re.compile(r"\b([A-Z][a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b")
_DMY_RE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? ([A-Z][a-z]+),? (\d{4})\b")


@dataclass(frozen=True)
class Article:
    """One news article: metadata plus the text that events point into."""

    id: str
    url: str | None
    title: str
    published: dt.date | None
    text: str


def read_article(path: Path) -> Article:
    """Read a .txt or .html article; raise ExtractionInputError if unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ExtractionInputError(_too_big(str(path), size))
        data = path.read_bytes()
    except OSError as ex:
        raise ExtractionInputError(
            f'Cannot read "{path}": {ex.strerror or ex}. Check the path and permissions.'
        ) from None
    html = path.suffix.lower() in (".html", ".htm")
    return article_from_bytes(data, name=path.stem, html=html)


def article_from_bytes(data: bytes, *, name: str = "stdin", html: bool | None = None) -> Article:
    """Decode ``data`` as UTF-8 and build an Article (HTML if ``html`` or sniffed)."""
    if len(data) > MAX_BYTES:
        raise ExtractionInputError(_too_big(name, len(data)))
    if b"\x00" in data:
        raise ExtractionInputError(
            f'"{name}" looks binary (it contains NUL bytes); give a .txt or .html article.'
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as ex:
        raise ExtractionInputError(
            f'"{name}" is not UTF-8 text (bad byte at offset {ex.start}); '
            "convert it first, e.g. `iconv -f latin1 -t utf-8`."
        ) from None
    return article_from_text(text, name=name, html=html)


def article_from_text(text: str, *, name: str = "stdin", html: bool | None = None) -> Article:
    """Build an Article from a string; HTML is detected unless ``html`` is given."""
    if len(text) > MAX_BYTES:
        raise ExtractionInputError(_too_big(name, len(text)))
    if "\x00" in text:
        raise ExtractionInputError(f'"{name}" contains NUL characters; give plain text or HTML.')
    if html is None:
        html = _looks_like_html(text)
    if html:
        return _article_from_html(text, name=name)
    return _article_from_plain(text, name=name)


def _too_big(name: str, size: int) -> str:
    return (
        f'"{name}" is {size / 1e6:.1f} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit '
        "for one article; split it or give the article itself."
    )


def _require_text(text: str, name: str) -> None:
    if not text.strip():
        raise ExtractionInputError(f'"{name}" has no text to read; give a non-empty article.')


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head


def _article_from_plain(text: str, *, name: str) -> Article:
    _require_text(text, name)
    meta, body = _split_header(text)
    first = body.strip().split("\n", 1)[0].strip()
    title = meta.get("title") or first[:300]
    published = parse_date(meta.get("date") or meta.get("published") or "") or _dateline(body)
    url = meta.get("url") or meta.get("source")
    return Article(id=name, url=url, title=title, published=published, text=body)


def _split_header(text: str) -> tuple[dict[str, str], str]:
    """Take ``Key: value`` lines off the top of ``text``."""
    meta: dict[str, str] = {}
    lines = text.split("\n")
    index = 0
    while index < len(lines) and index < 10:
        match = _HEADER_RE.match(lines[index])
        if not match:
            break
        meta[match.group(1).lower()] = match.group(2)
        index += 1
    if not meta:
        return meta, text
    return meta, "\n".join(lines[index:]).lstrip("\n")


def parse_date(text: str) -> dt.date | None:
    """Read an ISO, "March 31, 2023" or "7 July 2023" date; None if there is none."""
    for regex, order in ((_ISO_RE, "ymd"), (_MDY_RE, "mdy"), (_DMY_RE, "dmy")):
        for match in regex.finditer(text):
            parts = dict(zip(order, match.groups()))
            month = _month(parts["m"])
            try:
                return dt.date(int(parts["y"]), month, int(parts["d"])) if month else None
            except ValueError:
                continue
    return None


def _month(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    lowered = text.lower()[:3]
    for number, month in enumerate(MONTHS, start=1):
        if month.startswith(lowered) and len(lowered) == 3:
            return number
    return None


def _dateline(body: str) -> dt.date | None:
    """A date in the dateline of the first paragraphs, e.g. "(Sputnik - 7th July, 2023)"."""
    return parse_date(body[:400])


def _article_from_html(html: str, *, name: str) -> Article:
    _require_text(html, name)
    try:
        import trafilatura
    except ImportError:  # e.g. lxml without its html-clean extra: use the plain reader
        return _article_from_plain_html(html, name=name)
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as ex:  # trafilatura/lxml raise many kinds on malformed markup
        raise ExtractionInputError(
            f'Cannot read "{name}" as HTML ({type(ex).__name__}); save the article as text.'
        ) from None
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        raise ExtractionInputError(
            f'No article text found in the HTML of "{name}"; save the article as text.'
        )
    title = (getattr(doc, "title", None) or "").strip()
    text = f"{title}\n\n{body}" if title else body
    published = parse_date(str(getattr(doc, "date", None) or ""))
    url = getattr(doc, "url", None) or None
    return Article(
        id=name, url=url, title=title or body.split("\n", 1)[0][:300], published=published, text=text
    )


class _TextParser(html.parser.HTMLParser):
    """Paragraph text of an HTML page, without scripts, styles and page chrome."""

    SKIP = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript", "form"})
    BLOCKS = frozenset({"p", "h1", "h2", "h3", "li", "div", "br", "article", "section", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.skipping = 0
        self.tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tag = tag
        self.skipping += tag in self.SKIP
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self.skipping -= tag in self.SKIP and self.skipping > 0
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.tag == "title" and not self.title:
            self.title = data.strip()
        elif not self.skipping:
            self.parts.append(data)


def _article_from_plain_html(markup: str, *, name: str) -> Article:
    """Fallback HTML reader on the standard library when trafilatura cannot load."""
    parser = _TextParser()
    try:
        parser.feed(markup)
        parser.close()
    except Exception as ex:  # html.parser is lenient, but never let it crash a batch
        raise ExtractionInputError(f'Cannot read "{name}" as HTML ({type(ex).__name__}).') from None
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    body = "\n".join(line for line in lines if len(line.split()) >= 8)
    if not body:
        raise ExtractionInputError(
            f'No article text found in the HTML of "{name}"; save the article as text.'
        )
    title = parser.title or body.split("\n", 1)[0][:300]
    return Article(id=name, url=None, title=title, published=None, text=f"{title}\n\n{body}")
