"""What makes two extracted events the same: each type's key fields, and its parties' roles.

One home for the event schema's keys (``../shared/eval/SCHEMA.md``: "two events are the same
when their type and key fields are equal"). The pipeline merges events by these keys, the
learned scorer assigns actors to these roles, and the scripts and tests compare with gold by
them.

>>> event_key({"type": "refusal", "actor": "AUT", "category": "military", "stage": "x"})
('refusal', 'AUT', 'military')
>>> event_key({"type": "threat", "actor": "rus", "target": "kor"}, folded=True)
('threat', 'RUS', 'KOR')
>>> ROLES["support"], first_role({"type": "support", "donor": "NOR", "recipient": "UKR"})
(('donor', 'recipient'), 'NOR')
"""

from __future__ import annotations

from typing import Any

# each event type's key fields, parties first
KEYS: dict[str, tuple[str, ...]] = {
    "support": ("donor", "recipient", "category"),
    "appeal": ("actor", "target", "category"),
    "refusal": ("actor", "category"),
    "threat": ("actor", "target"),
    "policy_change": ("actor", "direction"),
    "sanction": ("actor", "target"),
}
# key fields that are not parties
_QUALITIES = frozenset({"category", "direction"})
# each type's party roles: who acts (gives, asks, refuses, warns, changes, sanctions), then whom
ROLES: dict[str, tuple[str, ...]] = {
    kind: tuple(f for f in fields if f not in _QUALITIES) for kind, fields in KEYS.items()
}


def event_key(fields: dict[str, Any], *, folded: bool = False) -> tuple[str, ...]:
    """(type, key field values...), with absent fields as ""; ``folded`` upper-cases the values
    (gold files may spell codes in either case)."""
    kind = str(fields["type"])
    values = (str(fields.get(k) or "") for k in KEYS[kind])
    return (kind, *(v.upper() if folded else v for v in values))


def first_role(fields: dict[str, Any]) -> str:
    """Who acts in the event: the donor of support, the actor of every other type."""
    return str(fields.get(ROLES[str(fields["type"])][0]) or "")
