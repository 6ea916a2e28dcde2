"""The real Kiel files in ../shared reproduce Kiel's published totals within 0.1%."""

from __future__ import annotations

from collections import defaultdict

import pytest
from kiel_shared import R7, R12, R28, R29, need

from aidtrack.importers import read_kiel
from aidtrack.importers.release import KielRelease

BN = 1e9
REL = 1e-3  # 0.1%


def sums(release: KielRelease, *, by_donor: bool = False) -> dict[tuple[str | None, ...], float]:
    out: dict[tuple[str | None, ...], float] = defaultdict(float)
    for r in release.records:
        category = r.category.value if r.category else None
        key = (r.donor, r.stage.value, category) if by_donor else (r.stage.value, category)
        out[key] += r.amount_eur or 0.0
        out[(r.donor, r.stage.value) if by_donor else (r.stage.value,)] += r.amount_eur or 0.0
    return out


@pytest.fixture(scope="module")
def r7() -> KielRelease:
    return read_kiel(need(R7))


@pytest.fixture(scope="module")
def r12() -> KielRelease:
    return read_kiel(need(R12), release="12")


@pytest.fixture(scope="module")
def r28() -> KielRelease:
    return read_kiel(need(R28))


@pytest.fixture(scope="module")
def r29() -> KielRelease:
    return read_kiel(need(R29))


@pytest.mark.parametrize(
    ("key", "bn"),
    [
        (("commitment",), 93.9),
        (("commitment", "military"), 41.5),
        (("commitment", "financial"), 38.1),
        (("commitment", "humanitarian"), 14.4),
        (("delivery",), 9.2),
    ],
)
def test_release7_totals(r7: KielRelease, key: tuple[str, ...], bn: float) -> None:
    # Kiel publishes one decimal; the sums match to 0.1% of the unrounded values
    assert sums(r7)[key] / BN == pytest.approx(bn, abs=0.05)


def test_release7_exact_sums_within_tenth_of_percent(r7: KielRelease) -> None:
    totals = sums(r7)
    assert totals[("commitment",)] == pytest.approx(93.94255902e9, rel=REL)
    assert totals[("delivery",)] == pytest.approx(9.18413225e9, rel=REL)


def test_release7_record_fields(r7: KielRelease) -> None:
    assert r7.release == "7" and r7.layout == "kiel-packages-xlsx" and r7.rows_read == 1032
    first = next(r for r in r7.records if r.external_id == "AUH1#r2")
    assert (first.donor, first.category.value, first.stage.value) == ("AUS", "humanitarian", "commitment")
    assert (first.amount, first.currency) == (35_000_000, "AUD")
    assert first.amount_eur == pytest.approx(23_456_872.86)
    assert first.amount_usd is not None and "ECB" in (first.fx_note or "")
    assert (
        first.source is not None
        and first.source.url == "https://pmtranscripts.pmc.gov.au/release/transcript-43831"
    )
    assert first.source.kind.value == "official" and str(first.date) == "2022-03-01"
    assert {r.donor for r in r7.records} >= {"EU", "EIB", "TWN", "TUR", "KOR", "CZE", "USA"}


def test_release7_items_collected_from_package_rows(r7: KielRelease) -> None:
    with_items = [r for r in r7.records if r.items and r.stage.value == "commitment"]
    assert len(with_items) > 50
    assert any(i.quantity and i.quantity > 1 for r in with_items for i in r.items)


def test_release7_bad_values_reported_not_dropped(r7: KielRelease) -> None:
    dates = [b for b in r7.report if b.column == "Announcement Date"]
    assert any("2922-02-09" in (b.value or "") and "implausible" in b.reason for b in dates)
    assert all(b.row for b in dates)


