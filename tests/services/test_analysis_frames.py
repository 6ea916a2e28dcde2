"""Analysis counts the dataset's current, confirmed records, not news events on top of them."""

from __future__ import annotations

from aidtrack.db import Store
from aidtrack.services import analysis
from aidtrack.services.signals import import_signals
from tests.conftest import eur_support


def test_frames_count_the_dataset_once(starter_store: Store) -> None:
    store = starter_store
    support, _ = analysis.load_frames(store)
    kiel_total = support["amount_eur"].sum()
    import_signals(store)
    store.add_support(
        [eur_support("KOR", 1e9, category="military", stage="commitment", origin="extract")],
        by="t",
    )
    after, macro = analysis.load_frames(store)
    assert after["amount_eur"].sum() == kiel_total
    assert set(after["origin"]) == {"kiel"}
    everything, _ = analysis.load_frames(store, everything=True)
    assert set(everything["origin"]) == {"kiel", "signals", "extract"}
    store.add_support(
        [eur_support("KOR", 2.0, category="military", stage="commitment", origin="manual")],
        by="t",
    )
    assert analysis.load_frames(store)[0]["amount_eur"].sum() == kiel_total + 2.0
    assert {"gdp_eur_kiel_2021", "population", "eu_share"} <= set(macro["indicator"])
