"""Data shapes of the rules register and of transfer checks.

A :class:`Rule` is one sourced statement of what a country's law or policy says
about supplying a party to a war; a :class:`Transfer` is a proposed route; a
:class:`CheckResult` holds the :class:`Finding` list and the verdict.

>>> Transfer(origin="kor", recipient="ukr", item="shells").item
'ammunition'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any, Literal

import pydantic

from aidtrack.errors import ValidationError

Item = Literal["lethal", "non_lethal", "ammunition", "dual_use"]
Scope = Literal["direct", "reexport", "both"]
Effect = Literal["prohibit", "require_approval", "require_consent", "allow"]
Topic = Literal["export", "financing", "end_use", "passage"]
ITEMS: tuple[str, ...] = ("lethal", "non_lethal", "ammunition", "dual_use")
EFFECT_RANK: dict[str, int] = {"allow": 0, "require_approval": 1, "require_consent": 2, "prohibit": 3}
VERDICTS: tuple[str, ...] = ("allowed", "needs-approval", "needs-consent", "prohibited")

ITEM_SYNONYMS: dict[str, str] = {
    "lethal": "lethal", "weapons": "lethal", "weapon": "lethal", "arms": "lethal",
    "lethal_weapons": "lethal", "guns": "lethal", "missiles": "lethal", "tanks": "lethal",
    "artillery": "lethal", "howitzers": "lethal", "war_weapons": "lethal",
    "ammunition": "ammunition", "ammo": "ammunition", "shells": "ammunition",
    "rounds": "ammunition", "munitions": "ammunition", "cartridges": "ammunition",
    "non_lethal": "non_lethal", "nonlethal": "non_lethal", "helmets": "non_lethal",
    "body_armour": "non_lethal", "body_armor": "non_lethal", "vests": "non_lethal",
    "protective_gear": "non_lethal", "flak_jackets": "non_lethal",
    "dual_use": "dual_use", "dualuse": "dual_use",
}
_CODE = re.compile(r"^([A-Z]{3}|EU)$")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def normalize_item(value: str) -> str:
    """The register's item class for ``value``: ``"shells"`` -> ``"ammunition"``."""
    key = re.sub(r"[\s\-]+", "_", str(value).strip().lower())
    if key in ITEM_SYNONYMS:
        return ITEM_SYNONYMS[key]
    raise ValidationError(
        f'Unknown item "{value}"; use one of lethal, non_lethal, ammunition, dual_use '
        "(synonyms such as weapons, arms, shells, helmets, body armour also work)."
    )


class Source(pydantic.BaseModel):
    """Where a rule comes from: page address, site and publication date (no quotes)."""

    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)
    url: str
    publisher: str
    date: str | None = None

    @pydantic.field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @pydantic.field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: object) -> str | None:
        if value is None:
            return None
        text = str(value)
        if not _PARTIAL_DATE.match(text):
            raise ValueError("must be YYYY-MM-DD, YYYY-MM, YYYY or null")
        return text


