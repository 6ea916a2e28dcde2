"""End to end: `aidtrack bulk-extract` with --store, then `aidtrack count-events`."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner

from aidtrack.cli import AidtrackGroup, main
from aidtrack.cli.bulk import COMMANDS


def cli() -> click.Group:
    """`aidtrack` itself once it lists the bulk area; until then a group with its error handling."""
    if "bulk-extract" in main.commands:
        return main
    return AidtrackGroup(name="aidtrack", commands={c.name: c for c in COMMANDS if c.name})


def test_bulk_extract_then_count_events(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    result = runner.invoke(
        cli(), ["bulk-extract", str(corpus), "--out", str(out), "--partition-size", "4", "--store", "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["articles"], report["passed"], report["complete"]) == (12, 8, True)
    assert report["ledger"]["added"] > 0
    again = runner.invoke(cli(), ["bulk-extract", str(corpus), "--out", str(out), "--partition-size", "4"])
    assert again.exit_code == 0 and "0 articles in 0 partitions (3 already done)" in again.output
    counts = runner.invoke(cli(), ["count-events", str(out), "--by", "type", "--json"])
    assert counts.exit_code == 0
    assert {r["type"] for r in json.loads(counts.output)} >= {"support", "appeal", "threat", "sanction"}
    monthly = runner.invoke(cli(), ["count-events", str(out), "--monthly"])
    assert monthly.exit_code == 0 and "2024-03" in monthly.output


def test_bad_options_are_one_line_errors(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        cli(), ["bulk-extract", str(corpus), "--out", str(tmp_path), "--scheduler", "head:8786"]
    )
    assert result.exit_code == 1 and 'Scheduler address "head:8786" has no protocol' in result.output
    result = runner.invoke(cli(), ["count-events", str(tmp_path), "--by", "colour"])
    assert result.exit_code == 1 and "Cannot group events by" in result.output
