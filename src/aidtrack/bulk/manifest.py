"""The run's checkpoint: its settings, and one small JSON file per finished partition.

``OUT/_bulk.json`` holds what the partitions depend on (corpus fingerprint,
partition size, filter settings). ``OUT/_manifest/KEY.json`` is written (atomically)
after a partition's events are on disk; ``OUT/_loaded/KEY.json`` after they are in
the ledger. A resumed run skips what is marked, and redoes the rest.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from aidtrack.bulk.worker import PartitionResultDict

from aidtrack.errors import ValidationError

CONFIG = "_bulk.json"
DONE = "_manifest"
LOADED = "_loaded"
FORMAT = 1


def write_json(path: Path, data: Mapping[str, Any]) -> None:
    """Write ``data`` to ``path`` atomically (temporary file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(data, indent=1, sort_keys=True, default=str), encoding="utf-8")
    os.replace(temporary, path)


def prepare(out: Path, config: Mapping[str, Any], *, resume: bool) -> set[str]:
    """Start or resume a run in ``out``; returns the keys of partitions already finished."""
    config = {**config, "format": FORMAT}
    path = out / CONFIG
    if path.exists() and resume:
        previous = json.loads(path.read_text(encoding="utf-8"))
        changed = sorted(k for k in set(config) | set(previous) if previous.get(k) != config.get(k))
        if changed:
            details = ", ".join(f'{k}: "{previous.get(k)}" -> "{config.get(k)}"' for k in changed)
            raise ValidationError(
                f'Cannot resume the run in "{out}": {details} changed since it started. '
                "Use --no-resume to start over there, or give a new --out folder."
            )
        return done_keys(out)
    clear(out)
    write_json(path, config)
    return set()


def clear(out: Path) -> None:
    """Remove a previous run's events and checkpoints from ``out`` (nothing else)."""
    from aidtrack.bulk.worker import EVENTS_DIR

    for name in (EVENTS_DIR, DONE, LOADED):
        shutil.rmtree(out / name, ignore_errors=True)
    (out / CONFIG).unlink(missing_ok=True)


def mark_done(out: Path, result: Mapping[str, Any]) -> None:
    write_json(out / DONE / f"{result['key']}.json", result)


def done_keys(out: Path) -> set[str]:
    return {p.stem for p in (out / DONE).glob("*.json")}


def finished(out: Path) -> list[PartitionResultDict]:
    """The results of every finished partition, in partition order."""
    results = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / DONE).glob("*.json"))]
    return cast("list[PartitionResultDict]", results)


def mark_loaded(out: Path, key: str, outcome: Mapping[str, Any]) -> None:
    write_json(out / LOADED / f"{key}.json", {"key": key, **outcome})


def loaded_keys(out: Path) -> set[str]:
    return {p.stem for p in (out / LOADED).glob("*.json")}
