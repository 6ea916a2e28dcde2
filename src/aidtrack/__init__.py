"""aidtrack: a sourced, queryable ledger of international support to a country at war.

>>> import aidtrack
>>> store = aidtrack.open_store("sqlite://")
>>> store.summary()["counts"]["support"]
0

Names are imported lazily, so that `import aidtrack` (and the CLI) start fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "AidtrackError",
    "Category",
    "Event",
    "EventType",
    "Source",
    "Stage",
    "Status",
    "Support",
    "open_store",
]

_HOMES = {
    "AidtrackError": "aidtrack.errors",
    "Category": "aidtrack.models",
    "Event": "aidtrack.models",
    "EventType": "aidtrack.models",
    "Source": "aidtrack.models",
    "Stage": "aidtrack.models",
    "Status": "aidtrack.models",
    "Support": "aidtrack.models",
    "open_store": "aidtrack.services.ledger",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'aidtrack' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
