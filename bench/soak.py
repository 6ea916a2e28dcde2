"""Reliability soak: for a fixed time, API writers, a reviewer, two importers and an exporter work
against one PostgreSQL ledger at once; then every count must reconcile exactly.

    .venv/bin/python bench/soak.py --database postgresql+psycopg://user:pass@127.0.0.1/db --seconds 60

The database's ledger tables are EMPTIED first (actors are kept): use a database of its own.
``--database`` defaults to ``AIDTRACK_TEST_DATABASE_URL``. Everything runs on loopback:

* the API (``create_app`` under uvicorn) in a subprocess on a free port;
* ``--writers`` threads POST support records (every 4th a candidate), citing five shared
  sources, each record tagged with a unique subtype;
* a reviewer thread accepts or rejects the candidates through ``POST /api/review``;
* two importers run ``aidtrack import kiel`` in turn on Kiel releases (7 and 29; 12 and 28)
  from ``../shared/data/kiel``, again and again (later rounds are "unchanged");
* an exporter runs ``aidtrack export support`` again and again and checks each file.

At the end: every acknowledged write is present exactly once, nothing unacknowledged was
stored, each decision of the reviewer is in the ledger, exactly one Kiel release is current
and its rows are the current Kiel rows, a final export equals the database, and no request
returned 5xx. It prints the figures and exits 1 if anything does not reconcile.
"""

from __future__ import annotations

import argparse
import collections
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("AIDTRACK_SHARED_DIR", REPO.parent / "shared"))
KIEL = SHARED / "data" / "kiel"
IMPORTER_FILES = (  # (path under data/kiel, release number for files whose name does not say it)
    (
        ("release07_xlsx/Ukraine_Support_Tracker.xlsx", None),
        ("release29_website_csv/data_explorer.csv", None),
    ),
    (("release12_main_data_csv/src_ukraine_support.csv", "12"), ("release28_derived_ukrainastotte", None)),
)
DONORS = ("DEU", "FRA", "POL", "KOR", "JPN", "CAN", "NLD", "SWE")
AIDTRACK = [str(Path(sys.executable).with_name("aidtrack"))]
SERVER = (
    "import sys, uvicorn; from aidtrack.web import create_app; "
    "uvicorn.run(create_app(sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]), log_level='warning')"
)


