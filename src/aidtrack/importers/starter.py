"""The starter dataset shipped inside the package: Kiel's newest release, aggregated.

``aidtrack/data/starter/`` holds

* ``kiel_monthly.csv``: donor (actor code), year, month, category (empty for
  commitments, which Release 29 gives per donor and month only), measure
  (allocation/commitment), value_eur;
* ``kiel_macro.csv``: actor, indicator (``gdp_eur_kiel_2021``, ``eu_share``), year, value, unit;
* ``starter.json``: release number, period, citation, source and the SHA-256 of the
  source folder it was built from (so importing that folder later is a no-op).

:func:`write_starter` builds it from a folder of Kiel's website CSVs
(``scripts/build_starter.py``); :func:`read_starter` reads it back as a :class:`KielRelease`.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any, TypedDict, cast

from aidtrack.errors import ImportFormatError
from aidtrack.importers import kiel_website
from aidtrack.importers.macro import read_macro
from aidtrack.importers.release import (
    KIEL_CITATION,
    KIEL_PAGE,
    KIEL_PUBLISHER,
    BadRow,
    Donors,
    KielRelease,
    MacroValue,
    dataset_source,
    sha256_of,
)
from aidtrack.models import BadRowDict

__all__ = [
    "MACRO_FILE",
    "META_FILE",
    "MONTHLY_FILE",
    "STARTER_DIR",
    "StarterMeta",
    "read_starter",
    "starter_meta",
    "write_starter",
]

STARTER_DIR = Path(__file__).resolve().parent.parent / "data" / "starter"
MONTHLY_FILE, MACRO_FILE, META_FILE = "kiel_monthly.csv", "kiel_macro.csv", "starter.json"
_MONTHLY_COLUMNS = ("donor", "year", "month", "category", "measure", "value_eur")
_MACRO_COLUMNS = ("actor", "indicator", "year", "value", "unit")


def _monthly_codes(folder: Path, report: list[BadRow]) -> list[kiel_website.MonthlyRow]:
    donors, out = Donors(), []
    for row in kiel_website.monthly_rows(kiel_website.read_explorer(folder), report=report):
        name, _, iso = row.donor.partition("|")
        code = donors.code(name, fallback=iso)
        if code is None:
            report.append(BadRow(row.row, "country", name, "unknown donor; left out of the starter"))
            continue
        out.append(
            kiel_website.MonthlyRow(code, row.year, row.month, row.category, row.measure, row.value_eur)
        )
    return out


def _write_csv(path: Path, columns: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _macro_line(value: MacroValue) -> dict[str, Any]:
    """A line of the starter's macro file: the value exactly (repr), the source left to the release."""
    row: dict[str, Any] = {k: v for k, v in value.items() if k in _MACRO_COLUMNS}
    return {**row, "value": repr(value["value"])}


