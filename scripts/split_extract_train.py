#!/usr/bin/env python3
"""Fix the split of ../shared/eval/train into a development and a validation part.

Usage: python scripts/split_extract_train.py [TRAIN_DIR] [--out FILE]

Within each name prefix ("ta-" .. "tg-") the articles are ordered by the SHA-1
of their name and the first 70% (rounded) go to the development part, the rest
to validation. The result is written to tests/extract/train_split.json and is
committed: rules and the learned filter are tuned on "development" only, and
"validation" estimates quality on articles nobody tuned on.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TRAIN = ROOT.parent / "shared" / "eval" / "train"
DEFAULT_OUT = ROOT / "tests" / "extract" / "train_split.json"
DEV_SHARE = 0.7


def split(names: list[str], share: float = DEV_SHARE) -> dict[str, list[str]]:
    """Per prefix, order names by hash and give the first ``share`` to development."""
    groups: dict[str, list[str]] = defaultdict(list)
    for name in names:
        groups[name.split("-", 1)[0]].append(name)
    out: dict[str, list[str]] = {"development": [], "validation": []}
    for prefix in sorted(groups):
        ordered = sorted(groups[prefix], key=lambda n: hashlib.sha1(n.encode()).hexdigest())
        cut = round(len(ordered) * share)
        out["development"] += ordered[:cut]
        out["validation"] += ordered[cut:]
    return {k: sorted(v) for k, v in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("train", nargs="?", type=Path, default=DEFAULT_TRAIN)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    names = sorted(p.stem for p in args.train.glob("*.json"))
    if not names:
        raise SystemExit(f"No gold .json files in {args.train}")
    result = split(names)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"{len(result['development'])} development, {len(result['validation'])} validation -> {args.out}")


if __name__ == "__main__":
    main()