class Tally:
    """Thread-safe counters and lists shared by the workers."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: collections.Counter[str] = collections.Counter()
        self.written: dict[int, str] = {}  # id -> unique tag
        self.decisions: dict[int, str] = {}  # id -> confirmed | rejected
        self.latencies: list[float] = []
        self.problems: list[str] = []

    def count(self, key: str, amount: int = 1) -> None:
        with self.lock:
            self.counts[key] += amount

    def problem(self, text: str) -> None:
        with self.lock:
            self.problems.append(text)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(url: str) -> str:
    """Empty the ledger tables (actors kept) and return a write token."""
    from aidtrack.db import schema
    from aidtrack.services import ledger, web_auth

    store = ledger.open_store(url, fresh=True)
    with store.transaction() as conn:
        for table in reversed(schema.metadata.sorted_tables):
            if table.name not in ("actors", "memberships"):
                conn.execute(table.delete())
    token = web_auth.create_token("soak", store=store)
    store.engine.dispose()
    return token


def start_server(url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", SERVER, url, str(port)], cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/support?limit=1", timeout=2).status_code == 200:
                return process, base
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"the API server on {base} did not start")


def _status(tally: Tally, response: httpx.Response, what: str) -> None:
    tally.count(f"{what} {response.status_code // 100}xx")
    if response.status_code >= 500:
        tally.problem(f"{what}: HTTP {response.status_code}: {response.text[:200]}")


def writer(number: int, base: str, token: str, until: float, tally: Tally) -> None:
    """POST support records until ``until``; remembers every acknowledged id and its tag."""
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
        sent = 0
        while time.monotonic() < until:
            tag = f"soak-{number}-{sent}"
            body = {
                "donor": DONORS[sent % len(DONORS)],
                "category": "military",
                "stage": "delivery",
                "amount": 1000 + sent,
                "currency": "EUR",
                "date": "2024-01-15",
                "subtype": tag,
                "source_url": f"https://example.org/soak/{sent % 5}",
                "source_title": "Soak source",
                "status": "candidate" if sent % 4 == 0 else "confirmed",
            }
            started = time.perf_counter()
            try:
                response = client.post("/api/support", json=body)
            except httpx.HTTPError as ex:
                tally.problem(f"writer {number}: {type(ex).__name__}: {ex}")
                tally.count("write transport errors")
                continue
            finally:
                sent += 1
            with tally.lock:
                tally.latencies.append(time.perf_counter() - started)
            _status(tally, response, "write")
            if response.status_code == 201:
                with tally.lock:
                    tally.written[int(response.json()["id"])] = tag


def reviewer(base: str, token: str, until: float, tally: Tally) -> None:
    """Accept or reject (alternately) the candidates the writers made."""
    headers = {"Authorization": f"Bearer {token}"}
    turn = 0
    with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
        while time.monotonic() < until:
            page = client.get("/api/support", params={"status": "candidate", "limit": 50})
            _status(tally, page, "review-list")
            rows = page.json().get("items", []) if page.status_code == 200 else []
            if not rows:
                time.sleep(0.2)
            for row in rows:
                action = "accept" if turn % 2 == 0 else "reject"
                turn += 1
                response = client.post(
                    f"/api/review/{row['id']}", json={"action": action, "table": "support"}
                )
                _status(tally, response, "review")
                if response.status_code == 200:
                    with tally.lock:
                        tally.decisions[int(row["id"])] = "confirmed" if action == "accept" else "rejected"


def run_cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AIDTRACK_DATABASE_URL": url, "COLUMNS": "200"}
    return subprocess.run(
        [*AIDTRACK, *args], env=env, capture_output=True, text=True, cwd=REPO, timeout=600, check=False
    )


def importer(number: int, url: str, until: float, tally: Tally) -> None:
    """Import this importer's Kiel files in turn until ``until``."""
    files = IMPORTER_FILES[number]
    turn = 0
    while time.monotonic() < until:
        name, release = files[turn % len(files)]
        path = KIEL / name
        turn += 1
        result = run_cli(url, "import", "kiel", str(path), *(["--release", release] if release else []))
        outcome = (
            "unchanged"
            if "Unchanged" in result.stdout
            else "imported"
            if result.returncode == 0
            else "failed"
        )
        tally.count(f"import {outcome}")
        if result.returncode != 0 or "Traceback" in result.stderr:
            tally.problem(
                f"import {path.name}: exit {result.returncode}: {(result.stderr or result.stdout)[-300:]}"
            )


def exporter(url: str, until: float, tally: Tally, folder: Path) -> None:
    """Export the current support records again and again; each file must be whole."""
    turn = 0
    while time.monotonic() < until:
        out = folder / f"export-{turn % 2}.csv"
        turn += 1
        result = run_cli(url, "export", "support", "--format", "csv", "--out", str(out), "--json")
        if result.returncode != 0:
            tally.problem(f"export: exit {result.returncode}: {result.stderr[-300:]}")
            tally.count("export failed")
            continue
        frame = pd.read_csv(out)
        if not frame["id"].is_unique:
            tally.problem(f"export {turn}: duplicate ids")
        tally.count("export ok")
        tally.count("exported rows", len(frame))


