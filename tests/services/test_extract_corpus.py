"""`aidtrack extract` streams JSON Lines and Parquet corpora, with the same events as single files."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from aidtrack.cli import main

RECORDS = [
    {
        "id": "a1",
        "url": "https://news.example/a1",
        "title": "Canada sends aid",
        "date": "2023-02-10",
        "text": "Canada has pledged 50 million dollars in humanitarian aid to Ukraine, its minister said.",
    },
    {
        "id": "a2",
        "url": "https://news.example/a2",
        "title": "Weather",
        "date": "2023-02-11",
        "text": "Rain is expected across the region on Tuesday, with sunny spells later in the week.",
    },
    {
        "id": "b/3",
        "url": "https://news.example/b3",
        "title": "Moscow warns Tokyo",
        "date": "2023-03-01",
        "text": "Russia warned Japan that sending Patriot missiles to Ukraine would have serious consequences.",
    },
]


def _types(docs: list[dict]) -> dict[str, list[tuple[str, str]]]:
    return {d["id"]: sorted((e["type"], e.get("donor") or e.get("actor")) for e in d["events"]) for d in docs}


def test_jsonl_and_parquet_corpora(runner: CliRunner, tmp_path: Path) -> None:
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    parquet = tmp_path / "news.parquet"
    pd.DataFrame(RECORDS).to_parquet(parquet)
    result = runner.invoke(main, ["extract", str(jsonl)])
    assert result.exit_code == 0, result.output
    from_jsonl = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert _types(from_jsonl) == {"a1": [("support", "CAN")], "a2": [], "b/3": [("threat", "RUS")]}
    out = tmp_path / "preds"
    assert runner.invoke(main, ["extract", str(parquet), "--out", str(out)]).exit_code == 0
    written = [json.loads(p.read_text()) for p in sorted(out.glob("*.json"))]
    assert sorted(p.name for p in out.glob("*.json")) == ["a1.json", "a2.json", "b_3.json"]
    assert _types(written) == _types(from_jsonl)
