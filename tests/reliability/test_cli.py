"""What a user sees at the command line: complete exports, readable amounts, refused reviews,
audit of imports, tokens, the acting user and a locked database."""

from __future__ import annotations

import datetime as dt
import json
import os
import pwd
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from aidtrack import models, settings
from aidtrack.cli import main
from aidtrack.db import schema
from aidtrack.services import imports, ledger, review, web_auth

SOURCE = models.Source(title="Kiel Ukraine Support Tracker", kind="dataset")


def _run(runner: CliRunner, db: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(main, ["--database", db, *args])
    return result.exit_code, result.output


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def _fill(db: str, count: int) -> None:
    store = ledger.open_store(db)
    store.add_support(
        [
            models.Support(
                donor="DEU" if i % 2 else "FRA",
                category="military",
                stage="allocation",
                amount=916000.0 + i,
                currency="EUR",
                amount_eur=916000.0 + i,
                date=dt.date(2023, 1, 1),
                source=SOURCE,
                origin="test",
            )
            for i in range(count)
        ],
        by="fixture",
    )


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_export_writes_every_matching_row(runner: CliRunner, db: str, tmp_path: Path, fmt: str) -> None:
    """Issue 11.1: no hidden limit of 100 rows, with or without a filter."""
    _fill(db, 250)
    out = tmp_path / f"all.{fmt}"
    code, text = _run(runner, db, "export", "support", "--format", fmt, "--out", str(out))
    assert code == 0 and "Wrote 250 support rows" in text
    frame = pd.read_json(out) if fmt == "json" else pd.read_csv(out) if fmt == "csv" else pd.read_parquet(out)
    assert len(frame) == 250 and frame["id"].is_unique
    code, text = _run(runner, db, "export", "support", "--donor", "DEU", "--out", str(tmp_path / "deu.csv"))
    assert "Wrote 125 support rows" in text


def test_no_limit_reaches_the_store() -> None:
    """Issue 11.1: an explicit "no limit" and "any release" survive the service's option cleaning."""
    where = ledger.support_filter(donor="DEU", limit=None, current=None)
    assert (where.limit, where.current) == (None, None)
    assert ledger.support_filter().limit is None and ledger.event_filter(limit=5).limit == 5


def test_list_all_releases_includes_history(runner: CliRunner, db: str) -> None:
    store = ledger.open_store(db)
    store.add_support(
        [models.Support(donor="DEU", category="military", stage="allocation", origin="kiel")], by="x"
    )
    [row] = store.list_support()
    with store.transaction() as conn:
        conn.execute(schema.support.update().where(schema.support.c.id == row["id"]).values(current=False))
    assert json.loads(_run(runner, db, "list", "support", "--json")[1]) == []
    assert len(json.loads(_run(runner, db, "list", "support", "--all-releases", "--json")[1])) == 1


def test_list_support_formats_amounts(runner: CliRunner, db: str) -> None:
    """Issue 15.11: "916,000" in the table, not "916000.0"; JSON stays numeric."""
    _fill(db, 1)
    code, text = _run(runner, db, "list", "support")
    assert code == 0 and "916,000" in text and "916000.0" not in text
    [row] = json.loads(_run(runner, db, "list", "support", "--json")[1])
    assert row["amount"] == 916000.0


def test_review_refuses_a_confirmed_record(runner: CliRunner, db: str) -> None:
    """Issue 14: the rule lives in services.review.decide, so the CLI obeys it too."""
    _fill(db, 1)
    code, text = _run(runner, db, "review", "reject", "S1")
    assert code == 1 and '"confirmed", not a candidate' in text and "Traceback" not in text
    assert ledger.open_store(db).get("support", 1)["status"] == "confirmed"


def test_review_lists_and_sorts_by_confidence(
    runner: CliRunner, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # one creation second for the three candidates, as when stored quickly: the queue's
    # oldest-first order then falls to table and id (stored across a second's tick, the
    # support record could be older than the last event, which made this test flaky)
    from aidtrack.db import store as store_module

    monkeypatch.setattr(store_module, "_now", lambda: dt.datetime(2026, 12, 5, 12, 0, 0))
    store = ledger.open_store(db)
    doc = {
        "id": "a",
        "url": "https://news.example/a",
        "title": "A",
        "published": "2023-03-02",
        "events": [
            {
                "type": "appeal",
                "actor": "UKR",
                "target": "KOR",
                "category": "military",
                "evidence": "x",
                "confidence": 0.4,
            },
            {
                "type": "support",
                "donor": "CAN",
                "category": "humanitarian",
                "stage": "commitment",
                "evidence": "y",
                "confidence": 0.9,
            },
            {"type": "refusal", "actor": "KOR", "category": "military", "evidence": "z"},
        ],
    }
    review.store_document(doc, store=store)
    rows = json.loads(_run(runner, db, "review", "--list", "--sort", "confidence", "--json")[1])
    assert [(r["ref"][0], r["confidence"]) for r in rows] == [("S", 0.9), ("E", 0.4), ("E", None)]
    assert [r["confidence"] for r in review.candidates(store=store)] == [0.4, None, 0.9]  # oldest first
    code, text = _run(runner, db, "review", "--list")
    assert code == 0 and "0.90" in text and "confidence" in text


def test_audit_of_an_imported_record_points_to_its_import(
    runner: CliRunner, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 11.16: the trail starts with the import; an unknown id says so (exit 1)."""
    from aidtrack.importers.release import KielRelease

    path = tmp_path / "r29.csv"
    path.write_text("x\n", encoding="utf-8")
    record = models.Support(
        donor="DEU", category="military", stage="allocation", origin="kiel", source=SOURCE
    )
    monkeypatch.setattr(
        imports, "read_kiel", lambda p, *, release=None: KielRelease("29", "test", [record], [], [])
    )
    summary = imports.import_kiel(ledger.open_store(db), path, by="importer")
    [row] = json.loads(_run(runner, db, "audit", "support", "1", "--json")[1])
    assert (row["action"], row["by"], row["new"]["import_id"], row["new"]["release"]) == (
        "import",
        "importer",
        summary.import_id,
        "29",
    )
    code, text = _run(runner, db, "audit", "support", "999")
    assert code == 1 and "No support record with id 999" in text


def test_importing_an_older_release_says_it_became_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: str
) -> None:
    """Issue 15.5: Release 7 after Release 29: the new rows are history, nothing was superseded."""
    from aidtrack.importers.release import KielRelease

    def make(number: str) -> KielRelease:
        rows = [
            models.Support(
                donor="DEU",
                category="military",
                stage="allocation",
                origin="kiel",
                external_id=f"{number}-{i}",
            )
            for i in range(3)
        ]
        return KielRelease(number, "test", rows, [], [])

    monkeypatch.setattr(imports, "read_kiel", lambda p, *, release=None: make(p.stem))
    store = ledger.open_store(db)
    for number in ("29", "7"):
        (tmp_path / f"{number}.csv").write_text(number, encoding="utf-8")
    imports.import_kiel(store, tmp_path / "29.csv", by="x")
    old = imports.import_kiel(store, tmp_path / "7.csv", by="x")
    assert old.newer_release == "29"
    assert old.outcome == "3 records stored as history (not current): Release 29 is newer and stays current"
    assert "superseded" not in old.outcome
    (tmp_path / "12.csv").write_text("12", encoding="utf-8")
    code, output = _run(CliRunner(), db, "import", "kiel", str(tmp_path / "12.csv"))
    assert code == 0, output
    said = " ".join(output.split())
    assert "3 records stored as history (not current): Release 29 is newer and stays current" in said
    assert "older records superseded" not in said


def test_macro_import_is_an_audited_import(db: str, tmp_path: Path) -> None:
    """Issue 11.16: macro inserts are audited and recorded as an import like any other."""
    path = tmp_path / "gdp.csv"
    path.write_text(
        "Country Name,Country Code,Year,Value\nGermany,DEU,2021,4.2e12\nWorld,WLD,2021,9e13\n",
        encoding="utf-8",
    )
    store = ledger.open_store(db)
    first = imports.import_macro(store, path, by="loader")
    again = imports.import_macro(store, path, by="loader")
    assert (first.status, first.changed, again.status) == ("imported", 1, "unchanged")
    [imp] = [i for i in store.list_imports() if i["origin"] == "macro"]
    assert (imp["by"], imp["rows_stored"], imp["id"]) == ("loader", 1, first.import_id)
    assert [(a["action"], a["by"]) for a in store.audit_trail("macro", 1)] == [("insert", "loader")]


def test_tokens_listed_revoked_by_id_expire_and_are_audited(runner: CliRunner, db: str) -> None:
    """Issue 11.16: list (never the secret), revoke one by id, optional expiry, audited."""
    first = _run(runner, db, "token", "create", "alice")[1].splitlines()[0]
    second = _run(runner, db, "token", "create", "alice", "--days", "30")[1].splitlines()[0]
    store = ledger.open_store(db)
    assert web_auth.verify_token(first, store=store) == "alice"
    code, text = _run(runner, db, "token", "list")
    assert code == 0 and "alice" in text and first not in text and second not in text
    rows = json.loads(_run(runner, db, "token", "list", "--json")[1])
    assert [(r["id"], r["expires"] is None, r["last_used"] is not None) for r in rows] == [
        (1, True, True),
        (2, False, False),
    ]
    assert "hash" not in rows[0]
    code, text = _run(runner, db, "token", "revoke", "--id", "1")
    assert code == 0 and "Revoked 1 token 1" in text
    assert web_auth.verify_token(second, store=store) == "alice"
    with pytest.raises(Exception, match="unknown, expired or revoked"):
        web_auth.verify_token(first, store=store)
    assert [a["action"] for a in store.audit_trail("tokens", 1)] == ["create", "revoke"]
    assert store.token_name(web_auth.hash_token(second), now=dt.datetime(2100, 1, 1)) is None  # expired


def test_user_falls_back_to_the_os_account(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15.13 / 11.16: with USER unset, the audit trail names the OS account, not "unknown"."""
    for name in ("USER", "USERNAME", "LOGNAME", "LNAME"):
        monkeypatch.delenv(name, raising=False)
    assert settings.get("user") == pwd.getpwuid(os.getuid()).pw_name != "unknown"


def test_a_locked_sqlite_database_says_so(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 11.16: another process holding the write lock: "locked", not "check the URL"."""
    from aidtrack.db import engine

    path = tmp_path / "locked.db"
    url = f"sqlite:///{path}"
    ledger.open_store(url, fresh=True)
    monkeypatch.setattr(ledger, "_STORES", {})  # the CLI opens its own engine
    monkeypatch.setattr(engine, "SQLITE_BUSY_SECONDS", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, text = _run(
            runner,
            url,
            "add",
            "support",
            "--donor",
            "DEU",
            "--category",
            "military",
            "--source-url",
            "https://example.org/x",
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 1 and "locked: another aidtrack process is writing" in text and "check the URL" not in text


def test_review_edit_validates_actors(runner: CliRunner, db: str) -> None:
    """Issue 11.5: `review edit` of a candidate with donor=ZZZ is refused, as `add support` refuses it."""
    store = ledger.open_store(db)
    [record_id] = store.add_support(
        [
            models.Support(
                donor="KOR", category="military", stage="delivery", status="candidate", origin="extract"
            )
        ],
        by="x",
    )
    code, text = _run(runner, db, "review", "edit", f"S{record_id}", "donor=ZZZ")
    assert code == 1 and 'Unknown actor "ZZZ"' in text
    code, text = _run(runner, db, "review", "edit", f"S{record_id}", "donor=Poland")
    assert code == 0 and store.get("support", record_id)["donor"] == "POL"


def test_an_edit_is_validated_as_an_addition(db: str) -> None:
    """Issue 11.5: setting an intermediary makes the channel indirect, as `add support --via` does."""
    store = ledger.open_store(db)
    [record_id] = store.add_support(
        [models.Support(donor="KOR", category="military", stage="delivery")], by="x"
    )
    row = ledger.edit_record("support", record_id, {"via": "United States"}, store=store)
    assert (row["via"], row["channel"]) == ("USA", "indirect")


def test_review_unlink_from_the_cli(runner: CliRunner, db: str) -> None:
    """Issue 11.3: `review --list` shows the link, `review unlink L1` turns it into a candidate."""
    store = ledger.open_store(db)
    [record_id] = store.add_support(
        [
            models.Support(
                donor="DEU",
                category="military",
                stage="commitment",
                date=dt.date(2023, 3, 1),
                origin="kiel",
                source=SOURCE,
            )
        ],
        by="x",
    )
    doc = {
        "id": "a",
        "url": "https://news.example/a",
        "title": "A",
        "published": "2023-03-02",
        "events": [
            {
                "type": "support",
                "donor": "DEU",
                "category": "military",
                "stage": "commitment",
                "evidence": "x",
            }
        ],
    }
    assert review.store_document(doc, store=store).linked == [("support", record_id)]
    code, text = _run(runner, db, "review", "--list")
    assert code == 0 and "L1" in text and f"S{record_id}" in text
    code, text = _run(runner, db, "review", "unlink", "L1")
    assert code == 0 and "new candidate S2" in text
    assert store.get("support", 2)["status"] == "candidate"
    code, text = _run(runner, db, "review", "unlink", "L1")
    assert code == 1 and "No corroboration link with id 1" in text
