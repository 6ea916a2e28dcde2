"""Making a ledger ready for its first answer: the one place that loads shipped data into it.

``open_store`` creates and migrates the database and keeps its copy of the actor tables
current; :func:`prepare` adds what a new user should see at once: the offline starter
dataset (Kiel Release 29 donor-month aggregates) when the ledger holds no support yet,
and the shipped register of diplomatic signals, loaded once.
"""

from __future__ import annotations

import logging

from aidtrack.db import EventFilter, Store
from aidtrack.services import ledger

log = logging.getLogger(__name__)

__all__ = ["prepare"]


def prepare(store: Store, *, starter: bool = True, by: str | None = None) -> bool:
    """Fill an empty ledger with the starter data (if ``starter``) and load the signals register
    once; returns whether the starter data was loaded. Safe to call on every command."""
    from aidtrack.services import analysis, signals

    loaded = starter and analysis.load_starter_if_empty(store)
    if loaded:
        log.info("The ledger was empty: loaded the starter data")
    if store.count("events", EventFilter(origin="signals", current=None)) == 0:
        signals.import_signals(store, by=by or ledger.current_user())
    return loaded
