"""Compare a donor with its peers and compute the "step-up" gap.

The step-up gap answers "what would it take to match the peers?": per category,
``gap_eur = max(0, p / 100 x donor_gdp - donor_value)`` where ``p`` is the peers'
median (or chosen percentile) of support as % of GDP.

    result = compare(support, macro, "KOR", peers="G7")
    result.table[["category", "donor_pct_gdp", "peer_pct_gdp", "gap_eur"]]
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from aidtrack.analysis import _actors
from aidtrack.analysis._frames import (
    CATEGORIES,
    SUPPORT_REQUIRED,
    UNSPECIFIED,
    DateLike,
    check_columns,
    gdp_eur,
    select_support,
    to_timestamp,
)
from aidtrack.analysis.rank import donor_totals
from aidtrack.errors import ValidationError

TABLE_COLUMNS: tuple[str, ...] = (
    "category",
    "donor_eur",
    "donor_pct_gdp",
    "peer_median_pct_gdp",
    "peer_pct_gdp",
    "rank",
    "of",
    "target_eur",
    "gap_eur",
)


@dataclasses.dataclass(frozen=True)
class Comparison:
    """A donor against its peers, per category and in total.

    ``table``: one row per category (and ``total``) with the donor's value and % of
    GDP, the peers' median and chosen percentile of % of GDP, the donor's rank among
    donor + peers by % of GDP (1 = highest, ``of`` = how many), ``target_eur``
    (percentile x donor GDP) and the step-up ``gap_eur``. ``values``: one row per
    actor and category (``actor``, ``name``, ``category``, ``value_eur``,
    ``pct_gdp``, ``is_donor``). ``missing_peers`` had no support rows or no GDP.
    """

    donor: str
    name: str
    peers: list[str]
    missing_peers: list[str]
    stage: str
    percentile: float
    as_of: dt.date | None
    gdp_basis: str
    table: pd.DataFrame
    values: pd.DataFrame

    def row(self, category: str = "total") -> dict[str, Any]:
        """The ``table`` row of one category as a dict."""
        found = self.table.loc[self.table["category"] == category]
        if found.empty:
            raise ValidationError(
                f'No category "{category}" in this comparison; use one of: {", ".join(self.table["category"])}.'
            )
        return dict(found.iloc[0])


def compare(
    support: pd.DataFrame,
    macro: pd.DataFrame,
    donor: str,
    *,
    peers: str | Sequence[str] = "G7",
    stage: str = "allocation",
    percentile: float = 50,
    as_of: DateLike = None,
    gdp: str = "kiel",
) -> Comparison:
    """Compare ``donor`` with ``peers`` (a group G7/NATO/EU/OECD or a list of codes).

    Group members are taken on ``as_of`` (default today), minus the donor; support
    is counted up to ``as_of`` (undated rows are then left out). Peers the frame
    does not track (no support rows at all) or without GDP are listed in
    ``missing_peers`` and left out of the median.
    """
    check_columns(support, SUPPORT_REQUIRED, name="support")
    if not 0 <= percentile <= 100:
        raise ValidationError(f"Percentile {percentile} is outside 0..100; use e.g. 50 for the median.")
    when = to_timestamp(as_of, field="as_of")
    gdp_values, basis = gdp_eur(macro, basis=gdp)
    if donor not in gdp_values.index:
        raise ValidationError(
            f'No GDP for donor "{donor}" in the macro frame; import macro data (Kiel GDP) first.'
        )
    tracked = set(support["donor"].unique())
    wanted = _actors.resolve_peers(
        peers, donor=donor, on=when.date() if when is not None else None, known=tracked
    )
    usable = [p for p in wanted if p in tracked and p in gdp_values.index]
    missing = [p for p in wanted if p not in usable]
    if not usable:
        raise ValidationError(
            f"None of the peers {', '.join(wanted)} has support rows and a GDP; choose other peers."
        )
    rows = select_support(support, stage=stage, end=when, donors=[donor, *usable])
    values = _values(rows, donor=donor, actors=[donor, *usable], gdp=gdp_values)
    table = _table(values, donor=donor, gdp=float(gdp_values[donor]), percentile=percentile)
    return Comparison(
        donor=donor,
        name=_actors.actor_name(donor),
        peers=usable,
        missing_peers=missing,
        stage=stage,
        percentile=float(percentile),
        as_of=when.date() if when is not None else None,
        gdp_basis=basis,
        table=table,
        values=values,
    )


def _values(rows: pd.DataFrame, *, donor: str, actors: list[str], gdp: pd.Series) -> pd.DataFrame:
    """Long frame: actor x category (plus total) with value_eur and pct_gdp."""
    wide = donor_totals(rows).reindex(actors).fillna(0.0)
    columns = {c: f"{c}_eur" for c in CATEGORIES}
    if wide[f"{UNSPECIFIED}_eur"].abs().sum() > 0:
        columns[UNSPECIFIED] = f"{UNSPECIFIED}_eur"
    columns["total"] = "value_eur"
    parts = [
        pd.DataFrame({"actor": actors, "category": c, "value_eur": wide[col].to_numpy()})
        for c, col in columns.items()
    ]
    long = pd.concat(parts, ignore_index=True)
    long["pct_gdp"] = long["value_eur"] / long["actor"].map(gdp) * 100
    long["is_donor"] = long["actor"] == donor
    long.insert(1, "name", long["actor"].map(_actors.names(actors)))
    return long


def _table(values: pd.DataFrame, *, donor: str, gdp: float, percentile: float) -> pd.DataFrame:
    """One row per category: donor vs peers and the step-up gap."""
    records = []
    for category, group in values.groupby("category", sort=False):
        own = group.loc[group["is_donor"]].iloc[0]
        peer_pct = group.loc[~group["is_donor"], "pct_gdp"].to_numpy(dtype=float)
        target_pct = float(np.percentile(peer_pct, percentile))
        target = target_pct / 100 * gdp
        records.append(
            {
                "category": category,
                "donor_eur": float(own["value_eur"]),
                "donor_pct_gdp": float(own["pct_gdp"]),
                "peer_median_pct_gdp": float(np.median(peer_pct)),
                "peer_pct_gdp": target_pct,
                "rank": int((peer_pct > own["pct_gdp"]).sum()) + 1,
                "of": len(peer_pct) + 1,
                "target_eur": target,
                "gap_eur": max(0.0, target - float(own["value_eur"])),
            }
        )
    return pd.DataFrame.from_records(records, columns=list(TABLE_COLUMNS))
