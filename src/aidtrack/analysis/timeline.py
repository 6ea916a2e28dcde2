"""Support over time: per period and cumulative, by stage and category.

timeline(support, "KOR").tail(3)
commitment_gap(support, donors=["KOR", "JPN"])
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from aidtrack.analysis import _actors
from aidtrack.analysis._frames import (
    STAGES,
    category_labels,
    check_choice,
    select_support,
)

FREQUENCIES: tuple[str, ...] = ("M", "Q", "Y")
TIMELINE_COLUMNS: tuple[str, ...] = ("period", "stage", "category", "amount_eur", "cumulative_eur")
GAP_COLUMNS: tuple[str, ...] = (
    "donor",
    "name",
    "commitment_eur",
    "allocation_eur",
    "delivery_eur",
    "unallocated_eur",
    "allocated_pct",
    "delivered_pct",
)


def timeline(
    support: pd.DataFrame,
    donor: str | None = None,
    *,
    stage: str | None = None,
    freq: str = "M",
) -> pd.DataFrame:
    """Support per period and cumulative, one row per period x stage x category.

    ``donor=None`` sums all donors. Periods with nothing are filled with 0 so the
    cumulative lines are continuous. ``category`` is "unspecified" where the
    source gives totals only. Undated support (NaT) cannot be placed in time: its
    sum is in ``result.attrs["undated_eur"]``.
    """
    freq = check_choice(freq, [f.lower() for f in FREQUENCIES], field="frequency") or "m"
    rows = select_support(support, stage=stage, donors=None if donor is None else [donor])
    dated = rows.loc[rows["date"].notna()]
    undated = float(rows.loc[rows["date"].isna(), "amount_eur"].sum())
    if dated.empty:
        empty = pd.DataFrame({c: pd.Series(dtype=object) for c in TIMELINE_COLUMNS})
        empty.attrs["undated_eur"] = undated
        return empty
    keys = pd.DataFrame(
        {
            "period": dated["date"].dt.to_period(freq.upper()).dt.start_time,
            "stage": dated["stage"].astype(str),
            "category": category_labels(dated["category"]),
        }
    )
    sums = dated["amount_eur"].groupby([keys["period"], keys["stage"], keys["category"]]).sum()
    out = _fill_periods(sums, freq=freq.upper())
    out["cumulative_eur"] = out.groupby(["stage", "category"])["amount_eur"].cumsum()
    out.attrs["undated_eur"] = undated
    return out[list(TIMELINE_COLUMNS)]


def _fill_periods(sums: pd.Series, *, freq: str) -> pd.DataFrame:
    """``sums`` (indexed by period, stage, category) on a full grid of periods, zeros filled in."""
    periods = pd.period_range(
        sums.index.get_level_values("period").min(), sums.index.get_level_values("period").max(), freq=freq
    ).start_time
    series = sums.index.droplevel("period").unique()
    grid = pd.MultiIndex.from_tuples(
        [(p, s, c) for s, c in series for p in periods], names=["period", "stage", "category"]
    )
    full = sums.reindex(grid, fill_value=0.0).rename("amount_eur").reset_index()
    order = {s: i for i, s in enumerate(STAGES)}
    full["_stage"] = full["stage"].map(order)
    full = full.sort_values(["_stage", "stage", "category", "period"], kind="stable")
    return full.drop(columns="_stage").reset_index(drop=True)


def commitment_gap(
    support: pd.DataFrame,
    *,
    donors: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Per donor: commitments vs allocations (and deliveries where known).

    ``unallocated_eur`` = commitments - allocations (negative where allocations
    exceed commitments, e.g. stock transfers booked without a budget commitment);
    ``allocated_pct`` and ``delivered_pct`` are shares of commitments.
    ``delivery_eur`` is missing for donors without delivery records.
    Sorted by ``unallocated_eur``, largest first.
    """
    rows = select_support(support, donors=None if donors is None else list(donors))
    sums = rows.groupby(["donor", "stage"])["amount_eur"].sum().unstack()
    sums = sums.reindex(columns=list(STAGES))
    sums[["commitment", "allocation"]] = sums[["commitment", "allocation"]].fillna(0.0)
    out = pd.DataFrame(
        {
            "commitment_eur": sums["commitment"],
            "allocation_eur": sums["allocation"],
            "delivery_eur": sums["delivery"],
        }
    )
    out["unallocated_eur"] = out["commitment_eur"] - out["allocation_eur"]
    committed = out["commitment_eur"].where(out["commitment_eur"] > 0)
    out["allocated_pct"] = out["allocation_eur"] / committed * 100
    out["delivered_pct"] = out["delivery_eur"] / committed * 100
    out = out.rename_axis("donor").reset_index()
    out.insert(1, "name", out["donor"].map(_actors.names(out["donor"])))
    out = out.sort_values(["unallocated_eur", "donor"], ascending=[False, True], kind="stable")
    return out[list(GAP_COLUMNS)].reset_index(drop=True)
