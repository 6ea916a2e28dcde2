"""Which of the amounts told for a support event is the donor's own figure.

An article may give several amounts for one event: a conversion in brackets
("€2bn ($2.1bn)"), a running total ("bringing its aid to $5bn so far"), the
headline's rounded figure and the body's exact one. :func:`pick_amount` reads
every amount of every sentence that reports the event and prefers, in order:
an amount in the donor's own currency, one the sentence does not give for another
recipient or kind of support, one that is not a cumulative total, one
that is not a ceiling or a possibility ("up to"), one not told as several
givers' sum ("a combined", "the G7's"), one from a sentence that reports no
other support event (not a joint total), one from the earliest sentence that reports the event (news states the main figure
first), and the one nearest the trigger word.

>>> from aidtrack.extract.amounts import Told, pick_amount
>>> m = pick_amount([Told("Denmark gives 2.3 billion kroner (308 million euros).", 8)], "DNK")
>>> (m.amount, m.currency)
(2300000000.0, 'DKK')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from aidtrack.actors.names import lookup_name
from aidtrack.extract.clauses import Sentence
from aidtrack.extract.money import AMBIGUOUS, Money, parse_money
from aidtrack.extract.parties import is_state
from aidtrack.extract.roles import categories_in

# the currency a donor counts in (states of the euro area and EU bodies: EUR)
HOME_CURRENCY: dict[str, str] = {
    "USA": "USD",
    "GBR": "GBP",
    "JPN": "JPY",
    "NOR": "NOK",
    "DNK": "DKK",
    "SWE": "SEK",
    "CHE": "CHF",
    "CAN": "CAD",
    "AUS": "AUD",
    "NZL": "NZD",
    "POL": "PLN",
    "CZE": "CZK",
    "KOR": "KRW",
    "HUN": "HUF",
    "ROU": "RON",
    "BGR": "BGN",
    "TUR": "TRY",
    "CHN": "CNY",
    "ISL": "ISK",
    "IND": "INR",
    "SGP": "SGD",
    "TWN": "TWD",
    "RUS": "RUB",
    "UKR": "UAH",
    "WB": "USD",
    "IMF": "USD",
    "IDB": "USD",
    "EBRD": "EUR",
    "EIB": "EUR",
    "EU": "EUR",
    **{
        c: "EUR"
        for c in (
            "DEU",
            "FRA",
            "ITA",
            "ESP",
            "PRT",
            "NLD",
            "BEL",
            "LUX",
            "AUT",
            "IRL",
            "FIN",
            "EST",
            "LVA",
            "LTU",
            "SVK",
            "SVN",
            "GRC",
            "CYP",
            "MLT",
            "HRV",
        )
    },
}
_NORDIC = frozenset({"NOK", "DKK", "SEK", "ISK", "CZK"})
_CONVERSION_OPENERS = (
    "(",
    "(about",
    "(around",
    "(roughly",
    "(some",
    "(approximately",
    "(or",
    "(nearly",
    "(almost",
    "(over",
    "(more than",
    "(up to",
    "(equivalent to",
    "(worth",
    "(=",
    "[",
)
_CUMULATIVE_BEFORE = re.compile(
    r"\b(bringing|brings|brought|raising|raises|taking|takes|cumulative|altogether|overall|"
    r"all told|in all|so far|to date|since \d{4}|since the start|since the beginning|"
    r"part of (?:a|an|the|its)|out of (?:a|an|the|its)|under (?:a|an|the|its))\b[^.;]{0,40}$"
    r"|^\W*(to date|so far|since \d{4}|in total|altogether)\b[^.;]{0,80}$",
    re.IGNORECASE,
)
_CUMULATIVE_AFTER = re.compile(
    r"^[^.;(]{0,25}\b(so far|to date|in total|since \d{4}|since the start|since the beginning|"
    r"since the war|since the invasion|since february|(?:has|have) already been)\b",
    re.IGNORECASE,
)


# a sum told for a group of givers ("a combined EUR 300m", "the G7's $50bn loan", "allies
# pledged $2bn together") is not one member's figure when a sentence gives the member's own
_JOINT_BEFORE = re.compile(
    r"\b(combined|jointly|together|collectively|coalition|allies|partners|donors|"
    r"(?P<group>G7|G-7|G20|G-20|Group of Seven|Group of 20|NATO))\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_JOINT_AFTER = re.compile(
    r"^[^.;(]{0,40}\b(combined|jointly|together|collectively|between them|in all from)\b",
    re.IGNORECASE,
)

_TENTATIVE_BEFORE = re.compile(
    r"\b(potential|potentially|possible|possibly|up to|as much as|could reach|could total|"
    r"could be|might|may reach|set aside as)\b[^.;]{0,15}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Told:
    """One sentence that reports the event: its text and where its trigger word is."""

    text: str
    anchor: int
    # how many support events (pairs of parties) the sentence reports: an amount told for
    # several ("EUR 282 million to Chad and Sudan") is their joint total, not this one's
    shared: int = 1
    # where the sums start that the sentence gives for another recipient or another kind of
    # support than this event's ("75 million euros for Colombia and a further 40 million euros
    # for Ecuador": the first is not Ecuador's)
    elsewhere: frozenset[int] = frozenset()


def is_conversion(text: str, start: int) -> bool:
    """ "€2bn ($2.1bn)": the bracketed figure converts the one before it."""
    before = text[:start].rstrip().lower()
    return before.endswith(_CONVERSION_OPENERS)


def is_cumulative(text: str, money: Money) -> bool:
    """ "bringing its aid to $5bn", "$40bn since 2022": a running total, not this event."""
    return bool(
        _CUMULATIVE_BEFORE.search(text[max(0, money.start - 60) : money.start])
        or _CUMULATIVE_AFTER.search(text[money.end : money.end + 60])
    )


def is_tentative(text: str, money: Money) -> bool:
    """ "a potential $2 billion", "up to €35 billion": a ceiling or a possibility, not the sum."""
    return bool(_TENTATIVE_BEFORE.search(text[max(0, money.start - 40) : money.start]))


def is_joint(text: str, money: Money, donor: str) -> bool:
    """ "a combined EUR 300m", "the G7 agreement on a $50bn loan": a total for several givers.

    A group's name marks a joint total only when the donor is not that group itself.
    """
    before = _JOINT_BEFORE.search(text[max(0, money.start - 60) : money.start])
    if before is not None:
        group = before.group("group")
        return group is None or lookup_name(group) != donor
    return bool(_JOINT_AFTER.search(text[money.end : money.end + 60]))


def in_currency_of(money: Money, donor: str) -> Money:
    """Resolve "kroner"/"crowns" to the donor's own currency when it is one of them."""
    home = HOME_CURRENCY.get(donor)
    if money.written in AMBIGUOUS and home in _NORDIC and money.currency != home:
        return Money(money.amount, home, money.start, money.end, money.written)
    return money


