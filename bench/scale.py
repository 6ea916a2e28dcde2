"""Benchmarks for issue 8 (not part of the test suite).

    python bench/scale.py corpus --articles 20000 --workers 1 2
    python bench/scale.py ledger --events 10000000 --support 1000000 \\
        --postgres postgresql+psycopg://aidtrack:aidtrack@127.0.0.1:5432/aidtrack_test

``corpus``: a synthetic JSON Lines corpus built from the project's own test sentences
(tests/extract/test_patterns.py, tests/scale/conftest.py) mixed with generated
irrelevant text; runs bulk extraction in-process and on a local Dask cluster with
each worker count; reports articles/s, the scaling ratio, peak memory per worker and
the filter pass rate.

``ledger``: fills a SQLite file (executemany) and a PostgreSQL schema ``aidtrack_bench``
(COPY) with synthetic events and support rows, then times list / count / rank /
compare / candidate matching. The PostgreSQL schema is dropped at the end.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import io
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

# -- synthetic corpus ----------------------------------------------------------------

_FILLER = {
    "subject": [
        "The home side",
        "The council",
        "The company",
        "Local farmers",
        "The orchestra",
        "Shoppers",
        "The new manager",
        "Scientists",
        "The museum",
        "Commuters",
        "The bakery",
        "Tourists",
        "The school board",
        "The airline",
        "Residents",
        "The chess club",
        "Investors",
        "The festival",
        # names of states in news that is not about support (sports, business, culture)
        "France's national team",
        "A German carmaker",
        "Japanese scientists",
        "Brazil's central bank",
        "Fans in Poland",
        "The Italian coach",
        "A Canadian mining firm",
        "Tourists from Norway",
        "Spain's biggest bank",
        "The Dutch king",
        "Korean pop stars",
        "Farmers in Kenya",
        "Ukraine's football team",
        "A Russian chess player",
        "The British Museum",
        "Australia's cricketers",
    ],
    "verb": [
        "reported",
        "celebrated",
        "discussed",
        "postponed",
        "announced",
        "criticised",
        "welcomed",
        "prepared",
        "reviewed",
        "questioned",
        "praised",
        "planned",
    ],
    "object": [
        "a record harvest",
        "the new timetable",
        "a rise in ticket sales",
        "the summer schedule",
        "plans for a new park",
        "the results of the survey",
        "a late goal",
        "the weekend forecast",
        "a new recipe book",
        "higher rents in the city centre",
        "the opening of a cycle path",
        "a package of discounts for families",
        "customer support hours",
        "a loan for the new stadium",
        "the delivery of new buses",
        "a drop in fuel prices",
        "a jazz concert",
        "the school holidays",
    ],
    "tail": [
        "on Monday",
        "this week",
        "after a long debate",
        "despite the rain",
        "in the town hall",
        "for the third year running",
        "ahead of the holidays",
        "to mixed reviews",
        "at a press conference",
    ],
}


def project_sentences() -> list[str]:
    """Sentences with gold events from the project's own tests (never the dev articles)."""
    found: list[str] = []
    patterns = REPO / "tests" / "extract" / "test_patterns.py"
    if patterns.exists():
        for node in ast.walk(ast.parse(patterns.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Tuple)
                and len(node.elts) == 2
                and isinstance(node.elts[0], ast.Constant)
                and isinstance(node.elts[0].value, str)
                and isinstance(node.elts[1], ast.Set)
            ):
                found.append(node.elts[0].value)
    from tests.scale.conftest import RELEVANT

    found.extend(text for _, _, text in RELEVANT)
    return sorted(set(found))


def filler(rng: random.Random) -> str:
    parts = [rng.choice(_FILLER[k]) for k in ("subject", "verb", "object", "tail")]
    return " ".join(parts) + "."


