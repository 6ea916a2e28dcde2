"""The shipped actor tables (``aidtrack/data/actors/*.yaml``), read once."""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
from pathlib import Path
from typing import Any

import yaml

from aidtrack.errors import AidtrackError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
# libyaml's loader where PyYAML was built with it (about 10x faster on these tables)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def read_table(name: str) -> Any:
    """The parsed content of ``data/actors/<name>.yaml`` (cached; do not mutate)."""
    path = DATA_DIR / f"{name}.yaml"
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_LOADER)  # noqa: S506 (a safe loader)
    except (OSError, yaml.YAMLError) as ex:
        raise AidtrackError(
            f'Cannot read the actor table "{path}": {ex}. Reinstall aidtrack or fix the file.'
        ) from ex


SEEDED_TABLES = ("countries", "organisations", "groups")
"""The tables a ledger copies (its actors and group memberships)."""


def reference_fingerprint(folder: Path | None = None) -> str:
    """A digest of the packaged tables a ledger copies, plus the pycountry release they extend.

    A ledger that stores the fingerprint of its copy re-seeds the copy when this changes
    (after an upgrade), so the database and the packaged data never disagree.
    """
    digest = hashlib.sha256(importlib.metadata.version("pycountry").encode())
    for name in SEEDED_TABLES:
        digest.update(((folder or DATA_DIR) / f"{name}.yaml").read_bytes())
    return digest.hexdigest()[:16]
