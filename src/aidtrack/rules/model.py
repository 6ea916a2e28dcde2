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
from typing import Any, Literal, TypedDict, cast

import pydantic

from aidtrack.errors import ValidationError
from aidtrack.models import DirectionName

Item = Literal["lethal", "non_lethal", "ammunition", "dual_use", "warship"]
Scope = Literal["direct", "reexport", "both"]
Effect = Literal["prohibit", "require_approval", "require_consent", "allow"]
Topic = Literal["export", "financing", "end_use", "passage", "licensing"]
Basis = Literal[
    "statute",
    "regulation",
    "government_policy",
    "political_principles",
    "guideline",
    "court_ruling",
    "international_obligation",
]
ITEMS: tuple[str, ...] = ("lethal", "non_lethal", "ammunition", "dual_use", "warship")
#: The ``basis`` vocabulary with its wording in verdicts and tables, strongest first.
BASES: dict[str, str] = {
    "statute": "statute",
    "international_obligation": "international obligation",
    "court_ruling": "court ruling",
    "regulation": "regulation or decree",
    "government_policy": "government policy",
    "political_principles": "political principles",
    "guideline": "guideline",
}
EFFECT_RANK: dict[str, int] = {"allow": 0, "require_approval": 1, "require_consent": 2, "prohibit": 3}
VERDICTS: tuple[str, ...] = ("allowed", "needs-approval", "needs-consent", "prohibited")

ITEM_SYNONYMS: dict[str, str] = {
    "lethal": "lethal",
    "weapons": "lethal",
    "weapon": "lethal",
    "arms": "lethal",
    "lethal_weapons": "lethal",
    "guns": "lethal",
    "missiles": "lethal",
    "tanks": "lethal",
    "artillery": "lethal",
    "howitzers": "lethal",
    "war_weapons": "lethal",
    "ammunition": "ammunition",
    "ammo": "ammunition",
    "shells": "ammunition",
    "rounds": "ammunition",
    "munitions": "ammunition",
    "cartridges": "ammunition",
    "non_lethal": "non_lethal",
    "nonlethal": "non_lethal",
    "helmets": "non_lethal",
    "body_armour": "non_lethal",
    "body_armor": "non_lethal",
    "vests": "non_lethal",
    "protective_gear": "non_lethal",
    "flak_jackets": "non_lethal",
    "dual_use": "dual_use",
    "dualuse": "dual_use",
    "warship": "warship",
    "warships": "warship",
    "naval_vessel": "warship",
    "naval_vessels": "warship",
}
#: Named equipment a rule can be limited to (``equipment:``), with what each covers.
EQUIPMENT: dict[str, str] = {
    "leopard_2": "Leopard 2 main battle tanks",
    "licence_built": "arms and ammunition built in the exporting state under a foreign licence",
    "gcap_fighter": "the next-generation fighter developed by Japan, the UK and Italy (GCAP)",
    "patriot_interceptor": "Patriot air-defence interceptor missiles",
}
_CODE = re.compile(r"^([A-Z]{3}|EU)$")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def normalize_equipment(value: str | None) -> str | None:
    """The register's equipment slug for ``value``: ``"Leopard 2"`` -> ``"leopard_2"``."""
    if value is None or not str(value).strip():
        return None
    key = re.sub(r"[\s\-]+", "_", str(value).strip().lower())
    if key in EQUIPMENT:
        return key
    raise ValidationError(
        f'Unknown equipment "{value}"; use one of {", ".join(EQUIPMENT)} or leave it out '
        "(rules limited to named equipment apply only when the route names it)."
    )


def normalize_item(value: str) -> str:
    """The register's item class for ``value``: ``"shells"`` -> ``"ammunition"``."""
    key = re.sub(r"[\s\-]+", "_", str(value).strip().lower())
    if key in ITEM_SYNONYMS:
        return ITEM_SYNONYMS[key]
    raise ValidationError(
        f'Unknown item "{value}"; use one of lethal, non_lethal, ammunition, dual_use, warship '
        "(synonyms such as weapons, arms, shells, helmets, body armour also work)."
    )


