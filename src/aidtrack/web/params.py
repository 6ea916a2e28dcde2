"""What the web handlers share: the ledger and token dependencies, a short text query, and the
configuration of every JSON request body (unknown fields refused, one example in /docs)."""

from __future__ import annotations

from typing import Annotated, Any

import pydantic
from fastapi import Depends, Query

from aidtrack.db import Store
from aidtrack.web.auth import get_store, require_token

StoreDep = Annotated[Store, Depends(get_store)]
UserDep = Annotated[str, Depends(require_token)]
Text = Annotated[str | None, Query(max_length=200)]


def strict_body(example: dict[str, Any]) -> pydantic.ConfigDict:
    """The ``model_config`` of a request body: extra fields forbidden (422), ``example`` in the docs.

    >>> strict_body({"url": "https://example.org/rss"})["extra"]
    'forbid'
    """
    return pydantic.ConfigDict(extra="forbid", json_schema_extra={"examples": [example]})
