"""Races: both sides really run at the same time (threads released by a barrier), on SQLite and
on the PostgreSQL server; afterwards the counts must reconcile exactly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from aidtrack import models
from aidtrack.db import Store, SupportFilter, schema
from aidtrack.importers.release import KielRelease
from aidtrack.services import imports, ledger, review
from tests.reliability.concurrency import at_once, errors

pytestmark = pytest.mark.slow  # threads and processes racing on real databases

DONORS = ("DEU", "FRA", "POL", "USA", "GBR", "NLD", "SWE", "CAN")
# Germany's GDP base as each release states it: the newest release (28) must win.
GDP = {"7": 3.40e12, "12": 3.57e12, "28": 3.60e12}


def _release(number: str, rows: int) -> KielRelease:
    """A Kiel release of ``rows`` records (a synthetic file read by the real import service)."""
    source = models.Source(title=f"Kiel Ukraine Support Tracker, Release {number}", kind="dataset")
    records = [
        models.Support(
            donor=DONORS[i % len(DONORS)],
            category="military",
            stage="allocation",
            amount=1e6 + i,
            currency="EUR",
            amount_eur=1e6 + i,
            date=dt.date(2023, 1, 1 + i % 28),
            source=source,
            origin="kiel",
            external_id=f"row-{i}",
        )
        for i in range(rows)
    ]
    macro = [
        {"actor": "DEU", "indicator": "gdp_eur_kiel_2021", "year": 2021, "value": GDP[number], "unit": "EUR"}
    ]
    return KielRelease(release=number, layout="test", records=records, macro=macro, report=[], rows_read=rows)


@pytest.fixture
def release_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Files r7/r12/r28 whose reading yields synthetic releases of different sizes."""
    sizes = {"7": 300, "12": 400, "28": 500}
    files = {}
    for number in sizes:
        files[number] = tmp_path / f"r{number}.csv"
        files[number].write_text(f"release {number}\n", encoding="utf-8")
    monkeypatch.setattr(
        imports, "read_kiel", lambda path, *, release=None: _release(path.stem[1:], sizes[path.stem[1:]])
    )
    return files


def _current_by_release(store: Store) -> dict[str, int]:
    s, imp = schema.support, schema.imports
    query = (
        sa.select(imp.c.release, sa.func.count())
        .select_from(s.join(imp, s.c.import_id == imp.c.id))
        .where(s.c.current.is_(True))
        .group_by(imp.c.release)
    )
    with store.engine.connect() as conn:
        return {str(r[0]): int(r[1]) for r in conn.execute(query)}


def test_releases_imported_at_once_leave_one_current(
    any_store: Store, release_files: dict[str, Path]
) -> None:
    """Issue 11.6/11.7: R12, R7 and R28 at once end as if run in order: only R28 is current, and
    Germany's GDP base is R28's."""
    results = at_once(
        [
            lambda n=n: imports.import_kiel(any_store, release_files[n], by=f"importer-{n}")
            for n in ("12", "7", "28")
        ]
    )
    assert errors(results) == []
    assert _current_by_release(any_store) == {"28": 500}
    assert any_store.count("support", SupportFilter(donor="DEU")) == 500 // len(DONORS) + 1  # 63 of 500 rows
    gdp = any_store.macro_frame("gdp_eur_kiel_2021").set_index("actor")["value"]
    assert gdp["DEU"] == GDP["28"]
    by_release = {s.release: s for s in results}
    assert by_release["28"].newer_release is None
    assert {n for n in ("7", "12") if by_release[n].newer_release == "28"} <= {"7", "12"}
    # a re-import now says "unchanged" and the state stays right
    again = imports.import_kiel(any_store, release_files["12"], by="importer-12")
    assert again.status == "unchanged" and _current_by_release(any_store) == {"28": 500}


def test_same_file_imported_twice_at_once(any_store: Store, release_files: dict[str, Path]) -> None:
    """Issue 11.10: one import stores the file, the other says it was already imported (no traceback)."""
    results = at_once(
        [
            lambda: imports.import_kiel(any_store, release_files["12"], by="a"),
            lambda: imports.import_kiel(any_store, release_files["12"], by="b"),
        ]
    )
    assert errors(results) == []
    assert sorted(r.status for r in results) == ["imported", "unchanged"]
    assert any_store.count("support") == 400 and len(any_store.list_imports()) == 1


def test_fifty_writers_citing_one_source(any_store: Store) -> None:
    """Issue 11.8: get-or-create of a source is an upsert: no write fails, one source row."""
    fields = {
        "donor": "KOR",
        "category": "humanitarian",
        "stage": "allocation",
        "amount": 5e6,
        "currency": "EUR",
        "date": "2024-02-01",
        "source_url": "https://example.org/shared-source",
        "source_title": "Shared",
    }
    ledger.add_support({**fields, "source_url": "https://example.org/warm-up"}, store=any_store, by="w")
    results = at_once(
        [
            lambda i=i: ledger.add_support({**fields, "amount": 5e6 + i}, store=any_store, by=f"w{i}")
            for i in range(50)
        ]
    )
    assert errors(results) == []
    assert len(set(results)) == 50 and any_store.count("support") == 51
    assert any_store.summary()["counts"]["sources"] == 2
    # the storage layer alone, with less work before the transaction (a tighter race)
    source = models.Source(url="https://example.org/second-source", kind="news")
    record = models.Support(donor="KOR", category="military", stage="delivery", source=source)
    results = at_once([lambda: any_store.add_support([record], by="w") for _ in range(50)])
    assert errors(results) == []
    assert any_store.count("support") == 101 and any_store.summary()["counts"]["sources"] == 3


