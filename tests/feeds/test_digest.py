"""The digest of a fixed ledger: Markdown and HTML compared with expected files, grouping by type,
watched countries first, changed records, rule changes, the step-up gap, watchlists."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from aidtrack.db import Store
from aidtrack.db import store as store_module
from aidtrack.errors import UnknownActorError, ValidationError
from aidtrack.rules.register import parse_rules
from aidtrack.services import digest, ledger, review

EXPECTED = Path(__file__).with_name("expected")
# A register of one sample rule (written for these tests), so the digest does not change with the shipped one.
RULES = parse_rules(
    """
- id: kor_sample_shells_through_allies
  country: KOR
  title: Shells may reach Ukraine through allies (sample rule)
  summary: A rule written for the digest tests; it allows re-export of shells to Ukraine.
  covers: [ammunition]
  scope: reexport
  applies_to: UKR
  effect: allow
  valid_from: '2024-04-15'
  basis: government_policy
  last_reviewed: '2026-11-30'
  confidence: medium
  sources:
  - url: https://rules.example/kor-shells
    publisher: Sample Gazette
    date: '2024-04-15'
""",
    origin="tests",
)


def fill(store: Store) -> None:
    """A small ledger: KOR records in and out of the period, one rejected, and another donor's."""
    support = [
        {
            "donor": "KOR",
            "stage": "allocation",
            "category": "humanitarian",
            "amount": 5_000_000,
            "currency": "EUR",
            "date": "2024-02-01",
            "source_url": "https://example.org/mofa/2024-02-01",
            "source_publisher": "Ministry of Foreign Affairs",
            "source_title": "Aid for heating",
        },
        {
            "donor": "KOR",
            "stage": "delivery",
            "category": "humanitarian",
            "date": "2024-03-12",
            "status": "candidate",
            "evidence": "South Korea delivered mobile field hospitals to Ukraine this week.",
            "source_url": "https://news.example/seoul-hospitals",
            "source_title": "Seoul sends field hospitals",
        },
        {
            "donor": "KOR",
            "stage": "commitment",
            "category": "military",
            "amount": 12_500_000,
            "currency": "EUR",
            "date": "2024-04-02",
            "source_title": "Defence ministry briefing (no link)",
        },
        {
            "donor": "KOR",
            "stage": "commitment",
            "category": "military",
            "amount": 9_000_000,
            "currency": "EUR",
            "date": "2024-03-15",
            "status": "rejected",
        },
        {
            "donor": "KOR",
            "stage": "allocation",
            "category": "financial",
            "amount": 1_000_000,
            "currency": "EUR",
            "date": "2023-12-20",
        },
        {
            "donor": "JPN",
            "stage": "commitment",
            "category": "financial",
            "amount": 2_000_000,
            "currency": "EUR",
            "date": "2024-03-18",
        },
    ]
    events = [
        {
            "type": "appeal",
            "actor": "UKR",
            "target": "KOR",
            "category": "military",
            "date": "2024-03-20",
            "status": "candidate",
            "evidence": "Ukraine urged South Korea to supply air defence | and shells.",
            "source_url": "https://news.example/kyiv-asks",
            "source_title": "Kyiv asks Seoul [update]",
        },
        {
            "type": "refusal",
            "actor": "KOR",
            "category": "military",
            "date": "2024-03-21",
            "summary": "Seoul declines to send weapons",
        },
        {
            "type": "sanction",
            "actor": "KOR",
            "target": "RUS",
            "date": "2024-05-10",
            "summary": "Export ban on <dual-use> goods",
            "source_url": "javascript:alert(1)",
            "source_title": "Notice",
        },
        {"type": "appeal", "actor": "UKR", "target": "JPN", "category": "financial", "date": "2024-03-22"},
    ]
    for fields in support:
        ledger.add_support(fields, store=store, by="test")
    for fields in events:
        ledger.add_event(fields, store=store, by="test")
    # A peer's allocation and GDP figures, so KOR's step-up gap to the G7 median can be computed.
    ledger.add_support(
        {
            "donor": "JPN",
            "stage": "allocation",
            "category": "financial",
            "amount": 40_000_000,
            "currency": "EUR",
            "date": "2023-06-01",
        },
        store=store,
        by="test",
    )
    store.upsert_macro(
        [
            {"actor": "KOR", "indicator": "gdp_eur_kiel_2021", "year": 2021, "value": 1.5e12},
            {"actor": "JPN", "indicator": "gdp_eur_kiel_2021", "year": 2021, "value": 4e12},
        ],
        by="test",
    )


