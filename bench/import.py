"""Import throughput: rows per second for each real Kiel file, and the starter load time.

Usage: python bench/import.py [--shared ../shared]

Each file is imported into a fresh temporary SQLite database (read + store, one
transaction). The ECB rate table is loaded once before timing (about 1-3 s per process,
paid by the first conversion). Numbers vary with machine load; run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from aidtrack import currency as money
from aidtrack.db import Store
from aidtrack.importers import read_kiel
from aidtrack.services import imports
from aidtrack.services.ledger import open_store

REPO = Path(__file__).resolve().parents[1]
FILES = (
    ("Release 7 workbook", "data/kiel/release07_xlsx/Ukraine_Support_Tracker.xlsx", None),
    ("Release 12 CSV export (UTF-16)", "data/kiel/release12_main_data_csv/src_ukraine_support.csv", "12"),
    ("Release 28 derived table", "data/kiel/release28_derived_ukrainastotte", None),
    ("Release 29 website CSVs", "data/kiel/release29_website_csv", None),
)


def _fresh_store(folder: Path, name: str) -> Store:
    return open_store(f"sqlite:///{folder / name}.db", fresh=True)


def bench_file(label: str, path: Path, release: str | None, folder: Path) -> None:
    started = time.perf_counter()
    result = read_kiel(path, release=release)
    read_seconds = time.perf_counter() - started
    summary = imports.import_kiel(_fresh_store(folder, label.split()[1]), path, by="bench", release=release)
    print(
        f"{label:34} {summary.rows_read:6,} rows  {len(result.records):6,} records  "
        f"read {read_seconds:5.2f} s ({summary.rows_read / read_seconds:7,.0f} rows/s)  "
        f"read+store {summary.seconds:5.2f} s ({summary.rows_per_second:7,.0f} rows/s)"
    )


def bench_starter(folder: Path) -> None:
    store = _fresh_store(folder, "starter")
    started = time.perf_counter()
    summary = imports.load_starter(store, by="bench")
    seconds = time.perf_counter() - started
    again = time.perf_counter()
    imports.load_starter(store, by="bench")
    print(
        f"{'Starter dataset (Release 29)':34} {summary.rows_read:6,} rows  {summary.stored:6,} records  "
        f"load {seconds:5.2f} s; second load (unchanged) {time.perf_counter() - again:5.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared data folder")
    args = parser.parse_args()
    money.to_usd(1.0, "EUR", None)  # load the ECB table outside the timings
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for label, relative, release in FILES:
            path = args.shared / relative
            if path.exists():
                bench_file(label, path, release, folder)
            else:
                print(f"{label:34} skipped: {path} is absent")
        bench_starter(folder)


if __name__ == "__main__":
    main()