def synthetic_corpus(path: Path, *, articles: int, relevant_share: float, seed: int = 8) -> dict[str, Any]:
    """Write ``articles`` JSON Lines records; about ``relevant_share`` carry 1-3 project sentences."""
    rng, sentences = random.Random(seed), project_sentences()
    relevant = 0
    with path.open("w", encoding="utf-8") as handle:
        for i in range(articles):
            body = [filler(rng) for _ in range(rng.randint(5, 12))]
            if rng.random() < relevant_share:
                relevant += 1
                for sentence in rng.sample(sentences, rng.randint(1, 3)):
                    body.insert(rng.randint(0, len(body)), sentence)
            day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(730))
            record = {
                "url": f"https://bench.example/{i}",
                "title": body[0][:60],
                "date": day.isoformat(),
                "text": "\n".join(" ".join(body[j : j + 3]) for j in range(0, len(body), 3)),
            }
            handle.write(json.dumps(record) + "\n")
    return {"articles": articles, "relevant": relevant, "project_sentences": len(sentences)}


def _one_run(corpus: Path, out: Path, *, engine: Any, partition_size: int) -> dict[str, Any]:
    """One run; steady-state articles/s counts from the first finished partition (startup excluded)."""
    import os

    from aidtrack.bulk import run_bulk

    stamps: list[tuple[float, int]] = []
    load_before = os.getloadavg()[0]
    report = run_bulk(
        corpus,
        out,
        engine=engine,
        partition_size=partition_size,
        resume=False,
        on_result=lambda r: stamps.append((time.perf_counter(), r["articles"])),
    )
    steady = (sum(n for _, n in stamps[1:]) / (stamps[-1][0] - stamps[0][0])) if len(stamps) > 2 else 0.0
    return {
        "articles": report.articles,
        "seconds_with_startup": report.seconds,
        "articles_per_second_with_startup": round(report.articles_per_second, 1),
        "articles_per_second_steady": round(steady, 1),
        "passed": report.passed,
        "pass_rate": round(report.pass_rate, 4),
        "events": report.events,
        "peak_rss_mb_per_worker": report.workers,
        "load_average_1min_before_after": [round(load_before, 1), round(os.getloadavg()[0], 1)],
    }


def bench_corpus(args: argparse.Namespace) -> dict[str, Any]:
    from aidtrack.bulk import EngineOptions

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.jsonl"
    made = synthetic_corpus(corpus, articles=args.articles, relevant_share=args.relevant_share)
    print(f"corpus: {made}", flush=True)
    runs: dict[str, Any] = {}
    engines = [("local", EngineOptions("local"))] + [
        (f"dask-{n}", EngineOptions("dask", workers=n)) for n in args.workers
    ]
    for name, engine in engines:
        if name == "local" and args.skip_local:
            continue
        runs[name] = _one_run(corpus, work / name, engine=engine, partition_size=args.partition_size)
        print(name, json.dumps(runs[name]), flush=True)
    dask = sorted((int(k.split("-")[1]), v) for k, v in runs.items() if k.startswith("dask-"))
    if len(dask) >= 2:
        (n1, r1), (n2, r2) = dask[0], dask[-1]
        runs["scaling_ratio"] = {
            f"{n2}_vs_{n1}_workers": round(
                r2["articles_per_second_steady"] / r1["articles_per_second_steady"], 2
            )
        }
    return {"corpus": made, "runs": runs}


# -- synthetic ledger ----------------------------------------------------------------

DONORS = [
    "USA",
    "DEU",
    "GBR",
    "FRA",
    "JPN",
    "KOR",
    "CAN",
    "ITA",
    "POL",
    "NLD",
    "NOR",
    "SWE",
    "DNK",
    "FIN",
    "EST",
    "LVA",
    "LTU",
    "CZE",
    "ESP",
    "BEL",
    "AUT",
    "CHE",
    "AUS",
    "TUR",
    "EU",
    "IRL",
    "PRT",
    "GRC",
    "ROU",
    "BGR",
]
TYPES = ["appeal", "refusal", "threat", "policy_change", "sanction"]
CATEGORIES = ["military", "humanitarian", "financial"]
STAGES = ["commitment", "allocation", "delivery"]


