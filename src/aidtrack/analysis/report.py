"""A country report: the numbers behind ``aidtrack report`` and ``aidtrack brief``.

:func:`build_report` collects headline figures, the category breakdown, rank and
% of GDP, the timeline, the peer comparison with the step-up gap, and the sources.
Render it with :func:`aidtrack.analysis.brief.render_report_text` (terminal) or
:func:`aidtrack.analysis.report_html.render_report_html` (self-contained HTML).

    report = build_report(support, macro, "KOR", peers="G7")
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd

from aidtrack.analysis import _actors
from aidtrack.analysis._frames import (
    STAGES,
    DateLike,
    category_labels,
    check_columns,
    select_support,
    to_timestamp,
)
from aidtrack.analysis.compare import Comparison, compare
from aidtrack.analysis.rank import rank
from aidtrack.analysis.timeline import timeline
from aidtrack.errors import NotFoundError, ValidationError

KIEL_PUBLISHER = "Kiel Institute for the World Economy"
KIEL_TRACKER = "Ukraine Support Tracker"
KIEL_PAGE = "https://www.ifw-kiel.de/topics/war-against-ukraine/ukraine-support-tracker/"
NOT_SPLIT = "not split by category in this release"
MAX_SOURCE_URLS = 200


@dataclasses.dataclass(frozen=True)
class ReportSection:
    """An extra section of a report: a title, plain-text paragraphs and an optional table.

    Everything is plain text; renderers escape it (no HTML is passed through).
    """

    title: str
    paragraphs: Sequence[str] = ()
    columns: Sequence[str] = ()
    rows: Sequence[Sequence[object]] = ()


@dataclasses.dataclass(frozen=True)
class Citation:
    """One source of the figures: a label and, where known, a URL."""

    label: str
    url: str | None = None


"""Former name of :class:`Citation`, kept while :mod:`aidtrack.analysis` still exports it."""


@dataclasses.dataclass(frozen=True)
class Report:
    """Everything a country brief shows; DataFrames as returned by the analysis functions."""

    donor: str
    name: str
    as_of: dt.date | None
    stage: str
    peers: str
    headline: dict[str, Any]
    categories: pd.DataFrame
    ranking: pd.DataFrame
    timeline: pd.DataFrame
    comparison: Comparison | None
    notes: list[str]
    sources: list[Citation]
    sections: tuple[ReportSection, ...] = ()
    unsplit_stages: tuple[str, ...] = ()
    """Stages the source gives as totals only (no category split), e.g. Kiel's monthly commitments."""


def build_report(
    support: pd.DataFrame,
    macro: pd.DataFrame,
    donor: str,
    *,
    peers: str | Sequence[str] = "G7",
    as_of: DateLike = None,
    stage: str = "allocation",
    extra_sections: Sequence[ReportSection] = (),
    releases: Sequence[str] = (),
) -> Report:
    """Collect the figures of a country brief for ``donor`` (support up to ``as_of``).

    ``releases`` are the Kiel releases the ledger's current records come from (e.g. ``["29"]``),
    so the sources cite "Kiel Institute ..., Ukraine Support Tracker, Release 29".
    """
    check_columns(support, ("donor", "category", "stage", "date", "amount_eur"), name="support")
    when = to_timestamp(as_of, field="as_of")
    rows = select_support(support, end=when)
    own = rows.loc[rows["donor"] == donor]
    if own.empty:
        raise NotFoundError(
            f'No support from "{donor}" in the ledger{_until(when)}; check the code '
            "(`aidtrack rank` lists donors) or import data first (`aidtrack import kiel`)."
        )
    ranking = rank(rows, macro, stage=stage, per="gdp")
    notes: list[str] = []
    comparison = _comparison(rows, macro, donor, peers=peers, stage=stage, as_of=when, notes=notes)
    categories = category_breakdown(own)
    return Report(
        donor=donor,
        name=_actors.actor_name(donor),
        as_of=when.date() if when is not None else None,
        stage=stage,
        peers=peers if isinstance(peers, str) else ",".join(peers),
        headline=_headline(rows, macro, donor, stage=stage, ranking=ranking),
        categories=categories,
        ranking=ranking,
        timeline=timeline(own, donor),
        comparison=comparison,
        notes=notes,
        sources=sources(own, releases=releases),
        sections=tuple(extra_sections),
        unsplit_stages=unsplit_stages(categories),
    )


def _until(when: pd.Timestamp | None) -> str:
    return f" up to {when.date()}" if when is not None else ""


def _comparison(
    rows: pd.DataFrame,
    macro: pd.DataFrame,
    donor: str,
    *,
    peers: str | Sequence[str],
    stage: str,
    as_of: pd.Timestamp | None,
    notes: list[str],
) -> Comparison | None:
    try:
        result = compare(rows, macro, donor, peers=peers, stage=stage, as_of=as_of)
    except ValidationError as ex:
        notes.append(f"No peer comparison: {ex}")
        return None
    if result.missing_peers:
        notes.append(
            "Peers left out (no support records or no GDP): " + ", ".join(result.missing_peers) + "."
        )
    return result


