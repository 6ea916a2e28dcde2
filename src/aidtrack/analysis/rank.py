"""Rank donors by total support, by % of GDP or per capita, Kiel's way.

table = rank(support, macro, per="gdp")
table[["rank", "donor", "pct_gdp"]].head(3)
"""

from __future__ import annotations

import pandas as pd

from aidtrack.analysis import _actors
from aidtrack.analysis._frames import (
    CATEGORIES,
    UNSPECIFIED,
    DateLike,
    attribute_eu,
    category_labels,
    check_choice,
    gdp_eur,
    macro_latest,
    select_support,
)

PER: tuple[str, ...] = ("gdp", "capita")
CATEGORY_COLUMNS: tuple[str, ...] = tuple(f"{c}_eur" for c in (*CATEGORIES, UNSPECIFIED))
RANK_COLUMNS: tuple[str, ...] = (
    "rank",
    "donor",
    "name",
    "value_eur",
    "pct_gdp",
    "per_capita_eur",
    *CATEGORY_COLUMNS,
    "eu_share_eur",
    "gdp_eur",
    "gdp_basis",
    "population",
)
_MEASURE = {None: "value_eur", "gdp": "pct_gdp", "capita": "per_capita_eur"}


def rank(
    support: pd.DataFrame,
    macro: pd.DataFrame,
    *,
    category: str | None = None,
    stage: str = "allocation",
    per: str | None = None,
    start: DateLike = None,
    end: DateLike = None,
    include_eu_shares: bool = False,
    gdp: str = "kiel",
    recipient: str | None = None,
) -> pd.DataFrame:
    """Donors ranked by support of one ``stage`` (and ``category``) over a period.

    ``per=None`` ranks by ``value_eur``; ``"gdp"`` by ``pct_gdp`` (total / GDP x 100,
    with Kiel's fixed 2021 GDP in EUR when ``gdp="kiel"``, or the latest WDI GDP
    converted to EUR when ``gdp="current"``; ``gdp_basis`` says which); ``"capita"``
    by ``per_capita_eur`` (latest population). With ``include_eu_shares`` the aid
    of EU institutions is attributed to members with Kiel's keys (``eu_share``) and
    shown in ``eu_share_eur``; the institutions themselves leave the ranking.
    Donors without the measure (e.g. no GDP) come last with ``rank`` missing.
    """
    per = check_choice(per, PER, field="normalisation (per)")
    rows = select_support(support, stage=stage, category=category, start=start, end=end, recipient=recipient)
    if include_eu_shares:
        rows = attribute_eu(rows, macro)
    table = donor_totals(rows)
    table = add_measures(table, macro, gdp=gdp)
    return order_by(table, _MEASURE[per])


def donor_totals(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per donor: ``value_eur``, one ``<category>_eur`` column each, ``eu_share_eur``."""
    if rows.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype=float) for c in ("value_eur", *CATEGORY_COLUMNS)},
            index=pd.Index([], name="donor", dtype=object),
        )
    labels = category_labels(rows["category"]) + "_eur"
    wide = rows.groupby([rows["donor"], labels.rename("column")])["amount_eur"].sum().unstack(fill_value=0.0)
    wide = wide.reindex(columns=list(CATEGORY_COLUMNS), fill_value=0.0)
    wide.insert(0, "value_eur", wide.sum(axis=1))
    if "eu_attributed" in rows.columns:
        shared = rows.loc[rows["eu_attributed"].astype(bool)]
        wide["eu_share_eur"] = shared.groupby("donor")["amount_eur"].sum().reindex(wide.index).fillna(0.0)
    wide.columns.name = None
    return wide


def add_measures(table: pd.DataFrame, macro: pd.DataFrame, *, gdp: str = "kiel") -> pd.DataFrame:
    """``table`` (indexed by donor, with ``value_eur``) plus GDP, % of GDP, population and per capita."""
    gdp_values, basis = gdp_eur(macro, basis=gdp)
    out = table.copy()
    out["gdp_eur"] = gdp_values.reindex(out.index)
    out["pct_gdp"] = out["value_eur"] / out["gdp_eur"] * 100
    out["gdp_basis"] = basis
    out["population"] = macro_latest(macro, "population").reindex(out.index)
    out["per_capita_eur"] = out["value_eur"] / out["population"]
    return out


def order_by(table: pd.DataFrame, measure: str) -> pd.DataFrame:
    """``table`` sorted by ``measure`` (largest first), with ``rank``, ``donor`` and ``name`` columns."""
    out = table.rename_axis("donor").reset_index()
    out = out.sort_values([measure, "donor"], ascending=[False, True], na_position="last", kind="stable")
    out.insert(0, "rank", out[measure].rank(method="min", ascending=False).astype("Int64"))
    out.insert(2, "name", out["donor"].map(_actors.names(out["donor"].unique())))
    for column in RANK_COLUMNS:
        if column not in out.columns:
            out[column] = float("nan") if column != "gdp_basis" else None
    return out[list(RANK_COLUMNS)].reset_index(drop=True)
