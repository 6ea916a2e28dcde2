"""The row types of ``aidtrack.db.rows`` match the tables they come from and the dicts the store returns."""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any

import pyarrow as pa
import pytest
import sqlalchemy as sa

from aidtrack import models
from aidtrack.bulk.worker import SCHEMA, EventStoreRow, PartitionResult, PartitionResultDict
from aidtrack.db import Store, rows, schema
from aidtrack.db import feeds as feeds_db
from aidtrack.db.feeds_schema import feed_items, feeds, watchlists
from aidtrack.importers import starter
from aidtrack.importers.release import BadRow
from aidtrack.rules.signals import EVENT_KEYS, Signal, SignalSource, load_signals
from aidtrack.services import feeds as feeds_service
from aidtrack.services import review, web_auth
from aidtrack.services import rules as rules_service
from aidtrack.services import signals as signals_service

SOURCE_FIELDS = {"source_url", "source_publisher", "source_title", "source_published", "source_kind"}

# (type, table, keys the store adds by joins, columns the type leaves out)
TYPES: list[tuple[type, sa.Table, set[str], set[str]]] = [
    (rows.SupportColumns, schema.support, set(), set()),
    (rows.SupportRow, schema.support, SOURCE_FIELDS, set()),
    (rows.EventColumns, schema.events, set(), set()),
    (rows.EventRow, schema.events, SOURCE_FIELDS, set()),
    (rows.ImportRow, schema.imports, set(), set()),
    (rows.AuditRow, schema.audit_log, set(), set()),
    (rows.AuditEntry, schema.audit_log, set(), {"id"}),
    (rows.CorroborationRow, schema.corroborations, set(), set()),
    (rows.SourcedCorroborationRow, schema.corroborations, {"source_url", "source_title"}, set()),
    (
        rows.LinkRow,
        schema.corroborations,
        {"source_url", "source_title", "source_published"},
        set(),
    ),
    (rows.TokenRow, schema.tokens, set(), {"hash"}),
    (
        rows.KeptFields,
        schema.support,
        set(),
        set(schema.support.c.keys()) - {"current", "created", "updated"},
    ),
    (rows.ActorRow, schema.actors, set(), set()),
    (rows.MembershipRow, schema.memberships, set(), {"id"}),
    (feeds_db.Feed, feeds, {"tags"}, set()),
    (feeds_db.ListedFeed, feeds, {"tags", "items", "events"}, set()),
    (feeds_service.FeedListing, feeds, {"tags", "items", "events"}, {"lock_owner", "locked_until"}),
    (feeds_db.FeedItemRow, feed_items, set(), set()),
    (feeds_db.Watch, watchlists, set(), set()),
]
IDS = [t.__name__ for t, *_ in TYPES]
JOINED_SOURCE = {
    "source_url": schema.sources.c.url,
    "source_publisher": schema.sources.c.publisher,
    "source_title": schema.sources.c.title,
    "source_published": schema.sources.c.published,
    "source_kind": schema.sources.c.kind,
}


def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def _required(kind: type) -> set[str]:
    """The keys of ``kind`` not marked ``NotRequired`` (read from the annotations: with postponed
    annotations Python 3.11 counts every key of a total TypedDict as required)."""
    hints = typing.get_type_hints(kind, include_extras=True)
    return {k for k, hint in hints.items() if typing.get_origin(hint) is not typing.NotRequired}


def _allows_none(hint: Any) -> bool:
    return hint is Any or (isinstance(hint, types.UnionType) and type(None) in hint.__args__)


def _python_types(hint: Any) -> set[type]:
    args = hint.__args__ if isinstance(hint, types.UnionType) else (hint,)
    return {a for a in args if a is not type(None)}


@pytest.mark.parametrize(("kind", "table", "joined", "left_out"), TYPES, ids=IDS)
def test_a_row_type_has_its_tables_columns(
    kind: type, table: sa.Table, joined: set[str], left_out: set[str]
) -> None:
    assert set(_hints(kind)) == (set(table.c.keys()) - left_out) | joined


@pytest.mark.parametrize(("kind", "table", "joined", "left_out"), TYPES, ids=IDS)
def test_a_row_type_has_each_columns_value_type(
    kind: type, table: sa.Table, joined: set[str], left_out: set[str]
) -> None:
    """NULL allowed exactly where ``None`` is; the Python type of the column (JSON: ``Any``)."""
    hints = _hints(kind)
    columns = {c.key: c for c in table.c if c.key not in left_out}
    columns.update({k: JOINED_SOURCE[k] for k in joined if k in JOINED_SOURCE})
    for name, column in columns.items():
        hint = hints[name]
        if isinstance(column.type, sa.JSON):
            assert hint is Any, name
            continue
        nullable = bool(column.nullable) and not column.primary_key or name in SOURCE_FIELDS
        assert _allows_none(hint) == nullable, name
        assert _python_types(hint) == {column.type.python_type}, name


@pytest.fixture
def filled(any_store: Store) -> Store:
    """A ledger with a record, an event, an import, a corroboration link and a token."""
    source = models.Source(url="https://example.org/a", title="A", kind="news", published="2023-01-02")
    record = models.Support(
        donor="KOR",
        recipient="UKR",
        category="military",
        stage="commitment",
        date="2023-01-02",
        source=source,
        origin="test",
    )
    any_store.add_support([record], by="tester")
    doc = {
        "url": "https://example.org/b",
        "title": "B",
        "published": "2023-01-03",
        "events": [
            {"type": "threat", "actor": "RUS", "target": "KOR", "date": "2023-01-03", "evidence": "x"},
            {
                "type": "support",
                "donor": "KOR",
                "recipient": "UKR",
                "category": "military",
                "stage": "commitment",
                "date": "2023-01-04",
            },
        ],
    }
    stored = review.store_document(doc, store=any_store, by="tester")
    assert (len(stored.added), len(stored.linked)) == (1, 1)
    any_store.import_batch(
        origin="kiel", release="1", sha256="0" * 64, path="k.xlsx", records=[], report=[{"row": 2}], by="t"
    )
    web_auth.create_token("reader", store=any_store)
    return any_store


