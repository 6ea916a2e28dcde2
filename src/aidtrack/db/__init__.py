"""Storage layer: schema, migrations and the :class:`Store` (all SQL lives here)."""

from aidtrack.db.engine import connect
from aidtrack.db.filters import EventFilter, SupportFilter
from aidtrack.db.store import ImportOutcome, Store

__all__ = ["EventFilter", "ImportOutcome", "Store", "SupportFilter", "connect"]
