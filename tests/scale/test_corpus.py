"""Streaming corpus readers: partitions, stable ids, bad records, all three formats."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from aidtrack.corpus import article_from_record, plan_partitions, read_partition
from aidtrack.errors import ExtractionInputError
from tests.scale.conftest import corpus_records, write_jsonl


def _ids(path: Path, size: int) -> list[list[str]]:
    return [[a.id for a in read_partition(p)] for p in plan_partitions(path, size=size).partitions]


@pytest.mark.parametrize("size", [1, 2, 5, 12, 50])
def test_jsonl_partitions_cover_every_line_once(tmp_path: Path, size: int) -> None:
    records = [{"id": f"a{i}", "text": f"Text {i}."} for i in range(12)]
    path = write_jsonl(tmp_path / "c.jsonl", records)
    parts = _ids(path, size)
    assert [i for part in parts for i in part] == [f"a{i}" for i in range(12)]
    assert all(len(p) <= size for p in parts)


def test_jsonl_without_final_newline_and_with_blank_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        '{"id": "a", "text": "One."}\n\n[1, 2]\n{"id": "b"}\nnot json\n{"id": "c", "text": "Three."}',
        encoding="utf-8",
    )
    errors: list[str] = []
    ids = [a.id for p in plan_partitions(path, size=2).partitions for a in read_partition(p, errors=errors)]
    assert ids == ["a", "c"]
    assert len(errors) == 3
    assert any('"b" has no "text"' in e for e in errors)
    assert any("Line 5 of c.jsonl is not a JSON object" in e for e in errors)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"id": "x1", "url": "https://a/1", "text": "T"}, "x1"),
        (
            {"url": "https://a/1", "text": "T"},
            "u-" + __import__("hashlib").sha1(b"https://a/1").hexdigest()[:20],
        ),
        ({"text": "T"}, "news.jsonl:7"),
    ],
)
def test_article_ids_are_stable(record: dict[str, str], expected: str) -> None:
    assert article_from_record(record, fallback_id="news.jsonl:7").id == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-02", dt.date(2024, 5, 2)),
        ("2024-05", dt.date(2024, 5, 1)),
        ("March 31, 2023", dt.date(2023, 3, 31)),
        (dt.datetime(2024, 1, 2, 15, 0), dt.date(2024, 1, 2)),
        (None, None),
        ("someday", None),
    ],
)
def test_record_dates(value: object, expected: dt.date | None) -> None:
    assert article_from_record({"text": "T", "date": value}, fallback_id="f").published == expected


def test_title_is_prepended_once_and_html_text_is_read() -> None:
    plain = article_from_record({"title": "Head", "text": "Body."}, fallback_id="f")
    again = article_from_record({"title": "Head", "text": "Head\n\nBody."}, fallback_id="f")
    assert plain.text == again.text == "Head\n\nBody."
    html = article_from_record(
        {
            "text": "<html><body><article><p>Germany sent tanks to Ukraine on Monday "
            "after a long debate in Berlin about the request.</p></article></body></html>"
        },
        fallback_id="f",
    )
    assert "Germany sent tanks" in html.text and "<p>" not in html.text


def test_folder_tree_mixes_formats_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "a.txt").write_text("Title A\n\nBody A.", encoding="utf-8")
    (tmp_path / "b" / "deep" / "c.txt").write_text("Title C\n\nBody C.", encoding="utf-8")
    (tmp_path / "b" / "d.html").write_text(
        "<html><body><article><p>" + "Body D is long enough to keep. " * 5 + "</p></article></body></html>",
        encoding="utf-8",
    )
    write_jsonl(tmp_path / "b" / "e.jsonl", [{"id": "e1", "text": "E."}, {"id": "e2", "text": "E2."}])
    (tmp_path / ".hidden.txt").write_text("skip me", encoding="utf-8")
    (tmp_path / "notes.md").write_text("skip me", encoding="utf-8")
    assert _ids(tmp_path, 10) == [
        ["a", "b/d"],
        ["e1", "e2"],
        ["b/deep/c"],
    ]  # a folder's files, then its subfolders


def test_unreadable_file_in_a_folder_is_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nBody.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    errors: list[str] = []
    ids = [
        a.id for p in plan_partitions(tmp_path, size=5).partitions for a in read_partition(p, errors=errors)
    ]
    assert ids == ["a"] and "looks binary" in errors[0]


@pytest.mark.parametrize("size", [1, 3, 7, 100])
def test_parquet_partitions_across_row_groups_and_batches(tmp_path: Path, size: int) -> None:
    rows = [
        {"id": f"p{i}", "title": f"T{i}", "date": dt.date(2024, 1, 1 + i), "text": f"Body {i}."}
        for i in range(10)
    ]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "c.parquet", row_group_size=4)
    parts = plan_partitions(tmp_path / "c.parquet", size=size).partitions
    from aidtrack.corpus.partitions import _read_parquet

    articles = [a for p in parts for a in _read_parquet(p, batch_size=3)]
    assert [a.id for a in articles] == [f"p{i}" for i in range(10)]  # type: ignore[union-attr]
    assert articles[2].published == dt.date(2024, 1, 3)  # type: ignore[union-attr]


def test_parquet_without_text_column_says_what_to_do(tmp_path: Path) -> None:
    pq.write_table(pa.Table.from_pylist([{"body": "x"}]), tmp_path / "c.parquet")
    part = plan_partitions(tmp_path / "c.parquet", size=5).partitions[0]
    with pytest.raises(ExtractionInputError, match='no "text" column'):
        list(read_partition(part))


def test_keys_are_stable_and_the_fingerprint_follows_the_corpus(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", corpus_records())
    first, second = plan_partitions(path, size=2), plan_partitions(path, size=2)
    assert [p.key for p in first.partitions] == [p.key for p in second.partitions]
    assert first.fingerprint == second.fingerprint
    assert len({p.key for p in first.partitions}) == len(first.partitions) == 6
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "One more."}) + "\n")
    assert plan_partitions(path, size=2).fingerprint != first.fingerprint


@pytest.mark.parametrize(
    ("name", "message"), [("missing.jsonl", "does not exist"), ("notes.csv", "Cannot read")]
)
def test_bad_corpus_paths(tmp_path: Path, name: str, message: str) -> None:
    if name.endswith(".csv"):
        (tmp_path / name).write_text("a,b", encoding="utf-8")
    with pytest.raises(ExtractionInputError, match=message):
        plan_partitions(tmp_path / name, size=2)
