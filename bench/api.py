"""Load test of the web API on loopback: p50/p95 latency and requests per second.

Builds a ledger in a temporary folder (the starter data, plus the full Kiel Release 29
folder when ../shared is present), starts ``aidtrack serve --workers N`` in a subprocess
on a free loopback port (N = 1, then 2), then runs each read endpoint with one client and
with 50 concurrent clients (httpx async). Request counts are bounded; nothing leaves the
machine. For each server it prints throughput ratios against ``/api/actors/resolve``
(a near-trivial endpoint) measured on the same server in the same run, by throughput and
by the server's CPU time per request. Targets (issue 13):
``/api/rank`` and ``/country/KOR`` at least 70% of it, ``/api/support?limit=1000`` at least 25%.

    .venv/bin/python bench/api.py                 # defaults: 100 single, 500 concurrent per endpoint
    .venv/bin/python bench/api.py --requests 50 --concurrent-requests 200 --workers 2
    .venv/bin/python bench/api.py --all           # also events, compare, timeline, rules and /
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("AIDTRACK_SHARED_DIR", REPO.parent / "shared"))
R29 = SHARED / "data" / "kiel" / "release29_website_csv"
BASELINE = "/api/actors/resolve?name=South%20Korea"
TARGETS = {"/api/rank?per=gdp": 0.70, "/country/KOR": 0.70, "/api/support?limit=1000": 0.25}
"""Endpoint -> the share of the baseline's throughput (50 clients) it should reach."""
UNCACHED = "/api/support?limit=1000&offset={n}"
"""A new offset for every request: never a kept page, so this times reading and streaming the rows."""
ENDPOINTS = (BASELINE, *TARGETS, UNCACHED, "/api/support?donor=KOR")
_REQUEST_NUMBER = itertools.count()
WARM_UP = 2  # rounds of up to 8 requests before the clock starts
FULL_PAGES = 1200  # offsets below this still give 1000 rows on the bench ledger (2265 support records)


def _concrete(path: str) -> str:
    """``path`` with ``{n}`` replaced by the next request number (mod FULL_PAGES)."""
    return path.format(n=next(_REQUEST_NUMBER) % FULL_PAGES) if "{n}" in path else path


MORE = ("/api/events?limit=100", "/api/compare/KOR?peers=G7", "/api/timeline/KOR", "/api/rules/KOR", "/")


