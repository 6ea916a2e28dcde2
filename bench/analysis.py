"""Time rank / compare / timeline / brief on ledgers of growing size, on SQLite and PostgreSQL.

Usage: python bench/analysis.py [--sizes 100000 1000000] [--postgres URL] [--repeat 3]
       [--work /tmp/aidtrack-bench-analysis] [--old-up-to 1000000] [--skip-sqlite]

Ledgers: the shipped starter data alone, and the starter data plus ``n`` synthetic
support rows for each size (bench/scale.py's generator: 30 donors, dates over 1,400
days, three origins, 90% confirmed), bulk-inserted (executemany on SQLite, COPY on
PostgreSQL). They are kept between runs: SQLite files under ``--work`` and one schema
per size (``bench_analysis_<n>``) in the PostgreSQL database of ``--postgres``.

For each operation three timings, best of ``--repeat`` (the old path once at large sizes):

- ``old``: the record-level frame (every counted record read into pandas), then the
  analysis in pandas, as before the totals were summed in SQL (``brief`` read it twice);
- ``first``: the first answer after a write: the ledger version, the totals read from
  the groups the database keeps (``support_totals``, summed again by every write), the
  analysis in pandas on that small table;
- ``next``: the next command (a new process) on an unchanged ledger: the totals of
  this version are read from the cache folder instead of grouped again;
- ``warm``: the same call again in one process (a server) on an unchanged ledger.

Prints the seconds per operation, ledger and path, and the ratio of the largest
ledger to the starter ledger.
A ledger built here by bulk inserts has its kept totals summed once, before any timing.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from aidtrack import analysis
from aidtrack.db import Store, aggregate
from aidtrack.services import analysis as service
from aidtrack.services import imports, ledger
from aidtrack.services import report as report_service
from bench import scale

CACHE_HOME = Path("/tmp/aidtrack-bench-analysis/cache")  # the bench's own cache folder (set in main)
DEFAULT_POSTGRES = "postgresql+psycopg://q:aidtrack@127.0.0.1:5432/q"
STARTER = 0


# -- ledgers -------------------------------------------------------------------------


def sqlite_url(work: Path, size: int) -> str:
    return f"sqlite:///{work / f'ledger-{size}.db'}"


def postgres_url(base: str, size: int) -> str:
    joiner = "&" if "?" in base else "?"
    return f"{base}{joiner}options=-csearch_path%3Dbench_analysis_{size}"


def ledger_store(kind: str, url: str, size: int, *, base: str | None = None) -> Store:
    """The ledger of ``size`` synthetic rows plus the starter data, built once and kept."""
    if kind == "postgres" and base is not None:
        _ensure_schema(base, f"bench_analysis_{size}")
    store = ledger.open_store(url)
    if store.count("support", ledger.support_filter(current=None, limit=None)) >= size + 1:
        return store
    began = time.perf_counter()
    store = ledger.open_store(url, fresh=True)
    if kind == "postgres":
        _truncate(store)
    else:
        store.engine.dispose()
        Path(store.engine.url.database or "").unlink(missing_ok=True)
        store = ledger.open_store(url, fresh=True)
    imports.load_starter(store, by="bench")
    if size:
        fill = scale.fill_postgres if kind == "postgres" else scale.fill_sqlite
        fill(store, events=0, support=size, chunk=200_000)
        with store.transaction():
            pass  # sums the groups the bulk insert left pending into the kept totals
    print(
        f"  built {kind} ledger of {size:,} synthetic rows in {time.perf_counter() - began:.0f} s", flush=True
    )
    return store


def _ensure_schema(base: str, schema: str) -> None:
    engine = sa.create_engine(base)
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    engine.dispose()


def _truncate(store: Store) -> None:
    from aidtrack.db import schema

    with store.transaction() as conn:
        for table in reversed(schema.metadata.sorted_tables):
            if table.name not in ("actors", "memberships"):
                conn.execute(table.delete())


# -- the operations ------------------------------------------------------------------


def record_frames(store: Store) -> tuple[Any, Any]:
    """The old path: every counted record as a row of a pandas frame."""
    where = dataclasses.replace(ledger.support_filter(current=True, status="confirmed"), limit=None)
    support = store.support_frame(where)
    support = support[~support["origin"].isin(aggregate.EVIDENCE_ORIGINS)].reset_index(drop=True)
    return support, store.macro_frame()


def old_cases(store: Store) -> dict[str, Callable[[], Any]]:
    def brief() -> str:
        record_frames(store)  # the rules part of the report loaded the frames a second time
        support, macro = record_frames(store)
        return analysis.render_report_text(analysis.build_report(support, macro, "KOR", peers="G7"))

    return {
        "rank --per gdp": lambda: analysis.rank(*record_frames(store), per="gdp"),
        "compare KOR --peers G7": lambda: analysis.compare(*record_frames(store), "KOR", peers="G7"),
        "timeline KOR": lambda: analysis.timeline(record_frames(store)[0], "KOR"),
        "brief KOR": brief,
    }


def new_cases(store: Store) -> dict[str, Callable[[], Any]]:
    return {
        "rank --per gdp": lambda: service.rank_donors(store=store, per="gdp"),
        "compare KOR --peers G7": lambda: service.compare_donors("KOR", store=store, peers="G7"),
        "timeline KOR": lambda: service.donor_timeline("KOR", store=store),
        "brief KOR": lambda: analysis.render_report_text(report_service.country_report("KOR", store=store)),
    }


def forget_everything() -> None:
    """As after a write: nothing cached in this process nor in the cache folder."""
    service.clear_cache()
    shutil.rmtree(CACHE_HOME / "aidtrack" / "totals", ignore_errors=True)


def best_of(func: Callable[[], Any], *, repeat: int, reset: Callable[[], None] | None = None) -> float:
    times = []
    for _ in range(repeat):
        if reset is not None:
            reset()
        began = time.perf_counter()
        func()
        times.append(time.perf_counter() - began)
    return min(times)


def measure(store: Store, size: int, args: argparse.Namespace) -> dict[tuple[str, str], float]:
    """Seconds per (operation, path) on one ledger."""
    out: dict[tuple[str, str], float] = {}
    if size <= args.old_up_to:
        for name, func in old_cases(store).items():
            out[(name, "old")] = best_of(func, repeat=args.repeat if size < 10**6 else 1)
    for name, func in new_cases(store).items():
        out[(name, "first")] = best_of(func, repeat=args.repeat, reset=forget_everything)
        out[(name, "next")] = best_of(func, repeat=args.repeat, reset=service.clear_cache)
        func()
        out[(name, "warm")] = best_of(func, repeat=args.repeat)
    totals = aggregate.support_totals(store)
    print(
        f"  {size:>9,} synthetic rows: {int(totals['records'].sum()):,} counted records in "
        f"{len(totals):,} total rows",
        flush=True,
    )
    return out


def print_table(kind: str, sizes: list[int], results: dict[int, dict[tuple[str, str], float]]) -> None:
    largest = sizes[-1]
    heads = ["starter" if s == STARTER else f"+{s:,}" for s in sizes]
    print(f"\n{kind}: seconds per operation (best of runs); ratio = largest / starter")
    print(f"{'operation':24} {'path':5} " + " ".join(f"{h:>11}" for h in heads) + f" {'ratio':>7}")
    for name in _names(results[STARTER]):
        for path in ("old", "first", "next", "warm"):
            if (name, path) not in results[STARTER]:
                continue
            cells = [results[s].get((name, path)) for s in sizes]
            text = " ".join(f"{c:11.3f}" if c is not None else f"{'-':>11}" for c in cells)
            big, small = results[largest].get((name, path)), results[STARTER][(name, path)]
            ratio = f"{big / small:7.1f}" if big is not None and small else f"{'-':>7}"
            print(f"{name:24} {path:5} {text} {ratio}")


def _names(result: dict[tuple[str, str], float]) -> list[str]:
    return list(dict.fromkeys(name for name, _ in result))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument(
        "--postgres",
        default=os.environ.get("AIDTRACK_BENCH_POSTGRES", DEFAULT_POSTGRES),
        help="PostgreSQL URL ('' to skip); one schema per ledger size is kept there.",
    )
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--old-up-to", type=int, default=10**6, help="Time the old path up to this size.")
    parser.add_argument("--work", type=Path, default=Path("/tmp/aidtrack-bench-analysis"))
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    global CACHE_HOME
    CACHE_HOME = args.work / "cache"
    os.environ["XDG_CACHE_HOME"] = str(CACHE_HOME)  # never the user's own cache folder
    sizes = [STARTER, *sorted(set(args.sizes) - {STARTER})]
    kinds = ([] if args.skip_sqlite else ["sqlite"]) + (["postgres"] if args.postgres else [])
    print(
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, load average {os.getloadavg()[0]:.2f} "
        f"on {os.cpu_count()} CPUs",
        flush=True,
    )
    for kind in kinds:
        results = {}
        for size in sizes:
            url = sqlite_url(args.work, size) if kind == "sqlite" else postgres_url(args.postgres, size)
            store = ledger_store(kind, url, size, base=args.postgres if kind == "postgres" else None)
            results[size] = measure(store, size, args)
            store.engine.dispose()
        print_table(kind, sizes, results)
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