def _headline(
    rows: pd.DataFrame, macro: pd.DataFrame, donor: str, *, stage: str, ranking: pd.DataFrame
) -> dict[str, Any]:
    """Totals per stage, % of GDP, per capita and the donor's rank by value and by % of GDP."""
    own = rows.loc[rows["donor"] == donor]
    totals = {f"{s}_eur": float(own.loc[own["stage"] == s, "amount_eur"].sum()) for s in STAGES}
    has_delivery = bool((own["stage"] == "delivery").any())
    line = ranking.loc[ranking["donor"] == donor].iloc[0] if donor in set(ranking["donor"]) else None
    by_value = rank(rows, macro, stage=stage)
    value_rank = by_value.loc[by_value["donor"] == donor, "rank"]
    return {
        **totals,
        "delivery_known": has_delivery,
        "value_eur": totals[f"{stage}_eur"],
        "pct_gdp": None if line is None else _float(line["pct_gdp"]),
        "per_capita_eur": None if line is None else _float(line["per_capita_eur"]),
        "gdp_basis": None if line is None else line["gdp_basis"],
        "rank_pct_gdp": None if line is None or pd.isna(line["rank"]) else int(line["rank"]),
        "ranked_pct_gdp": int(ranking["rank"].notna().sum()),
        "rank_value": int(value_rank.iloc[0]) if len(value_rank) and pd.notna(value_rank.iloc[0]) else None,
        "ranked_value": len(by_value),
        "first_date": _date(own["date"].min()),
        "last_date": _date((own["last_date"] if "last_date" in own else own["date"]).max()),
    }


def _float(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _date(value: Any) -> str | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def category_breakdown(own: pd.DataFrame) -> pd.DataFrame:
    """Per category: one ``<stage>_eur`` column per stage present, and each category's share of the total."""
    labels = category_labels(own["category"])
    wide = own.groupby([labels.rename("category"), own["stage"]])["amount_eur"].sum().unstack(fill_value=0.0)
    wide = wide.reindex(columns=[s for s in STAGES if s in wide.columns])
    wide.columns = [f"{s}_eur" for s in wide.columns]
    return wide.reset_index()


def unsplit_stages(categories: pd.DataFrame) -> tuple[str, ...]:
    """Stages of a :func:`category_breakdown` with an amount only in "unspecified" (no category split).

    Kiel's monthly data gives commitments per donor and month only: the table should
    say so instead of showing EUR 0 for each category.
    """
    if "category" not in categories:
        return ()
    named = categories["category"] != "unspecified"
    found = []
    for column in (c for c in categories.columns if c.endswith("_eur")):
        values = categories[column].fillna(0.0)
        if values[~named].abs().sum() > 0 and values[named].abs().sum() == 0:
            found.append(column.removesuffix("_eur"))
    return tuple(found)


def sources(own: pd.DataFrame, *, releases: Sequence[str] = ()) -> list[Citation]:
    """Kiel citation per release (for Kiel rows) and the distinct source URLs of the donor's records.

    The release comes from ``releases`` (as recorded by the import) or from a
    ``source_title`` column ("Ukraine Support Tracker, Release 29"); without either,
    the tracker is cited without a release.
    """
    found: list[Citation] = [Citation(label, url) for label, url in _kiel_citations(own, releases=releases)]
    origins = sorted({str(o) for o in own.get("origin", pd.Series(dtype=object)).dropna()})
    others = [o for o in origins if not o.lower().startswith("kiel")]
    if others:
        found.append(Citation("Other records: " + ", ".join(others) + "."))
    counts = _records_per_url(own)
    found.extend(Citation(f"{n} record(s)", url) for url, n in counts.head(MAX_SOURCE_URLS).items())
    if len(counts) > MAX_SOURCE_URLS:
        found.append(
            Citation(
                f"... and {len(counts) - MAX_SOURCE_URLS} more source URLs (see `aidtrack list support`)."
            )
        )
    return found


def _records_per_url(own: pd.DataFrame) -> pd.Series:
    """How many records cite each source URL, most first (``records`` counts a totals row's records)."""
    if "source_url" not in own:
        return pd.Series(dtype="int64")
    urls = own["source_url"].astype("string").str.strip()
    weights = own["records"] if "records" in own else pd.Series(1, index=own.index)
    cited = urls.notna() & (urls != "")
    return (
        weights[cited].groupby(urls[cited]).sum().astype("int64").sort_values(ascending=False, kind="stable")
    )


def _kiel_citations(own: pd.DataFrame, *, releases: Sequence[str] = ()) -> list[tuple[str, str]]:
    """One citation per Kiel release among the rows: "Kiel Institute ..., Ukraine Support Tracker, Release 29"."""
    origin = own.get("origin", pd.Series(index=own.index, dtype=object)).fillna("").astype(str)
    kiel = own.loc[origin.str.lower().str.startswith("kiel")]
    if kiel.empty:
        return []
    titles = kiel.get("source_title", pd.Series(index=kiel.index, dtype=object)).dropna().astype(str)
    named = {f"{KIEL_TRACKER}, Release {str(r).strip()}" for r in releases if str(r).strip()}
    cited = sorted(
        named | {t.strip() for t in titles if KIEL_TRACKER in t and "Release" in t}, key=_release_key
    )
    if not cited:
        return [(f"{KIEL_PUBLISHER}, {KIEL_TRACKER}", KIEL_PAGE)]
    return [(f"{KIEL_PUBLISHER}, {title}", KIEL_PAGE) for title in cited]


def _release_key(title: str) -> tuple[int, str]:
    digits = "".join(ch for ch in title.rsplit("Release", 1)[-1] if ch.isdigit())
    return (int(digits) if digits else 0, title)
