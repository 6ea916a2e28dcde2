"""Keeping the register citable: what each rule must record, and which rules are due a review.

A rule an analyst can cite names its ``basis`` and ``legal_reference``, has a
``valid_from`` (or a written ``valid_from_reason``), a ``last_reviewed`` date, a
primary source (or a written ``no_primary_reason``), and sources that pass the
source policy (:mod:`aidtrack.rules.sources`).

>>> [r.id for r in stale_rules(older_than=365, today=dt.date(2026, 12, 1))]
[]
"""

from __future__ import annotations

import datetime as dt

from aidtrack.errors import ValidationError
from aidtrack.rules.model import Rule
from aidtrack.rules.register import RegisterLike, as_register
from aidtrack.rules.sources import audit_rules


def stale_rules(
    *, older_than: int, today: dt.date | None = None, register: RegisterLike = None
) -> list[Rule]:
    """Rules never reviewed, or last reviewed more than ``older_than`` days before ``today``.

    Oldest review first (never-reviewed rules lead). Raises
    :class:`~aidtrack.errors.ValidationError` for a negative ``older_than``.
    """
    if older_than < 0:
        raise ValidationError(f"--older-than {older_than} is negative; give a number of days such as 365.")
    cutoff = (today or dt.date.today()) - dt.timedelta(days=older_than)
    found = [r for r in as_register(register).rules if r.last_reviewed is None or r.last_reviewed < cutoff]
    return sorted(found, key=lambda r: (r.last_reviewed or dt.date.min, r.country, r.id))


def rule_problems(rule: Rule) -> list[str]:
    """What ``rule`` lacks to be citable (empty when nothing)."""
    found = []
    if rule.basis is None:
        found.append("no basis")
    if not rule.legal_reference.strip():
        found.append("no legal_reference")
    if rule.valid_from is None and not rule.valid_from_reason.strip():
        found.append("no valid_from and no valid_from_reason")
    if rule.last_reviewed is None:
        found.append("no last_reviewed")
    if not any(s.kind == "primary" for s in rule.sources) and not rule.no_primary_reason.strip():
        found.append("no primary source and no no_primary_reason")
    return [f"rule {rule.id}: {p}" for p in found]


def audit_register(register: RegisterLike = None) -> list[str]:
    """Every missing field and source-policy breach in ``register`` (the shipped one by default)."""
    rules = as_register(register).rules
    return [p for r in rules for p in rule_problems(r)] + [str(p) for p in audit_rules(rules)]
