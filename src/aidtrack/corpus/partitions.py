"""Cutting a corpus into partitions and reading one partition at a time.

Three kinds of partition, each a small, picklable description (no article text):

- ``files``: up to ``size`` .txt/.html files of a folder tree (sorted paths);
- ``jsonl``: ``size`` lines of a JSON Lines file, from a byte offset found by one
  streaming scan of the file (1 MB at a time);
- ``parquet``: ``size`` rows of a Parquet file, read in record batches.

A folder may mix all three. Keys are stable for an unchanged corpus, so a
manifest of finished keys lets an interrupted run resume.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from aidtrack.corpus.records import article_from_record, with_id
from aidtrack.errors import ExtractionInputError
from aidtrack.extract.articles import Article, read_article

TEXT_SUFFIXES = (".txt", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet",)
_CHUNK = 1 << 20


@dataclasses.dataclass(frozen=True)
class Partition:
    """A slice of a corpus that one worker reads and processes on its own."""

    index: int
    kind: str  # "files" | "jsonl" | "parquet"
    root: str
    source: str = ""  # file of a jsonl/parquet partition, relative to root
    start: int = 0  # first line or row
    stop: int = 0  # one past the last line or row
    offset: int = 0  # byte offset of line ``start`` (jsonl)
    files: tuple[str, ...] = ()  # relative paths (files)

    @property
    def key(self) -> str:
        """A stable name, e.g. ``p000003-news.jsonl-400``; safe as a file name."""
        what = self.files[0] if self.kind == "files" else f"{self.source}-{self.start}"
        fields = {k: v for k, v in dataclasses.asdict(self).items() if k != "root"}
        digest = hashlib.sha1(json.dumps(fields, sort_keys=True).encode()).hexdigest()[:8]
        slug = "".join(ch if ch.isalnum() or ch in "-." else "_" for ch in what)[-40:]
        return f"p{self.index:06d}-{slug}-{digest}"

    @property
    def size(self) -> int:
        return len(self.files) if self.kind == "files" else self.stop - self.start


@dataclasses.dataclass(frozen=True)
class Plan:
    """The partitions of a corpus and a fingerprint that changes when the corpus does."""

    partitions: list[Partition]
    fingerprint: str

    @property
    def articles(self) -> int:
        return sum(p.size for p in self.partitions)


def plan_partitions(path: Path, *, size: int = 200) -> Plan:
    """Cut the corpus at ``path`` (folder, .jsonl or .parquet file) into partitions of ``size`` articles."""
    if size < 1:
        raise ExtractionInputError(f"Partition size {size} is too small; use at least 1 (e.g. 200).")
    path = Path(path)
    if not path.exists():
        raise ExtractionInputError(
            f'Corpus "{path}" does not exist; give a folder, a .jsonl or a .parquet file.'
        )
    if path.is_file():
        root, names = path.parent, [path.name]
        if not path.name.lower().endswith(JSONL_SUFFIXES + PARQUET_SUFFIXES + TEXT_SUFFIXES):
            raise ExtractionInputError(
                f'Cannot read "{path}" as a corpus; give a folder of .txt/.html '
                "files, a .jsonl file (url, title, date, text) or a .parquet file."
            )
    else:
        root, names = path, list(_walk(path))
    return _plan(root, names, size=size)


def _walk(root: Path) -> Iterator[str]:
    """Relative paths of corpus files under ``root``, in sorted order (hidden entries skipped)."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder).relative_to(root)
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(
                TEXT_SUFFIXES + JSONL_SUFFIXES + PARQUET_SUFFIXES
            ):
                yield (base / name).as_posix()


