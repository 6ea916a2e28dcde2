"""The shipped actor tables (``aidtrack/data/actors/*.yaml``), read once."""

from __future__ import annotations

import functools
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
