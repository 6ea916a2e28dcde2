"""Which destinations count as parties to an armed conflict, and from when.

Rules whose ``applies_to`` is ``states_at_war`` use this table.

Choice for Ukraine: a party to an armed conflict from **2014-04-14**, the day
Kyiv launched its military operation in Donbas, not only from the full-scale
invasion of 2022-02-24. Donors applied their conflict rules to Ukraine before
the invasion (Germany in January 2022, Sweden in February 2022); only the
earlier start reproduces those refusals. Russia counts from 2022-02-24.

>>> is_at_war("UKR", on=dt.date(2022, 1, 15))
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt


@dataclasses.dataclass(frozen=True)
class ConflictParty:
    country: str
    start: dt.date
    end: dt.date | None
    note: str
    sources: tuple[str, ...]


CONFLICT_PARTIES: tuple[ConflictParty, ...] = (
    ConflictParty(
        "UKR", dt.date(2014, 4, 14), None,
        "Armed conflict in Donbas from the launch of Kyiv's operation on 14 April 2014; "
        "full-scale Russian invasion from 24 February 2022.",
        ("https://ukrainewar.info/a-year-of-armed-conflict-in-eastern-ukraine/",
         "http://www.upi.com/Top_News/World-News/2014/04/15/Ukraine-launches-counter-terrorism-operation-in-Donetsk-region/6611397560636/"),
    ),
    ConflictParty(
        "RUS", dt.date(2022, 2, 24), None,
        "Openly at war with Ukraine from the invasion of 24 February 2022.",
        ("https://www.independent.co.uk/news/world/europe/ukraine-russia-invasion-germany-weapons-b2024103.html",),
    ),
)


def is_at_war(country: str, *, on: dt.date) -> bool:
    """Whether ``country`` is a party to an armed conflict on ``on``."""
    return any(
        p.country == country and p.start <= on and (p.end is None or on <= p.end)
        for p in CONFLICT_PARTIES
    )


def parties_at_war(*, on: dt.date) -> list[str]:
    """The countries in the table that are at war on ``on``, sorted."""
    return sorted({p.country for p in CONFLICT_PARTIES if is_at_war(p.country, on=on)})
