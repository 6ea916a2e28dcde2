"""Load test of the web API on loopback: p50/p95 latency and requests per second.

Builds a ledger in a temporary folder (the starter data, plus the full Kiel Release 29
folder when ../shared is present), starts ``aidtrack serve`` in a subprocess on a free
loopback port, then runs each main read endpoint with one client and with 50 concurrent
clients (httpx async). Request counts are bounded; nothing leaves the machine.

    .venv/bin/python bench/api.py                 # defaults: 100 single, 500 concurrent per endpoint
    .venv/bin/python bench/api.py --requests 50 --concurrent-requests 200
"""

from __future__ import annotations

import argparse
import asyncio
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
ENDPOINTS = (
    "/api/support?donor=KOR",
    "/api/support?limit=1000",
    "/api/events?limit=100",
    "/api/actors/resolve?name=South%20Korea",
    "/api/rank?per=gdp",
    "/api/compare/KOR?peers=G7",
    "/api/timeline/KOR",
    "/api/rules/KOR",
    "/",
    "/country/KOR",
)


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
    return url, f"{what}: {counts['support']} support records, {counts['events']} events, {counts['macro']} macro rows"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(url: str, port: int, home: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "AIDTRACK_DATABASE_URL": url, "AIDTRACK_CONFIG_FILE": str(home / "none.toml")}
    command = [sys.executable, "-c", "from aidtrack.cli import main; main()", "serve", "--host", "127.0.0.1",
               "--port", str(port)]
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
        response = await client.get(path)
        latencies.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"GET {path} -> {response.status_code}: {response.text[:300]}")


async def measure(base: str, path: str, *, requests: int, clients: int) -> tuple[float, float, float]:
    """(p50 ms, p95 ms, requests per second) of ``requests`` GETs spread over ``clients``."""
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as client:
        for _ in range(3):
            await client.get(path)  # warm up (first call fills caches)
        todo, latencies = list(range(requests)), []
        started = time.perf_counter()
        await asyncio.gather(*(_worker(client, path, todo, latencies) for _ in range(clients)))
        elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100)
    return cuts[49] * 1000, cuts[94] * 1000, len(latencies) / elapsed


def report(base: str, *, single: int, concurrent: int, clients: int) -> None:
    print(f"{'endpoint':<42} {'1 client: p50':>13} {'p95':>8} {'req/s':>7}   "
          f"{clients} clients: p50 {'p95':>8} {'req/s':>7}")
    for path in ENDPOINTS:
        one = asyncio.run(measure(base, path, requests=single, clients=1))
        many = asyncio.run(measure(base, path, requests=concurrent, clients=clients))
        print(f"{path:<42} {one[0]:>10.1f} ms {one[1]:>5.1f} ms {one[2]:>7.1f}   "
              f"{many[0]:>13.1f} ms {many[1]:>5.1f} ms {many[2]:>7.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=100, help="requests per endpoint, one client")
    parser.add_argument("--concurrent-requests", type=int, default=500, help="requests per endpoint, many clients")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aidtrack-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        url, what = build_ledger(folder)
        print(f"ledger: {what} (built in {time.perf_counter() - started:.1f} s)")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(url, port, folder)
        try:
            wait_ready(base, server)
            print(f"server: aidtrack serve on {base} (1 uvicorn process); python {sys.version.split()[0]}, "
                  f"{os.cpu_count()} CPUs")
            report(base, single=args.requests, concurrent=args.concurrent_requests, clients=args.clients)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