def _plan(root: Path, names: list[str], *, size: int) -> Plan:
    parts: list[Partition] = []
    chunk: list[str] = []
    digest = hashlib.sha256()

    def flush() -> None:
        if chunk:
            parts.append(Partition(len(parts), "files", str(root), files=tuple(chunk)))
            chunk.clear()

    for name in names:
        stat = (root / name).stat()
        digest.update(f"{name}\0{stat.st_size}\n".encode())
        lower = name.lower()
        if lower.endswith(TEXT_SUFFIXES):
            chunk.append(name)
            if len(chunk) == size:
                flush()
            continue
        flush()
        ranges = (
            _jsonl_ranges(root / name, size)
            if lower.endswith(JSONL_SUFFIXES)
            else _parquet_ranges(root / name, size)
        )
        for start, stop, offset in ranges:
            kind = "jsonl" if lower.endswith(JSONL_SUFFIXES) else "parquet"
            parts.append(
                Partition(len(parts), kind, str(root), source=name, start=start, stop=stop, offset=offset)
            )
    flush()
    return Plan(parts, digest.hexdigest()[:16])


def _jsonl_ranges(path: Path, size: int) -> list[tuple[int, int, int]]:
    """(first line, stop line, byte offset) every ``size`` lines, from one streaming scan."""
    offsets, line, position, last = [0], 0, 0, b"\n"
    with path.open("rb") as handle:
        while block := handle.read(_CHUNK):
            start = 0
            while (found := block.find(b"\n", start)) != -1:
                line += 1
                if line % size == 0:
                    offsets.append(position + found + 1)
                start = found + 1
            position += len(block)
            last = block[-1:]
    total = line + (0 if last == b"\n" else 1)
    return [(i * size, min((i + 1) * size, total), off) for i, off in enumerate(offsets) if i * size < total]


def _parquet_ranges(path: Path, size: int) -> list[tuple[int, int, int]]:
    import pyarrow.parquet as pq

    try:
        rows = pq.ParquetFile(path).metadata.num_rows
    except Exception as ex:  # pyarrow raises ArrowInvalid, OSError...
        raise ExtractionInputError(f'Cannot read "{path}" as Parquet ({ex}); check the file.') from None
    return [(start, min(start + size, rows), 0) for start in range(0, rows, size)]


def read_partition(part: Partition, *, errors: list[str] | None = None) -> Iterator[Article]:
    """The articles of one partition; unreadable ones are skipped and described in ``errors``."""
    readers = {"files": _read_files, "jsonl": _read_jsonl, "parquet": _read_parquet}
    for item in readers[part.kind](part):
        if isinstance(item, Article):
            yield item
        elif errors is not None:
            errors.append(item)


def _read_files(part: Partition) -> Iterator[Article | str]:
    root = Path(part.root)
    for name in part.files:
        try:
            yield with_id(read_article(root / name), name.rsplit(".", 1)[0])
        except ExtractionInputError as ex:
            yield str(ex)


def _read_jsonl(part: Partition) -> Iterator[Article | str]:
    with (Path(part.root) / part.source).open("rb") as handle:
        handle.seek(part.offset)
        for number in range(part.start, part.stop):
            raw = handle.readline()
            if not raw.strip():
                continue
            where = f"{part.source}:{number + 1}"
            try:
                record = json.loads(raw)
                if not isinstance(record, dict):
                    raise ValueError("not an object")
                yield article_from_record(record, fallback_id=where)
            except ValueError as ex:
                yield f"Line {number + 1} of {part.source} is not a JSON object ({ex}); skipped."
            except ExtractionInputError as ex:
                yield f"{where}: {ex}"


def _read_parquet(part: Partition, *, batch_size: int = 1000) -> Iterator[Article | str]:
    import pyarrow.parquet as pq

    handle = pq.ParquetFile(Path(part.root) / part.source)
    names = handle.schema_arrow.names
    if "text" not in names:
        raise ExtractionInputError(
            f'Parquet file "{part.source}" has no "text" column (columns: '
            f'{", ".join(names)}); name the article text column "text".'
        )
    columns = [c for c in ("id", "url", "title", "date", "published", "text") if c in names]
    row = 0
    for batch in handle.iter_batches(batch_size=batch_size, columns=columns):
        if row + batch.num_rows <= part.start:
            row += batch.num_rows
            continue
        for record in batch.to_pylist():
            if part.start <= row < part.stop:
                try:
                    yield article_from_record(record, fallback_id=f"{part.source}:{row}")
                except ExtractionInputError as ex:
                    yield str(ex)
            row += 1
        if row >= part.stop:
            return
