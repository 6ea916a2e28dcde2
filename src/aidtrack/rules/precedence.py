"""Which rule wins when several apply.

Order of precedence, highest first:

1. An explicit ``overrides`` entry: a rule that names another sets it aside.
2. Specificity of the destination: a rule naming the destination (``UKR``)
   beats one for ``states_at_war``, which beats one for ``any``.
3. Among equals, a rule limited to named equipment (``equipment``) beats a
   general one.
4. Among equals, the later ``valid_from`` wins (an undated, long-standing rule
   counts as the earliest).
5. A remaining tie goes to the stricter effect (prohibit > require_consent >
   require_approval > allow), so the checker errs on the side of caution.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from aidtrack.rules.conflicts import is_at_war
from aidtrack.rules.model import EFFECT_RANK, Rule

CHECKED_TOPICS = ("export", "financing")
ROLE_SCOPES = {"export": ("direct", "both"), "reexport": ("reexport", "both")}


@dataclasses.dataclass(frozen=True)
class Decision:
    """The winning rule for one question, with the rules it set aside."""

    winner: Rule
    set_aside: tuple[Rule, ...]

    @property
    def is_exception(self) -> bool:
        """The winner loosens what a set-aside rule would have required."""
        rank = EFFECT_RANK[self.winner.effect]
        return any(EFFECT_RANK[r.effect] > rank for r in self.set_aside)


def specificity(rule: Rule) -> int:
    """3 for a named destination, 2 for states at war, 1 for any."""
    return {"any": 1, "states_at_war": 2}.get(rule.applies_to, 3)


def matches_destination(rule: Rule, destination: str, *, on: dt.date) -> bool:
    if rule.applies_to == "any":
        return True
    if rule.applies_to == "states_at_war":
        return is_at_war(destination, on=on)
    return rule.applies_to == destination


def applicable(
    rules: Iterable[Rule],
    *,
    country: str,
    role: str,
    item: str,
    destination: str,
    on: dt.date,
    intermediaries: tuple[str, ...] | None = None,
    topics: tuple[str, ...] = CHECKED_TOPICS,
    equipment: str | None = None,
) -> list[Rule]:
    """Rules of ``country`` in force on ``on`` for ``item`` going to ``destination``.

    ``role`` is ``export`` (the country ships the item itself) or ``reexport``
    (someone else passes on an item the country made or sold). A rule with a
    ``via`` scope applies only when ``intermediaries`` (the route's) include one
    of its states; ``None`` skips that test (a question about no route). A rule
    limited to named ``equipment`` applies only when the question names it.
    """
    return [
        r
        for r in rules
        if r.country == country
        and r.topic in topics
        and r.in_force_on(on)
        and r.scope in ROLE_SCOPES[role]
        and item in r.covers
        and matches_destination(r, destination, on=on)
        and (intermediaries is None or r.applies_via(intermediaries))
        and r.applies_to_equipment(equipment)
    ]


def precedence_key(rule: Rule) -> tuple[int, bool, dt.date, int]:
    return (specificity(rule), bool(rule.equipment), rule.valid_from or dt.date.min, EFFECT_RANK[rule.effect])


def decide(candidates: Iterable[Rule]) -> Decision | None:
    """The winning rule among ``candidates`` (all applicable to one question)."""
    rules = list(candidates)
    if not rules:
        return None
    overridden = {target for r in rules for target in r.overrides}
    eligible = [r for r in rules if r.id not in overridden] or rules
    winner = max(eligible, key=precedence_key)
    return Decision(winner, tuple(r for r in rules if r is not winner))
