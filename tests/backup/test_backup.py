"""`backup` and `restore`: every table copied, into SQLite and PostgreSQL, in one transaction."""

from __future__ import annotations

import json
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from aidtrack.cli import main
from aidtrack.db import Store
from aidtrack.db import backup as dump
from aidtrack.errors import StorageError, ValidationError
from aidtrack.services import backup, ledger
from tests.backup.ledgers import every_table


@pytest.mark.parametrize("suffix", [".zip", ".db"])
def test_restore_gives_every_table_back(
    full_store: Store, any_store: Store, tmp_path: Path, suffix: str
) -> None:
    before = every_table(full_store)
    assert before["audit_log"] and before["tokens"] and before["imports"] and before["corroborations"]
    assert len(before["support"]) > 2000

    written = backup.backup(full_store, tmp_path / f"backup{suffix}")
    restored = backup.restore(any_store, tmp_path / f"backup{suffix}")

    assert written.counts == restored.counts == {name: len(rows) for name, rows in before.items()}
    after = every_table(any_store)
    for table in dump.tables():
        assert after[table.name] == before[table.name], table.name


def test_postgres_ledger_backs_up_and_restores_into_sqlite(
    full_store: Store, any_store: Store, tmp_path: Path
) -> None:
    backup.restore(any_store, backup.backup(full_store, tmp_path / "first.zip").path)
    backup.backup(any_store, tmp_path / "second.zip")
    backup.backup(any_store, tmp_path / "second.db")
    for name in ("second.zip", "second.db"):
        target = ledger.open_store(f"sqlite:///{tmp_path / ('target-' + name + '.db')}", fresh=True)
        backup.restore(target, tmp_path / name)
        assert every_table(target) == every_table(full_store)


def test_new_rows_after_a_restore_get_fresh_ids(full_store: Store, any_store: Store, tmp_path: Path) -> None:
    backup.restore(any_store, backup.backup(full_store, tmp_path / "ledger.zip").path)
    largest = max(r["id"] for r in every_table(any_store)["support"])
    new_id = ledger.add_support(
        {"donor": "FRA", "stage": "commitment", "category": "military"}, store=any_store, by="me"
    )
    assert new_id == largest + 1


def test_restore_refuses_a_ledger_with_data_unless_forced(
    full_store: Store, store: Store, tmp_path: Path
) -> None:
    path = backup.backup(full_store, tmp_path / "ledger.zip").path
    ledger.add_support({"donor": "FRA", "stage": "commitment", "category": "military"}, store=store, by="me")
    with pytest.raises(ValidationError, match=r"not empty \(.*1 support.*--force"):
        backup.restore(store, path)
    assert len(every_table(store)["support"]) == 1
    summary = backup.restore(store, path, force=True)
    assert summary.replaced["support"] == 1
    assert every_table(store) == every_table(full_store)


def test_a_damaged_archive_restores_nothing(full_store: Store, store: Store, tmp_path: Path) -> None:
    path = backup.backup(full_store, tmp_path / "ledger.zip").path
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(path) as good, zipfile.ZipFile(damaged, "w") as bad:
        for item in good.infolist():
            data = good.read(item)
            if item.filename == "tables/support.jsonl":
                data = b"\n".join(data.splitlines()[:-5]) + b"\n"  # five records lost
            bad.writestr(item, data)
    before = every_table(store)
    with pytest.raises(StorageError, match='damaged: its manifest lists 2,267 rows of "support"'):
        backup.restore(store, damaged)
    assert every_table(store) == before


def test_archive_from_another_schema_is_refused(full_store: Store, store: Store, tmp_path: Path) -> None:
    path = backup.backup(full_store, tmp_path / "ledger.zip").path
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(path) as good, zipfile.ZipFile(other, "w") as bad:
        for item in good.infolist():
            data = good.read(item)
            if item.filename == "manifest.json":
                data = json.dumps({**json.loads(data), "revision": "0001"}).encode()
            bad.writestr(item, data)
    with pytest.raises(StorageError, match="schema revision 0001"):
        backup.restore(store, other)