ARTICLE = {
    "id": "kor-shells",
    "url": "https://news.example/kor-shells",
    "title": "Seoul sends shells",
    "published": "2023-03-02",
    "events": [
        {
            "type": "support",
            "donor": "KOR",
            "recipient": "UKR",
            "category": "military",
            "stage": "delivery",
            "items": "155mm shells",
            "evidence": "Seoul sent 155mm shells.",
            "confidence": 0.9,
        },
        {
            "type": "appeal",
            "actor": "UKR",
            "target": "KOR",
            "category": "military",
            "evidence": "Kyiv urged Seoul to send more.",
            "confidence": 0.7,
        },
    ],
}


def test_same_article_stored_by_ten_requests(any_store: Store) -> None:
    """Issue 11.9: the candidate's identity is unique: one candidate per event, nothing doubled."""
    results = at_once([lambda: review.store_document(ARTICLE, store=any_store, by="api") for _ in range(10)])
    assert errors(results) == []
    assert sum(len(r.added) for r in results) == 2 and sum(r.unchanged for r in results) == 18
    assert any_store.count("support", SupportFilter(status="candidate")) == 1
    assert len(review.candidates(store=any_store)) == 2


def test_same_article_corroborates_once(any_store: Store) -> None:
    """Issue 11.9: ten requests linking the same article to a record make one corroboration."""
    [record_id] = any_store.add_support(
        [
            models.Support(
                donor="KOR",
                category="military",
                stage="delivery",
                date=dt.date(2023, 3, 1),
                origin="kiel",
                source=models.Source(title="Kiel", kind="dataset"),
            )
        ],
        by="import",
    )
    results = at_once([lambda: review.store_document(ARTICLE, store=any_store, by="api") for _ in range(10)])
    assert errors(results) == []
    assert [r.linked for r in results if r.linked] == [[("support", record_id)]]
    assert len(any_store.corroborations("support", record_id)) == 1


def _count_current(store: Store) -> int:
    return store.count("support", SupportFilter(current=True))


def test_writers_and_an_import_at_once(any_store: Store, release_files: dict[str, Path]) -> None:
    """Hand-made writes during an import are kept and stay current; the import is whole."""
    fields = {"donor": "POL", "category": "military", "stage": "delivery", "source_title": "Ministry"}
    calls: list[Any] = [lambda: imports.import_kiel(any_store, release_files["28"], by="importer")]
    calls += [
        lambda i=i: ledger.add_support({**fields, "subtype": f"lot {i}"}, store=any_store, by="w")
        for i in range(10)
    ]
    results = at_once(calls)
    assert errors(results) == []
    assert _count_current(any_store) == 500 + 10


def test_a_reimport_repairs_two_current_releases(any_store: Store, release_files: dict[str, Path]) -> None:
    """Issue 11.6: a ledger left with two current releases (by the old race) is repaired by the
    next import of that origin, even one that is otherwise "unchanged"."""
    imports.import_kiel(any_store, release_files["12"], by="a")
    imports.import_kiel(any_store, release_files["28"], by="b")
    with any_store.transaction() as conn:  # the state the old race left behind
        conn.execute(schema.imports.update().values(superseded_by=None))
        conn.execute(schema.support.update().values(current=True))
    assert _current_by_release(any_store) == {"12": 400, "28": 500}
    again = imports.import_kiel(any_store, release_files["12"], by="a")
    assert (again.status, again.superseded) == ("unchanged", 400)
    assert _current_by_release(any_store) == {"28": 500}


def _full_url(store: Store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


def test_fifty_api_writers_get_no_500(any_store: Store) -> None:
    """Issue 11.8 through HTTP: 50 concurrent POST /api/support citing one source all answer 201."""
    import httpx

    from aidtrack.services import web_auth
    from aidtrack.web import create_app
    from tests.web.conftest import LiveServer

    token = web_auth.create_token("writer", store=any_store)
    body = {
        "donor": "KOR",
        "category": "humanitarian",
        "stage": "allocation",
        "amount": 5e6,
        "currency": "EUR",
        "date": "2024-02-01",
        "source_url": "https://example.org/one-source",
        "source_title": "One",
    }
    headers = {"Authorization": f"Bearer {token}"}
    with (
        LiveServer(create_app(_full_url(any_store))) as server,
        httpx.Client(base_url=server.url, headers=headers, timeout=60) as client,
    ):
        client.post("/api/support", json={**body, "source_url": "https://example.org/warm-up"})
        results = at_once(
            [lambda i=i: client.post("/api/support", json={**body, "subtype": f"lot {i}"}) for i in range(50)]
        )
    assert errors(results) == []
    assert sorted({r.status_code for r in results}) == [201]
    assert any_store.count("support") == 51 and any_store.summary()["counts"]["sources"] == 2