def frames(kind: str, rows: int, *, chunk: int, seed: int) -> Iterator[Any]:
    """Synthetic events or support rows as DataFrames of ``chunk`` rows (numpy, vectorised)."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    now = dt.datetime(2026, 1, 1)
    days = np.datetime64("2022-02-24")
    for start in range(0, rows, chunk):
        n = min(chunk, rows - start)
        common = {
            "date": days + rng.integers(0, 1400, n).astype("timedelta64[D]"),
            "evidence": "Synthetic evidence sentence for the benchmark.",
            "origin": rng.choice(["extract", "manual", "kiel"], n),
            "external_id": [f"{kind[0]}{start + i}" for i in range(n)],
            "current": True,
            "status": rng.choice(["candidate", "confirmed", "rejected"], n, p=[0.3, 0.6, 0.1]),
            "created": now,
            "updated": now,
        }
        if kind == "events":
            frame = {
                "type": rng.choice(TYPES, n),
                "actor": rng.choice(DONORS + ["RUS", "UKR", "CHN"], n),
                "target": rng.choice(DONORS + ["RUS", "UKR"], n),
                "category": rng.choice(CATEGORIES, n),
                "confidence": rng.random(n).round(2),
                **common,
            }
        else:
            amount = rng.lognormal(16, 2, n).round(0)
            frame = {
                "donor": rng.choice(DONORS, n),
                "recipient": "UKR",
                "category": rng.choice(CATEGORIES, n),
                "stage": rng.choice(STAGES, n),
                "amount": amount,
                "currency": "EUR",
                "amount_eur": amount,
                "channel": "direct",
                **common,
            }
            frame["status"] = rng.choice(["confirmed", "candidate"], n, p=[0.9, 0.1])
        yield pd.DataFrame(frame)


def fill_sqlite(store: Any, *, events: int, support: int, chunk: int) -> float:
    began = time.perf_counter()
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=OFF")
        for kind, rows in (("support", support), ("events", events)):
            for frame in frames(kind, rows, chunk=chunk, seed=1 if kind == "support" else 2):
                frame["date"] = frame["date"].dt.strftime("%Y-%m-%d")
                frame["created"] = frame["updated"] = "2026-01-01 00:00:00"
                cols = ", ".join(f'"{c}"' for c in frame.columns)
                marks = ", ".join("?" * len(frame.columns))
                cursor.executemany(
                    f"INSERT INTO {kind} ({cols}) VALUES ({marks})", frame.itertuples(index=False, name=None)
                )
                raw.commit()
        cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
    return time.perf_counter() - began


def fill_postgres(store: Any, *, events: int, support: int, chunk: int) -> float:
    began = time.perf_counter()
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        for kind, rows in (("support", support), ("events", events)):
            for frame in frames(kind, rows, chunk=chunk, seed=1 if kind == "support" else 2):
                buffer = io.StringIO()
                frame.to_csv(buffer, index=False, header=False)
                cols = ", ".join(f'"{c}"' for c in frame.columns)
                with cursor.copy(f"COPY {kind} ({cols}) FROM STDIN WITH (FORMAT csv)") as copy:
                    copy.write(buffer.getvalue())
                raw.commit()
        raw.commit()
        old = raw.autocommit if hasattr(raw, "autocommit") else None
        raw.driver_connection.autocommit = True
        raw.driver_connection.execute("VACUUM ANALYZE")
        raw.driver_connection.autocommit = bool(old)
    finally:
        raw.close()
    return time.perf_counter() - began


def timed(func: Callable[[], Any], *, repeat: int = 3) -> dict[str, float]:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        func()
        times.append(time.perf_counter() - began)
    return {"first_s": round(times[0], 3), "median_s": round(statistics.median(times), 3)}


def ledger_queries(store: Any) -> dict[str, Any]:
    from aidtrack import analysis
    from aidtrack.analysis._frames import KIEL_GDP
    from aidtrack.db import EventFilter, SupportFilter
    from aidtrack.services import analysis as analysis_service
    from aidtrack.services import review

    store.upsert_macro(
        [
            {"actor": d, "indicator": KIEL_GDP, "year": 2021, "value": 1e11 * (i + 1), "unit": "EUR"}
            for i, d in enumerate(DONORS)
        ],
        by="bench",
    )
    frames_: dict[str, Any] = {}

    def load() -> None:
        analysis_service.clear_cache()  # time the grouped query, not the per-version cache
        frames_["support"], frames_["macro"] = analysis_service.load_frames(store)

    doc = {
        "id": "bench-1",
        "url": "https://bench.example/doc",
        "title": "Bench",
        "published": "2024-05-02",
        "events": [
            {"type": "sanction", "actor": "EU", "target": "RUS", "evidence": "The EU imposed sanctions."},
            {
                "type": "support",
                "donor": "DEU",
                "recipient": "UKR",
                "category": "military",
                "stage": "commitment",
                "evidence": "Germany sent tanks.",
            },
        ],
    }
    results = {
        "list_events_actor_100": timed(lambda: store.list_events(EventFilter(actor="RUS", limit=100))),
        "list_events_type_target_100": timed(
            lambda: store.list_events(EventFilter(type="threat", target="KOR", limit=100))
        ),
        "list_support_donor_100": timed(lambda: store.list_support(SupportFilter(donor="DEU", limit=100))),
        "list_candidates_100": timed(lambda: review.candidates(store=store, limit=100)),
        "count_events_type": timed(lambda: store.count("events", EventFilter(type="sanction", limit=None))),
        "status_summary": timed(store.summary, repeat=2),
        "load_support_totals": timed(load, repeat=2),
    }
    support, macro = frames_["support"], frames_["macro"]
    results["support_totals_rows"] = len(support)
    results["support_totals_records"] = int(support["records"].sum())
    results["rank_pct_gdp"] = timed(lambda: analysis.rank(support, macro, per="gdp"))
    results["compare_KOR_G7"] = timed(lambda: analysis.compare(support, macro, "KOR", peers="G7"))
    results["store_document_match"] = timed(lambda: review.store_document(doc, store=store, by="bench"))
    return results


def bench_ledger(args: argparse.Namespace) -> dict[str, Any]:
    from aidtrack.services.ledger import open_store

    out: dict[str, Any] = {"events": args.events, "support": args.support}
    targets = []
    if not args.skip_sqlite:
        path = Path(args.work) / "ledger.db"
        path.unlink(missing_ok=True)
        targets.append(("sqlite", f"sqlite:///{path}", fill_sqlite))
    if args.postgres:
        targets.append(("postgres", _bench_schema(args.postgres, args.schema), fill_postgres))
    for name, url, fill in targets:
        store = open_store(url, fresh=True)
        seconds = fill(store, events=args.events, support=args.support, chunk=args.chunk)
        print(f"{name}: loaded in {seconds:.0f}s", flush=True)
        out[name] = {"load_s": round(seconds, 1), **ledger_queries(store)}
        print(name, json.dumps(out[name]), flush=True)
        store.engine.dispose()
    if args.postgres and not args.keep:
        _drop_schema(args.postgres, args.schema)
    return out


def _bench_schema(url: str, schema: str) -> str:
    """A fresh schema (default ``aidtrack_bench``) on the server of ``url`` (never the test tables)."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options=-csearch_path%3D{schema}"


def _drop_schema(url: str, schema: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=["corpus", "ledger"])
    parser.add_argument("--work", default="/tmp/aidtrack-bench", help="Scratch folder.")
    parser.add_argument("--results", help="Append the results as JSON to this file.")
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--relevant-share", type=float, default=0.1)
    parser.add_argument("--partition-size", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--skip-local", action="store_true")
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--support", type=int, default=1_000_000)
    parser.add_argument("--chunk", type=int, default=500_000)
    parser.add_argument("--postgres", help="PostgreSQL URL; the bench uses its own schema aidtrack_bench.")
    parser.add_argument(
        "--schema", default="aidtrack_bench", help="PostgreSQL schema the bench creates and drops."
    )
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--keep", action="store_true", help="Keep the PostgreSQL bench schema.")
    args = parser.parse_args()
    result = bench_corpus(args) if args.what == "corpus" else bench_ledger(args)
    result = {"what": args.what, "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), **result}
    print(json.dumps(result, indent=1))
    if args.results:
        with open(args.results, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
