"""Shared helpers: check and filter the support and macro frames, look up macro values.

The support frame has one row per support record, or per group of records: ``donor``,
``recipient``, ``category`` (military, humanitarian, financial or None = not broken
down), ``stage`` (commitment, allocation, delivery), ``date`` (NaT = unknown),
``amount_eur``, ``origin``, ``source_url``. The ledger hands the analyses totals
summed in the database (:func:`aidtrack.db.aggregate.support_totals`): one row per
donor, recipient, category, stage, month, origin and source, where ``date`` is the
group's earliest date, ``last_date`` its latest and ``records`` how many records it
sums. Every function here gives the same figures on either shape. The macro frame
has ``actor``, ``indicator``, ``year`` and ``value``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from typing import Any, TypeAlias

import pandas as pd

from aidtrack.errors import ValidationError
from aidtrack.models import Category, Stage, values

CATEGORIES: tuple[str, ...] = tuple(values(Category))
UNSPECIFIED = "unspecified"
STAGES: tuple[str, ...] = tuple(values(Stage))
EU_INSTITUTIONS: tuple[str, ...] = ("EU", "EIB")
SUPPORT_REQUIRED: tuple[str, ...] = ("donor", "category", "stage", "date", "amount_eur")
MACRO_REQUIRED: tuple[str, ...] = ("actor", "indicator", "year", "value")
KIEL_GDP = "gdp_eur_kiel_2021"
DateLike: TypeAlias = dt.date | str | pd.Timestamp | None


def check_columns(frame: pd.DataFrame, required: Sequence[str], *, name: str) -> None:
    """Raise ValidationError naming the missing columns of ``frame``."""
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise ValidationError(
            f"The {name} frame lacks column(s) {', '.join(missing)} (has: "
            f"{', '.join(map(str, frame.columns)) or 'none'}); build it with "
            f"store.{name}_frame() or add those columns."
        )


def check_choice(value: str | None, allowed: Sequence[str], *, field: str) -> str | None:
    """``value`` lower-cased if it is one of ``allowed`` (None passes)."""
    if value is None:
        return None
    text = str(value).strip().lower()
    if text not in allowed:
        raise ValidationError(f'Unknown {field} "{value}"; use one of: {", ".join(allowed)}.')
    return text


def to_timestamp(value: DateLike, *, field: str) -> pd.Timestamp | None:
    """A date-like value as a Timestamp, or a ValidationError quoting it."""
    if value is None or value == "":
        return None
    try:
        return pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ValidationError(
            f'{field} "{value}" is not a date; write it as YYYY-MM-DD, e.g. 2023-03-01.'
        ) from None


def category_labels(category: pd.Series) -> pd.Series:
    """Categories with None/NaN shown as "unspecified" (e.g. Kiel's monthly commitment totals)."""
    return category.astype("object").where(category.notna(), UNSPECIFIED).astype(str)


def select_support(
    support: pd.DataFrame,
    *,
    stage: str | None = None,
    category: str | None = None,
    donors: Iterable[str] | None = None,
    start: DateLike = None,
    end: DateLike = None,
    recipient: str | None = None,
) -> pd.DataFrame:
    """Rows of ``support`` matching every given filter; undated rows drop out when a period is given."""
    check_columns(support, SUPPORT_REQUIRED, name="support")
    mask = pd.Series(True, index=support.index)
    if stage is not None:
        mask &= support["stage"] == check_choice(stage, STAGES, field="stage")
    if category is not None:
        mask &= support["category"] == check_choice(category, CATEGORIES, field="category")
    if donors is not None:
        mask &= support["donor"].isin(list(donors))
    if recipient is not None and "recipient" in support.columns:
        mask &= support["recipient"] == recipient
    begin, finish = to_timestamp(start, field="start"), to_timestamp(end, field="end")
    check_cut(support, begin=begin, finish=finish)
    if begin is not None:
        mask &= support["date"] >= begin
    if finish is not None:
        mask &= support["date"] <= finish
    return support.loc[mask]


def check_cut(support: pd.DataFrame, *, begin: pd.Timestamp | None, finish: pd.Timestamp | None) -> None:
    """Refuse to cut totals inside a group (its records fall on both sides of the date).

    Totals grouped by month can only be cut exactly at their group boundaries; a
    period that falls inside a month must be given when the totals are loaded
    (``services.analysis.load_frames(store, start=..., end=...)``), where SQL cuts it
    to the day. Record-level frames (no ``last_date`` column) are always exact.
    """
    if "last_date" not in support.columns or (begin is None and finish is None):
        return
    first, last = support["date"], support["last_date"]
    inside = pd.Series(False, index=support.index)
    if begin is not None:
        inside |= (first < begin) & (last >= begin)
    if finish is not None:
        inside |= (first <= finish) & (last > finish)
    if inside.any():
        row = support.loc[inside].iloc[0]
        cut = begin if begin is not None and first[inside].iloc[0] < begin <= last[inside].iloc[0] else finish
        raise ValidationError(
            f"The support totals group records of {row['donor']} from {row['date'].date()} to "
            f"{row['last_date'].date()}, so they cannot be cut at {pd.Timestamp(cut).date()}; load them "
            f"for that period instead: services.analysis.load_frames(store, start=..., end=...)."
        )


def macro_latest(macro: pd.DataFrame, indicator: str) -> pd.Series:
    """The latest value of ``indicator`` per actor (a Series indexed by actor code)."""
    check_columns(macro, MACRO_REQUIRED, name="macro")
    rows = macro.loc[macro["indicator"] == indicator, ["actor", "year", "value"]]
    rows = rows.dropna(subset=["value"]).sort_values("year", na_position="first")
    latest = rows.groupby("actor", sort=True).tail(1).set_index("actor")
    return latest["value"].astype(float)


def macro_year(macro: pd.DataFrame, indicator: str) -> pd.Series:
    """The year of the latest value of ``indicator`` per actor."""
    rows = macro.loc[macro["indicator"] == indicator, ["actor", "year", "value"]].dropna(subset=["value"])
    return rows.sort_values("year", na_position="first").groupby("actor").tail(1).set_index("actor")["year"]


@functools.lru_cache(maxsize=32)
def usd_per_eur(year: int) -> float:
    """The ECB reference rate (US$ per €) averaged over ``year``, from the bundled ECB history."""
    from currency_converter import RateNotFoundError

    converter = _converter()
    rates = []
    day = dt.date(year, 1, 1)
    while day.year == year:
        with contextlib.suppress(RateNotFoundError):  # weekends and holidays
            rates.append(converter.convert(1.0, "EUR", "USD", date=day))
        day += dt.timedelta(days=1)
    if not rates:
        raise ValidationError(f"No ECB US$/€ rate for {year}; use gdp='kiel' or add GDP for an earlier year.")
    return float(sum(rates) / len(rates))


@functools.lru_cache(maxsize=1)
def _converter() -> Any:
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=False)


