"""Time rank / compare / timeline on Kiel's full R29 data and on a synthetic ledger 100x larger.

Usage: python bench/analysis.py [--scale 100] [--repeat 3] [--shared ../shared]

The R29 website data (../shared/data/kiel/release29_website_csv) becomes a support
frame (allocations per category, commitments as totals, per donor and month) and a
macro frame (Kiel GDP 2021, EU keys). The synthetic ledger copies every row
``scale`` times with perturbed donors (new codes), dates (shifted 0-11 months) and
amounts (x0.5-1.5). Prints the best of ``repeat`` runs for each and the ratio.
"""

from __future__ import annotations

import argparse
import string
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from aidtrack.analysis import build_report, commitment_gap, compare, rank, timeline

REPO = Path(__file__).resolve().parents[1]


def read_r29(shared: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Support and macro frames from Kiel's R29 website CSVs."""
    folder = shared / "data" / "kiel" / "release29_website_csv"
    explorer = pd.read_csv(folder / "data_explorer.csv")
    date = pd.to_datetime(explorer[["year", "month"]].assign(day=1))
    parts = [pd.DataFrame({"donor": explorer["iso"], "category": c, "stage": "allocation", "date": date,
                           "amount_eur": explorer[c] * 1e9}) for c in ("military", "humanitarian", "financial")]
    parts.append(pd.DataFrame({"donor": explorer["iso"], "category": None, "stage": "commitment", "date": date,
                               "amount_eur": explorer["commitments"] * 1e9}))
    support = pd.concat(parts, ignore_index=True).assign(recipient="UKR", origin="kiel", source_url=None)
    gdp = explorer.groupby("iso")["gdp"].first()
    shares = pd.read_csv(folder / "eu_aid_shares.csv").set_index("iso")["eu_share_bn"]
    macro = pd.concat([
        pd.DataFrame({"actor": gdp.index, "indicator": "gdp_eur_kiel_2021", "year": 2021,
                      "value": gdp.to_numpy() * 1e9}),
        pd.DataFrame({"actor": shares.index, "indicator": "eu_share", "year": 2026,
                      "value": (shares / shares.sum()).to_numpy()}),
    ], ignore_index=True)
    return support, macro


def _code(donor: str, copy: int) -> str:
    letters = string.ascii_uppercase
    return donor if copy == 0 else f"{donor[:3]}{letters[copy // 26 % 26]}{letters[copy % 26]}"


def synthetic(support: pd.DataFrame, macro: pd.DataFrame, *, scale: int,
              seed: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``scale`` perturbed copies of the ledger (copy 0 keeps the real donors, so peers still resolve)."""
    rng = np.random.default_rng(seed)
    copies, macros = [], [macro]
    for copy in range(scale):
        rows = support.copy()
        rows["donor"] = rows["donor"].map(lambda d, c=copy: _code(d, c))
        shift = rng.integers(0, 12, size=len(rows)) if copy else np.zeros(len(rows), dtype=int)
        months = rows["date"].dt.year * 12 + rows["date"].dt.month - 1 + shift
        rows["date"] = pd.to_datetime(pd.DataFrame({"year": months // 12, "month": months % 12 + 1, "day": 1}))
        rows["amount_eur"] = rows["amount_eur"] * (rng.uniform(0.5, 1.5, size=len(rows)) if copy else 1.0)
        copies.append(rows)
        if copy:
            gdp = macro[macro["indicator"] == "gdp_eur_kiel_2021"]
            macros.append(gdp.assign(actor=gdp["actor"].map(lambda d, c=copy: _code(d, c))))
    return pd.concat(copies, ignore_index=True), pd.concat(macros, ignore_index=True)


def best_of(func: Callable[[], Any], *, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def cases(support: pd.DataFrame, macro: pd.DataFrame) -> dict[str, Callable[[], Any]]:
    return {
        "rank (EUR)": lambda: rank(support, macro),
        "rank --per gdp --eu-shares": lambda: rank(support, macro, per="gdp", include_eu_shares=True),
        "compare KOR --peers G7": lambda: compare(support, macro, "KOR", peers="G7"),
        "compare KOR --peers OECD": lambda: compare(support, macro, "KOR", peers="OECD"),
        "timeline (all donors)": lambda: timeline(support),
        "timeline KOR": lambda: timeline(support, "KOR"),
        "commitment_gap": lambda: commitment_gap(support),
        "build_report KOR": lambda: build_report(support, macro, "KOR"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args(argv)
    if not (args.shared / "data" / "kiel").exists():
        print(f"No Kiel data under {args.shared}; pass --shared PATH.", file=sys.stderr)
        return 1
    support, macro = read_r29(args.shared)
    big, big_macro = synthetic(support, macro, scale=args.scale)
    print(f"full R29: {len(support):,} rows, {support['donor'].nunique()} donors; "
          f"synthetic x{args.scale}: {len(big):,} rows, {big['donor'].nunique()} donors; best of {args.repeat}")
    print(f"{'operation':30} {'full (ms)':>10} {'x' + str(args.scale) + ' (ms)':>12} {'ratio':>7}")
    small_cases, big_cases = cases(support, macro), cases(big, big_macro)
    for name in small_cases:
        small = best_of(small_cases[name], repeat=args.repeat)
        large = best_of(big_cases[name], repeat=args.repeat)
        print(f"{name:30} {small * 1000:10.1f} {large * 1000:12.1f} {large / small:7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