def _keys(kind: type) -> set[str]:
    return set(_hints(kind))


def test_the_store_returns_rows_with_exactly_the_typed_keys(filled: Store) -> None:
    [support] = filled.list_support()
    [event] = filled.list_events()
    assert set(support) == set(filled.get("support", support["id"])) == _keys(rows.SupportRow)
    assert set(event) == set(filled.get("events", event["id"])) == _keys(rows.EventRow)
    assert {frozenset(r) for chunk in filled.stream_records("events") for r in chunk} == {
        frozenset(_keys(rows.EventRow))
    }
    [link] = filled.list_links(origin="extract")
    assert set(link) == _keys(rows.LinkRow)
    assert set(filled.get_link(link["id"])) == _keys(rows.CorroborationRow)
    [corroboration] = filled.corroborations(link["table_name"], link["record_id"])
    assert set(corroboration) == _keys(rows.SourcedCorroborationRow)
    [imported] = filled.list_imports()
    assert set(imported) == set(filled.get_import(imported["id"])) == _keys(rows.ImportRow)
    assert {frozenset(a) for a in filled.audit_trail("support", support["id"])} == {
        frozenset(_keys(rows.AuditRow))
    }
    [token] = filled.list_tokens()
    assert set(token) == _keys(rows.TokenRow)
    assert {frozenset(a) for a in filled.actor_rows()} == {frozenset(_keys(rows.ActorRow))}
    assert set(filled.summary()) == _keys(rows.LedgerSummary)
    changed = filled.update_record("support", support["id"], {"evidence": "y"}, by="tester")
    assert set(changed) == _keys(rows.SupportColumns)


def test_the_review_queue_rows_have_their_typed_keys(filled: Store) -> None:
    queue = review.candidates(store=filled)
    assert [c["ref"][0] for c in queue] == ["E"]
    assert set(queue[0]) == _keys(review.EventCandidate)
    [link] = review.links(store=filled)
    assert set(link) == _keys(review.ReviewLink)
    assert set(link["linked"]) <= _keys(review.LinkedRecord)
    assert link["date"] == "2023-01-04" and isinstance(link["created"], dt.datetime)
    undone = review.undo_link(link["link_id"], store=filled, by="tester")
    assert set(undone) == _keys(review.SupportCandidate) - {"corroborations"}
    assert undone["ref"] == f"S{undone['id']}"


def test_a_listed_feed_has_the_typed_keys(any_store: Store) -> None:
    feeds_service.add_feed("https://example.org/feed.xml", name="Example", store=any_store)
    [listed] = feeds_service.list_feeds(store=any_store)
    assert set(listed) == _keys(feeds_service.FeedListing)
    assert listed["url"] == "https://example.org/feed.xml" and listed["tags"] == []


def test_macro_values_and_bad_rows_match_their_table_and_class() -> None:
    macro_columns = set(schema.macro.c.keys()) - {"id", "source_id"}
    assert _keys(models.MacroValue) == macro_columns | {"source"}
    assert _keys(models.BadRowDict) == {f.name for f in dataclasses.fields(BadRow)}
    bad = BadRow(3, "donor", "Germny", "unknown country")
    assert bad.as_dict() == dataclasses.asdict(bad) and list(bad.as_dict()) == list(_hints(models.BadRowDict))


def test_signals_from_the_register_and_the_ledger_have_the_typed_keys(store: Store) -> None:
    register = load_signals()
    assert {frozenset(s) for s in register} == {frozenset(_keys(Signal))} == {frozenset(EVENT_KEYS)}
    imported = signals_service.import_signals(store)
    assert set(imported) == _keys(signals_service.SignalsImport) and imported["status"] == "imported"
    required = _required(Signal)
    assert required == {*models.EVENT_WHAT, "date", "sources"}
    from_ledger = rules_service.ledger_signals(store)
    assert len(from_ledger) == imported["events"] > 0
    assert {frozenset(s) for s in from_ledger} == {frozenset(required)}
    assert {frozenset(src) for s in from_ledger for src in s["sources"]} == {frozenset(_keys(SignalSource))}


def test_a_partition_result_as_data_has_the_fields_of_its_class() -> None:
    result = PartitionResult("p1", 3, 2, 1, [], ["events/p1.parquet"], 0.5, 42, 80.0, capped=1)
    assert _keys(PartitionResultDict) == {f.name for f in dataclasses.fields(PartitionResult)}
    assert result.to_dict() == {**dataclasses.asdict(result)} and result.to_dict()["capped"] == 1
    assert _required(PartitionResultDict) == _keys(PartitionResultDict) - {"capped"}


def test_the_packaged_starter_metadata_has_the_typed_keys() -> None:
    meta = starter.starter_meta()
    assert set(meta) == _keys(starter.StarterMeta)
    assert meta["citation"].endswith(f"Release {meta['release']}") and meta["rows"] > 0


def test_an_event_store_row_has_the_columns_of_the_parquet_schema() -> None:
    python_type = {pa.string(): str, pa.date32(): dt.date, pa.float64(): float, pa.int64(): int}
    hints = _hints(EventStoreRow)
    assert list(hints) == SCHEMA.names
    assert {f.name: {python_type[f.type]} for f in SCHEMA} == {k: _python_types(h) for k, h in hints.items()}