def gdp_eur(macro: pd.DataFrame, *, basis: str) -> tuple[pd.Series, str]:
    """GDP in EUR per actor and a label saying which GDP it is.

    ``basis="kiel"``: Kiel's fixed 2021 GDP in EUR (as Kiel computes % of GDP);
    ``basis="current"``: latest WDI GDP in current US$, converted at the ECB
    average rate of its year.
    """
    basis = check_choice(basis, ("kiel", "current"), field="GDP basis") or "kiel"
    if basis == "kiel":
        gdp = macro_latest(macro, KIEL_GDP)
        return gdp[gdp > 0], "Kiel GDP 2021, EUR"
    usd = macro_latest(macro, "gdp_usd")
    years = macro_year(macro, "gdp_usd").reindex(usd.index)
    rates = pd.Series({a: usd_per_eur(int(y)) for a, y in years.items()}, dtype=float)
    label_years = [str(y) for y in sorted({int(y) for y in years})] or ["n/a"]
    label = f"WDI GDP {'/'.join(label_years)}, current US$ converted at the ECB annual average rate"
    gdp = usd / rates.reindex(usd.index)
    return gdp[gdp > 0], label


def eu_keys(macro: pd.DataFrame) -> pd.Series:
    """Kiel's keys for attributing EU-institution aid to member states (fractions)."""
    return macro_latest(macro, "eu_share")


def attribute_eu(support: pd.DataFrame, macro: pd.DataFrame) -> pd.DataFrame:
    """``support`` with EU-institution rows replaced by each member's share (Kiel's keys)."""
    keys = eu_keys(macro)
    if keys.empty:
        raise ValidationError(
            "No eu_share values in the macro frame, so EU-level aid cannot be attributed; "
            "import Kiel's EU aid shares or drop include_eu_shares."
        )
    eu_rows = support["donor"].isin(EU_INSTITUTIONS)
    own, eu = support.loc[~eu_rows], support.loc[eu_rows]
    shares = [
        eu.assign(donor=member, amount_eur=eu["amount_eur"] * key, eu_attributed=True)
        for member, key in keys.items()
    ]
    return pd.concat([own.assign(eu_attributed=False), *shares], ignore_index=True)
