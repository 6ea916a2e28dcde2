"""`aidtrack extract` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from aidtrack.cli.extract import COMMANDS, extract

ARTICLE = "Tanks for Kyiv\n\nGermany sent 14 Leopard tanks to Ukraine on Friday.\n"


def test_command_is_exported() -> None:
    assert [extract] == COMMANDS


def test_one_file_prints_json(tmp_path: Path) -> None:
    path = tmp_path / "tanks.txt"
    path.write_text(ARTICLE)
    result = CliRunner().invoke(extract, [str(path)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["id"] == "tanks"
    assert [(e["type"], e["donor"], e["recipient"]) for e in doc["events"]] == [("support", "DEU", "UKR")]


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


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl"
    rows = [
        {
            "url": "https://example.org/a",
            "title": "Tanks for Kyiv",
            "date": "2024-05-01",
            "text": "Germany sent 14 Leopard tanks to Ukraine on Friday.",
        }
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_corpus_with_table_prints_a_table(tmp_path: Path) -> None:
    """`extract news.jsonl --table` used to ignore --table and print JSON Lines."""
    result = CliRunner().invoke(extract, [str(_corpus(tmp_path)), "--table"])
    assert result.exit_code == 0, result.output
    assert "Tanks for Kyiv" in result.output and "DEU" in result.output and "┏" in result.output
    assert not result.output.lstrip().startswith("{")


def test_every_event_has_a_confidence(tmp_path: Path) -> None:
    path = tmp_path / "tanks.txt"
    path.write_text(ARTICLE)
    doc = json.loads(CliRunner().invoke(extract, [str(path)]).output)
    assert doc["events"] and all(0.0 <= e["confidence"] <= 1.0 for e in doc["events"])


def test_min_confidence_drops_weaker_events(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_text(
        "Mixed\n\nGermany sent 14 Leopard tanks to Ukraine on Friday. "
        "Officials in Rome have paused some funding.\n"
    )
    everything = json.loads(CliRunner().invoke(extract, [str(path)]).output)["events"]
    top = max(e["confidence"] for e in everything)
    kept = json.loads(CliRunner().invoke(extract, [str(path), "--min-confidence", str(top)]).output)["events"]
    assert kept and all(e["confidence"] >= top for e in kept)
    none = json.loads(CliRunner().invoke(extract, [str(path), "--min-confidence", "1"]).output)["events"]
    assert len(none) <= len(kept) <= len(everything)
    assert all(e["confidence"] >= 1.0 for e in none)


def test_min_confidence_out_of_range_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "tanks.txt"
    path.write_text(ARTICLE)
    result = CliRunner().invoke(extract, [str(path), "--min-confidence", "1.5"])
    assert result.exit_code == 2
    assert "1.5" in result.output
