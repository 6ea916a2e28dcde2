"""Rebuild the starter dataset (src/aidtrack/data/starter/) from Kiel's website CSVs in ../shared.

Usage: python scripts/build_starter.py [FOLDER]
FOLDER defaults to ../shared/data/kiel/release29_website_csv beside the checkout. Only
aggregated figures (donor x month x category x measure, GDP base, EU shares, population) are written;
the raw files are never copied into the repository.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from aidtrack.importers.starter import STARTER_DIR, write_starter

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "data" / "kiel" / "release29_website_csv"
WDI = REPO.parent / "shared" / "data" / "macro" / "wdi.json"


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT
    if not (folder / "release_info.csv").exists():
        print(f"{folder} has no release_info.csv; give the folder of Kiel's website CSVs.", file=sys.stderr)
        return 1
    meta = write_starter(folder, STARTER_DIR, wdi=WDI if WDI.exists() else None)
    size = sum(p.stat().st_size for p in STARTER_DIR.iterdir())
    print(
        f"Starter for release {meta['release']} ({meta['period']}) written to {STARTER_DIR}: "
        f"{meta['rows']} rows, {size / 1024:.0f} KB"
    )
    print(json.dumps(meta["totals_eur_bn"], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