class Rule(pydantic.BaseModel):
    """One rule of one country (or the EU) on supplying a party to a war.

    ``applies_to`` is the destination: ``any``, ``states_at_war`` (a party to an
    armed conflict on the day, see :mod:`aidtrack.rules.conflicts`) or a country
    code. ``overrides`` names rules this one sets aside explicitly. Rules with
    ``status: pending`` are listed but never applied; ``superseded_by`` is filled
    in by :func:`aidtrack.rules.rules_in_force` and is never read from files.
    """

    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)
    id: str = pydantic.Field(pattern=r"^[a-z][a-z0-9_]+$")
    country: str
    title: str = pydantic.Field(min_length=5)
    summary: str = pydantic.Field(min_length=20)
    covers: tuple[Item, ...] = pydantic.Field(min_length=1)
    scope: Scope
    applies_to: str
    effect: Effect
    topic: Topic = "export"
    status: Literal["in_force", "pending"] = "in_force"
    valid_from: dt.date | None = None
    valid_from_precision: Literal["day", "month", "year"] = "day"
    valid_to: dt.date | None = None
    announced: dt.date | None = None
    overrides: tuple[str, ...] = ()
    change_direction: Literal["loosen", "tighten"] | None = None
    confidence: Literal["high", "medium", "low"]
    sources: tuple[Source, ...] = pydantic.Field(min_length=1)
    notes: str = ""
    superseded_by: tuple[str, ...] = ()

    @pydantic.field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        if not _CODE.match(value):
            raise ValueError("must be an ISO 3166-1 alpha-3 code such as DEU, or EU")
        return value

    @pydantic.field_validator("applies_to")
    @classmethod
    def _applies_to(cls, value: str) -> str:
        if value in ("any", "states_at_war") or _CODE.match(value):
            return value
        raise ValueError("must be any, states_at_war or a country code such as UKR")

    @pydantic.model_validator(mode="after")
    def _dates(self) -> Rule:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError(f"valid_to {self.valid_to} is before valid_from {self.valid_from}")
        return self

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the rule binds on ``day`` (pending rules never do)."""
        if self.status != "in_force":
            return False
        starts = self.valid_from is None or self.valid_from <= day
        return starts and (self.valid_to is None or day <= self.valid_to)

    @property
    def change_date(self) -> dt.date | None:
        """When the rule was adopted or announced, if that is on record."""
        return self.valid_from or self.announced

    @property
    def citation(self) -> str:
        """The first source's address."""
        return self.sources[0].url


@dataclasses.dataclass(frozen=True)
class Transfer:
    """A proposed transfer: ``origin`` exports ``item`` to ``recipient`` through ``via``.

    ``manufacturer`` is the country where the item was made (default: ``origin``);
    ``on`` is the date to judge (default: today).
    """

    origin: str
    recipient: str
    item: str
    via: tuple[str, ...] = ()
    manufacturer: str | None = None
    on: dt.date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "origin", _code(self.origin, field="origin"))
        object.__setattr__(self, "recipient", _code(self.recipient, field="recipient"))
        object.__setattr__(self, "item", normalize_item(self.item))
        object.__setattr__(self, "via", tuple(_code(v, field="via") for v in self.via))
        maker = self.manufacturer or self.origin
        object.__setattr__(self, "manufacturer", _code(maker, field="manufacturer"))
        object.__setattr__(self, "on", self.on or dt.date.today())

    @property
    def chain(self) -> tuple[str, ...]:
        """Every state the item passes through, origin first, recipient last."""
        return (self.origin, *self.via, self.recipient)

    def to_dict(self) -> dict[str, Any]:
        return {
            "origin": self.origin, "recipient": self.recipient, "item": self.item,
            "via": list(self.via), "manufacturer": self.manufacturer,
            "on": self.on.isoformat() if self.on else None,
        }


def _code(value: object, *, field: str) -> str:
    text = str(value).strip().upper()
    if not _CODE.match(text):
        raise ValidationError(
            f'{field} "{value}" is not a country code; use an ISO 3166-1 alpha-3 code such as DEU.'
        )
    return text


@dataclasses.dataclass(frozen=True)
class Finding:
    """One result of checking one hop of a transfer against one country's rules."""

    slug: str
    severity: Literal["error", "warning", "info"]
    country: str
    message: str
    rule_id: str | None = None
    citation: str | None = None
    hop: int = 0
    set_aside: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["set_aside"] = list(self.set_aside)
        return data


@dataclasses.dataclass(frozen=True)
class CheckResult:
    """Findings for every hop and the overall verdict of a transfer."""

    transfer: Transfer
    verdict: str
    findings: tuple[Finding, ...]
    consent_of: tuple[str, ...] = ()
    approval_of: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Human wording of the verdict: ``needs consent of CHE``."""
        if self.verdict == "needs-consent":
            return "needs consent of " + ", ".join(self.consent_of)
        if self.verdict == "needs-approval":
            return "needs approval of " + ", ".join(self.approval_of)
        return self.verdict

    def to_dict(self) -> dict[str, Any]:
        return {
            "transfer": self.transfer.to_dict(), "verdict": self.verdict, "label": self.label,
            "consent_of": list(self.consent_of), "approval_of": list(self.approval_of),
            "findings": [f.to_dict() for f in self.findings],
        }
