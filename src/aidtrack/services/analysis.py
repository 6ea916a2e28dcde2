"""Use cases for analysis: the ledger's totals, the analyses and charts over them, JSON views.

The analyses read support totals summed in the database (:mod:`aidtrack.db.aggregate`
decides what counts), loaded once per ledger version and period. Results of the
analyses are cached per ledger version too, in this process (the CLI and each server
worker): any write, import or review decision changes the version, so a cached answer
never outlives the figures it was computed from. :func:`ledger_etag` gives the
version as an HTTP entity tag.

    frames = open_frames()
    rank_donors(frames=frames, per="gdp")
"""

from __future__ import annotations

import collections
import datetime as dt
import functools
import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, Self, TypeVar

import pandas as pd

from aidtrack import analysis, cachefiles
from aidtrack.analysis import Comparison
from aidtrack.analysis._frames import to_timestamp
from aidtrack.db import Store, aggregate
from aidtrack.errors import ValidationError
from aidtrack.services import actors as actors_service
from aidtrack.services import ledger

__all__ = [
    "CHART_SUFFIXES",
    "EVIDENCE_ORIGINS",
    "Comparison",
    "Frames",
    "LedgerFrames",
    "clear_cache",
    "commitment_gap",
    "compare_donors",
    "comparison_dict",
    "donor_timeline",
    "etag_matches",
    "frame_records",
    "ledger_etag",
    "ledger_version",
    "load_frames",
    "load_starter_if_empty",
    "open_frames",
    "prepared_store",
    "rank_donors",
    "report_dict",
    "resolve_donor",
    "write_chart",
]

Frames = tuple[pd.DataFrame, pd.DataFrame]
CHART_SUFFIXES = (".html", ".htm", ".png")
EVIDENCE_ORIGINS = aggregate.EVIDENCE_ORIGINS
CACHE_SIZE = 128
DISK_FILES = 64  # totals files kept in the user's cache folder, newest first
DISK_FROM = 10_000
"""Totals of at least this many rows are also kept on disk: fewer are read from the ledger's kept
totals as quickly as from a file (and the next command need not load the Parquet reader)."""
T = TypeVar("T")

_CACHE: collections.OrderedDict[Hashable, Any] = collections.OrderedDict()
_LOCK = threading.Lock()


class LedgerFrames(tuple[pd.DataFrame, pd.DataFrame]):
    """(support totals, macro) of one ledger version; unpacks like the pair it is.

    It remembers its ledger, so an analysis asked for a period reloads the totals cut
    to that period (exact to the day) instead of cutting month totals in pandas.
    """

    store: Store
    version: tuple[int, ...]
    everything: bool

    def __new__(
        cls,
        support: pd.DataFrame,
        macro: pd.DataFrame,
        *,
        store: Store,
        version: tuple[int, ...],
        everything: bool = False,
    ) -> Self:
        self = super().__new__(cls, (support, macro))
        self.store, self.version, self.everything = store, version, everything
        return self


# -- the ledger's version and the per-version cache -----------------------------------


def ledger_version(store: Store | None = None) -> tuple[int, ...]:
    """The current version of the ledger (changes with every write, import and review decision)."""
    return aggregate.ledger_version(store if store is not None else ledger.open_store())


