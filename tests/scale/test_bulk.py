"""Bulk extraction: same events in-process and on a local Dask cluster; interrupted runs resume exactly."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from aidtrack.bulk import EngineOptions, count_events, events_by_month, read_events, run_bulk
from aidtrack.corpus import plan_partitions, read_partition
from aidtrack.db import EventFilter, Store, SupportFilter
from aidtrack.errors import ValidationError
from aidtrack.services import bulk as bulk_service
from aidtrack.services.ledger import open_store

pytestmark = pytest.mark.slow  # a Dask cluster and processes killed mid-run

SIZE = 2  # six partitions of the 12-article corpus
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[Any, ...]]]:
    """An uninterrupted in-process run, loaded into a fresh ledger: (output folder, ledger snapshot)."""
    out = tmp_path_factory.mktemp("reference")
    store = open_store(f"sqlite:///{out / 'ledger.db'}", fresh=True)
    report, loaded = bulk_service.bulk_extract(
        corpus, out=out / "run", partition_size=SIZE, store=store, by="test"
    )
    assert report.complete and loaded is not None and loaded.added > 0
    return out / "run", ledger_snapshot(store)


def ledger_snapshot(store: Store) -> list[tuple[Any, ...]]:
    """The ledger's records and links without ids or timestamps, in a stable order."""
    rows: list[tuple[Any, ...]] = []
    for table, records in (
        ("events", store.list_events(EventFilter(limit=None, current=None))),
        ("support", store.list_support(SupportFilter(limit=None, current=None))),
    ):
        for r in records:
            links = sorted(str(c["external_id"]) for c in store.corroborations(table, r["id"]))
            key = tuple(str(r.get(k)) for k in ("type", "donor", "actor", "target", "recipient", "category"))
            rows.append((table, r["external_id"], r["status"], str(r["date"]), r["evidence"], *key, *links))
    return sorted(rows)


def test_local_run_keeps_relevant_events_with_provenance(
    reference: tuple[Path, list[Any]], corpus: Path
) -> None:
    events = read_events(reference[0])
    text = events[["type", "donor", "actor", "target", "recipient"]].fillna("")
    keys = {(e.type, e.donor or e.actor, e.target or e.recipient) for e in text.itertuples()}
    assert {
        ("support", "DEU", "UKR"),
        ("appeal", "UKR", "KOR"),
        ("threat", "RUS", "JPN"),
        ("sanction", "EU", "RUS"),
        ("refusal", "SVK", "UKR"),
    } <= keys
    assert (
        not events["url"].str.contains(r"/n\d", regex=True).any()
    )  # irrelevant articles never reach the parser
    articles = {a.id: a for p in plan_partitions(corpus, size=SIZE).partitions for a in read_partition(p)}
    for row in events.itertuples():
        assert articles[row.article_id].text[row.start : row.end] == row.evidence
        assert articles[row.article_id].url == row.url
    assert str(events.loc[events["donor"] == "POL", "published"].iloc[0].date()) == "2024-05-20"
    assert (reference[0] / "events" / "month=2024-03").is_dir() and (
        reference[0] / "events" / "month=unknown"
    ).is_dir()


def test_local_dask_cluster_gives_the_same_events(
    reference: tuple[Path, list[Any]], corpus: Path, tmp_path: Path
) -> None:
    report = run_bulk(corpus, tmp_path, engine=EngineOptions("dask", workers=2), partition_size=SIZE)
    assert (report.complete, report.processed, report.articles) == (True, 6, 12)
    assert all(pid != str(os.getpid()) for pid in report.workers)  # the work ran in worker processes
    pd.testing.assert_frame_equal(read_events(tmp_path), read_events(reference[0]))


def test_joining_a_running_scheduler_by_address(
    reference: tuple[Path, list[Any]], corpus: Path, tmp_path: Path
) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster:
        report = run_bulk(
            corpus,
            tmp_path,
            engine=EngineOptions("dask", scheduler=cluster.scheduler_address),
            partition_size=SIZE,
        )
    assert report.complete
    pd.testing.assert_frame_equal(read_events(tmp_path), read_events(reference[0]))