def pick_amount(told: list[Told], donor: str) -> Money | None:
    """The donor's own figure for an event reported by the sentences ``told``."""
    picked = pick_report(told, donor)
    return picked[1] if picked else None


def pick_report(told: list[Told], donor: str) -> tuple[int, Money] | None:
    """:func:`pick_amount` with the index in ``told`` of the sentence that gives the figure."""
    home = HOME_CURRENCY.get(donor)
    best: tuple[tuple[bool, bool, bool, bool, bool, bool, int, int], Money, int] | None = None
    for order, sentence in enumerate(told):
        for money in parse_money(sentence.text):
            if is_conversion(sentence.text, money.start):
                continue
            money = in_currency_of(money, donor)
            rank = (
                money.currency == home,
                money.start not in sentence.elsewhere,
                not is_cumulative(sentence.text, money),
                not is_tentative(sentence.text, money),
                not is_joint(sentence.text, money, donor),
                sentence.shared <= 1,
                -order,
                -abs(money.start - sentence.anchor),
            )
            if best is None or rank > best[0]:
                best = (rank, money, order)
    return (best[2], best[1]) if best else None


# how far after a sum its own words may run ("40 million euros for Ecuador")
_SUM_TAIL = 15
# the prepositions that name what a sum is for ("for Ecuador", "to Moldova", "in Colombia")
_FOR = frozenset({"for", "to", "in"})


def sums_for_others(sentence: Sentence, fields: dict[str, Any]) -> frozenset[int]:
    """Where (in the sentence's text) the sums start that the sentence gives for another
    recipient or another kind of support than the event ``fields``. The words after a sum, up
    to the next sum, tell what it is for: a state named there as a receiver ("75 million euros
    for shelters in Colombia and a further 40 million euros for Ecuador"), or a kind of support
    ("12 billion kroner to its military aid and 2 billion kroner for humanitarian relief"; a
    kind counts against a sum only when another sum of the sentence is for the event's kind).
    The next giver of a list ("EUR 350 million, while France will add ...") is no receiver, and
    an organisation after a sum is its channel."""
    span = sentence.span
    text = span.text
    sums = [m for m in parse_money(text) if not is_conversion(text, m.start)]
    if len(sums) < 2:
        return frozenset()
    fits = [_sum_fits(sentence, fields, money, after) for money, after in zip(sums, [*sums[1:], None])]
    kind_told = any(kind == 1 for _, kind in fits)
    return frozenset(
        money.start for money, (state, kind) in zip(sums, fits) if state < 0 or kind < 0 and kind_told
    )


def _sum_fits(
    sentence: Sentence, fields: dict[str, Any], money: Money, after: Money | None
) -> tuple[int, int]:
    """Whether the words after ``money`` name the event's recipient and kind (1), another
    recipient or kind (-1), or neither (0)."""
    span = sentence.span
    base = span.start_char
    stop = after.start if after is not None else len(span.text)
    own = [t for t in span if money.start <= t.idx - base < money.end][-1:]  # "euros" of "40 million euros"
    tail = _words_until(";", [t for t in span if money.end <= t.idx - base < stop])[:_SUM_TAIL]
    states = {sentence.codes[t.i] for t in tail if t.i in sentence.codes and _received(t)}
    states = {c for c in states if is_state(c) and c != fields["donor"]}
    state = 0 if not states else 1 if fields.get("recipient") in states else -1
    if fields["donor"] in sentence.lexicon.lenders:
        return state, 0  # a lender's support is money lent, whatever the sum pays for
    kinds = categories_in(sentence, own + tail) if tail else []
    kind = 0 if not kinds else 1 if fields.get("category") in kinds else -1
    return state, kind


def _received(token: Any) -> bool:
    """A name in the place of what a sum is for: "for Ecuador", "in Colombia", "for Lebanon's
    army", "for Lebanese troops"."""
    head = token.head
    if head.dep_ == "prep" and head.lower_ in _FOR and token.dep_ == "pobj":
        return True
    return token.dep_ in ("poss", "amod", "compound") and head.dep_ == "pobj" and head.head.lower_ in _FOR


def _words_until(stop: str, tokens: list[Any]) -> list[Any]:
    """The tokens before the first ``stop`` mark."""
    marks = [i for i, t in enumerate(tokens) if t.text == stop]
    return tokens[: marks[0]] if marks else tokens