def test_release7_macro_gdp_base_and_eu_shares(r7: KielRelease) -> None:
    gdp = {m["actor"]: m["value"] for m in r7.macro if m["indicator"] == "gdp_eur_kiel_2021"}
    assert gdp["AUS"] == pytest.approx(1343.0122e9, rel=1e-6)  # README: Australia 1,343.0 EUR bn
    share = {m["actor"]: m["value"] for m in r7.macro if m["indicator"] == "eu_share"}
    assert len(share) == 27 and share["AUT"] == pytest.approx(0.0293016, rel=1e-5)
    assert sum(share.values()) == pytest.approx(1.0, abs=0.01)


@pytest.mark.parametrize(
    ("key", "bn"),
    [
        (("commitment",), 165.4),
        (("commitment", "military"), 80.4),
        (("commitment", "financial"), 71.3),
        (("commitment", "humanitarian"), 13.7),
    ],
)
def test_release12_csv_totals(r12: KielRelease, key: tuple[str, ...], bn: float) -> None:
    assert sums(r12)[key] / BN == pytest.approx(bn, rel=REL, abs=0.05)


def test_release12_negative_correction_is_reported(r12: KielRelease) -> None:
    assert r12.layout == "kiel-packages-csv" and r12.rows_read == 1999
    negative = [b for b in r12.report if b.column == "Converted Value in EUR"]
    assert [(b.row, b.value) for b in negative] == [(negative[0].row, "-1500000")]
    assert "negative" in negative[0].reason


@pytest.mark.parametrize(
    ("donor", "stage", "bn"),
    [
        ("NOR", "allocation", 10.005),
        ("NOR", "commitment", 24.724),
        ("USA", "allocation", 115.381),
        ("USA", "commitment", 118.963),
        ("GBR", "allocation", 20.009),
        ("GBR", "commitment", 32.344),
        ("DEU", "allocation", 25.295),
        ("DEU", "commitment", 47.232),
    ],
)
def test_release28_kiel_rule_reproduces_golden_values(
    r28: KielRelease, donor: str, stage: str, bn: float
) -> None:
    assert sums(r28, by_donor=True)[(donor, stage)] / BN == pytest.approx(bn, rel=REL)


def test_release28_norway_by_category(r28: KielRelease) -> None:
    totals = sums(r28, by_donor=True)
    for category, bn in (("financial", 2.035), ("humanitarian", 1.780), ("military", 6.190)):
        assert totals[("NOR", "allocation", category)] / BN == pytest.approx(bn, rel=REL)


def test_release28_monthly_dates_follow_kiel_month(r28: KielRelease) -> None:
    assert r28.release == "28"
    dates = [r.date for r in r28.records if r.date]
    assert min(dates).isoformat() == "2022-01-01" and max(dates).isoformat() == "2026-02-01"
    assert all(d.day == 1 for d in dates)
    assert {m["indicator"] for m in r28.macro} == {"gdp_eur_kiel_2021"}


@pytest.mark.parametrize(
    ("key", "bn"),
    [
        (("allocation",), 358.4),
        (("allocation", "military"), 173.0),
        (("allocation", "financial"), 159.7),
        (("allocation", "humanitarian"), 25.7),
        (("commitment",), 548.0),
        (("commitment", None), 548.0),
    ],
)
def test_release29_website_totals(r29: KielRelease, key: tuple[str | None, ...], bn: float) -> None:
    assert sums(r29)[key] / BN == pytest.approx(bn, rel=REL)


def test_release29_macro(r29: KielRelease) -> None:
    gdp = {m["actor"]: m["value"] for m in r29.macro if m["indicator"] == "gdp_eur_kiel_2021"}
    assert gdp["AUT"] == pytest.approx(406.14867e9, rel=1e-6) and "EU" not in gdp
    share = {m["actor"]: m for m in r29.macro if m["indicator"] == "eu_share"}
    assert len(share) == 27 and sum(m["value"] for m in share.values()) == pytest.approx(1.0)
    assert share["DEU"]["value"] == pytest.approx(19.112542 / 84.425292, rel=1e-5)
    assert r29.report == []
