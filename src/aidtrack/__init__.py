"""aidtrack: a sourced, queryable ledger of international support to a country at war.

>>> import aidtrack
>>> store = aidtrack.open_store("sqlite://")
"""

from aidtrack.errors import AidtrackError
from aidtrack.models import Category, Event, EventType, Source, Stage, Status, Support
from aidtrack.services.ledger import open_store

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
