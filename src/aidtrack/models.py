"""The domain model: sources, support records, diplomatic events.

Models validate their own values and raise :class:`aidtrack.errors.ValidationError`
with a message that quotes the bad value. They know nothing of the database.

>>> Support(donor="DEU", recipient="UKR", category="military", stage="commitment",
...         amount=500e6, currency="EUR").category
<Category.MILITARY: 'military'>
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from typing import Annotated, Any, Literal, TypedDict

import pydantic

from aidtrack.errors import ValidationError


class _Choice(str, enum.Enum):
    """A string enum whose error lists the allowed values."""

    @classmethod
    def parse(cls, value: object, *, field: str) -> Any:
        if isinstance(value, cls):
            return value
        text = str(value).strip().lower().replace("-", "_").replace(" ", "_")
        for member in cls:
            if member.value == text:
                return member
        allowed = ", ".join(m.value for m in cls)
        raise ValidationError(f'Unknown {field} "{value}"; use one of: {allowed}.')

    def __str__(self) -> str:
        return str(self.value)


class Category(_Choice):
    MILITARY = "military"
    HUMANITARIAN = "humanitarian"
    FINANCIAL = "financial"


class Stage(_Choice):
    COMMITMENT = "commitment"
    ALLOCATION = "allocation"
    DELIVERY = "delivery"


class Status(_Choice):
    CONFIRMED = "confirmed"
    CANDIDATE = "candidate"
    REJECTED = "rejected"


class EventType(_Choice):
    APPEAL = "appeal"
    REFUSAL = "refusal"
    THREAT = "threat"
    POLICY_CHANGE = "policy_change"
    SANCTION = "sanction"


class Channel(_Choice):
    DIRECT = "direct"
    INDIRECT = "indirect"


class Direction(_Choice):
    LOOSEN = "loosen"
    TIGHTEN = "tighten"


class SourceKind(_Choice):
    DATASET = "dataset"
    OFFICIAL = "official"
    NEWS = "news"


CategoryName = Literal["military", "humanitarian", "financial"]
StageName = Literal["commitment", "allocation", "delivery"]
StatusName = Literal["confirmed", "candidate", "rejected"]
EventTypeName = Literal["appeal", "refusal", "threat", "policy_change", "sanction"]
ChannelName = Literal["direct", "indirect"]
DirectionName = Literal["loosen", "tighten"]
SourceKindName = Literal["dataset", "official", "news"]
"""The vocabularies as ``Literal`` types, for signatures and pydantic/FastAPI fields; each
lists its enum's values in order (``tests/test_one_home.py`` keeps the two in step)."""

VOCABULARIES: dict[type[_Choice], Any] = {
    Category: CategoryName,
    Stage: StageName,
    Status: StatusName,
    EventType: EventTypeName,
    Channel: ChannelName,
    Direction: DirectionName,
    SourceKind: SourceKindName,
}


def values(choice: type[_Choice]) -> list[str]:
    """The allowed values of a vocabulary, in order (e.g. for ``click.Choice``).

    >>> values(Stage)
    ['commitment', 'allocation', 'delivery']
    """
    return [member.value for member in choice]


