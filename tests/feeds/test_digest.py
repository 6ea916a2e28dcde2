"""The digest of a fixed ledger: Markdown and HTML compared with expected files, JSON, watchlists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aidtrack.db import Store
from aidtrack.errors import UnknownActorError, ValidationError
from aidtrack.services import digest, ledger

EXPECTED = Path(__file__).with_name("expected")


def fill(store: Store) -> None:
    """A small ledger: KOR records in and out of the period, one rejected, and another donor's."""
    support = [
        {"donor": "KOR", "stage": "allocation", "category": "humanitarian", "amount": 5_000_000, "currency": "EUR",
         "date": "2024-02-01", "source_url": "https://example.org/mofa/2024-02-01",
         "source_publisher": "Ministry of Foreign Affairs", "source_title": "Aid for heating"},
        {"donor": "KOR", "stage": "delivery", "category": "humanitarian", "date": "2024-03-12", "status": "candidate",
         "evidence": "South Korea delivered mobile field hospitals to Ukraine this week.",
         "source_url": "https://news.example/seoul-hospitals", "source_title": "Seoul sends field hospitals"},
        {"donor": "KOR", "stage": "commitment", "category": "military", "amount": 12_500_000, "currency": "EUR",
         "date": "2024-04-02", "source_title": "Defence ministry briefing (no link)"},
        {"donor": "KOR", "stage": "commitment", "category": "military", "amount": 9_000_000, "currency": "EUR",
         "date": "2024-03-15", "status": "rejected"},
        {"donor": "KOR", "stage": "allocation", "category": "financial", "amount": 1_000_000, "currency": "EUR",
         "date": "2023-12-20"},
        {"donor": "JPN", "stage": "commitment", "category": "financial", "amount": 2_000_000, "currency": "EUR",
         "date": "2024-03-18"},
    ]
    events = [
        {"type": "appeal", "actor": "UKR", "target": "KOR", "category": "military", "date": "2024-03-20",
         "status": "candidate", "evidence": "Ukraine urged South Korea to supply air defence | and shells.",
         "source_url": "https://news.example/kyiv-asks", "source_title": "Kyiv asks Seoul [update]"},
        {"type": "refusal", "actor": "KOR", "category": "military", "date": "2024-03-21",
         "summary": "Seoul declines to send weapons"},
        {"type": "sanction", "actor": "KOR", "target": "RUS", "date": "2024-05-10",
         "summary": "Export ban on <dual-use> goods", "source_url": "javascript:alert(1)", "source_title": "Notice"},
        {"type": "appeal", "actor": "UKR", "target": "JPN", "category": "financial", "date": "2024-03-22"},
    ]
    for fields in support:
        ledger.add_support(fields, store=store, by="test")
    for fields in events:
        ledger.add_event(fields, store=store, by="test")


@pytest.fixture
def filled(any_store: Store) -> Store:
    fill(any_store)
    return any_store


def kor(store: Store) -> dict:
    return digest.build_digest(since="2024-01-01", until="2024-06-30", countries=["South Korea"], store=store)


def test_markdown_digest_matches_the_expected_file(filled: Store) -> None:
    assert digest.render_markdown(kor(filled)) == (EXPECTED / "digest_kor.md").read_text(encoding="utf-8")


def test_html_digest_matches_the_expected_file(filled: Store) -> None:
    assert digest.render_html(kor(filled)) == (EXPECTED / "digest_kor.html").read_text(encoding="utf-8")


def test_html_digest_is_self_contained_and_escaped(filled: Store) -> None:
    page = digest.render_html(kor(filled))
    assert "<script" not in page.lower() and "javascript:" not in page
    assert not re.search(r"""<(link|img|iframe|object|embed)\b|\bsrc=|@import|url\(""", page, re.IGNORECASE)
    assert "Export ban on &lt;dual-use&gt; goods" in page


def test_the_digest_counts_and_leaves_out_what_it_should(filled: Store) -> None:
    section = kor(filled)["countries"][0]
    assert [r["date"] for r in section["support"]] == ["2024-04-02", "2024-03-12", "2024-02-01"]
    assert [(r["type"], r["date"]) for r in section["events"]] == [
        ("sanction", "2024-05-10"), ("refusal", "2024-03-21"), ("appeal", "2024-03-20")]
    assert section["totals"] == {"support_records": 3, "confirmed_records": 2, "confirmed_eur": 17_500_000.0,
                                 "events": 3, "candidates": 2}


def test_the_watchlist_chooses_the_countries(filled: Store) -> None:
    with pytest.raises(ValidationError, match='watchlist "default" is empty'):
        digest.build_digest(since="2024-01-01", store=filled)
    assert digest.watch(["Japan", "KOR"], store=filled, by="ann") == ["JPN", "KOR"]
    assert digest.watch(["KOR"], store=filled) == []
    built = digest.build_digest(since="2024-01-01", until="2024-06-30", store=filled)
    assert [c["code"] for c in built["countries"]] == ["JPN", "KOR"]
    assert [r["type"] for r in built["countries"][0]["events"]] == ["appeal"]
    assert [w["code"] for w in digest.watched(store=filled)] == ["JPN", "KOR"]
    assert digest.unwatch(["Japan", "DEU"], store=filled) == ["JPN"]
    assert [w["code"] for w in digest.watched(store=filled)] == ["KOR"]
    assert digest.watch(["DEU"], watchlist="europe", store=filled) == ["DEU"]
    assert [(w["watchlist"], w["code"]) for w in digest.watched(watchlist=None, store=filled)] == [
        ("default", "KOR"), ("europe", "DEU")]


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
    assert "Nothing recorded in this period." in text and "| Date |" not in text


@pytest.mark.parametrize(("amount", "currency", "eur", "shown"), [
    (5_000_000, "EUR", 5_000_000, "EUR 5.0 m"),
    (30_000_000, "USD", 27_700_000, "EUR 27.7 m (USD 30.0 m)"),
    (30_000_000, "USD", None, "USD 30.0 m"),
    (None, None, None, ""),
    (2_500, "GBP", 2_900, "EUR 2,900 (GBP 2,500)"),
])
def test_money_is_shown_in_euros_with_the_amount_as_reported(amount, currency, eur, shown) -> None:
    assert digest.money(amount, currency, eur) == shown
