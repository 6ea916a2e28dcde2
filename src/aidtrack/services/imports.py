"""Use cases: import a Kiel release, macro data or the shipped starter dataset.

Each import is one call of :meth:`Store.import_batch`: one transaction, idempotent per
(origin, SHA-256 of the file), superseding records of older releases (history kept).
Rows that cannot be stored go to the import report, which is saved with the import,
returned, and written to a CSV/JSON file.

    summary = load_starter(open_store("sqlite://"), by="me")
    summary.status, summary.release
('imported', '29')
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import json
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from aidtrack.db import Store
from aidtrack.errors import ValidationError
from aidtrack.importers import download as downloads
from aidtrack.importers import macro as macro_files
from aidtrack.importers import starter
from aidtrack.importers.kiel import read_kiel
from aidtrack.importers.release import BadRow, KielRelease, sha256_of
from aidtrack.models import Support

__all__ = [
    "REPORT_FORMATS",
    "ImportSummary",
    "MacroSummary",
    "import_kiel",
    "import_macro",
    "load_starter",
    "totals",
    "write_report",
]

REPORT_FORMATS = (".csv", ".json")
Progress = Callable[[str, int, int | None], None]


@dataclasses.dataclass
class ImportSummary:
    """What an import did: status, counts, Kiel-style totals and the report."""

    path: str
    origin: str
    release: str | None
    layout: str
    status: str  # "imported" | "unchanged"
    import_id: int
    rows_read: int
    records: int
    stored: int
    superseded: int
    macro: int
    report: list[BadRow]
    totals: dict[tuple[str, str | None], float]
    seconds: float
    report_path: Path | None = None
    notes: list[str] = dataclasses.field(default_factory=list)

    newer_release: str | None = None  # a newer release was already current: rows stored as history

    @property
    def rows_per_second(self) -> float:
        return self.rows_read / self.seconds if self.seconds > 0 else 0.0

    @property
    def outcome(self) -> str:
        """What happened to the records, in words (for the CLI's summary line).

        >>> ImportSummary("f", "kiel", "7", "xlsx", "imported", 3, 600, 520, 520, 520, 0, [], {}, 1.0,
        ...               newer_release="29").outcome
        '520 records stored as history (not current): Release 29 is newer and stays current'
        """
        if self.status == "unchanged":
            return "nothing written: this file was already imported"
        if self.newer_release is not None:
            return (
                f"{self.stored:,} records stored as history (not current): Release {self.newer_release} "
                "is newer and stays current"
            )
        return f"{self.stored:,} records stored as current, {self.superseded:,} older records superseded"


@dataclasses.dataclass
class MacroSummary:
    path: str
    indicators: list[str]
    rows: int
    changed: int
    aggregates_left_out: int
    report: list[BadRow]
    import_id: int | None = None
    status: str = "imported"  # "imported" | "unchanged"


def totals(records: Iterable[Support]) -> dict[tuple[str, str | None], float]:
    """Sum of ``amount_eur`` per (stage, category), as Kiel reports it."""
    sums: dict[tuple[str, str | None], float] = {}
    for record in records:
        if record.amount_eur:
            key = (record.stage.value, record.category.value if record.category else None)
            sums[key] = sums.get(key, 0.0) + record.amount_eur
    return dict(sorted(sums.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")))


def write_report(report: Iterable[BadRow], path: Path) -> Path:
    """Save an import report as CSV or JSON (by the file's suffix)."""
    rows = [b.as_dict() for b in report]
    if path.suffix.lower() not in REPORT_FORMATS:
        raise ValidationError(f'Report file "{path}" must end in .csv or .json.')
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".json":
        path.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return path
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["row", "column", "value", "reason"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _default_report_path(store: Store, release: KielRelease, import_id: int) -> Path | None:
    """Beside a SQLite database file: ``<db>.reports/kiel-r<release>-<import id>.csv``."""
    database = store.engine.url.database
    if store.dialect != "sqlite" or not database or database == ":memory:":
        return None
    stamp = dt.date.today().isoformat()
    name = f"{release.layout}-r{release.release or 'unknown'}-import{import_id}-{stamp}.csv"
    return Path(database).with_suffix(".reports") / name


def _resolve_path(
    path_or_url: str | Path, *, progress: Progress | None, cache: Path | None, transport: Any
) -> Path:
    text = downloads.KIEL_DATA_PAGE if str(path_or_url) == "latest" else str(path_or_url)
    if not downloads.is_url(text):
        return Path(text)
    hook = (lambda done, total: progress("download", done, total)) if progress else None
    return downloads.download(text, folder=cache, progress=hook, transport=transport)


def _store(
    store: Store,
    release: KielRelease,
    *,
    path: Path,
    sha256: str,
    by: str,
    started: float,
    report_path: Path | None,
    origin: str = "kiel",
) -> ImportSummary:
    """One serialised import: the store decides, inside its transaction, whether a newer release
    is current (then the records become history and its GDP base is not applied)."""
    notes = list(release.notes)
    outcome = store.import_batch(
        origin=origin,
        release=release.release,
        sha256=sha256,
        path=str(path),
        records=release.records,
        macro=release.macro,
        report=[b.as_dict() for b in release.report],
        by=by,
    )
    if outcome.newer_release is not None and release.macro:
        notes.append(
            f"Release {outcome.newer_release} is already imported, so this release's GDP base and EU "
            "shares were not applied (its records are kept as history)."
        )
    target = report_path
    if target is None and release.report and outcome.status == "imported":
        target = _default_report_path(store, release, outcome.import_id)
    if target is not None:
        write_report(release.report, target)
    if release.release is None:
        notes.append(
            "The file does not say which release it is; pass --release N so newer releases "
            "supersede it in the right order."
        )
    return ImportSummary(
        str(path),
        origin,
        release.release,
        release.layout,
        outcome.status,
        outcome.import_id,
        release.rows_read,
        len(release.records),
        outcome.stored,
        outcome.superseded,
        outcome.macro_applied,
        release.report,
        totals(release.records),
        time.perf_counter() - started,
        target,
        notes,
        outcome.newer_release,
    )


def _unchanged(
    store: Store, *, path: Path, sha256: str, origin: str, started: float, by: str = ""
) -> ImportSummary | None:
    """The summary of an earlier import of the same content, if there is one (nothing is read).

    It also leaves exactly one current release of ``origin`` (repairing a ledger where two
    imports once ran at the same time before imports were serialised).
    """
    previous = store.find_import(origin=origin, sha256=sha256)
    if previous is None:
        return None
    repaired = store.repair_current(origin=origin, by=by or previous["by"])
    notes = (
        [f"Two releases were current at once; {repaired:,} records of the older one are now history."]
        if repaired
        else []
    )
    return ImportSummary(
        str(path),
        origin,
        previous["release"],
        "",
        "unchanged",
        previous["id"],
        0,
        0,
        0,
        repaired,
        0,
        [],
        {},
        time.perf_counter() - started,
        notes=notes,
    )


def import_kiel(
    store: Store,
    path_or_url: str | Path,
    *,
    by: str,
    release: str | None = None,
    report_path: Path | None = None,
    progress: Progress | None = None,
    cache: Path | None = None,
    transport: Any = None,
) -> ImportSummary:
    """Import a Kiel release file, folder or URL (any supported layout) into the ledger.

    ``"latest"`` downloads the newest workbook linked from Kiel's data page.
    ``progress(stage, done, total)`` is called while downloading ("download"), reading
    ("read") and storing ("store").
    """
    started = time.perf_counter()
    path = _resolve_path(path_or_url, progress=progress, cache=cache, transport=transport)
    website_file = path.name == "data_explorer.csv" and (path.parent / "release_info.csv").exists()
    sha256 = sha256_of(path.parent if website_file else path) if path.exists() else ""
    done = (
        _unchanged(store, path=path, sha256=sha256, origin="kiel", started=started, by=by) if sha256 else None
    )
    if done is not None:
        return done
    if progress:
        progress("read", 0, None)
    result = read_kiel(path, release=release)
    if progress:
        progress("store", 0, len(result.records))
    summary = _store(store, result, path=path, sha256=sha256, by=by, started=started, report_path=report_path)
    if progress:
        progress("store", len(result.records), len(result.records))
    return summary


def load_starter(
    store: Store, *, by: str, folder: Path | None = None, report_path: Path | None = None
) -> ImportSummary:
    """Import the starter dataset shipped in the package (origin "kiel", its release), idempotently.

    It carries the SHA-256 of the Kiel folder it was built from, so loading it after
    importing that folder (or twice) changes nothing.
    """
    started = time.perf_counter()
    folder = folder or starter.STARTER_DIR
    meta = starter.starter_meta(folder)
    done = _unchanged(
        store,
        path=folder / starter.MONTHLY_FILE,
        sha256=meta["source_sha256"],
        origin="kiel",
        started=started,
        by=by,
    )
    if done is not None:
        return done
    result = _packaged_starter() if folder == starter.STARTER_DIR else starter.read_starter(folder)
    return _store(
        store,
        result,
        path=folder / starter.MONTHLY_FILE,
        sha256=meta["source_sha256"],
        by=by,
        started=started,
        report_path=report_path,
    )


def _packaged_starter() -> KielRelease:
    """The starter dataset shipped in the package, read once per process (it never changes while
    the process runs); each caller gets its own lists of bad rows and notes."""
    release = _read_packaged_starter()
    return dataclasses.replace(release, report=list(release.report), notes=list(release.notes))


@functools.cache
def _read_packaged_starter() -> KielRelease:
    return starter.read_starter(starter.STARTER_DIR)


def import_macro(store: Store, path: str | Path, *, by: str, indicator: str | None = None) -> MacroSummary:
    """Import World Bank GDP/population (long CSV or wdi.json) as macro rows (upsert).

    Recorded as an import like any other (who, when, file hash, counts), every inserted or
    changed value audited; the same file twice changes nothing.
    """
    read = macro_files.read_macro(path, indicator=indicator)
    outcome = store.import_macro(
        origin="macro",
        sha256=sha256_of(Path(path)),
        path=str(path),
        rows=read.rows,
        report=[b.as_dict() for b in read.report],
        by=by,
    )
    indicators = sorted({r["indicator"] for r in read.rows})
    return MacroSummary(
        str(path),
        indicators,
        len(read.rows),
        outcome.stored,
        read.aggregates,
        read.report,
        outcome.import_id,
        outcome.status,
    )