class RuleSource(pydantic.BaseModel):
    """Where a rule comes from: page address, site, publication date (no quotes) and kind.

    ``kind`` is ``primary`` for the law text, a ministry or an official statement, and
    ``report`` (the default) for news and analysis; primary sources come first.
    """

    model_config = pydantic.ConfigDict(extra="forbid", frozen=True)
    url: str
    publisher: str
    date: str | None = None
    kind: Literal["primary", "report"] = "report"

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
    code. ``via`` limits a rule about particular intermediaries (items lent to
    the US) to routes through one of them, or, for a re-export rule, to transfers
    passed on by one of them (partners allowed to send their Leopard 2s).
    ``equipment`` limits a rule to named equipment (see :data:`EQUIPMENT`): it
    applies only to a transfer that names that equipment. ``basis`` says what kind of instrument
    the rule rests on (see :data:`BASES`), ``legal_reference`` names it (act and
    article, decree, cabinet decision), ``last_reviewed`` is when someone last
    checked it against its sources and ``unverified`` says which fact could not be
    established. ``valid_from`` is set, or ``valid_from_reason`` says why not.
    ``source_exception`` is the written reason for keeping sources the source
    policy would reject (state media only). ``no_primary_reason`` says why no
    primary source (law text, official statement) is cited.
    ``overrides`` names rules this one sets aside explicitly. Rules with
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
    change_direction: DirectionName | None = None
    confidence: Literal["high", "medium", "low"]
    sources: tuple[RuleSource, ...] = pydantic.Field(min_length=1)
    notes: str = ""
    via: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    basis: Basis | None = None
    legal_reference: str = ""
    valid_from_reason: str = ""
    no_primary_reason: str = ""
    last_reviewed: dt.date | None = None
    unverified: str | None = None
    source_exception: str = ""
    superseded_by: tuple[str, ...] = ()

    @pydantic.field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        if not _CODE.match(value):
            raise ValueError("must be an ISO 3166-1 alpha-3 code such as DEU, or EU")
        return value

    @pydantic.field_validator("via")
    @classmethod
    def _via(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        bad = [v for v in value if not _CODE.match(v)]
        if bad:
            raise ValueError(f"must list country codes such as USA, got {bad[0]!r}")
        return value

    @pydantic.field_validator("equipment")
    @classmethod
    def _equipment(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        bad = [v for v in value if v not in EQUIPMENT]
        if bad:
            raise ValueError(f"must list equipment such as {', '.join(EQUIPMENT)}, got {bad[0]!r}")
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

    @property
    def basis_label(self) -> str:
        """The basis in words (``"government policy"``), or ``"basis not recorded"``."""
        return BASES[self.basis] if self.basis else "basis not recorded"

    def applies_via(self, intermediaries: tuple[str, ...]) -> bool:
        """Whether the rule governs a route through ``intermediaries`` (always, without ``via``)."""
        return not self.via or bool(set(self.via) & set(intermediaries))

    def applies_to_equipment(self, equipment: str | None) -> bool:
        """Whether the rule governs ``equipment`` (a rule without ``equipment`` governs all)."""
        return not self.equipment or equipment in self.equipment

    def public_dict(self) -> dict[str, Any]:
        """The rule as JSON-ready data for tables and the API, with its basis in words."""
        data = self.model_dump(mode="json")
        data["basis_label"] = self.basis_label
        data["citation"] = self.citation
        return data


class TransferDict(TypedDict):
    """A :class:`Transfer` as JSON-ready data (``Transfer.to_dict``)."""

    origin: str
    recipient: str
    item: str
    via: list[str]
    transit: list[str]
    manufacturer: str | None
    equipment: str | None
    on: str | None


class FindingDict(TypedDict):
    """A :class:`Finding` as JSON-ready data (``Finding.to_dict``): its fields and basis in words."""

    slug: str
    severity: Literal["error", "warning", "info"]
    country: str
    message: str
    rule_id: str | None
    citation: str | None
    hop: int
    set_aside: list[str]
    basis: str | None
    rule_title: str | None
    legal_reference: str
    unverified: str | None
    topic: str | None
    basis_label: str


class CheckDict(TypedDict):
    """A :class:`CheckResult` as JSON-ready data (``CheckResult.to_dict``)."""

    transfer: TransferDict
    verdict: str
    label: str
    consent_of: list[str]
    approval_of: list[str]
    strength: str
    basis: str | None
    unverified: list[str]
    cited_rules: list[str]
    findings: list[FindingDict]


@dataclasses.dataclass(frozen=True)
class Transfer:
    """A proposed transfer: ``origin`` exports ``item`` to ``recipient`` through ``via``.

    ``manufacturer`` is the country where the item was made (default: ``origin``);
    ``on`` is the date to judge (default: today). ``transit`` lists states whose
    territory, airspace or straits the shipment crosses without changing hands
    (their passage rules apply; they are not exporters). ``equipment`` names the
    equipment (``leopard_2``, ``licence_built``...) when rules limited to it matter.
    """

    origin: str
    recipient: str
    item: str
    via: tuple[str, ...] = ()
    manufacturer: str | None = None
    on: dt.date | None = None
    transit: tuple[str, ...] = ()
    equipment: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "origin", _code(self.origin, field="origin"))
        object.__setattr__(self, "recipient", _code(self.recipient, field="recipient"))
        object.__setattr__(self, "item", normalize_item(self.item))
        object.__setattr__(self, "via", tuple(_code(v, field="via") for v in self.via))
        object.__setattr__(self, "transit", tuple(_code(v, field="transit") for v in self.transit))
        maker = self.manufacturer or self.origin
        object.__setattr__(self, "manufacturer", _code(maker, field="manufacturer"))
        object.__setattr__(self, "on", self.on or dt.date.today())
        object.__setattr__(self, "equipment", normalize_equipment(self.equipment))

    @property
    def chain(self) -> tuple[str, ...]:
        """Every state the item passes through, origin first, recipient last."""
        return (self.origin, *self.via, self.recipient)

    def to_dict(self) -> TransferDict:
        """The transfer as JSON-ready data."""
        return {
            "origin": self.origin,
            "recipient": self.recipient,
            "item": self.item,
            "via": list(self.via),
            "transit": list(self.transit),
            "manufacturer": self.manufacturer,
            "equipment": self.equipment,
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
    basis: str | None = None
    rule_title: str | None = None
    legal_reference: str = ""
    unverified: str | None = None
    topic: str | None = None

    @property
    def basis_label(self) -> str:
        """The deciding rule's basis in words, or ``"basis not recorded"``."""
        return BASES.get(self.basis or "", "basis not recorded")

    def to_dict(self) -> FindingDict:
        """The finding as JSON-ready data, with its basis in words."""
        data = dataclasses.asdict(self)
        data["set_aside"] = list(self.set_aside)
        data["basis_label"] = self.basis_label
        return cast(FindingDict, data)


_LAW = ("statute", "international_obligation", "court_ruling", "regulation")
_POLICY = ("government_policy", "political_principles")
#: Order of routes in an options report, most open first.
STRENGTH_RANK: dict[str, int] = {
    "allowed": 0,
    "allowed, subject to an export licence": 1,
    "needs an export licence": 2,
    "needs approval": 2,
    "needs consent": 3,
    "discouraged by guideline": 4,
    "prohibited, basis not recorded": 5,
    "prohibited by government policy": 6,
    "prohibited by law": 7,
}


def verdict_strength(
    verdict: str, deciding: tuple[Finding, ...], *, licensed: bool = False, licence_only: bool = False
) -> str:
    """How firmly the verdict binds, from the basis of the deciding rules.

    ``licence_only``: a needs-approval verdict rests only on general licensing
    requirements (``needs an export licence``).

    >>> verdict_strength("prohibited", (Finding("x", "error", "DEU", "m", basis="statute"),))
    'prohibited by statute'
    """
    if verdict != "prohibited":
        if verdict == "allowed":
            return "allowed, subject to an export licence" if licensed else "allowed"
        if verdict == "needs-approval" and licence_only:
            return "needs an export licence"
        return verdict.replace("-", " ")
    bases = [f.basis for f in deciding if f.basis]
    strongest = next((b for b in (*_LAW, *_POLICY, "guideline") if b in bases), None)
    if strongest in _LAW:
        return f"prohibited by {BASES[strongest]}"
    if strongest in _POLICY:
        return "prohibited by government policy"
    if strongest == "guideline":
        return "discouraged by guideline"
    return "prohibited, basis not recorded"


def strength_rank(strength: str) -> int:
    """Sort key for :func:`verdict_strength` wordings (law-based prohibitions last)."""
    if strength.startswith("prohibited by") and strength != "prohibited by government policy":
        return STRENGTH_RANK["prohibited by law"]
    return STRENGTH_RANK.get(strength, STRENGTH_RANK["prohibited, basis not recorded"])


@dataclasses.dataclass(frozen=True)
class CheckResult:
    """Findings for every hop and the overall verdict of a transfer."""

    transfer: Transfer
    verdict: str
    findings: tuple[Finding, ...]
    consent_of: tuple[str, ...] = ()
    approval_of: tuple[str, ...] = ()

    @property
    def deciding(self) -> tuple[Finding, ...]:
        """The findings that set the verdict (errors, else consents, else approvals)."""
        if self.verdict == "prohibited":
            found = [f for f in self.findings if f.severity == "error"]
        elif self.verdict == "needs-consent":
            found = [f for f in self.findings if f.slug == "reexport-consent-required"]
        elif self.verdict == "needs-approval":
            found = [f for f in self.findings if f.slug in ("approval-required", "passage-approval-required")]
        else:
            found = []
        return tuple(found) or tuple(f for f in self.findings if f.rule_id)[:1]

    @property
    def licensed(self) -> bool:
        """Some exporter's general licensing requirement applies to the route."""
        return any(f.slug == "licence-required" for f in self.findings)

    @property
    def strength(self) -> str:
        """``prohibited by statute``, ``prohibited by government policy``, ``discouraged by guideline``..."""
        licence_only = bool(self.approval_of) and self.licence_only == self.approval_of
        return verdict_strength(
            self.verdict, self.deciding, licensed=self.licensed, licence_only=licence_only
        )

    @property
    def basis(self) -> str | None:
        """The basis of the first deciding rule (None when no rule decides)."""
        return next((f.basis for f in self.deciding if f.basis), None)

    @property
    def cited_rules(self) -> tuple[str, ...]:
        """Ids of every rule a finding of this check cites, in order."""
        return tuple(dict.fromkeys(f.rule_id for f in self.findings if f.rule_id))

    @property
    def unverified(self) -> tuple[str, ...]:
        """Caveats of deciding rules whose facts could not be established."""
        return tuple(dict.fromkeys(f"{f.rule_id}: {f.unverified}" for f in self.deciding if f.unverified))

    @property
    def licence_only(self) -> tuple[str, ...]:
        """Approving states whose only say is their general export-licence requirement."""
        by_country: dict[str, set[str | None]] = {}
        for f in self.findings:
            if f.slug == "approval-required":
                by_country.setdefault(f.country, set()).add(f.topic)
        return tuple(c for c in self.approval_of if by_country.get(c) == {"licensing"})

    @property
    def label(self) -> str:
        """Human wording of the verdict: ``needs consent of CHE``, ``needs an export licence from CHE``."""
        if self.verdict == "needs-consent":
            return "needs consent of " + ", ".join(self.consent_of)
        if self.verdict == "needs-approval":
            licence = self.licence_only
            approval = [c for c in self.approval_of if c not in licence]
            parts = ([f"approval of {', '.join(approval)}"] if approval else []) + (
                [f"an export licence from {', '.join(licence)}"] if licence else []
            )
            return "needs " + " and ".join(parts)
        return self.verdict

    def to_dict(self) -> CheckDict:
        """The check as JSON-ready data."""
        return {
            "transfer": self.transfer.to_dict(),
            "verdict": self.verdict,
            "label": self.label,
            "consent_of": list(self.consent_of),
            "approval_of": list(self.approval_of),
            "strength": self.strength,
            "basis": self.basis,
            "unverified": list(self.unverified),
            "cited_rules": list(self.cited_rules),
            "findings": [f.to_dict() for f in self.findings],
        }
