"""Test adapters: build support and macro frames from the Kiel reference files in ../shared.

These are small readers for tests only (the importers own the real ones). The
files are read in place and never copied into the repository.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("AIDTRACK_SHARED_DIR", REPO.parent / "shared"))
CHROMIUM = Path("/usr/bin/chromium")
KIEL = SHARED / "data" / "kiel"
R29 = KIEL / "release29_website_csv"
R28 = KIEL / "release28_derived_ukrainastotte"
WDI = SHARED / "data" / "macro" / "wdi.json"
R29_URL = "https://github.com/UkraineSupportTrackerWebsite/ukraine-support-tracker"
BN = 1e9


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(
            f"Reference data {path} is absent; check out ../shared beside the repository to run this test."
        )
    return path


@pytest.fixture()
def chromium() -> Path:
    """Debian's Chromium; skipped when absent (failed instead when AIDTRACK_REQUIRE_SERVICES=1, as in CI)."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is absent; install Debian's chromium package for PNG and screenshot checks."
        if os.environ.get("AIDTRACK_REQUIRE_SERVICES") == "1":
            pytest.fail(f"{message} (CI must provide it: see .ci/run)")
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def r29_totals() -> pd.DataFrame:
    return pd.read_csv(_need(R29 / "total_allocations.csv"))


@pytest.fixture(scope="session")
def r29_explorer() -> pd.DataFrame:
    return pd.read_csv(_need(R29 / "data_explorer.csv"))


@pytest.fixture(scope="session")
def r29_eu_shares() -> pd.DataFrame:
    return pd.read_csv(_need(R29 / "eu_aid_shares.csv"))


@pytest.fixture(scope="session")
def r28_summary() -> pd.DataFrame:
    return pd.read_csv(_need(R28 / "country_summary.csv"))


@pytest.fixture(scope="session")
def r28_relative() -> pd.DataFrame:
    return pd.read_csv(_need(R28 / "country_summary_relative.csv"))


@pytest.fixture(scope="session")
def name_to_iso(r29_explorer: pd.DataFrame) -> dict[str, str]:
    mapping = dict(zip(r29_explorer["country"], r29_explorer["iso"], strict=False))
    # Kiel's country summaries (R28) and website (R29) fold the EIB and the EPF into the EU row.
    return {**mapping, "European Investment Bank": "EU", "European Peace Facility": "EU"}


@pytest.fixture(scope="session")
def r29_support(r29_explorer: pd.DataFrame) -> pd.DataFrame:
    return support_from_explorer(r29_explorer)


def support_from_explorer(explorer: pd.DataFrame) -> pd.DataFrame:
    """Kiel R29 website rows -> support frame: allocations per category, commitments as totals."""
    date = pd.to_datetime(pd.DataFrame({"year": explorer["year"], "month": explorer["month"], "day": 1}))
    parts = [
        pd.DataFrame(
            {
                "donor": explorer["iso"],
                "category": category,
                "stage": "allocation",
                "date": date,
                "amount_eur": explorer[category] * BN,
            }
        )
        for category in ("military", "humanitarian", "financial")
    ]
    parts.append(
        pd.DataFrame(
            {
                "donor": explorer["iso"],
                "category": None,
                "stage": "commitment",
                "date": date,
                "amount_eur": explorer["commitments"] * BN,
            }
        )
    )
    frame = pd.concat(parts, ignore_index=True)
    frame.insert(1, "recipient", "UKR")
    frame["origin"] = "kiel-r29"
    frame["source_url"] = R29_URL
    return frame


@pytest.fixture(scope="session")
def wdi() -> pd.DataFrame:
    data = json.loads(_need(WDI).read_text())["land"]
    return pd.DataFrame([{"country": k, **v} for k, v in data.items()])


@pytest.fixture(scope="session")
def r29_macro(r29_explorer: pd.DataFrame, r29_eu_shares: pd.DataFrame, wdi: pd.DataFrame) -> pd.DataFrame:
    gdp = r29_explorer.groupby("iso")["gdp"].first()
    gdp = gdp[gdp > 0]
    shares = r29_eu_shares.set_index("iso")["eu_share_bn"]
    return pd.concat(
        [
            _macro(gdp * BN, "gdp_eur_kiel_2021", 2021),
            _macro(shares / shares.sum(), "eu_share", 2026),
            _wdi_macro(wdi),
        ],
        ignore_index=True,
    )


