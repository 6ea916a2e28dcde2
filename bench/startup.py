"""How quickly a newcomer gets a first answer: CLI start-up, a warm brief, and the install.

Usage: python bench/startup.py [--repeat 5] [--install]

Times, as whole processes (the median of ``repeat`` runs after one warm-up), the wall
time and the CPU time (user + system, which hardly changes with the machine's load):
- ``aidtrack --help`` (target: under 0.5 s);
- ``aidtrack brief KOR`` on a ledger that already holds the starter data (target: 0.8 s);
and prints their ratio against ``python -c pass`` (the interpreter's own start-up).

With ``--install`` it also builds two fresh virtual environments from this checkout, the
core (``pip install .``, README command 1) and everything (``pip install '.[all]'``), and
prints the time each install took and the size of each environment on disk.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KEPT_BRIEF = (
    "import sys; from aidtrack.cli import main; import aidtrack.cli.analysis; "
    "from aidtrack.services import report; sys.stdout.write(report.brief_text('KOR'))"
)
"""What ``aidtrack brief KOR`` runs once the command reads the kept text: the same imports, then
:func:`aidtrack.services.report.brief_text`."""


def timed(command: list[str], *, repeat: int, env: dict[str, str]) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of ``command`` over ``repeat`` runs
    after one warm-up run. CPU time hardly depends on what else the machine is doing."""
    subprocess.run(command, env=env, check=True, capture_output=True)
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def install(target: Path, spec: str) -> tuple[float, int]:
    """Seconds to create a venv at ``target`` and install ``spec`` into it, and its size."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", str(target)], check=True)
    subprocess.run(
        [str(target / "bin" / "pip"), "install", "-q", spec], check=True, cwd=REPO, capture_output=True
    )
    return time.perf_counter() - start, folder_size(target)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--install", action="store_true", help="also time fresh core and full installs")
    args = parser.parse_args()

    aidtrack = str(Path(sys.executable).with_name("aidtrack"))
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "AIDTRACK_DATABASE_URL": f"sqlite:///{tmp}/bench.db"}
        subprocess.run(
            [aidtrack, "brief", "KOR"], env=env, check=True, capture_output=True
        )  # loads the starter
        python = timed([sys.executable, "-c", "pass"], repeat=args.repeat, env=env)
        helps = timed([aidtrack, "--help"], repeat=args.repeat, env=env)
        brief = timed([aidtrack, "brief", "KOR"], repeat=args.repeat, env=env)
        kept = timed([sys.executable, "-c", KEPT_BRIEF], repeat=args.repeat, env=env)
    print(f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())} on {os.cpu_count()} CPUs")
    print(f"{'command':<28}{'median s':>10}{'CPU s':>8}{'x python start':>16}")
    for name, (wall, cpu), target in (
        ("python -c pass", python, ""),
        ("aidtrack --help", helps, "target < 0.5 s"),
        ("aidtrack brief KOR (warm)", brief, "target < 0.8 s"),
        ("brief KOR, text kept", kept, "target < 0.8 s (report.brief_text, as the command would run it)"),
    ):
        print(f"{name:<28}{wall:>10.3f}{cpu:>8.3f}{wall / python[0]:>16.1f}   {target}")

    if args.install:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            shutil.copytree(
                REPO, root / "src-copy", ignore=shutil.ignore_patterns(".venv", ".git", "*.egg-info")
            )
            core_s, core_b = install(root / "core", str(root / "src-copy"))
            full_s, full_b = install(root / "full", f"{root / 'src-copy'}[all]")
        print(f"\n{'environment':<14}{'install s':>10}{'size MB':>10}")
        print(f"{'core':<14}{core_s:>10.1f}{core_b / 1e6:>10.0f}")
        print(f"{'all extras':<14}{full_s:>10.1f}{full_b / 1e6:>10.0f}")
        print(f"core / all: install time {core_s / full_s:.2f}, size {core_b / full_b:.2f}")


if __name__ == "__main__":
    main()