@pytest.fixture
def filled(any_store: Store) -> Store:
    fill(any_store)
    return any_store


def kor(store: Store) -> dict:
    return digest.build_digest(
        since="2024-01-01", until="2024-06-30", countries=["South Korea"], store=store, register=RULES
    )


def test_markdown_digest_matches_the_expected_file(filled: Store) -> None:
    assert digest.render_markdown(kor(filled)) == (EXPECTED / "digest_kor.md").read_text(encoding="utf-8")


def test_html_digest_matches_the_expected_file(filled: Store) -> None:
    assert digest.render_html(kor(filled)) == (EXPECTED / "digest_kor.html").read_text(encoding="utf-8")


def test_html_digest_is_self_contained_and_escaped(filled: Store) -> None:
    page = digest.render_html(kor(filled))
    assert "<script" not in page.lower() and "javascript:" not in page
    assert not re.search(r"""<(link|img|iframe|object|embed)\b|\bsrc=|@import|url\(""", page, re.IGNORECASE)
    assert "Export ban on &lt;dual-use&gt; goods" in page


def test_the_digest_groups_by_type_and_leaves_out_what_it_should(filled: Store) -> None:
    section = kor(filled)["countries"][0]
    groups = {g["type"]: [(r["date"], r["status"]) for r in g["rows"]] for g in section["groups"]}
    assert list(groups) == ["appeal", "refusal", "support", "sanction"]  # the digest's order of types
    assert groups["support"] == [
        ("2024-04-02", "confirmed"),
        ("2024-03-12", "candidate"),
        ("2024-02-01", "confirmed"),
    ]
    assert groups["appeal"] == [("2024-03-20", "candidate")] and groups["sanction"] == [
        ("2024-05-10", "confirmed")
    ]
    assert section["totals"] == {
        "records": 6,
        "changed": 0,
        "confirmed_support": 2,
        "confirmed_eur": 17_500_000.0,
        "events": 3,
        "candidates": 2,
    }


def test_rule_changes_of_the_period_come_from_the_register(filled: Store) -> None:
    section = kor(filled)["countries"][0]
    assert [(r["date"], r["kind"], r["direction"], r["source_url"]) for r in section["rule_changes"]] == [
        ("2024-04-15", "adopted", "loosen", "https://rules.example/kor-shells")
    ]
    later = digest.build_digest(
        since="2024-05-01", until="2024-06-30", countries=["KOR"], store=filled, register=RULES
    )
    assert later["countries"][0]["rule_changes"] == []


def test_the_step_up_gap_is_shown_when_the_figures_changed(filled: Store) -> None:
    # JPN gives 0.001 % of its GDP; KOR's 1.5 trillion GDP asks 15 m; KOR had 1 m, then 6 m allocated.
    step_up = kor(filled)["countries"][0]["step_up"]
    assert (step_up["before_date"], step_up["before_support"], step_up["before"]) == ("2023-12-31", 1e6, 14e6)
    assert (step_up["after_date"], step_up["after_support"], step_up["after"]) == ("2024-06-30", 6e6, 9e6)
    quiet = digest.build_digest(
        since="2024-06-01", until="2024-06-30", countries=["KOR"], store=filled, register=RULES
    )
    assert quiet["countries"][0]["step_up"] is None  # no support in the period: no figures
    commitments = digest.build_digest(
        since="2024-04-01", until="2024-04-30", countries=["KOR"], store=filled, register=RULES
    )
    assert commitments["countries"][0]["step_up"] is None  # a commitment leaves the allocations unchanged


def test_a_record_reviewed_in_the_period_is_listed_as_changed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def at(day: str) -> None:
        monkeypatch.setattr(store_module, "_now", lambda: dt.datetime.fromisoformat(day))

    at("2023-12-01T10:00:00")
    old = ledger.add_event(
        {
            "type": "threat",
            "actor": "RUS",
            "target": "KOR",
            "date": "2023-11-20",
            "status": "candidate",
            "summary": "Moscow warns Seoul",
        },
        store=store,
        by="test",
    )
    ledger.add_event(
        {
            "type": "appeal",
            "actor": "UKR",
            "target": "KOR",
            "date": "2023-11-21",
            "summary": "Untouched since",
        },
        store=store,
        by="test",
    )
    at("2024-03-05T09:00:00")
    review.decide("events", old, "accept", store=store, by="ann")
    section = digest.build_digest(
        since="2024-03-01", until="2024-03-31", countries=["KOR"], store=store, register=[]
    )["countries"][0]
    assert [
        (g["type"], [(r["what"], r["status"], r["change"]) for r in g["rows"]]) for g in section["groups"]
    ] == [("threat", [("Moscow warns Seoul", "confirmed", "changed")])]
    assert section["totals"]["changed"] == 1


