"""Load the diplomatic signals register into the ledger as confirmed, sourced records.

Appeals, refusals, threats, sanctions and policy changes become events; support signals
become support records. Loading is an import like any other: idempotent per file, and a
newer file of the same register supersedes the older one (history kept).
"""

from __future__ import annotations

import hashlib
import importlib.resources
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypedDict

from aidtrack import models
from aidtrack.db import ImportOutcome, Store
from aidtrack.errors import ValidationError
from aidtrack.rules import load_signals
from aidtrack.services.ledger import current_user

ORIGIN = "signals"
_CONFIDENCE = {"high": 0.9, "medium": 0.6, "low": 0.3}


def _read_bytes(path: str | Path | None) -> tuple[str, bytes]:
    if path is None:
        entry = importlib.resources.files("aidtrack") / "data" / "signals.yaml"
        return "aidtrack/data/signals.yaml", entry.read_bytes()
    return str(path), Path(path).read_bytes()


def _source(signal: Mapping[str, Any]) -> models.Source:
    first = signal["sources"][0]
    kind = (
        "official"
        if any(d in (first.get("url") or "") for d in (".gov", "nato.int", "europa.eu"))
        else "news"
    )
    return models.Source(
        url=first.get("url"),
        publisher=first.get("publisher"),
        published=first.get("date"),
        title=signal.get("summary"),
        kind=kind,
    )


def _external_id(index: int, signal: Mapping[str, Any]) -> str:
    raw = f"{signal['type']}|{signal['actor']}|{signal.get('target')}|{signal.get('date')}|{signal.get('summary')}"
    return f"signal-{hashlib.sha256(raw.encode()).hexdigest()[:20]}"


def to_record(index: int, signal: Mapping[str, Any]) -> models.Support | models.Event:
    """One signal as a confirmed ledger record with its first source."""
    common: dict[str, Any] = {
        "date": signal.get("date"),
        "source": _source(signal),
        "evidence": signal.get("summary"),
        "origin": ORIGIN,
        "external_id": _external_id(index, signal),
        "status": "confirmed",
    }
    if signal["type"] == "support":
        return models.Support(
            donor=signal["actor"],
            recipient=signal.get("recipient") or signal.get("target") or "UKR",
            category=signal.get("category"),
            stage=signal.get("stage") or "commitment",
            amount=signal.get("amount"),
            currency=signal.get("currency"),
            channel=signal.get("channel") or ("indirect" if signal.get("via") else "direct"),
            via=signal.get("via"),
            **common,
        )
    fields = {k: signal.get(k) for k in models.EVENT_DETAILS}
    return models.Event(
        type=signal["type"],
        actor=signal["actor"],
        confidence=_CONFIDENCE.get(str(signal.get("confidence"))),
        **fields,
        **common,
    )


class SignalsImport(TypedDict):
    """What :func:`import_signals` did: the file, the import's status and what it stored."""

    path: str
    status: str  # "imported" | "unchanged"
    stored: int
    events: int
    support: int
    superseded: int
    rejected: list[models.BadRowDict]


def import_signals(store: Store, path: str | Path | None = None, *, by: str | None = None) -> SignalsImport:
    """Load a signals file (default: the shipped register) into the ledger."""
    label, raw = _read_bytes(path)
    support: list[models.Support] = []
    events: list[models.Event] = []
    report: list[models.BadRowDict] = []
    for index, signal in enumerate(load_signals(path)):
        try:
            record = to_record(index, signal)
        except ValidationError as ex:
            report.append(
                models.BadRowDict(row=index + 1, column="", value=signal.get("summary"), reason=str(ex))
            )
            continue
        (support if isinstance(record, models.Support) else events).append(record)  # type: ignore[arg-type]
    outcome: ImportOutcome = store.import_batch(
        origin=ORIGIN,
        release=None,
        sha256=hashlib.sha256(raw).hexdigest(),
        path=label,
        records=support,
        events=events,
        report=report,
        by=current_user(by) + " (signals import)",
    )
    return SignalsImport(
        path=label,
        status=outcome.status,
        stored=outcome.stored,
        events=len(events),
        support=len(support),
        superseded=outcome.superseded,
        rejected=report,
    )
