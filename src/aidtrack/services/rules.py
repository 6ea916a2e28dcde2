"""Use cases for rules: route checks, rules in force, and a donor's options report.

The options report joins the rules checker with the ledger: which peers used each route
and how much, the signals around the donor (appeals, threats, refusals ...), and the
step-up gap from the peer comparison.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, cast

import pandas as pd

from aidtrack import models
from aidtrack.db import EventFilter, Store
from aidtrack.db.rows import EventRow
from aidtrack.errors import AidtrackError
from aidtrack.rules import (
    CheckResult,
    OptionsReport,
    Rule,
    RuleChange,
    Transfer,
    audit_register,
    build_options,
    check_transfer,
    load_register,
    load_signals,
    rule_changes,
    rules_in_force,
    stale_rules,
)
from aidtrack.rules import render_options as _render_options
from aidtrack.rules.model import CheckDict
from aidtrack.rules.signals import Signal, SignalSource
from aidtrack.services import analysis as analysis_service
from aidtrack.services import bootstrap, ledger

__all__ = [
    "CheckDict",
    "CheckResult",
    "OptionsReport",
    "Rule",
    "RuleChange",
    "Signal",
    "audit_register",
    "check_route",
    "ledger_signals",
    "load_signals",
    "options_report",
    "render_options",
    "rule_changes",
    "rule_dict",
    "rules_in_force",
    "stale_rules",
]


def rule_dict(rule: Rule) -> dict[str, Any]:
    """A rule as JSON-ready data for tables and the API: every field, plus ``basis_label``
    (the basis in words) and ``citation`` (its first source); ``basis``, ``legal_reference``,
    ``last_reviewed`` and ``unverified`` are always present (None or "" when not recorded)."""
    return rule.public_dict()


def render_options(report: OptionsReport) -> str:
    """The options report as Markdown, with the cited rules' review dates from the register."""
    return _render_options(report, rules=load_register().rules)


_EVENT_KEYS = (
    *models.EVENT_WHAT,
    "date",
)


def ledger_signals(store: Store) -> list[Signal]:
    """Confirmed events in the ledger, shaped as the rules' signals (with their source)."""
    rows = store.list_events(EventFilter(status="confirmed", limit=None))
    rows.sort(key=lambda r: (r["date"] is None, r["date"] or dt.date.min, r["id"]))
    return [_signal(row) for row in rows]


def _signal(row: EventRow) -> Signal:
    """A confirmed event of the ledger as a signal, with its source."""
    fields: Mapping[str, object] = row
    source = SignalSource(
        url=row["source_url"], publisher=row["source_publisher"], date=row["source_published"]
    )
    return cast(Signal, {**{k: fields.get(k) for k in _EVENT_KEYS}, "sources": [source]})


def _peer_support(support: pd.DataFrame, *, as_of: dt.date) -> pd.DataFrame:
    dated = support[support["date"].isna() | (support["date"] <= pd.Timestamp(as_of))]
    grouped = dated.groupby(["donor", "category", "stage"], dropna=True)["amount_eur"].sum().reset_index()
    return grouped.rename(columns={"stage": "measure"})


def _step_up(
    frames: tuple[pd.DataFrame, pd.DataFrame], donor: str, *, peers: str, as_of: dt.date
) -> pd.DataFrame | None:
    try:
        table = analysis_service.compare_donors(donor, frames=frames, peers=peers, as_of=as_of).table
    except AidtrackError:  # no GDP for this donor: the report says there are no step-up figures
        return None
    return table[["category", "donor_eur", "peer_median_pct_gdp", "gap_eur"]]


def options_report(
    donor: str,
    *,
    as_of: dt.date | None = None,
    recipient: str = "UKR",
    peers: str = "G7",
    store: Store | None = None,
    frames: tuple[pd.DataFrame, pd.DataFrame] | None = None,
) -> OptionsReport:
    """Every route for ``donor`` with verdicts, peers' use, signals and step-up gap.

    ``frames`` (support, macro) already loaded from ``store`` are used as they are (the
    country report loads them once for all its sections).
    """
    store = store or ledger.open_store()
    when = as_of or dt.date.today()
    if frames is None:
        bootstrap.prepare(store)
        frames = analysis_service.load_frames(store)
    support = frames[0]
    return build_options(
        donor,
        as_of=when,
        recipient=recipient,
        peer_support=_peer_support(support, as_of=when),
        signals=ledger_signals(store),
        step_up=_step_up(frames, donor, peers=peers, as_of=when),
    )


def check_route(
    origin: str,
    recipient: str,
    item: str,
    *,
    via: tuple[str, ...] = (),
    manufacturer: str | None = None,
    on: dt.date | None = None,
    transit: tuple[str, ...] = (),
    equipment: str | None = None,
) -> CheckResult:
    """Judge a transfer hop by hop against the rules in force on ``on`` (default: today).

    Countries are codes (resolve typed names with :func:`aidtrack.services.actors.resolve_actor` first); a bad
    ``item`` raises :class:`~aidtrack.errors.ValidationError`. ``transit`` lists states whose
    straits, airspace or land the shipment crosses without a handover; ``equipment`` names
    equipment that some rules are limited to (``leopard_2``, ``licence_built``...).
    """
    transfer = Transfer(
        origin,
        recipient,
        item,
        via=via,
        manufacturer=manufacturer,
        on=on,
        transit=transit,
        equipment=equipment,
    )
    return check_transfer(transfer)
