"""`aidtrack extract --store` puts events into the review queue; reviewing confirms them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from aidtrack.cli import main

ARTICLE = """URL: https://news.example/canada-aid
Date: 2023-02-10
Canada sends more aid

Canada has pledged 50 million dollars in humanitarian aid to Ukraine, the foreign minister said on Friday.
"""


def test_extract_store_then_review(runner: CliRunner, tmp_path: Path) -> None:
    article = tmp_path / "canada.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'x.db'}"
    result = runner.invoke(main, ["--database", db, "extract", str(article), "--store"])
    assert result.exit_code == 0, result.output
    assert "1 new candidate" in result.output
    again = runner.invoke(main, ["--database", db, "extract", str(article), "--store"])
    assert "0 new candidate(s), 0 linked to existing records, 1 already stored" in again.output
    [candidate] = json.loads(runner.invoke(main, ["--database", db, "review", "--list", "--json"]).output)
    assert (candidate["type"], candidate["donor"], candidate["category"]) == (
        "support",
        "CAN",
        "humanitarian",
    )
    assert candidate["source_url"] == "https://news.example/canada-aid"
    runner.invoke(main, ["--database", db, "review", "accept", candidate["ref"]])
    rows = json.loads(
        runner.invoke(main, ["--database", db, "list", "support", "--status", "confirmed", "--json"]).output
    )
    assert [(r["donor"], r["amount"], r["currency"], r["source_url"]) for r in rows] == [
        ("CAN", 50e6, "USD", "https://news.example/canada-aid")
    ]
    assert "pledged 50 million dollars" in rows[0]["evidence"]