def test_unreachable_scheduler_says_what_to_do(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("aidtrack.bulk.dask_engine.CONNECT_TIMEOUT", "1s")
    with pytest.raises(ValidationError, match='Cannot reach the Dask scheduler at "tcp://127.0.0.1:9"'):
        run_bulk(
            corpus, tmp_path, engine=EngineOptions("dask", scheduler="tcp://127.0.0.1:9"), partition_size=SIZE
        )


def test_run_stopped_midway_resumes_to_the_same_events(
    reference: tuple[Path, list[Any]], corpus: Path, tmp_path: Path
) -> None:
    first = run_bulk(corpus, tmp_path, partition_size=SIZE, max_partitions=2)
    assert (first.complete, first.processed) == (False, 2)
    second = run_bulk(corpus, tmp_path, partition_size=SIZE)
    assert (second.complete, second.skipped, second.processed) == (True, 2, 4)
    pd.testing.assert_frame_equal(read_events(tmp_path), read_events(reference[0]))
    third = run_bulk(corpus, tmp_path, partition_size=SIZE)
    assert (third.processed, third.articles) == (0, 0)


_KILLER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from aidtrack.services import bulk, ledger, review

    phase, corpus, out, url, after = sys.argv[1:]
    calls = 0

    def count(*_args, **_kwargs):
        global calls
        calls += 1
        if calls == int(after):
            os.kill(os.getpid(), signal.SIGKILL)  # no cleanup, no finally: like a crash

    if phase == "load":
        original = review.store_document
        def store_document(doc, **kwargs):
            outcome = original(doc, **kwargs)
            count()
            return outcome
        review.store_document = store_document
    bulk.bulk_extract(Path(corpus), out=Path(out), partition_size=2, store=ledger.open_store(url), by="test",
                      on_result=count if phase == "extract" else None)
""")


def _run_killer(phase: str, corpus: Path, out: Path, url: str, after: int) -> int:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-c", _KILLER, phase, str(corpus), str(out), url, str(after)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, -signal.SIGKILL), done.stderr[-2000:]
    return done.returncode


def _resume(corpus: Path, out: Path, url: str) -> None:
    """Run the same command again (in this process, whose model is already loaded)."""
    report, loaded = bulk_service.bulk_extract(
        corpus, out=out, partition_size=SIZE, store=open_store(url), by="test"
    )
    assert report.complete and loaded is not None


def test_process_killed_during_extraction_resumes_without_loss_or_duplicates(
    reference: tuple[Path, list[Any]], corpus: Path, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    assert _run_killer("extract", corpus, tmp_path / "run", url, after=3) == -signal.SIGKILL
    assert len(list((tmp_path / "run" / "_manifest").glob("*.json"))) == 3
    _resume(corpus, tmp_path / "run", url)
    pd.testing.assert_frame_equal(read_events(tmp_path / "run"), read_events(reference[0]))
    assert ledger_snapshot(open_store(url, fresh=True)) == reference[1]


def test_process_killed_while_loading_the_ledger_resumes_without_duplicates(
    reference: tuple[Path, list[Any]], corpus: Path, tmp_path: Path, any_store: Store
) -> None:
    url = any_store.engine.url.render_as_string(hide_password=False)
    assert _run_killer("load", corpus, tmp_path / "run", url, after=4) == -signal.SIGKILL
    partial = ledger_snapshot(any_store)
    assert 0 < len(partial) < len(reference[1])
    _resume(corpus, tmp_path / "run", url)
    assert ledger_snapshot(any_store) == reference[1]


def test_loading_again_adds_nothing(reference: tuple[Path, list[Any]], tmp_path: Path) -> None:
    out = Path(shutil.copytree(reference[0], tmp_path / "run"))
    shutil.rmtree(out / "_loaded")
    store = open_store(f"sqlite:///{tmp_path / 'ledger.db'}", fresh=True)
    first = bulk_service.load_candidates(out, store=store, by="test")
    assert first.added > 0 and first.partitions == 6
    assert bulk_service.load_candidates(out, store=store, by="test").partitions == 0
    shutil.rmtree(out / "_loaded")  # forget what was loaded: the ledger itself must still refuse duplicates
    again = bulk_service.load_candidates(out, store=store, by="test")
    assert (again.added, again.linked, again.unchanged) == (0, 0, first.added + first.linked)
    assert ledger_snapshot(store) == reference[1]


def test_resume_refuses_changed_settings_and_no_resume_starts_over(corpus: Path, tmp_path: Path) -> None:
    run_bulk(corpus, tmp_path, partition_size=SIZE, max_partitions=1)
    with pytest.raises(ValidationError, match=r'partition_size: "2" -> "3".*--no-resume'):
        run_bulk(corpus, tmp_path, partition_size=3, max_partitions=1)
    fresh = run_bulk(corpus, tmp_path, partition_size=3, resume=False, max_partitions=1)
    assert (fresh.skipped, fresh.processed) == (0, 1)
    assert len(list((tmp_path / "_manifest").glob("*.json"))) == 1


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"engine": "spark"}, 'Unknown engine "spark"'),
        ({"engine": "dask", "workers": 0}, "--workers 0 is too few"),
        (
            {"engine": "dask", "scheduler": "10.0.0.5:8786"},
            'Scheduler address "10.0.0.5:8786" has no protocol',
        ),
    ],
)
def test_engine_options_are_checked(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        EngineOptions(**options)


def test_event_store_queries(reference: tuple[Path, list[Any]]) -> None:
    events = read_events(reference[0])
    by_type = count_events(reference[0], by=["type"])
    assert dict(zip(by_type["type"], by_type["events"])) == events["type"].value_counts().to_dict()
    monthly = events_by_month(reference[0], type="support")
    assert (
        set(monthly["type"]) == {"support"} and monthly["events"].sum() == (events["type"] == "support").sum()
    )
    assert "2024-03" in set(monthly["month"])
    with pytest.raises(ValidationError, match='Cannot group events by "colour"'):
        count_events(reference[0], by=["colour"])


def test_empty_event_store_gives_empty_frames(tmp_path: Path) -> None:
    assert read_events(tmp_path).empty and count_events(tmp_path, by=["actor"]).empty


def test_bulk_extraction_honours_the_article_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A long article is cut to max_article_chars before extraction, exactly as a single article is."""
    from aidtrack.bulk.worker import cap_articles
    from aidtrack.services import extraction
    from tests.scale.conftest import write_jsonl

    filler = "The ministry gave no further details about the timing. " * 60
    text = (
        "Germany will send 20 Leopard tanks to Ukraine, the defence ministry said on Monday. "
        + filler
        + "Poland handed over 14 tanks to Ukraine."
    )
    corpus = write_jsonl(
        tmp_path / "long.jsonl",
        [{"url": "https://news.example/long", "title": "Tanks", "date": "2024-03-04", "text": text}],
    )
    [article] = list(read_partition(plan_partitions(corpus, size=10).partitions[0]))
    [cut], capped = cap_articles([article], 2000)
    assert capped == 1 and cut.text == extraction.cap_article(article, limit=2000).text
    assert len(cut.text) <= 2000 and "Poland" not in cut.text

    donors = {}
    for limit in ("2000", "100000"):
        monkeypatch.setenv("AIDTRACK_MAX_ARTICLE_CHARS", limit)
        report, _ = bulk_service.bulk_extract(corpus, out=tmp_path / f"run-{limit}", use_filter=False)
        donors[limit] = (report.capped, sorted(set(read_events(tmp_path / f"run-{limit}")["donor"].dropna())))
    assert donors == {"2000": (1, ["DEU"]), "100000": (0, ["DEU", "POL"])}