def ledger_etag(store: Store | None = None) -> str:
    """An HTTP ``ETag`` for the ledger's current version: equal tags mean equal figures.

    Besides the ledger it covers today's date (group membership and the rules in force
    default to today) and the aidtrack version (a new release may compute differently).
    """
    salt = f"{_release()}|{dt.date.today().isoformat()}"
    return aggregate.ledger_etag(store if store is not None else ledger.open_store(), salt=salt)


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (weak ``W/`` tags and ``*`` included).

    >>> etag_matches('W/"abc", "def"', '"abc"'), etag_matches(None, '"abc"'), etag_matches("*", '"x"')
    (True, False, True)
    """
    if not if_none_match:
        return False
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in tags or etag.removeprefix("W/") in tags


@functools.lru_cache(maxsize=1)
def _release() -> str:
    """The installed aidtrack version ("0" when run from a source tree that is not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("aidtrack")
    except PackageNotFoundError:
        return "0"


def clear_cache() -> None:
    """Forget every cached total and result (they are also dropped when the ledger changes)."""
    with _LOCK:
        _CACHE.clear()


def _cached(key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()`` once per ``key`` (which holds the ledger version); shared results, never mutate them."""
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]  # type: ignore[no-any-return]
    value = compute()
    with _LOCK:
        _CACHE[key] = value
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return value


def _day(value: Any, field: str) -> dt.date | None:
    """The first whole day a ``start`` (or the last an ``end``) takes in, read as the analyses read it."""
    stamp = to_timestamp(value, field=field)
    if stamp is None:
        return None
    if field == "start" and stamp != stamp.normalize():
        return (stamp.normalize() + pd.Timedelta(days=1)).date()
    return stamp.date()  # type: ignore[no-any-return]


# -- loading -------------------------------------------------------------------------


def load_frames(
    store: Store,
    *,
    everything: bool = False,
    start: Any = None,
    end: Any = None,
    by_month: bool = True,
    donors: tuple[str, ...] | None = None,
) -> LedgerFrames:
    """The counted support totals and the macro data of ``store``, once per ledger version.

    Records from the signals register and from news extraction are evidence of single
    events that the datasets (Kiel) already count; they are left out of the figures so
    nothing is counted twice, unless ``everything=True``. Imported datasets and records
    added by hand or through the API count. ``start``/``end`` keep only support dated
    in that period. The support frame holds one row per donor, recipient, category,
    stage, month, origin and source (see :mod:`aidtrack.db.aggregate`): count records
    with ``support["records"].sum()``, the latest date is ``support["last_date"].max()``.
    ``by_month=False`` sums each group's months too, for analyses of whole periods
    (far fewer rows on a large ledger); ``donors`` keeps only those donors.
    """
    first, last = _day(start, "start"), _day(end, "end")
    version = aggregate.ledger_version(store)
    options = (everything, first, last, by_month, donors)
    key = ("frames", store.url, version, *options)

    def load() -> tuple[pd.DataFrame, pd.DataFrame]:
        path = _disk_path(store, version, (*options, aggregate.TOTALS_COLUMNS, _release()))
        totals = _read_totals(path)
        if totals is None:
            totals = aggregate.support_totals(
                store, start=first, end=last, everything=everything, by_month=by_month, donors=donors
            )
            if len(totals) >= DISK_FROM:
                _write_totals(path, totals)
        return totals, store.macro_frame()

    support, macro = _cached(key, load)
    return LedgerFrames(support, macro, store=store, version=version, everything=everything)


# Large totals are also kept on disk per ledger version, so the next command (a new process)
# or another server worker reads them instead of reading the ledger's kept totals again.


def _disk_path(store: Store, version: tuple[int, ...], options: tuple[Any, ...]) -> Path | None:
    """Where the totals of this ledger version live in the user's cache (None for in-memory ledgers)."""
    if ledger.in_memory(store):
        return None
    name = f"{_digest(store.url)}-{_digest(repr(version))}-{_digest(repr(options))}.parquet"
    return cachefiles.folder("totals") / name


def _digest(text: str) -> str:
    return cachefiles.digest(text, 16)


def _read_totals(path: Path | None) -> pd.DataFrame | None:
    if path is None or not path.exists():
        return None
    try:
        return aggregate.typed_totals(pd.read_parquet(path))
    except (OSError, ValueError, ImportError):  # unreadable, half-written, or no parquet engine: group again
        return None


def _write_totals(path: Path | None, totals: pd.DataFrame) -> None:
    """Keep the totals (atomically) and drop the files of older versions of the same ledger."""
    if path is None or not cachefiles.keep(
        path, lambda partial: totals.to_parquet(partial, index=False), most=DISK_FILES
    ):
        return
    ledger_id, version_id = path.name.split("-")[:2]
    for old in path.parent.glob(f"{ledger_id}-*.parquet"):
        if old.name.split("-")[1] != version_id:
            old.unlink(missing_ok=True)


def open_frames(*, database_url: str | None = None, starter: bool = True) -> LedgerFrames:
    """Open the ledger and load its totals; an empty ledger first gets the shipped starter dataset.

    With ``starter=False`` an empty ledger gives empty frames.
    """
    return load_frames(prepared_store(database_url, starter=starter))


def prepared_store(database_url: str | None = None, *, starter: bool = True) -> Store:
    """The ledger of the settings, with the starter dataset loaded if it is empty."""
    from aidtrack.services import bootstrap

    store = ledger.open_store(database_url)
    bootstrap.prepare(store, starter=starter)
    return store


def load_starter_if_empty(store: Store) -> bool:
    """Load the shipped starter dataset into a ledger that has no support records yet."""
    if aggregate.has_support(store):
        return False
    from aidtrack.services import imports

    imports.load_starter(store, by=ledger.current_user())
    return True


def resolve_donor(name: str) -> str:
    """An actor code for a donor typed by a user ("South Korea", "kor" -> "KOR").

    A blank name raises :class:`~aidtrack.errors.UnknownActorError` like any unknown one.
    """
    return actors_service.resolve_actor(name)


# -- analyses over the ledger's totals -------------------------------------------------
# Each takes ``frames`` (support, macro) already loaded, else loads those of ``store``,
# else opens the ledger of the settings (with the starter data if it is empty). Frames
# loaded from a ledger (LedgerFrames) are reloaded cut to the period an analysis asks
# for, and the results are cached per ledger version. An analysis that loads its own
# frames loads only what it reads: a ranking or a comparison the totals summed over
# months, a donor's timeline that donor's months.


def _frames(
    frames: Frames | None,
    store: Store | None,
    *,
    start: Any = None,
    end: Any = None,
    by_month: bool = True,
    donors: tuple[str, ...] | None = None,
) -> Frames:
    if frames is None:
        store = store if store is not None else prepared_store()
        return load_frames(store, start=start, end=end, by_month=by_month, donors=donors)
    if isinstance(frames, LedgerFrames) and (start is not None or end is not None):
        return load_frames(frames.store, everything=frames.everything, start=start, end=end)
    return frames


def _analyse(name: str, frames: Frames, options: dict[str, Any], compute: Callable[[], T]) -> T:
    """``compute()``, cached per ledger version when ``frames`` come from a ledger."""
    if not isinstance(frames, LedgerFrames):
        return compute()
    key = (name, frames.store.url, frames.version, frames.everything, _hashable(options))
    return _cached(key, compute)


def _hashable(value: Any) -> Hashable:
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value  # type: ignore[no-any-return]


def rank_donors(*, frames: Frames | None = None, store: Store | None = None, **options: Any) -> pd.DataFrame:
    """Donors ranked by support (see :func:`aidtrack.analysis.rank` for ``options``)."""
    data = _frames(frames, store, start=options.get("start"), end=options.get("end"), by_month=False)
    return _analyse("rank", data, options, lambda: analysis.rank(data[0], data[1], **options))


def compare_donors(
    donor: str, *, frames: Frames | None = None, store: Store | None = None, **options: Any
) -> Comparison:
    """``donor`` (a code) against its peers (see :func:`aidtrack.analysis.compare` for ``options``)."""
    data = _frames(frames, store, end=options.get("as_of"), by_month=False)
    return _analyse(
        "compare",
        data,
        {"donor": donor, **options},
        lambda: analysis.compare(data[0], data[1], donor, **options),
    )


def donor_timeline(
    donor: str | None, *, frames: Frames | None = None, store: Store | None = None, **options: Any
) -> pd.DataFrame:
    """Support of ``donor`` (None: all donors) per period and cumulative."""
    data = _frames(frames, store, donors=None if donor is None else (donor,))
    return _analyse(
        "timeline", data, {"donor": donor, **options}, lambda: analysis.timeline(data[0], donor, **options)
    )


def commitment_gap(
    *, frames: Frames | None = None, store: Store | None = None, donors: list[str] | None = None
) -> pd.DataFrame:
    """Commitments vs allocations and deliveries per donor."""
    data = _frames(frames, store, by_month=False, donors=None if donors is None else tuple(donors))
    return _analyse("gap", data, {"donors": donors}, lambda: analysis.commitment_gap(data[0], donors=donors))


def write_chart(fig: Any, path: Path) -> Path:
    """Write a chart as a self-contained .html page or a .png image (by the file's suffix)."""
    suffix = path.suffix.lower()
    if suffix not in CHART_SUFFIXES:
        raise ValidationError(f'"{path}" ends neither in .html nor .png; name the chart file e.g. rank.html.')
    from aidtrack import charts  # plotly's writers load only when a chart is written

    if suffix == ".png":
        charts.write_png(fig, path)
    else:
        charts.write_html(fig, path)
    return path


# -- JSON-ready views ----------------------------------------------------------------


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of ``frame`` as dicts: missing values as None, timestamps as ISO dates."""
    out = frame.astype(object).where(frame.notna(), None)
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            out[column] = [None if v is None else pd.Timestamp(v).date().isoformat() for v in out[column]]
    return [{str(k): _plain(v) for k, v in row.items()} for row in out.to_dict(orient="records")]


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def comparison_dict(comparison: Any) -> dict[str, Any]:
    """A :class:`~aidtrack.analysis.Comparison` as plain data."""
    return {
        "donor": comparison.donor,
        "name": comparison.name,
        "peers": comparison.peers,
        "missing_peers": comparison.missing_peers,
        "stage": comparison.stage,
        "percentile": comparison.percentile,
        "as_of": _iso(comparison.as_of),
        "gdp_basis": comparison.gdp_basis,
        "table": frame_records(comparison.table),
        "values": frame_records(comparison.values),
    }


def report_dict(report: Any) -> dict[str, Any]:
    """A :class:`~aidtrack.analysis.Report` as plain data (without the full ranking)."""
    return {
        "donor": report.donor,
        "name": report.name,
        "as_of": _iso(report.as_of),
        "stage": report.stage,
        "peers": report.peers,
        "headline": report.headline,
        "categories": frame_records(report.categories),
        "comparison": None if report.comparison is None else comparison_dict(report.comparison),
        "timeline": frame_records(report.timeline),
        "notes": report.notes,
        "sources": [{"label": s.label, "url": s.url} for s in report.sources],
        "sections": [
            {
                "title": s.title,
                "paragraphs": list(s.paragraphs),
                "columns": list(s.columns),
                "rows": [list(map(str, r)) for r in s.rows],
            }
            for s in report.sections
        ],
    }


def _iso(value: Any) -> str | None:
    return None if value is None else value.isoformat()
