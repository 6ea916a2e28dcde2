"""A small news corpus written for these tests (no shared data): relevant and irrelevant articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

RELEVANT = [
    (
        "Germany sends tanks",
        "2024-03-04",
        "Germany will send 20 Leopard tanks to Ukraine, the defence ministry said on Monday.",
    ),
    (
        "Japan aid",
        "2024-03-05",
        "Japan delivered generators and medical supplies to Ukraine. Tokyo also pledged $500 million in budget support.",
    ),
    (
        "Zelensky appeal",
        "2024-04-10",
        "Ukrainian President Volodymyr Zelensky urged South Korea to supply artillery shells to Ukraine.",
    ),
    (
        "Russia warns",
        "2024-04-12",
        "Russia warned Japan that sending Patriot missiles to Ukraine would have consequences for relations.",
    ),
    ("EU sanctions", "2024-05-17", "The European Union imposed sanctions on Russian banks on Friday."),
    ("Poland tanks", "2024-05-20", "Poland handed over 14 tanks to Ukraine."),
    ("Slovakia stops", None, "Slovakia said it would send no more weapons to Ukraine."),
    (
        "More German tanks",
        "2024-03-06",  # the same event as the first article: linked in the ledger
        "Germany will send 20 Leopard tanks to Ukraine, officials in Berlin confirmed.",
    ),
]
IRRELEVANT = [
    ("Cup final", "2024-03-04", "The striker scored twice as the home side won the cup final on Sunday."),
    (
        "Weekend weather",
        "2024-03-05",
        "Heavy rain is expected across the north on Saturday, forecasters said.",
    ),
    ("Quarterly results", "2024-04-01", "The retailer reported a rise in quarterly profit on strong sales."),
    ("New exhibition", "2024-05-02", "The museum opened an exhibition of modern sculpture this week."),
]


def corpus_records() -> list[dict[str, str | None]]:
    """Relevant and irrelevant articles interleaved, each with a URL, title, date and text."""
    records = []
    for i, (title, date, text) in enumerate(RELEVANT):
        records.append({"url": f"https://news.example/r{i}", "title": title, "date": date, "text": text})
        if i < len(IRRELEVANT):
            t2, d2, x2 = IRRELEVANT[i]
            records.append({"url": f"https://news.example/n{i}", "title": t2, "date": d2, "text": x2})
    return records


def write_jsonl(path: Path, records: list[dict[str, str | None]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """12 articles as JSON Lines (8 relevant); with partition size 2, six partitions."""
    return write_jsonl(tmp_path_factory.mktemp("corpus") / "news.jsonl", corpus_records())
