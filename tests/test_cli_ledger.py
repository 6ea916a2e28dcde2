"""The ledger commands end to end, through the real CLI and a SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pandas as pd
import pytest
from click.testing import CliRunner

from aidtrack.cli import main


def _run(runner: CliRunner, db: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(main, ["--database", db, *args])
    return result.exit_code, result.output


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_init_and_status(runner: CliRunner, db: str) -> None:
    code, out = _run(runner, db, "init")
    assert code == 0 and "Ledger ready" in out
    code, out = _run(runner, db, "status", "--json")
    assert code == 0 and json.loads(out)["counts"]["support"] == 0


def test_add_list_and_export_support(runner: CliRunner, db: str, tmp_path: Path) -> None:
    code, out = _run(
        runner,
        db,
        "add",
        "support",
        "--donor",
        "Republic of Korea",
        "--category",
        "humanitarian",
        "--amount",
        "10000000",
        "--currency",
        "USD",
        "--date",
        "2022-03-01",
        "--source-url",
        "https://example.org/kor",
        "--evidence",
        "Seoul pledged aid.",
    )
    assert code == 0, out
    code, out = _run(runner, db, "list", "support", "--donor", "South Korea", "--json")
    rows = json.loads(out)
    assert [(r["donor"], r["category"], r["currency"], r["source_url"]) for r in rows] == [
        ("KOR", "humanitarian", "USD", "https://example.org/kor")
    ]
    assert rows[0]["amount_eur"] == pytest.approx(10e6 / 1.1, rel=0.05)
    for fmt in ("csv", "json", "parquet"):
        out_file = tmp_path / f"support.{fmt}"
        code, out = _run(runner, db, "export", "support", "--format", fmt, "--out", str(out_file))
        assert code == 0, out
        frame = {"csv": pd.read_csv, "json": pd.read_json, "parquet": pd.read_parquet}[fmt](out_file)
        assert list(frame["donor"]) == ["KOR"]


def test_add_and_filter_events(runner: CliRunner, db: str) -> None:
    assert (
        _run(
            runner,
            db,
            "add",
            "event",
            "--type",
            "threat",
            "--actor",
            "the Kremlin",
            "--target",
            "Seoul",
            "--date",
            "2024-06-20",
            "--source-url",
            "https://example.org/t",
        )[0]
        == 0
    )
    assert (
        _run(
            runner,
            db,
            "add",
            "event",
            "--type",
            "appeal",
            "--actor",
            "N.A.T.O.",
            "--target",
            "ROK",
            "--category",
            "military",
            "--date",
            "2023-01-30",
            "--source-url",
            "https://example.org/a",
        )[0]
        == 0
    )
    code, out = _run(runner, db, "list", "events", "--type", "threat", "--json")
    assert [(e["actor"], e["target"]) for e in json.loads(out)] == [("RUS", "KOR")]
    code, out = _run(runner, db, "list", "events", "--start", "2023-01-01", "--end", "2023-12-31", "--json")
    assert [(e["type"], e["actor"]) for e in json.loads(out)] == [("appeal", "NATO")]


@pytest.mark.parametrize(
    ("args", "quoted"),
    [
        (["--donor", "Germny", "--category", "military"], '"Germny"'),
        (["--donor", "DEU", "--category", "military", "--date", "2022-02-30"], '"2022-02-30"'),
        (["--donor", "DEU", "--category", "military", "--amount", "-5", "--currency", "EUR"], "-5"),
        (["--donor", "DEU", "--category", "weapons"], "'weapons'"),
    ],
)
def test_bad_input_is_quoted_and_changes_nothing(
    runner: CliRunner, db: str, args: list[str], quoted: str
) -> None:
    code, out = _run(runner, db, "add", "support", *args, "--source-url", "https://example.org/x")
    assert code != 0
    assert quoted in out
    assert "Traceback" not in out
    assert json.loads(_run(runner, db, "status", "--json")[1])["counts"]["support"] == 0


def test_unknown_actor_suggests_close_names(runner: CliRunner, db: str) -> None:
    code, out = _run(runner, db, "actors", "resolve", "Germny")
    assert code == 1 and "DEU" in out and "Did you mean" in out


def test_actors_resolve_and_members(runner: CliRunner, db: str) -> None:
    assert _run(runner, db, "actors", "resolve", "Republic", "of", "Korea")[1].startswith("KOR")
    code, out = _run(runner, db, "actors", "members", "NATO", "--date", "2023-03-15", "--json")
    assert code == 0 and len(json.loads(out)) == 30


def test_audit_shows_changes(runner: CliRunner, db: str) -> None:
    _run(
        runner,
        db,
        "add",
        "support",
        "--donor",
        "JPN",
        "--category",
        "financial",
        "--source-url",
        "https://x.org",
    )
    code, out = _run(runner, db, "audit", "support", "1", "--json")
    assert code == 0 and [r["action"] for r in json.loads(out)] == ["insert"]


def _walk(command: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None
            found += _walk(sub, [*path, name])
    return found


def test_every_command_has_help(runner: CliRunner) -> None:
    commands = _walk(main, [])
    assert len(commands) > 30
    for path, command in commands:
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, path
        assert "Usage:" in result.output
        assert (command.help or "").strip(), f"`aidtrack {' '.join(path)}` has no help text"


def test_lazy_command_table_matches_the_area_modules() -> None:
    import importlib

    from aidtrack.cli import LAZY_COMMANDS

    listed = {}
    for module in {m for m, _ in LAZY_COMMANDS.values()}:
        for command in importlib.import_module(f"aidtrack.cli.{module}").COMMANDS:
            listed[command.name] = module
    assert listed == {name: module for name, (module, _) in LAZY_COMMANDS.items()}
