"""Extracted events -> candidates -> review -> confirmed records with source and evidence."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from aidtrack.cli import main
from aidtrack.db import Store
from aidtrack.services import review

DOC = {
    "id": "made-up-article",
    "url": "https://news.example/kor-aid",
    "title": "Seoul adds aid",
    "published": "2023-04-10",
    "events": [
        {
            "type": "support",
            "donor": "KOR",
            "recipient": "UKR",
            "category": "humanitarian",
            "stage": "commitment",
            "amount": 1.3e8,
            "currency": "USD",
            "evidence": "South Korea pledged $130 million in humanitarian aid.",
            "start": 0,
            "end": 52,
            "confidence": 0.9,
        },
        {
            "type": "threat",
            "actor": "RUS",
            "target": "KOR",
            "consequence": "ties ruined",
            "evidence": "Moscow warned Seoul that arms deliveries would ruin ties.",
            "start": 53,
            "end": 110,
            "confidence": 0.8,
        },
        {"type": "appeal", "actor": "NATO", "evidence": "no target here"},
    ],
}


def test_store_document_adds_candidates_and_reports_invalid(store: Store) -> None:
    outcome = review.store_document(DOC, store=store, by="extractor")
    assert sorted(t for t, _ in outcome.added) == ["events", "support"]
    assert len(outcome.invalid) == 1 and "needs a target" in outcome.invalid[0]["error"]
    [threat] = store.list_events()
    assert (threat["status"], threat["source_url"], threat["evidence_start"]) == (
        "candidate",
        "https://news.example/kor-aid",
        53,
    )


def test_storing_the_same_article_twice_changes_nothing(store: Store) -> None:
    review.store_document(DOC, store=store)
    before = store.summary()["counts"]
    again = review.store_document(DOC, store=store)
    assert (again.added, again.unchanged) == ([], 2)
    assert store.summary()["counts"] == before


def test_matching_candidate_is_linked_not_duplicated(store: Store) -> None:
    review.store_document(DOC, store=store)
    other = {**DOC, "url": "https://other.example/x", "published": "2023-04-15", "events": [DOC["events"][1]]}
    outcome = review.store_document(other, store=store)
    assert outcome.added == [] and [t for t, _ in outcome.linked] == ["events"]
    assert len(store.list_events()) == 1
    [link] = store.corroborations("events", outcome.linked[0][1])
    assert link["source_url"] == "https://other.example/x"
    far = {**other, "url": "https://third.example/y", "published": "2023-09-01"}
    assert [t for t, _ in review.store_document(far, store=store).added] == ["events"]


def test_accept_reject_edit(store: Store) -> None:
    outcome = review.store_document(DOC, store=store)
    ids = dict(outcome.added)
    review.decide("support", ids["support"], "accept", store=store, by="reviewer")
    review.decide("events", ids["events"], "edit", store=store, changes={"consequence": "end of relations"})
    row = store.get("support", ids["support"])
    assert (row["status"], row["source_url"], row["evidence"]) == (
        "confirmed",
        "https://news.example/kor-aid",
        DOC["events"][0]["evidence"],
    )
    assert store.get("events", ids["events"])["consequence"] == "end of relations"
    assert [a["by"] for a in store.audit_trail("support", ids["support"])][-1] == "reviewer"
    with pytest.raises(Exception, match='"maybe"'):
        review.decide("events", ids["events"], "maybe", store=store)


def test_review_cli(runner: CliRunner, tmp_path: object) -> None:
    db = f"sqlite:///{tmp_path}/r.db"
    from aidtrack.services.ledger import open_store

    outcome = review.store_document(DOC, store=open_store(db))
    event_id = dict(outcome.added)["events"]
    result = runner.invoke(main, ["--database", db, "review", "--list", "--json"])
    assert {r["ref"] for r in json.loads(result.output)} == {
        f"E{event_id}",
        f"S{dict(outcome.added)['support']}",
    }
    result = runner.invoke(main, ["--database", db, "review", "accept", f"E{event_id}"])
    assert result.exit_code == 0 and "confirmed" in result.output
    result = runner.invoke(main, ["--database", db, "review", "accept", "X1"])
    assert result.exit_code == 2 and '"X1"' in result.output
    result = runner.invoke(main, ["--database", db, "review"], input="r\n")
    assert result.exit_code == 0 and "rejected" in result.output
    assert json.loads(runner.invoke(main, ["--database", db, "review", "--list", "--json"]).output) == []


def test_review_list_names_support_and_its_recipient_and_channel(runner: CliRunner, tmp_path: object) -> None:
    """A reviewer sees what a support candidate is, whom it goes to, and through whom."""
    db = f"sqlite:///{tmp_path}/r.db"
    from aidtrack.services.ledger import open_store

    doc = {**DOC, "events": [{**DOC["events"][0], "channel": "indirect", "via": "UN"}]}
    review.store_document(doc, store=open_store(db))
    [row] = json.loads(runner.invoke(main, ["--database", db, "review", "--list", "--json"]).output)
    assert (row["type"], row["donor"], row["recipient"], row["via"]) == ("support", "KOR", "UKR", "UN")
    table = runner.invoke(main, ["--database", db, "review", "--list"]).output
    assert "support" in table and "UKR" in table and "recipient" in table
