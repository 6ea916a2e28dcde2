"""Tables for news feeds, their items and watchlists (registered on :data:`schema.metadata`)."""

from __future__ import annotations
