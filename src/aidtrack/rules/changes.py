"""What bound a country on a date, and who loosened or tightened what, when.

>>> [r.id for r in rules_in_force("SWE", on=dt.date(2022, 2, 1))]
['swe_guidelines_no_exports_to_states_in_armed_conflict', 'swe_military_equipment_licence_requirement']
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Literal

from aidtrack.models import DirectionName
from aidtrack.rules.conflicts import is_at_war
from aidtrack.rules.model import EFFECT_RANK, Rule, RuleSource
from aidtrack.rules.precedence import ROLE_SCOPES, decide, precedence_key, specificity
from aidtrack.rules.register import RegisterLike, as_register


def rules_in_force(country: str, *, on: dt.date, register: RegisterLike = None) -> list[Rule]:
    """The rules binding ``country`` on ``on``, each with ``superseded_by`` filled in.

    A rule is superseded (wholly or for part of its destinations) by an in-force
    rule of the same country that overlaps it (item, scope, topic) and wins under
    :mod:`aidtrack.rules.precedence` for a destination both cover.
    """
    rules = [r for r in as_register(register).for_country(country) if r.in_force_on(on)]
    return [r.model_copy(update={"superseded_by": _beaters(r, rules, on=on)}) for r in rules]


def _beaters(rule: Rule, rules: list[Rule], *, on: dt.date) -> tuple[str, ...]:
    return tuple(
        o.id
        for o in rules
        if o is not rule and _overlap(o, rule) and _narrower_or_equal(o, rule, on=on) and _wins(o, rule)
    )


def _overlap(a: Rule, b: Rule) -> bool:
    scopes = {s for role in ROLE_SCOPES.values() for s in role if a.scope in role and b.scope in role}
    return a.topic == b.topic and bool(set(a.covers) & set(b.covers)) and bool(scopes)


def _narrower_or_equal(a: Rule, b: Rule, *, on: dt.date) -> bool:
    """Every destination ``a`` covers is also covered by ``b``."""
    if b.applies_to == "any" or a.applies_to == b.applies_to:
        return True
    return b.applies_to == "states_at_war" and specificity(a) == 3 and is_at_war(a.applies_to, on=on)


def _wins(a: Rule, b: Rule) -> bool:
    if b.id in a.overrides:
        return True
    if a.id in b.overrides:
        return False
    return precedence_key(a) > precedence_key(b)


@dataclasses.dataclass(frozen=True)
class RuleChange:
    """A rule that started, ended or was adopted-but-pending on ``date``."""

    country: str
    date: dt.date
    rule_id: str
    kind: Literal["adopted", "ended", "pending"]
    direction: DirectionName
    effect_before: str | None
    effect_after: str | None
    other_rule_id: str | None
    title: str
    summary: str
    sources: tuple[RuleSource, ...]

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["date"] = self.date.isoformat()
        data["sources"] = [s.model_dump() for s in self.sources]
        return data


def rule_changes(
    *, since: dt.date, until: dt.date | None = None, country: str | None = None, register: RegisterLike = None
) -> list[RuleChange]:
    """Rule starts, ends and pending adoptions between ``since`` and ``until`` (inclusive).

    The direction compares the rule's effect with the effect that governed the same
    situation (country, item, scope, destination) the day before (a start) or the
    day after (an end): stricter is ``tighten``. With nothing to compare, or the
    same strictness, a new ``allow`` rule loosens and any other tightens (the end of
    an ``allow`` rule tightens). A rule's ``change_direction`` in the register, set
    where the effect alone misleads (a licence granted for a transfer), wins.
    """
    rules = as_register(register).rules
    end = until or dt.date.max
    changes = [c for r in rules if country in (None, r.country) for c in _changes_of(r, rules)]
    return sorted(
        (c for c in changes if since <= c.date <= end), key=lambda c: (c.date, c.country, c.rule_id)
    )


def _changes_of(rule: Rule, rules: tuple[Rule, ...]) -> list[RuleChange]:
    found = []
    if rule.status == "pending" and rule.announced:
        found.append(_change(rule, rules, rule.announced, "pending"))
    elif rule.valid_from:
        found.append(_change(rule, rules, rule.valid_from, "adopted"))
    if rule.valid_to and rule.valid_to < dt.date.max:
        found.append(_change(rule, rules, rule.valid_to + dt.timedelta(days=1), "ended"))
    return found


def _change(rule: Rule, rules: tuple[Rule, ...], day: dt.date, kind: str) -> RuleChange:
    ended = kind == "ended"
    other = _governing(rule, rules, on=day if ended else day - dt.timedelta(days=1))
    before, after = (rule, other) if ended else (other, rule)
    direction: str | None = rule.change_direction if not ended else None
    direction = direction or _direction(
        before.effect if before else None, after.effect if after else None, ending=rule if ended else None
    )
    return RuleChange(
        rule.country,
        day,
        rule.id,
        kind,  # type: ignore[arg-type]
        direction,  # type: ignore[arg-type]
        before.effect if before else None,
        after.effect if after else None,
        other.id if other else None,
        rule.title,
        rule.summary,
        rule.sources,
    )


def _governing(rule: Rule, rules: tuple[Rule, ...], *, on: dt.date) -> Rule | None:
    """The rule that governs ``rule``'s situation on ``on``, ``rule`` itself excluded."""
    peers = [
        o
        for o in rules
        if o.country == rule.country
        and o is not rule
        and o.in_force_on(on)
        and _overlap(o, rule)
        and _narrower_or_equal(rule, o, on=on)
    ]
    decision = decide(peers)
    return decision.winner if decision else None


def _direction(old: str | None, new: str | None, *, ending: Rule | None) -> str:
    if old is not None and new is not None and EFFECT_RANK[old] != EFFECT_RANK[new]:
        return "tighten" if EFFECT_RANK[new] > EFFECT_RANK[old] else "loosen"
    if ending is not None:  # nothing stricter or looser takes over: judge by what ends
        return "tighten" if ending.effect == "allow" else "loosen"
    return "loosen" if new == "allow" else "tighten"
