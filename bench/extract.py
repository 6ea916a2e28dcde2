"""Benchmark event extraction on one core: articles/s and words/s.

Usage: python bench/extract.py [DIR] [--repeat N]

DIR defaults to ../shared/eval/dev. The spaCy model is loaded once and its
load time reported apart; the timed loop reads, parses and extracts every
article of DIR, N times (default 3), and reports the best run, beside the
parse alone and the rules without the learned scorer in the same run (the
machine may be shared: compare the ratios).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core, as the target is stated per core

from aidtrack.extract import extract_many, read_article  # noqa: E402
from aidtrack.extract.lexicon import load_lexicon  # noqa: E402
from aidtrack.extract.pipeline import MODE, _finder, load_nlp  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(p for p in args.folder.glob("*") if p.suffix in (".txt", ".html"))
    if not paths:
        raise SystemExit(f"No .txt or .html articles in {args.folder}")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    start = time.perf_counter()
    load_nlp()
    load_lexicon()
    _finder()
    extract_many([read_article(paths[0])])  # warm lazy tables (actor names, offices)
    print(f"model load: {time.perf_counter() - start:.2f} s")
    articles = [read_article(p) for p in paths]
    parse = _best(args.repeat, lambda: _parse_only(articles))
    MODE["off"] = True
    rules = _best(args.repeat, lambda: extract_many([read_article(p) for p in paths]))
    MODE.clear()
    best = _best(args.repeat, lambda: extract_many([read_article(p) for p in paths]))
    events = extract_many(articles)
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} articles, {words} words, {sum(map(len, events))} events")
    print(f"parse only:          {len(articles) / parse:.1f} articles/s")
    print(f"rules, no scorer:    {len(articles) / rules:.1f} articles/s")
    print(
        f"best of {args.repeat}: {best:.2f} s = {len(articles) / best:.1f} articles/s, "
        f"{words / best:,.0f} words/s (one core)"
    )
    print(
        f"full extraction / parse only: {parse / best:.2f} of the parse rate; "
        f"learned scorer costs {100 * (best - rules) / rules:.0f}% over the rules"
    )


def _best(repeat: int, run) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def _parse_only(articles) -> None:
    """The spaCy parse of every paragraph, as extract_many runs it, without any rule."""
    paragraphs = [p for a in articles for p in a.text.split("\n") if p.strip()]
    for _ in load_nlp().pipe(paragraphs, batch_size=64):
        pass


if __name__ == "__main__":
    main()
