"""The CLI starts fast (its help imports no command module) and names a missing extra."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import click
import pytest

from aidtrack.cli import LAZY_COMMANDS, SUMMARIES, main

HEAVY = ("pandas", "sqlalchemy", "spacy", "dask", "duckdb", "fastapi", "sklearn", "plotly")


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, text=True, timeout=120
    )


def test_every_command_has_the_summary_its_help_gives() -> None:
    assert set(SUMMARIES) == set(LAZY_COMMANDS)
    ctx = click.Context(main)
    for name in LAZY_COMMANDS:
        command = main.get_command(ctx, name)
        assert command is not None
        for limit in (40, 60, 200):
            shown = click.Command(name, help=SUMMARIES[name]).get_short_help_str(limit)
            assert shown == command.get_short_help_str(limit), f"SUMMARIES[{name!r}] differs from its help"


def test_help_imports_nothing_heavy() -> None:
    result = _run(
        """
        import sys
        from aidtrack.cli import main
        try:
            main(["--help"])
        except SystemExit:
            pass
        print("HEAVY:" + ",".join(sorted(m for m in sys.modules if m.partition(".")[0] in sys.argv[1:])))
    """,
        *HEAVY,
    )
    assert result.returncode == 0, result.stderr
    assert "Commands:" in result.stdout and "brief" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "HEAVY:"


@pytest.mark.parametrize(
    ("module", "args", "extra"),
    [
        ("spacy", ["extract", "{corpus}/a.txt"], "extract"),
        ("dask", ["bulk-extract", "{corpus}", "--out", "{out}", "--engine", "dask"], "bulk"),
    ],
)
def test_a_missing_extra_names_its_install_line(module: str, args: list[str], extra: str, tmp_path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("Seoul pledged $10m in aid to Ukraine.", encoding="utf-8")
    args = [a.format(corpus=tmp_path / "corpus", out=tmp_path / "events") for a in args]
    result = _run(
        """
        import sys
        sys.modules[sys.argv[1]] = None  # as if the package were not installed
        from aidtrack.cli import main
        main(sys.argv[2:], prog_name="aidtrack")
    """,
        module,
        *args,
    )
    assert result.returncode == 1, result.stderr
    assert f"pip install 'aidtrack[{extra}]'" in result.stderr
    assert "Traceback" not in result.stderr
