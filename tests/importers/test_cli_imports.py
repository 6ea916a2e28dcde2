"""`aidtrack import kiel|macro|starter` end to end on a temporary database."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner
from kiel_shared import MACRO, need

from aidtrack.cli import main


def test_import_kiel_with_report(
    runner: CliRunner, packages_xlsx: Callable[..., Path], tmp_path: Path
) -> None:
    report, workbook = tmp_path / "bad.csv", packages_xlsx(broken=True)
    result = runner.invoke(main, ["import", "kiel", str(workbook), "--report", str(report)])
    assert result.exit_code == 0, result.output
    assert "Imported" in result.output and "Import report" in result.output and "Atlantis" in result.output
    with report.open(encoding="utf-8") as fh:
        assert any(row["value"] == "Atlantis" for row in csv.DictReader(fh))
    again = runner.invoke(main, ["import", "kiel", str(workbook)])
    assert again.exit_code == 0 and "Unchanged" in again.output


def test_import_kiel_wrong_file_is_one_line_error(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    result = runner.invoke(main, ["import", "kiel", str(path)])
    assert result.exit_code == 1
    assert "Error:" in result.output and "expected a Kiel release workbook" in result.output
    assert "Traceback" not in result.output


def test_import_starter(runner: CliRunner) -> None:
    result = runner.invoke(main, ["import", "starter"])
    assert result.exit_code == 0, result.output
    assert "release 29" in result.output and "(no breakdown)" in result.output


def test_import_macro(runner: CliRunner) -> None:
    result = runner.invoke(main, ["import", "macro", str(need(MACRO / "wdi.json"))])
    assert result.exit_code == 0, result.output
    assert "80 values" in result.output


def test_help_texts(runner: CliRunner) -> None:
    for command in (["import"], ["import", "kiel"], ["import", "macro"], ["import", "starter"]):
        result = runner.invoke(main, [*command, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output
    assert "--release" in runner.invoke(main, ["import", "kiel", "--help"]).output