def test_watched_countries_come_first_and_types_narrow_them(filled: Store) -> None:
    digest.watch(["JPN"], store=filled)
    both = digest.build_digest(
        since="2024-01-01", until="2024-06-30", countries=["KOR", "JPN"], store=filled, register=[]
    )
    assert [(c["code"], c["watched"]) for c in both["countries"]] == [("JPN", True), ("KOR", False)]
    assert digest.watch(["KOR"], types=["refusal,sanction"], store=filled) == ["KOR"]
    assert [w["types"] for w in digest.watched(store=filled)] == [[], ["refusal", "sanction"]]
    mine = digest.build_digest(since="2024-01-01", until="2024-06-30", store=filled, register=[])
    kor_section = mine["countries"][1]
    assert [g["type"] for g in kor_section["groups"]] == ["refusal", "sanction"]
    assert "Watched for: refusal, sanction." in digest.render_markdown(mine)
    with pytest.raises(ValidationError, match='Unknown type "rumour"; choose from appeal, refusal'):
        digest.watch(["KOR"], types=["rumour"], store=filled)


def test_since_takes_days_or_weeks_back() -> None:
    today = dt.date(2024, 3, 31)
    assert digest.parse_since("7d", today=today) == dt.date(2024, 3, 24)
    assert digest.parse_since("2w", today=today) == dt.date(2024, 3, 17)
    assert digest.parse_since("2024-03-01") == dt.date(2024, 3, 1)
    with pytest.raises(ValidationError, match='since "7x" is not a date'):
        digest.parse_since("7x")


def test_the_watchlist_chooses_the_countries(filled: Store) -> None:
    with pytest.raises(ValidationError, match='watchlist "default" is empty'):
        digest.build_digest(since="2024-01-01", store=filled)
    assert digest.watch(["Japan", "KOR"], store=filled, by="ann") == ["JPN", "KOR"]
    assert digest.watch(["KOR"], store=filled) == []
    built = digest.build_digest(since="2024-01-01", until="2024-06-30", store=filled)
    assert [c["code"] for c in built["countries"]] == ["JPN", "KOR"]
    assert [(g["type"], len(g["rows"])) for g in built["countries"][0]["groups"]] == [
        ("appeal", 1),
        ("support", 1),
    ]
    assert [w["code"] for w in digest.watched(store=filled)] == ["JPN", "KOR"]
    assert digest.unwatch(["Japan", "DEU"], store=filled) == ["JPN"]
    assert [w["code"] for w in digest.watched(store=filled)] == ["KOR"]
    assert digest.watch(["DEU"], watchlist="europe", store=filled) == ["DEU"]
    assert [(w["watchlist"], w["code"]) for w in digest.watched(watchlist=None, store=filled)] == [
        ("default", "KOR"),
        ("europe", "DEU"),
    ]


def test_bad_input_says_what_to_do(store: Store) -> None:
    with pytest.raises(UnknownActorError, match='Unknown actor "Atlantis"'):
        digest.watch(["Atlantis"], store=store)
    with pytest.raises(ValidationError, match='since "last week" is not a date'):
        digest.build_digest(since="last week", countries=["KOR"], store=store)
    with pytest.raises(ValidationError, match="until 2023-01-01 is before since 2024-01-01"):
        digest.build_digest(since="2024-01-01", until="2023-01-01", countries=["KOR"], store=store)
    with pytest.raises(ValidationError, match="must be 1 to 60 printable characters"):
        digest.watched(watchlist="\x00", store=store)
    with pytest.raises(ValidationError, match='as ".pdf"; name the file .md or .html'):
        digest.render(kor(store), suffix=".pdf")


def test_an_empty_period_says_so(store: Store) -> None:
    text = digest.render_markdown(kor(store))
    assert "Nothing recorded in this period." in text and "| Date | Status |" not in text


@pytest.mark.parametrize(
    ("amount", "currency", "eur", "shown"),
    [
        (5_000_000, "EUR", 5_000_000, "EUR 5.0 m"),
        (30_000_000, "USD", 27_700_000, "EUR 27.7 m (USD 30.0 m)"),
        (30_000_000, "USD", None, "USD 30.0 m"),
        (None, None, None, ""),
        (2_500, "GBP", 2_900, "EUR 2,900 (GBP 2,500)"),
    ],
)
def test_money_is_shown_in_euros_with_the_amount_as_reported(amount, currency, eur, shown) -> None:
    assert digest.money(amount, currency, eur) == shown