@pytest.mark.parametrize(
    "name, message",
    [
        ("ledger.tar", "must end in .zip"),
        ("source.db", "the ledger's own database file"),
    ],
)
def test_backup_names_its_formats(full_store: Store, tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        backup.backup(full_store, tmp_path / name)
    assert list(tmp_path.glob("*partial*")) == []


def test_restore_rejects_a_file_that_is_no_backup(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "notes.zip"
    path.write_text("just text", encoding="utf-8")
    with pytest.raises(ValidationError, match="neither an aidtrack backup archive"):
        backup.restore(store, path)


def test_cli_backup_then_restore(full_store: Store, runner: CliRunner, tmp_path: Path) -> None:
    source = f"sqlite:///{tmp_path / 'source.db'}"
    target = f"sqlite:///{tmp_path / 'target.db'}"
    archive = tmp_path / "backups" / "aidtrack-2024-05-01.zip"
    result = runner.invoke(main, ["--database", source, "backup", str(archive)])
    assert result.exit_code == 0, result.output
    assert "Backed up" in result.output and archive.exists()
    result = runner.invoke(main, ["--database", target, "restore", str(archive)])
    assert result.exit_code == 0, result.output
    assert "Restored" in result.output
    result = runner.invoke(main, ["--database", target, "restore", str(archive)])
    assert result.exit_code == 1 and "--force" in result.output
    result = runner.invoke(main, ["--database", target, "restore", "--force", str(archive)])
    assert result.exit_code == 0, result.output
    assert every_table(ledger.open_store(target, fresh=True)) == every_table(full_store)


def test_a_backup_taken_while_writers_work_is_one_consistent_state(any_store: Store, tmp_path: Path) -> None:
    """Every support record in the copy has its audit entry and the reverse, although records
    were being added (record and audit entry in one transaction) all through the backup."""
    for n in range(300):
        ledger.add_support(
            {
                "donor": "FRA",
                "stage": "commitment",
                "category": "military",
                "amount": n,
                "currency": "EUR",
                "amount_eur": n,
            },
            store=any_store,
            by="seed",
        )
    stop = threading.Event()

    def write() -> int:
        added = 0
        while not stop.is_set():
            ledger.add_support(
                {"donor": "DEU", "stage": "delivery", "category": "military"}, store=any_store, by="writer"
            )
            added += 1
        return added

    with ThreadPoolExecutor(1) as pool:
        writer = pool.submit(write)
        try:
            time.sleep(0.2)
            copies = [backup.backup(any_store, tmp_path / f"during-{n}.zip").path for n in range(3)]
        finally:
            stop.set()
        assert writer.result() > 0
    for path in copies:
        with zipfile.ZipFile(path) as archive:
            support = {json.loads(line)["id"] for line in archive.read("tables/support.jsonl").splitlines()}
            audited = {
                json.loads(line)["record_id"]
                for line in archive.read("tables/audit_log.jsonl").splitlines()
                if json.loads(line)["table_name"] == "support"
            }
        assert len(support) >= 300 and support == audited


def test_rows_the_database_refuses_restore_nothing(full_store: Store, store: Store, tmp_path: Path) -> None:
    path = backup.backup(full_store, tmp_path / "ledger.zip").path
    twice = tmp_path / "twice.zip"
    with zipfile.ZipFile(path) as good, zipfile.ZipFile(twice, "w") as bad:
        for item in good.infolist():
            data = good.read(item)
            if item.filename == "tables/tokens.jsonl":
                data = data + data  # the same token id twice
            elif item.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["tables"]["tokens"]["rows"] *= 2
                data = json.dumps(manifest).encode()
            bad.writestr(item, data)
    before = every_table(store)
    with pytest.raises(StorageError, match='Cannot load the rows of "tokens" from the backup'):
        backup.restore(store, twice)
    assert every_table(store) == before
