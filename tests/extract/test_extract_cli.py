"""`aidtrack extract` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from aidtrack.cli.extract import COMMANDS, extract

ARTICLE = "Tanks for Kyiv\n\nGermany sent 14 Leopard tanks to Ukraine on Friday.\n"


def test_command_is_exported() -> None:
    assert COMMANDS == [extract]


def test_one_file_prints_json(tmp_path: Path) -> None:
    path = tmp_path / "tanks.txt"
    path.write_text(ARTICLE)
    result = CliRunner().invoke(extract, [str(path)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["id"] == "tanks"
    assert [(e["type"], e["donor"], e["recipient"]) for e in doc["events"]] == [
        ("support", "DEU", "UKR")]


def test_folder_with_out_writes_one_json_per_article(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE)
    (src / "b.txt").write_text("Quiet day\n\nNothing happened in Brussels on Monday.\n")
    (src / "notes.md").write_text("ignored")
    result = CliRunner().invoke(extract, [str(src), "--out", str(tmp_path / "preds")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "preds").iterdir()) == ["a.json", "b.json"]
    assert json.loads((tmp_path / "preds" / "b.json").read_text())["events"] == []


def test_stdin_and_table() -> None:
    result = CliRunner().invoke(extract, ["-", "--table"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert "support" in result.output and "DEU" in result.output


def test_bad_single_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("")
    result = CliRunner().invoke(extract, [str(path)])
    assert result.exit_code == 1
    assert "has no text" in result.output


def test_bad_file_in_folder_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    result = CliRunner().invoke(extract, [str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "Skipped" in result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["good.json"]


def test_missing_path() -> None:
    result = CliRunner().invoke(extract, ["/nonexistent/x.txt"])
    assert result.exit_code == 1
    assert "does not exist" in result.output
