"""Load the diplomatic signals register (appeals, threats, sanctions, refusals,
policy changes, support) as events in the ledger's shape.

>>> events = load_signals()
>>> sorted({e["type"] for e in events})[:3]
['appeal', 'policy_change', 'refusal']
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
from pathlib import Path
from typing import Any, Literal, NotRequired, TypedDict, cast

import pydantic

from aidtrack.errors import RuleRegisterError
from aidtrack.models import (
    EVENT_WHAT,
    CategoryName,
    ChannelName,
    DirectionName,
    EventTypeName,
    EventWhat,
    StageName,
)
from aidtrack.rules.entries import entry_error
from aidtrack.rules.model import RuleSource
from aidtrack.rules.register import load_yaml_list

SignalType = Literal[EventTypeName, "support"]


class SignalSource(TypedDict):
    """Where a signal was reported: address, publisher and date (ISO text in the register file,
    a date for a ledger event)."""

    url: str | None
    publisher: str | None
    date: str | dt.date | None


class Signal(EventWhat):
    """A diplomatic event shaped as the rules' signals: what it is (:class:`~aidtrack.models.EventWhat`),
    its date and its sources. An event read from the register file (:func:`load_signals`) also
    has the rest of :data:`EVENT_KEYS`; a confirmed event of the ledger
    (``services.rules.ledger_signals``) has only these."""

    date: dt.date | None
    sources: list[SignalSource]
    date_precision: NotRequired[str | None]
    confidence: NotRequired[str | None]
    stage: NotRequired[str | None]
    amount: NotRequired[float | None]
    currency: NotRequired[str | None]
    channel: NotRequired[str | None]
    via: NotRequired[str | None]
    notes: NotRequired[str | None]


EVENT_KEYS = (
    *EVENT_WHAT,
    "date",
    "date_precision",
    "sources",
    "confidence",
    "stage",
    "amount",
    "currency",
    "channel",
    "via",
    "notes",
)


class _Signal(pydantic.BaseModel):
    """One entry of a signals file; ``quote``/``translation``/``note`` in sources are dropped."""

    model_config = pydantic.ConfigDict(extra="forbid")
    date: str | None = pydantic.Field(default=None, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    type: SignalType
    actor: str = pydantic.Field(pattern=r"^[A-Z]{2,5}$")
    target: str | None = None
    beneficiary: str | None = None
    recipient: str | None = None
    category: CategoryName | None = None
    direction: DirectionName | None = None
    consequence: str | None = None
    condition: str | None = None
    summary: str = pydantic.Field(min_length=10)
    stage: StageName | None = None
    amount: float | None = None
    currency: str | None = None
    channel: ChannelName | None = None
    via: str | None = None
    sources: list[dict[str, Any]] = pydantic.Field(min_length=1)
    confidence: Literal["high", "medium", "low"]
    notes: str | None = None
    source_exception: str | None = None


def load_signals(path: str | Path | None = None) -> list[Signal]:
    """Events from ``path`` (default: the shipped register), oldest first, undated last.

    Each event has the keys in :data:`EVENT_KEYS`; ``date`` is a ``datetime.date``
    (the 1st of the month or year when only that is known, see ``date_precision``)
    and ``sources`` is a list of ``{url, publisher, date}``. Also reads the shared
    reference file ``shared/data/policies/signals.yaml``.
    """
    origin, text = _read(path)
    data = load_yaml_list(text, origin=origin, what="signals")
    events = [_event(entry, origin=origin, index=i) for i, entry in enumerate(data)]
    return sorted(events, key=lambda e: (e["date"] is None, e["date"] or dt.date.min))


def _read(path: str | Path | None) -> tuple[str, str]:
    if path is None:
        entry = importlib.resources.files("aidtrack") / "data" / "signals.yaml"
        return "aidtrack/data/signals.yaml", entry.read_text(encoding="utf-8")
    target = Path(path)
    if not target.is_file():
        raise RuleRegisterError(f'Signals file "{path}" does not exist; give a YAML file.')
    return str(target), target.read_text(encoding="utf-8")


def _event(entry: Any, *, origin: str, index: int) -> Signal:
    if isinstance(entry, dict) and isinstance(entry.get("date"), dt.date):
        entry = {**entry, "date": entry["date"].isoformat()}
    try:
        signal = _Signal.model_validate(entry)
        sources = [RuleSource.model_validate(_source(s)).model_dump(exclude={"kind"}) for s in signal.sources]
    except pydantic.ValidationError as ex:
        label = f"signal #{index + 1}"
        raise entry_error(ex, label=label, origin=origin, fix="Fix that entry.", whole="") from None
    try:
        day, precision = _day(signal.date)
    except ValueError:
        raise RuleRegisterError(
            f'Invalid signal #{index + 1} in {origin}: field "date": no such day '
            f"(got {signal.date!r}). Write it as YYYY-MM-DD, YYYY-MM or YYYY."
        ) from None
    event = signal.model_dump(exclude={"date", "sources", "source_exception"})
    if signal.type == "support" and event["recipient"] is None:
        event["recipient"] = signal.target
    event.update(date=day, date_precision=precision, sources=sources)
    return cast(Signal, {key: event.get(key) for key in EVENT_KEYS})


def _source(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        return {"url": raw}
    value = raw.get("date")
    day = value.isoformat() if isinstance(value, dt.date) else value
    return {"url": raw.get("url"), "publisher": raw.get("publisher"), "date": day}


def _day(text: str | None) -> tuple[dt.date | None, str | None]:
    if text is None:
        return None, None
    parts = [int(p) for p in text.split("-")]
    precision = ("year", "month", "day")[len(parts) - 1]
    return dt.date(parts[0], *(parts[1:] + [1, 1])[:2]), precision