def build_ledger(folder: Path) -> tuple[str, str]:
    """A ledger with the starter data (+ Kiel R29 if present); its URL and a description."""
    from aidtrack.services import imports, ledger

    url = f"sqlite:///{folder / 'bench.db'}"
    store = ledger.open_store(url, fresh=True)
    imports.load_starter(store, by="bench")
    what = "starter data"
    if R29.exists():
        imports.import_kiel(store, R29 / "data_explorer.csv", by="bench")
        what += f" + Kiel R29 ({R29})"
    counts = store.summary()["counts"]
    store.engine.dispose()
    return (
        url,
        f"{what}: {counts['support']} support records, {counts['events']} events, {counts['macro']} macro rows",
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(url: str, port: int, home: Path, *, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "AIDTRACK_DATABASE_URL": url, "AIDTRACK_CONFIG_FILE": str(home / "none.toml")}
    command = [
        sys.executable,
        "-c",
        "from aidtrack.cli import main; main()",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(base: str, server: subprocess.Popen[bytes], *, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited: {server.stderr.read().decode() if server.stderr else ''}")
        try:
            if httpx.get(base + "/api/actors/resolve?name=KOR", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"the server on {base} did not answer within {seconds:.0f} s")


async def _worker(client: httpx.AsyncClient, path: str, todo: list[int], latencies: list[float]) -> None:
    while todo:
        todo.pop()
        started = time.perf_counter()
        response = await client.get(_concrete(path))
        latencies.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"GET {path} -> {response.status_code}: {response.text[:300]}")


async def measure(base: str, path: str, *, requests: int, clients: int) -> tuple[float, float, float]:
    """(p50 ms, p95 ms, requests per second) of ``requests`` GETs spread over ``clients``."""
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        for _ in range(WARM_UP):  # warm up on several connections, so every worker has filled its caches
            await asyncio.gather(*(client.get(_concrete(path)) for _ in range(min(clients, 8))))
        todo, latencies = list(range(requests)), []
        started = time.perf_counter()
        await asyncio.gather(*(_worker(client, path, todo, latencies) for _ in range(clients)))
        elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100)
    return cuts[49] * 1000, cuts[94] * 1000, len(latencies) / elapsed


def report(
    base: str, paths: tuple[str, ...], *, single: int, concurrent: int, clients: int, server: int
) -> tuple[dict[str, float], dict[str, float]]:
    """Print one line per endpoint; returns each one's requests per second with ``clients``
    clients and the server's CPU milliseconds per request meanwhile."""
    print(
        f"{'endpoint':<42} {'1 client: p50':>13} {'p95':>8} {'req/s':>7}   "
        f"{clients} clients: p50 {'p95':>8} {'req/s':>7} {'server CPU/req':>15}"
    )
    rates, costs = {}, {}
    for path in paths:
        one = asyncio.run(measure(base, path, requests=single, clients=1))
        asyncio.run(measure(base, path, requests=clients, clients=clients))  # every worker has its caches
        before = server_cpu(server)
        many = asyncio.run(measure(base, path, requests=concurrent, clients=clients))
        costs[path] = (server_cpu(server) - before) * 1000 / (concurrent + WARM_UP * min(clients, 8))
        rates[path] = many[2]
        print(
            f"{path:<42} {one[0]:>10.1f} ms {one[1]:>5.1f} ms {one[2]:>7.1f}   "
            f"{many[0]:>13.1f} ms {many[1]:>5.1f} ms {many[2]:>7.1f} {costs[path]:>12.2f} ms",
            flush=True,
        )
    return rates, costs


def server_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by the server process and its workers (Linux /proc)."""
    total = 0.0
    for process in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _children(pid: int) -> list[int]:
    try:
        found = [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []
    return found + [grandchild for child in found for grandchild in _children(child)]


def print_ratios(rates: dict[str, float], costs: dict[str, float], *, clients: int) -> None:
    """Throughput of each target endpoint as a share of the baseline's, against its target.

    On a machine this small the load-generating client shares the CPUs with the server
    (and often limits the rate), so the share of the server's CPU per request is printed
    too: the baseline's CPU per request divided by the endpoint's, the throughput the
    server itself would reach relative to the baseline if it alone used the CPUs.
    """
    print(f"throughput at {clients} clients as a share of {BASELINE} ({rates[BASELINE]:.1f} req/s):")
    for path, target in TARGETS.items():
        share = rates[path] / rates[BASELINE]
        by_cpu = costs[BASELINE] / costs[path] if costs[path] else float("nan")
        verdict = "met" if share >= target else "NOT met"
        print(
            f"  {path:<40} {share:>6.0%}   target >= {target:.0%}: {verdict}   "
            f"(by server CPU per request: {by_cpu:.0%})"
        )


def bench_server(
    url: str, folder: Path, paths: tuple[str, ...], *, workers: int, args: argparse.Namespace
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(url, port, folder, workers=workers)
    try:
        wait_ready(base, server)
        for _ in range(workers * 4):  # every worker answers once before the clock starts
            httpx.get(base + BASELINE, timeout=30)
        print(
            f"\nserver: aidtrack serve --workers {workers} on {base}; python {sys.version.split()[0]}, "
            f"{os.cpu_count()} CPUs; load average before: {_load()}"
        )
        rates, costs = report(
            base,
            paths,
            single=args.requests,
            concurrent=args.concurrent_requests,
            clients=args.clients,
            server=server.pid,
        )
        print_ratios(rates, costs, clients=args.clients)
        print(f"load average after: {_load()}")
    finally:
        server.terminate()
        server.wait(timeout=30)


def _load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=100, help="requests per endpoint, one client")
    parser.add_argument(
        "--concurrent-requests", type=int, default=500, help="requests per endpoint, many clients"
    )
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="server processes to try")
    parser.add_argument("--all", action="store_true", help="also time the other read endpoints")
    args = parser.parse_args()
    paths = ENDPOINTS + (MORE if args.all else ())
    with tempfile.TemporaryDirectory(prefix="aidtrack-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        url, what = build_ledger(folder)
        print(f"ledger: {what} (built in {time.perf_counter() - started:.1f} s)")
        for workers in args.workers:
            bench_server(url, folder, paths, workers=workers, args=args)


if __name__ == "__main__":
    main()
