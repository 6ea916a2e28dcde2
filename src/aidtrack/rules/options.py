"""A donor's options report: for each route to the recipient, the checker's verdict
with citations, which peers used that route and how much, the relevant signals
and the step-up gap. Pure: data in, report out; no scores are invented.

Routes are ranked by what stands in their way, most open first: allowed, allowed
subject to a licence, needs approval, needs consent, discouraged by guideline,
prohibited by government policy, prohibited by law (statute, regulation, court
ruling or international obligation); see :func:`aidtrack.rules.model.strength_rank`.

>>> report = build_options("KOR", as_of=dt.date(2023, 3, 1))
>>> [(r.slug, r.strength) for r in report.routes][-1]
('direct-ammunition', 'prohibited by government policy')
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypedDict, cast

import pandas as pd

from aidtrack.actors import display_name
from aidtrack.rules.checker import check_transfer
from aidtrack.rules.model import CheckDict, CheckResult, Transfer, strength_rank
from aidtrack.rules.register import RegisterLike, as_register
from aidtrack.rules.signals import Signal

INTERMEDIARIES: tuple[str, ...] = ("USA", "POL", "DEU")


class PeerSupport(TypedDict):
    """What one peer gave in a route's category, at one stage (``measure``), in euros."""

    donor: str
    category: str
    measure: str
    amount_eur: float | None


class StepUpRow(TypedDict):
    """The step-up gap in one category (a row of ``compare_donors``' table): what the donor
    gave, the peers' median share of GDP and what closing the gap would take."""

    category: str
    donor_eur: float | None
    peer_median_pct_gdp: float | None
    gap_eur: float | None


class RouteDict(TypedDict):
    """A :class:`RouteOption` as JSON-ready data (``RouteOption.to_dict``)."""

    route: str
    title: str
    category: str
    verdict: str
    label: str
    strength: str
    basis: str | None
    rank: int
    note: str
    check: CheckDict | None
    peers: list[PeerSupport]
    signals: list[dict[str, Any]]  # signals with ISO dates (_jsonable)
    step_up: list[StepUpRow]


class OptionsDict(TypedDict):
    """An :class:`OptionsReport` as JSON-ready data (``OptionsReport.to_dict``)."""

    donor: str
    recipient: str
    as_of: str
    routes: list[RouteDict]
    appeals: list[dict[str, Any]]  # signals with ISO dates (_jsonable)
    threats: list[dict[str, Any]]
    notes: list[str]


@dataclasses.dataclass(frozen=True)
class RouteOption:
    """One way the donor could support the recipient, with the evidence for it."""

    slug: str
    title: str
    category: str
    verdict: str
    label: str
    check: CheckResult | None
    peers: tuple[PeerSupport, ...]
    signals: tuple[Signal, ...]
    step_up: tuple[StepUpRow, ...]
    note: str = ""

    @property
    def strength(self) -> str:
        """How firmly the verdict binds (``prohibited by statute`` ...); see :func:`verdict_strength`."""
        return self.check.strength if self.check else self.verdict

    @property
    def basis(self) -> str | None:
        """The basis of the rule that decides the route (None when no rule decides)."""
        return self.check.basis if self.check else None

    @property
    def rank(self) -> int:
        """Position class of the route: 0 is the most open."""
        return strength_rank(self.strength)

    def to_dict(self) -> RouteDict:
        """The route as JSON-ready data."""
        return {
            "route": self.slug,
            "title": self.title,
            "category": self.category,
            "verdict": self.verdict,
            "label": self.label,
            "strength": self.strength,
            "basis": self.basis,
            "rank": self.rank,
            "note": self.note,
            "check": self.check.to_dict() if self.check else None,
            "peers": list(self.peers),
            "signals": [_jsonable(s) for s in self.signals],
            "step_up": list(self.step_up),
        }


@dataclasses.dataclass(frozen=True)
class OptionsReport:
    """Every route for ``donor`` to ``recipient`` as of ``as_of``."""

    donor: str
    recipient: str
    as_of: dt.date
    routes: tuple[RouteOption, ...]
    appeals: tuple[Signal, ...]
    threats: tuple[Signal, ...]
    notes: tuple[str, ...] = ()

    def to_dict(self) -> OptionsDict:
        """The report as JSON-ready data."""
        return {
            "donor": self.donor,
            "recipient": self.recipient,
            "as_of": self.as_of.isoformat(),
            "routes": [r.to_dict() for r in self.routes],
            "appeals": [_jsonable(s) for s in self.appeals],
            "threats": [_jsonable(s) for s in self.threats],
            "notes": list(self.notes),
        }


