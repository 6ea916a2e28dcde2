"""Files kept in the user's cache folder: analysis totals, brief texts, pages, parsed registers.

One home for where such a file lives (a folder per kind under the user's cache folder,
named by a digest of its key), how it is written (atomically: a reader in another
process never sees half a file) and how many are kept (the oldest go first). Keeping
is best effort: a folder that cannot be written only costs time.

>>> path = keyed_path("briefs", "KOR|G7", ".txt")
>>> path.parent.name, path.suffix, len(path.stem)
('briefs', '.txt', 32)
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

import platformdirs

APP = "aidtrack"


def folder(kind: str) -> Path:
    """The cache folder of one kind of kept file, e.g. ``~/.cache/aidtrack/briefs``."""
    return Path(platformdirs.user_cache_dir(APP)) / kind


def digest(text: str, length: int = 32) -> str:
    """A short, stable name for ``text`` (hex SHA-256)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def keyed_path(kind: str, key: str, suffix: str) -> Path:
    """Where the file of ``key`` lives among the files of ``kind``."""
    return folder(kind) / f"{digest(key)}{suffix}"


def read_bytes(path: Path | None) -> bytes | None:
    """The kept file's bytes, or None when there is none (or it cannot be read)."""
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def keep(path: Path | None, write: Callable[[Path], object], *, most: int) -> bool:
    """Write a file through ``write(partial_path)``, then move it into place atomically, and
    drop the oldest files of its folder with the same suffix past ``most``.

    Returns whether the file was kept (False: no path, or the folder cannot be written).
    """
    if path is None:
        return False
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write(partial)
        os.replace(partial, path)
        _prune(path.parent, path.suffix, most)
    except (OSError, ImportError):  # ImportError: an optional writer (e.g. parquet) is missing
        _forget(partial)
        return False
    return True


def _forget(partial: Path) -> None:
    try:
        partial.unlink(missing_ok=True)
    except OSError:  # the folder itself is not there or not writable
        pass


def _prune(where: Path, suffix: str, most: int) -> None:
    """Drop the oldest files ending in ``suffix`` past the newest ``most``."""
    files = sorted(where.glob(f"*{suffix}"), key=_modified, reverse=True)
    for old in files[most:]:
        old.unlink(missing_ok=True)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # removed by another process meanwhile
        return 0.0