_CODE = re.compile(r"^[A-Z]{2,5}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def _code(value: object, *, field: str) -> str:
    text = str(value).strip().upper()
    if not _CODE.match(text):
        raise ValidationError(
            f'{field} "{value}" is not an actor code; use an ISO 3166-1 alpha-3 code '
            "such as DEU or an organisation code such as NATO or EU."
        )
    return text


def _date(value: object, *, field: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(
            f'{field} "{value}" is not a date; write it as YYYY-MM-DD, e.g. 2023-03-01.'
        ) from None


def _number(value: object, *, field: str) -> object:
    """Numbers stay numbers; true/false is refused rather than read as 1/0."""
    if isinstance(value, bool):
        # pydantic reports a ValueError as a validation error (a TypeError would escape)
        raise ValueError(f"{field} {value!r} is not a number; give a number such as 5000000")  # noqa: TRY004
    return value


def _unit_interval(value: float | None) -> float | None:
    if value is not None and not 0 <= value <= 1:
        raise ValueError(f"confidence {value} is outside 0..1")
    return value


def _number_field(value: object, info: pydantic.ValidationInfo) -> object:
    return _number(value, field=str(info.field_name))


def _actor_field(value: object, info: pydantic.ValidationInfo) -> str:
    return _code(value, field=str(info.field_name))


def _optional_actor_field(value: object, info: pydantic.ValidationInfo) -> str | None:
    return None if value in (None, "") else _code(value, field=str(info.field_name))


def _record_date(value: object) -> dt.date | None:
    return _date(value, field="date")


def _non_negative(value: float | None) -> float | None:
    if value is not None and value < 0:
        raise ValueError(f"amount {value} is negative; amounts are 0 or more")
    return value


def _choice(
    choice: type[_Choice], field: str, *, optional: bool = False, blank: bool = False
) -> pydantic.BeforeValidator:
    """Reads a vocabulary value (``optional``: None stays None; ``blank``: so does "")."""

    def parse(value: object) -> object:
        if optional and (value is None or (blank and value == "")):
            return None
        return choice.parse(value, field=field)

    return pydantic.BeforeValidator(parse)


# The field types that support records and events share, each validated in one place.
ActorCode = Annotated[str, pydantic.BeforeValidator(_actor_field)]
OptionalActorCode = Annotated[str | None, pydantic.BeforeValidator(_optional_actor_field)]
Amount = Annotated[
    float | None, pydantic.BeforeValidator(_number_field), pydantic.AfterValidator(_non_negative)
]
Offset = Annotated[int | None, pydantic.BeforeValidator(_number_field)]
Confidence = Annotated[
    float | None, pydantic.BeforeValidator(_number_field), pydantic.AfterValidator(_unit_interval)
]
RecordDate = Annotated[dt.date | None, pydantic.BeforeValidator(_record_date)]
RecordStatus = Annotated[Status, _choice(Status, "status")]


class _Model(pydantic.BaseModel):
    """Base: validation errors surface as :class:`ValidationError`."""

    model_config = pydantic.ConfigDict(validate_assignment=True, extra="forbid")

    def __init__(self, **data: Any) -> None:
        try:
            super().__init__(**data)
        except pydantic.ValidationError as ex:
            raise ValidationError(_explain(ex, type(self).__name__)) from None


def _explain(ex: pydantic.ValidationError, model: str) -> str:
    parts = []
    for err in ex.errors():
        loc = ".".join(str(p) for p in err["loc"]) or model
        cause = err.get("ctx", {}).get("error")
        message = str(cause) if isinstance(cause, ValidationError) else err["msg"]
        parts.append(f"{loc}: {message} (got {err.get('input')!r})")
    return f"Invalid {model}: " + "; ".join(parts)


class Source(_Model):
    """Where a fact comes from."""

    url: str | None = None
    publisher: str | None = None
    title: str | None = None
    published: dt.date | None = None
    kind: Annotated[SourceKind, _choice(SourceKind, "source kind")] = SourceKind.NEWS

    @pydantic.field_validator("published", mode="before")
    @classmethod
    def _published(cls, value: object) -> dt.date | None:
        return _date(value, field="published date")

    @pydantic.model_validator(mode="after")
    def _something(self) -> Source:
        if not (self.url or self.title or self.publisher):
            raise ValueError("a source needs at least a url, a title or a publisher")
        return self


class MacroValue(TypedDict):
    """One macro figure of a country: an indicator's value in a year, in its unit, with its source
    (what the importers read and the store keeps in ``macro``)."""

    actor: str
    indicator: str
    year: int
    value: float
    unit: str
    source: Source


class BadRowDict(TypedDict):
    """One problem in an imported file as plain data (an import's report): where it is, the
    value and what was done."""

    row: int | None
    column: str | None
    value: str | None
    reason: str


class Item(_Model):
    """One kind of item in a support record, e.g. 6 x "M777 howitzer"."""

    name: str
    quantity: float | None = None

    @pydantic.field_validator("quantity")
    @classmethod
    def _quantity(cls, value: float | None) -> float | None:
        if value is not None and value < 0:
            raise ValueError(f"quantity {value} is negative; give a count of 0 or more")
        return value


class Support(_Model):
    """A commitment, allocation or delivery of support from a donor to a recipient."""

    id: int | None = None
    donor: ActorCode
    recipient: ActorCode = "UKR"
    category: Annotated[Category | None, _choice(Category, "category", optional=True)]
    subtype: str | None = None
    stage: Annotated[Stage, _choice(Stage, "stage")]
    amount: Amount = None
    currency: str | None = None
    amount_eur: Amount = None
    amount_usd: Amount = None
    fx_note: str | None = None
    items: list[Item] = pydantic.Field(default_factory=list)
    channel: Annotated[Channel, _choice(Channel, "channel")] = Channel.DIRECT
    via: OptionalActorCode = None
    date: RecordDate = None
    source: Source | None = None
    evidence: str | None = None
    confidence: Confidence = None
    origin: str = "manual"
    external_id: str | None = None
    status: RecordStatus = Status.CONFIRMED

    @pydantic.field_validator("currency", mode="before")
    @classmethod
    def _currency(cls, value: object) -> str | None:
        if value in (None, ""):
            return None
        text = str(value).strip().upper()
        if not _CURRENCY.match(text):
            raise ValueError(f'currency "{value}" is not an ISO 4217 code such as EUR or USD')
        return text

    @pydantic.model_validator(mode="after")
    def _consistent(self) -> Support:
        if self.amount is not None and self.currency is None:
            raise ValueError(f"amount {self.amount} has no currency; add one such as EUR")
        if self.channel is Channel.INDIRECT and not self.via:
            raise ValueError("an indirect channel needs the intermediary: set via")
        return self


SUPPORT_WHAT: tuple[str, ...] = (
    "donor",
    "recipient",
    "category",
    "subtype",
    "stage",
    "amount",
    "currency",
    "items",
    "channel",
    "via",
)
"""The fields that say what a support record is (who gave what to whom, how much, by which
channel), as a person types them; storage and editing extend this list."""


class EventWhat(TypedDict):
    """What an event is (who did what to whom, and how), as plain data: the part the ledger's
    event rows (``db.rows.EventColumns``) and the rules' signals (``rules.signals.Signal``) share."""

    type: str
    actor: str
    target: str | None
    beneficiary: str | None
    recipient: str | None
    category: str | None
    direction: str | None
    consequence: str | None
    condition: str | None
    summary: str | None


EVENT_WHAT: tuple[str, ...] = tuple(EventWhat.__annotations__)
"""The fields that say what an event is (:class:`EventWhat`); every other list of event fields
(storage, editing, the signals register) extends this one."""
EVENT_DETAILS: tuple[str, ...] = EVENT_WHAT[2:]
"""What an event says beyond its type and actor: to whom, about what, and how."""


class Event(_Model):
    """A diplomatic event: appeal, refusal, threat, policy change or sanction."""

    id: int | None = None
    type: Annotated[EventType, _choice(EventType, "event type")]
    actor: ActorCode
    target: OptionalActorCode = None
    beneficiary: OptionalActorCode = None
    recipient: OptionalActorCode = None
    category: Annotated[Category | None, _choice(Category, "category", optional=True, blank=True)] = None
    direction: Annotated[Direction | None, _choice(Direction, "direction", optional=True, blank=True)] = None
    consequence: str | None = None
    condition: str | None = None
    summary: str | None = None
    date: RecordDate = None
    source: Source | None = None
    evidence: str | None = None
    evidence_start: Offset = None
    evidence_end: Offset = None
    confidence: Confidence = None
    origin: str = "manual"
    external_id: str | None = None
    status: RecordStatus = Status.CONFIRMED

    @pydantic.model_validator(mode="after")
    def _key_fields(self) -> Event:
        needs_target = {EventType.APPEAL, EventType.THREAT, EventType.SANCTION}
        if self.type in needs_target and not self.target:
            raise ValueError(
                f"a {self.type.value} event needs a target (who is urged, threatened or sanctioned)"
            )
        if self.type is EventType.POLICY_CHANGE and self.direction is None:
            raise ValueError("a policy_change event needs a direction: loosen or tighten")
        return self


_SAME_EVENT: dict[str, tuple[str, ...]] = {
    "support": ("donor", "recipient", "category", "stage"),
    EventType.APPEAL.value: ("actor", "target", "category"),
    EventType.REFUSAL.value: ("actor", "category"),
    EventType.THREAT.value: ("actor", "target", "consequence"),
    EventType.SANCTION.value: ("actor", "target"),
    EventType.POLICY_CHANGE.value: ("actor", "direction"),
}
"""Per kind of record, the fields that make two records "the same event" (SCHEMA.md keys,
plus the stage of support and the consequence of a threat)."""
_MAY_BE_EMPTY = frozenset({"consequence"})


def record_key(record: Support | Event) -> tuple[str, dict[str, Any]]:
    """The one definition of "the same event": the record's table and its key fields.

    >>> record_key(Event(type="refusal", actor="KOR", category="military"))
    ('events', {'type': 'refusal', 'actor': 'KOR', 'category': 'military'})
    """
    data = record.model_dump(mode="json")
    if isinstance(record, Support):
        return "support", {k: data[k] for k in _SAME_EVENT["support"]}
    kind = record.type.value
    return "events", {"type": kind, **{k: data[k] for k in _SAME_EVENT[kind]}}


def is_matchable(key: dict[str, Any]) -> bool:
    """A key can match another record only when it names the kind fully (no unknown category,
    target or direction): an unknown field would match unrelated records."""
    return all(v is not None for k, v in key.items() if k not in _MAY_BE_EMPTY)