def _totals(rows: list[kiel_website.MonthlyRow]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for row in rows:
        key = f"{row.measure}:{row.category or 'total'}"
        totals[key] = totals.get(key, 0.0) + row.value_eur / 1e9
    return {k: round(v, 3) for k, v in sorted(totals.items())}


def _population(wdi: Path | None, donors: set[str]) -> list[MacroValue]:
    """Population of the Kiel donors from a World Bank ``wdi.json`` (for per-capita figures)."""
    if wdi is None:
        return []
    rows = read_macro(wdi).rows
    return [m for m in rows if m["indicator"] == "population" and m["actor"] in donors]


class StarterMeta(TypedDict):
    """The starter dataset's ``starter.json``: which Kiel release it holds, how to cite it, the
    hash of the folder it was built from, its totals (EUR bn per measure and category) and the
    rows of that folder that were not kept."""

    release: str
    period: str
    label: str
    published: str | None
    citation: str
    publisher: str
    url: str
    derived_from: str
    source_sha256: str
    built: str
    units: str
    totals_eur_bn: dict[str, float]
    rows: int
    report: list[BadRowDict]


def write_starter(source_folder: Path, out: Path = STARTER_DIR, *, wdi: Path | None = None) -> StarterMeta:
    """Build the starter files in ``out`` from a folder of Kiel's website CSVs; returns the metadata.

    ``wdi`` (World Bank ``wdi.json``) adds the donors' population for per-capita figures.
    """
    info = kiel_website.read_release_info(source_folder)
    report: list[BadRow] = []
    monthly = _monthly_codes(source_folder, report)
    release = kiel_website.read_website(source_folder)
    release.macro.extend(_population(wdi, {r.donor for r in monthly}))
    out.mkdir(parents=True, exist_ok=True)
    _write_csv(
        out / MONTHLY_FILE,
        _MONTHLY_COLUMNS,
        [
            {
                "donor": r.donor,
                "year": r.year,
                "month": r.month,
                "category": r.category or "",
                "measure": r.measure,
                "value_eur": f"{r.value_eur:.0f}",
            }
            for r in monthly
        ],
    )
    _write_csv(
        out / MACRO_FILE,
        _MACRO_COLUMNS,
        [_macro_line(m) for m in release.macro],
    )
    meta: StarterMeta = {
        "release": info.release,
        "period": info.period,
        "label": info.label,
        "published": info.published.isoformat() if info.published else None,
        "citation": KIEL_CITATION.format(release=info.release),
        "publisher": KIEL_PUBLISHER,
        "url": KIEL_PAGE,
        "derived_from": "Kiel's website CSVs (data_explorer.csv, eu_aid_shares.csv, release_info.csv), "
        "repository UkraineSupportTrackerWebsite/ukraine-support-tracker, data/"
        + ("; population: World Bank WDI SP.POP.TOTL (CC BY 4.0)" if wdi else ""),
        "source_sha256": sha256_of(source_folder),
        "built": dt.date.today().isoformat(),
        "units": "value_eur in EUR; commitments are donor-month totals (category empty)",
        "totals_eur_bn": _totals(monthly),
        "rows": len(monthly),
        "report": [b.as_dict() for b in report],
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def starter_meta(folder: Path = STARTER_DIR) -> StarterMeta:
    """The starter's ``starter.json`` (release, citation, source_sha256...)."""
    try:
        return cast(StarterMeta, dict(json.loads((folder / META_FILE).read_text(encoding="utf-8"))))
    except (OSError, ValueError) as ex:
        raise ImportFormatError(
            f"The starter dataset in {folder} is missing or damaged ({ex}); "
            "rebuild it with scripts/build_starter.py or reinstall aidtrack."
        ) from ex


def _read_rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != columns:
            raise ImportFormatError(
                f"{path.name} has columns {reader.fieldnames}; expected {', '.join(columns)}."
            )
        return list(reader)


def read_starter(folder: Path = STARTER_DIR) -> KielRelease:
    """The starter dataset as a :class:`KielRelease` (same records as importing the source folder)."""
    meta = starter_meta(folder)
    published = dt.date.fromisoformat(day) if (day := meta.get("published")) else None
    source = dataset_source(meta["release"], published=published, label=meta["label"])
    monthly = [
        kiel_website.MonthlyRow(
            r["donor"],
            int(r["year"]),
            int(r["month"]),
            r["category"] or None,
            r["measure"],
            float(r["value_eur"]),
            n,
        )
        for n, r in enumerate(_read_rows(folder / MONTHLY_FILE, _MONTHLY_COLUMNS), start=2)
    ]
    report: list[BadRow] = []
    records = kiel_website.records_from_monthly(monthly, source=source, report=report)
    macro = [
        MacroValue(
            actor=r["actor"],
            indicator=r["indicator"],
            year=int(r["year"]),
            value=float(r["value"]),
            unit=r["unit"],
            source=source,
        )
        for r in _read_rows(folder / MACRO_FILE, _MACRO_COLUMNS)
    ]
    return KielRelease(meta["release"], "kiel-starter", records, macro, report, rows_read=len(monthly))