def build_options(
    donor: str,
    *,
    as_of: dt.date,
    recipient: str = "UKR",
    peer_support: pd.DataFrame | None = None,
    signals: Iterable[Signal] = (),
    step_up: pd.DataFrame | None = None,
    register: RegisterLike = None,
    intermediaries: Sequence[str] = INTERMEDIARIES,
) -> OptionsReport:
    """Assemble the options report for ``donor`` (see the module docstring).

    ``peer_support`` has columns donor, category, measure, amount_eur; ``step_up``
    has category, donor_eur, peer_median_pct_gdp, gap_eur; ``signals`` are events
    as returned by :func:`aidtrack.rules.load_signals`.
    """
    reg = as_register(register)
    known = [s for s in signals if (day := s.get("date")) is None or day <= as_of]
    context = _Context(donor, recipient, as_of, reg, peer_support, step_up, known)
    routes = [
        context.military("direct-lethal", "Direct lethal aid", "lethal"),
        context.military("direct-non-lethal", "Direct non-lethal military aid", "non_lethal"),
        context.military("direct-ammunition", "Direct ammunition", "ammunition"),
        *[
            context.military(
                f"ammunition-via-{v.lower()}", f"Ammunition via {display_name(v)}", "ammunition", via=v
            )
            for v in intermediaries
            if v not in (donor, recipient)
        ],
        context.civil("humanitarian", "Humanitarian aid"),
        context.civil("financial", "Financial aid (budget support, loans, grants)"),
    ]
    routes.sort(key=lambda r: r.rank)
    return OptionsReport(
        donor,
        recipient,
        as_of,
        tuple(routes),
        tuple(_about(known, donor, {"appeal"})),
        tuple(_about(known, donor, {"threat"})),
        _notes(donor, reg.countries, peer_support, step_up),
    )


@dataclasses.dataclass(frozen=True)
class _Context:
    donor: str
    recipient: str
    as_of: dt.date
    register: Any
    peer_support: pd.DataFrame | None
    step_up: pd.DataFrame | None
    signals: list[Signal]

    def military(self, slug: str, title: str, item: str, *, via: str | None = None) -> RouteOption:
        transfer = Transfer(self.donor, self.recipient, item, via=(via,) if via else (), on=self.as_of)
        check = check_transfer(transfer, register=self.register)
        signals = _route_signals(self.signals, self.donor, "military", via=via)
        return RouteOption(
            slug,
            title,
            "military",
            check.verdict,
            check.label,
            check,
            _peers(self.peer_support, "military", self.donor, via=via),
            tuple(signals),
            _step_up(self.step_up, "military"),
            "Peer amounts are all military aid; the ledger does not split lethal from non-lethal."
            if self.peer_support is not None
            else "",
        )

    def civil(self, slug: str, title: str) -> RouteOption:
        return RouteOption(
            slug,
            title,
            slug,
            "allowed",
            "allowed",
            None,
            _peers(self.peer_support, slug, self.donor),
            tuple(_route_signals(self.signals, self.donor, slug)),
            _step_up(self.step_up, slug),
            "No export rule in the register restricts this kind of aid; allowed unless a rule says otherwise.",
        )


def _peers(
    frame: pd.DataFrame | None, category: str, donor: str, *, via: str | None = None, limit: int = 10
) -> tuple[PeerSupport, ...]:
    if frame is None or frame.empty:
        return ()
    rows = frame[(frame["category"] == category) & (frame["donor"] != donor)]
    rows = rows.sort_values("amount_eur", ascending=False)
    picked = rows.head(limit)
    if via is not None:
        picked = pd.concat([rows[rows["donor"] == via], picked]).drop_duplicates()
    return tuple(
        PeerSupport(
            donor=_plain(row["donor"]),
            category=_plain(row["category"]),
            measure=_plain(row["measure"]),
            amount_eur=_plain(row["amount_eur"]),
        )
        for row in picked.to_dict("records")
    )


def _step_up(frame: pd.DataFrame | None, category: str) -> tuple[StepUpRow, ...]:
    if frame is None or frame.empty:
        return ()
    rows = frame[frame["category"] == category]
    return tuple(
        cast(StepUpRow, {str(k): _plain(v) for k, v in row.items()}) for row in rows.to_dict("records")
    )


def _route_signals(
    signals: list[Signal], donor: str, category: str, *, via: str | None = None
) -> list[Signal]:
    """Signals for one route: appeals, threats and sanctions aimed at the donor, and the
    donor's own refusals, policy changes and support, in the route's category.

    Threats and sanctions (usually without a category) go with military routes; a
    route via a third country keeps only the donor's support sent through it.
    """
    return [s for s in signals if _fits(s, donor, category, via=via)]


def _fits(signal: Signal, donor: str, category: str, *, via: str | None) -> bool:
    kind = signal["type"]
    aimed = signal.get("target") == donor and kind in ("appeal", "threat", "sanction")
    own = signal.get("actor") == donor and kind in ("refusal", "policy_change", "support")
    if not (aimed or own):
        return False
    if kind == "support" and (via is not None or signal.get("channel") == "indirect"):
        return via is not None and signal.get("via") == via
    if kind in ("threat", "sanction"):
        return category == "military"
    return signal.get("category") in (category, None)


def _about(signals: list[Signal], donor: str, types: set[str]) -> list[Signal]:
    return [s for s in signals if s["type"] in types and s.get("target") == donor]


def _notes(
    donor: str, countries: list[str], peers: pd.DataFrame | None, step_up: pd.DataFrame | None
) -> tuple[str, ...]:
    notes = []
    if donor not in countries:
        notes.append(f"No rules on record for {donor}; its own hops are treated as allowed with a warning.")
    if peers is None:
        notes.append("No peer support data given: peers per route are not shown.")
    if step_up is None:
        notes.append("No step-up analysis given: gaps are not shown.")
    return tuple(notes)


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    return None if isinstance(value, float) and math.isnan(value) else value


def _jsonable(event: Mapping[str, Any]) -> dict[str, Any]:
    """A signal with its dates as ISO text (its other values are JSON already)."""
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in event.items()}