def reconcile(url: str, tally: Tally, folder: Path) -> dict[str, Any]:
    """The checks after the soak; returns the figures (``problems`` lists what did not reconcile)."""
    from aidtrack.db import SupportFilter
    from aidtrack.services import ledger

    store = ledger.open_store(url, fresh=True)
    rows = store.list_support(SupportFilter(current=None))
    soak = [r for r in rows if (r["subtype"] or "").startswith("soak-")]
    tags = collections.Counter(r["subtype"] for r in soak)
    stored = {r["id"]: r for r in soak}
    check = {
        "every acknowledged write stored": all(
            stored.get(i, {}).get("subtype") == t for i, t in tally.written.items()
        ),
        "no write stored twice": all(n == 1 for n in tags.values()),
        "nothing unacknowledged stored": set(stored) == set(tally.written),
        "every review decision stored": all(stored[i]["status"] == s for i, s in tally.decisions.items()),
    }
    kiel = [i for i in store.list_imports() if i["origin"] == "kiel"]
    current_imports = [i for i in kiel if i["superseded_by"] is None]
    current_kiel = [r for r in rows if r["origin"] == "kiel" and r["current"]]
    newest = max(kiel, key=lambda i: int(i["release"] or 0)) if kiel else None
    check["exactly one current release"] = len(current_imports) == 1 and current_imports[0]["id"] == (
        newest or {}
    ).get("id")
    check["current rows are that release's"] = (
        bool(current_imports)
        and all(r["import_id"] == current_imports[0]["id"] for r in current_kiel)
        and len(current_kiel) == (current_imports[0]["rows_stored"] if current_imports else -1)
    )
    final = folder / "final.csv"
    result = run_cli(url, "export", "support", "--format", "csv", "--out", str(final))
    exported = pd.read_csv(final) if result.returncode == 0 else pd.DataFrame({"id": []})
    check["final export equals the database"] = set(exported["id"]) == {
        r["id"] for r in rows if r["current"]
    } and len(exported) == sum(1 for r in rows if r["current"])
    check["no 5xx"] = not any(k.endswith("5xx") and v for k, v in tally.counts.items())
    for name, ok in check.items():
        if not ok:
            tally.problem(f"does not reconcile: {name}")
    return {
        "checks": check,
        "rows": len(rows),
        "soak_rows": len(soak),
        "current_kiel_rows": len(current_kiel),
        "kiel_imports": len(kiel),
        "current_release": current_imports[0]["release"] if current_imports else None,
        "exported_final": len(exported),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database",
        default=os.environ.get("AIDTRACK_TEST_DATABASE_URL"),
        help="PostgreSQL URL (its ledger is emptied first).",
    )
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--writers", type=int, default=4)
    options = parser.parse_args()
    if not options.database:
        parser.error("give --database postgresql+psycopg://... (or set AIDTRACK_TEST_DATABASE_URL)")
    if not KIEL.exists():
        parser.error(f"the Kiel releases are not at {KIEL}; set AIDTRACK_SHARED_DIR")
    token = prepare(options.database)
    server, base = start_server(options.database)
    tally, folder = Tally(), Path(tempfile.mkdtemp(prefix="aidtrack-soak-"))
    started = time.monotonic()
    until = started + options.seconds
    jobs: list[Callable[[], None]] = [
        lambda n=n: writer(n, base, token, until, tally) for n in range(options.writers)
    ]
    jobs += [
        lambda: reviewer(base, token, until, tally),
        lambda: exporter(options.database, until, tally, folder),
    ]
    jobs += [lambda n=n: importer(n, options.database, until, tally) for n in range(2)]
    threads = [threading.Thread(target=job) for job in jobs]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        elapsed = time.monotonic() - started
        server.terminate()
        server.wait(timeout=30)
    figures = reconcile(options.database, tally, folder)
    report(options, elapsed, tally, figures)
    return 1 if tally.problems else 0


def report(options: argparse.Namespace, elapsed: float, tally: Tally, figures: dict[str, Any]) -> None:
    latencies = sorted(tally.latencies) or [0.0]
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"soak: {elapsed:.0f} s on {options.database.split('@')[-1]}; {options.writers} API writers, "
        "1 reviewer, 2 importers, 1 exporter"
    )
    print(
        f"  writes acknowledged      {len(tally.written):>8,}  ({len(tally.written) / elapsed:.1f}/s; "
        f"p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms)"
    )
    print(f"  review decisions         {len(tally.decisions):>8,}")
    for key in sorted(tally.counts):
        print(f"  {key:<24} {tally.counts[key]:>8,}")
    for key, value in figures.items():
        if key != "checks":
            print(f"  {key:<24} {value!s:>8}")
    for name, ok in figures["checks"].items():
        print(f"  [{'ok' if ok else 'FAIL'}] {name}")
    for problem in tally.problems[:20]:
        print(f"  problem: {problem}")
    print("RECONCILED" if not tally.problems else f"NOT RECONCILED: {len(tally.problems)} problem(s)")


if __name__ == "__main__":
    sys.exit(main())