def _macro(values: pd.Series, indicator: str, year: int) -> pd.DataFrame:
    return pd.DataFrame(
        {"actor": values.index, "indicator": indicator, "year": year, "value": values.to_numpy()}
    )


def _wdi_macro(wdi: pd.DataFrame) -> pd.DataFrame:
    pop = pd.DataFrame(
        {
            "actor": wdi["iso3"],
            "indicator": "population",
            "year": wdi["folketall_aar"],
            "value": wdi["folketall"].astype(float),
        }
    )
    gdp = pd.DataFrame(
        {
            "actor": wdi["iso3"],
            "indicator": "gdp_usd",
            "year": wdi["bnp_aar"],
            "value": wdi["bnp_usd"].astype(float),
        }
    )
    return pd.concat([pop, gdp], ignore_index=True)


@pytest.fixture(scope="session")
def r28_support(name_to_iso: dict[str, str]) -> pd.DataFrame:
    """Kiel R28 activity rows -> support frame, with Kiel's aggregation rule.

    allocation = tot_sub_activity_value_EUR_redistr over Allocation rows;
    commitment = tot_activity_value_EUR over all rows (first sub-row of each activity).
    """
    rows = pd.read_csv(_need(R28 / "bilateral_activities.csv"), parse_dates=["dato"])
    donor = rows["giver"].map(name_to_iso)
    assert donor.notna().all(), sorted(set(rows.loc[donor.isna(), "giver"]))
    base = {
        "donor": donor,
        "recipient": "UKR",
        "category": rows["kategori"].str.strip().str.lower(),
        "date": rows["dato"],
        "origin": "kiel-r28",
        "source_url": None,
    }
    alloc = pd.DataFrame({**base, "stage": "allocation", "amount_eur": rows["verdi_eur_redistr"]})
    commit = pd.DataFrame({**base, "stage": "commitment", "amount_eur": rows["verdi_eur_activity"]})
    alloc = alloc.loc[rows["maal"] == "Allocation"]
    return pd.concat([alloc, commit.loc[commit["amount_eur"] != 0]], ignore_index=True)


@pytest.fixture(scope="session")
def r28_macro(r28_relative: pd.DataFrame, name_to_iso: dict[str, str]) -> pd.DataFrame:
    rel = r28_relative.assign(iso=r28_relative["land"].map(name_to_iso)).set_index("iso")
    return pd.concat(
        [
            _macro(rel["bnp_eur_mrd"].dropna() * BN, "gdp_eur_kiel_2021", 2021),
            _macro(rel["folketall"].dropna(), "population", 2024),
        ],
        ignore_index=True,
    )


@pytest.fixture()
def hand() -> tuple[pd.DataFrame, pd.DataFrame]:
    return hand_frames()


def hand_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """A tiny ledger whose step-up gaps can be computed by hand (see test_compare)."""
    rows = [
        # donor, category, stage, date, amount (EUR)
        ("AAA", "military", "allocation", "2023-01-01", 10.0),
        ("AAA", "humanitarian", "allocation", "2023-02-01", 30.0),
        ("BBB", "military", "allocation", "2023-01-01", 20.0),
        ("BBB", "humanitarian", "allocation", "2023-03-01", 10.0),
        ("CCC", "military", "allocation", "2023-01-01", 90.0),
        ("DDD", "military", "allocation", "2023-05-01", 60.0),
        ("DDD", "financial", "allocation", "2023-05-01", 40.0),
        ("AAA", None, "commitment", "2023-01-01", 100.0),
    ]
    support = pd.DataFrame(rows, columns=["donor", "category", "stage", "date", "amount_eur"])
    support["date"] = pd.to_datetime(support["date"])
    support["recipient"] = "UKR"
    support["origin"] = "hand"
    support["source_url"] = "https://example.org/hand"
    gdp = pd.Series({"AAA": 1000.0, "BBB": 1000.0, "CCC": 3000.0, "DDD": 2000.0})
    macro = pd.concat(
        [
            _macro(gdp, "gdp_eur_kiel_2021", 2021),
            _macro(pd.Series({"AAA": 10.0, "BBB": 20.0, "CCC": 30.0, "DDD": 40.0}), "population", 2024),
        ],
        ignore_index=True,
    )
    return support, macro
