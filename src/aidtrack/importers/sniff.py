"""What a file really is, from its first bytes, and short printable excerpts for error messages.

Importers check the magic bytes before parsing, so a damaged workbook is not read as CSV
and random binary data gets "this is not a CSV file" instead of a parser traceback.

>>> kind_of_bytes(b"PK\\x03\\x04...")
'zip'
>>> kind_of_bytes("Country,Year\\n".encode("utf-16"))
'text'
>>> excerpt("a" * 500, limit=10)
'"aaaaaaaaaa..."'
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from aidtrack.errors import ImportFormatError

__all__ = [
    "EXCERPT",
    "csv_rows_checked",
    "decode",
    "encoding_of",
    "excerpt",
    "kind_of",
    "kind_of_bytes",
    "require_text",
]

EXCERPT = 60
SAMPLE = 8192
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),
    (b"\xd0\xcf\x11\xe0", "xls"),
    (b"%PDF", "pdf"),
    (b"\x1f\x8b", "gzip"),
    (b"PAR1", "parquet"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ", "xz"),
    (b"SQLite format 3", "sqlite"),
)
_NAMES = {
    "zip": "a zip archive (e.g. an Excel .xlsx workbook)",
    "xls": "an old Excel .xls workbook",
    "pdf": "a PDF document",
    "gzip": "a gzip archive",
    "parquet": "a Parquet file",
    "png": "a PNG image",
    "jpeg": "a JPEG image",
    "bzip2": "a bzip2 archive",
    "xz": "an xz archive",
    "sqlite": "a SQLite database",
    "binary": "binary data",
}
T = TypeVar("T")


def kind_of_bytes(head: bytes) -> str:
    """``zip``, ``xls``, ``pdf``... from magic bytes; ``text`` for text (UTF-8/16, cp1252); else ``binary``."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16 with a byte order mark: NUL bytes are expected
    sample = head[:SAMPLE]
    if b"\x00" in sample:
        return "binary"
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return "binary" if sample and controls / len(sample) > 0.05 else "text"


def kind_of(path: Path) -> str:
    """The kind of the file at ``path`` (see :func:`kind_of_bytes`)."""
    try:
        with path.open("rb") as fh:
            return kind_of_bytes(fh.read(SAMPLE))
    except OSError as ex:
        raise ImportFormatError(f'Cannot read "{path}": {ex.strerror}.') from ex


def describe(kind: str) -> str:
    return _NAMES.get(kind, kind)


def require_text(path: Path, *, expected: str) -> None:
    """Raise ImportFormatError unless ``path`` holds text, naming what it is and what was expected."""
    kind = kind_of(path)
    if kind != "text":
        raise ImportFormatError(
            f"{path.name} is {describe(kind)}, not a text (CSV) file; expected {expected}."
        )


def excerpt(value: object, *, limit: int = EXCERPT) -> str:
    """A quoted, printable, short form of ``value`` for an error message."""
    text = value.decode("utf-8", errors="replace") if isinstance(value, bytes) else str(value)
    printable = "".join(ch if ch.isprintable() else " " for ch in text)
    printable = " ".join(printable.split())
    return f'"{printable[:limit]}{"..." if len(printable) > limit else ""}"'


def encoding_of(raw: bytes) -> str:
    """utf-16 (with a BOM), utf-8-sig, utf-8, or cp1252 when the bytes are not UTF-8."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as ex:
        if ex.start < len(raw) - 4:  # not just a character cut at the end of a sample
            return "cp1252"
    return "utf-8"


def decode(raw: bytes, *, name: str, sample: bool = False) -> str:
    """Text of a whole file (or, with ``sample``, of its first bytes, where a cut character is ignored)."""
    encoding = encoding_of(raw)
    try:
        return raw.decode(encoding, errors="ignore" if sample else "strict")
    except UnicodeDecodeError as ex:
        hint = " (the file looks truncated)" if ex.start >= len(raw) - 4 else ""
        raise ImportFormatError(
            f"{name} is not valid {encoding} text at byte {ex.start:,}{hint}: "
            f"{ex.reason}; save it again as UTF-8 or UTF-16 CSV."
        ) from None


def csv_rows_checked(rows: Iterable[T], *, name: str, first_line: int = 1) -> Iterator[T]:
    """Rows of a ``csv.reader`` whose errors (a field over the size limit, a stray NUL...) become
    ImportFormatError naming the line."""
    iterator = iter(rows)
    line = first_line
    while True:
        try:
            row = next(iterator)
        except StopIteration:
            return
        except csv.Error as ex:
            raise ImportFormatError(
                f"{name} cannot be read as CSV near line {line:,}: {excerpt(ex, limit=120)}. "
                "Check that it is a comma-separated text file."
            ) from None
        line += 1
        yield row


def header_excerpt(header: Sequence[object], *, count: int = 6) -> str:
    """The first columns of a header, each quoted briefly."""
    return ", ".join(excerpt(h, limit=40) for h in header[:count]) or "none"
