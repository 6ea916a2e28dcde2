"""Extraction into the ledger: the article-length cap, items, EUR values, undated articles."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from aidtrack import models
from aidtrack.db import Store, SupportFilter
from aidtrack.extract import article_from_text
from aidtrack.services import extraction, review

PLEDGE = "Canada has pledged 50 million dollars in humanitarian aid to Ukraine, the minister said."
FILLER = "The weather in the capital stayed mild and the markets were calm that week. "


def test_a_long_article_is_capped_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Issue 11.14: only max_article_chars characters are read; the warning names the article."""
    monkeypatch.setenv("AIDTRACK_MAX_ARTICLE_CHARS", "4000")
    text = "Aid news\n\n" + PLEDGE + " " + FILLER * 2000 + " Germany has pledged 9 billion euros to Ukraine."
    article = article_from_text(text, name="huge-article.txt")
    assert len(article.text) > 150_000
    warnings: list[str] = []
    with caplog.at_level(logging.WARNING):
        [document] = extraction.extract_documents([article], warnings=warnings)
    assert [w for w in warnings if "huge-article" in w and "4,000" in w]
    assert "huge-article" in caplog.text
    donors = {e.get("donor") for e in document["events"]}
    assert "CAN" in donors and "DEU" not in donors


def test_api_text_is_capped_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIDTRACK_MAX_ARTICLE_CHARS", "3000")
    document = extraction.extract_text("Title\n\n" + PLEDGE + " " + FILLER * 500, name="api-body")
    assert len(document["text"]) <= 3000 and "api-body" in document["warnings"][0]


def _doc(events: list[dict[str, object]], published: str | None = "2023-03-02") -> dict[str, object]:
    return {
        "id": "a1",
        "url": "https://news.example/a1",
        "title": "A1",
        "published": published,
        "events": events,
    }


def test_items_are_named_things_not_characters(store: Store) -> None:
    """Issue 11.2: "155mm shells" is one item, never one per character, never the recipient."""
    events = [
        {
            "type": "support",
            "donor": "KOR",
            "category": "military",
            "stage": "delivery",
            "items": "155mm shells and 40 Marder vehicles",
            "evidence": "x",
        },
        {
            "type": "support",
            "donor": "POL",
            "category": "military",
            "stage": "delivery",
            "items": "Ukraine",
            "evidence": "y",
        },
    ]
    review.store_document(_doc(events), store=store)
    rows = {r["donor"]: r["items"] for r in store.list_support(SupportFilter(status="candidate"))}
    assert rows == {
        "KOR": [{"name": "155mm shells", "quantity": None}, {"name": "40 Marder vehicles", "quantity": None}],
        "POL": [],
    }


def test_extracted_amounts_get_eur_and_usd(store: Store) -> None:
    """Issue 11.4: converted at the article's date, as imports do."""
    events = [
        {
            "type": "support",
            "donor": "USA",
            "category": "military",
            "stage": "commitment",
            "amount": 4.5e9,
            "currency": "USD",
            "evidence": "4.5bn USD",
        }
    ]
    review.store_document(_doc(events), store=store)
    [row] = store.list_support(SupportFilter(status="candidate"))
    assert row["amount_usd"] == 4.5e9 and 4.0e9 < row["amount_eur"] < 4.4e9
    assert "2023-03-02" in row["fx_note"]


def _existing(store: Store, **over: object) -> int:
    fields: dict[str, object] = {
        "donor": "DEU",
        "category": "military",
        "stage": "commitment",
        "date": dt.date(2022, 6, 1),
        "subtype": "Multiple rocket launchers",
        "origin": "kiel",
        "source": models.Source(title="Kiel", kind="dataset"),
    }
    fields.update(over)
    return store.add_support([models.Support(**fields)], by="import")[0]  # type: ignore[arg-type]


def test_an_undated_article_is_never_linked(store: Store) -> None:
    """Issue 11.3: without a date there is no date window, so no match: the pledge is a candidate."""
    _existing(store)
    events = [
        {"type": "support", "donor": "DEU", "category": "military", "stage": "commitment", "evidence": "x"}
    ]
    outcome = review.store_document(_doc(events, published=None), store=store)
    assert (outcome.linked, len(outcome.added)) == ([], 1)
    assert [c["ref"] for c in review.candidates(store=store)] == [f"S{outcome.added[0][1]}"]


def test_a_match_needs_the_same_kind(store: Store) -> None:
    """Issue 11.3: a threat about arms is not a threat about sanctions; an unknown category matches nothing."""
    [threat] = store.add_events(
        [
            models.Event(
                type="threat",
                actor="RUS",
                target="KOR",
                consequence="sanctions",
                date=dt.date(2023, 3, 1),
                origin="manual",
            )
        ],
        by="x",
    )
    events = [
        {
            "type": "threat",
            "actor": "RUS",
            "target": "KOR",
            "consequence": "arms to North Korea",
            "evidence": "x",
        },
        {"type": "threat", "actor": "RUS", "target": "KOR", "consequence": "sanctions", "evidence": "y"},
        {"type": "refusal", "actor": "KOR", "evidence": "z"},
    ]
    store.add_events(
        [models.Event(type="refusal", actor="KOR", category=None, date=dt.date(2023, 3, 1))], by="x"
    )
    outcome = review.store_document(_doc(events), store=store)
    assert outcome.linked == [("events", threat)]
    assert len(outcome.added) == 2


def test_a_link_is_listed_and_can_be_undone(store: Store) -> None:
    """Issue 11.3: the review queue shows the corroboration link; undoing it makes a candidate."""
    record_id = _existing(store, date=dt.date(2023, 3, 1), subtype=None)
    events = [
        {
            "type": "support",
            "donor": "DEU",
            "category": "military",
            "stage": "commitment",
            "evidence": "Berlin pledged more.",
            "confidence": 0.6,
        }
    ]
    outcome = review.store_document(_doc(events), store=store)
    assert outcome.linked == [("support", record_id)]
    [link] = review.links(store=store)
    assert (link["linked_ref"], link["evidence"], link["confidence"]) == (
        f"S{record_id}",
        "Berlin pledged more.",
        0.6,
    )
    candidate = review.undo_link(link["link_id"], store=store, by="reviewer")
    assert (candidate["status"], candidate["donor"], candidate["confidence"]) == ("candidate", "DEU", 0.6)
    assert review.links(store=store) == [] and store.corroborations("support", record_id) == []
    assert [a["action"] for a in store.audit_trail("support", record_id)] == [
        "insert",
        "corroborate",
        "unlink",
    ]
    again = review.store_document(_doc(events), store=store)
    assert again.unchanged == 1


def test_extract_then_store_keeps_whole_items(store: Store) -> None:
    """Issue 11.2 end to end: the extractor's items text becomes one item, and confidence is kept."""
    document = extraction.extract_text(
        "Tanks for Kyiv\n\nGermany has sent 14 Leopard tanks to Ukraine, the "
        "defence ministry said on Monday.",
        name="tanks",
        published=dt.date(2023, 3, 1),
    )
    extraction.store_documents([document], store=store)
    rows = store.list_support(SupportFilter(status="candidate"))
    assert rows and all(len(item["name"]) > 1 for r in rows for item in r["items"])
    assert any(item["name"].endswith("Leopard tanks") for r in rows for item in r["items"])
    assert all(r["confidence"] is not None for r in rows)
