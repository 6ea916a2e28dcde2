"""Actors: turning names into codes, group memberships and office holders.

Countries are ISO 3166-1 alpha-3 codes (``KOR``, ``UKR``, ``TWN``); organisations
use the codes of ``eval/SCHEMA.md`` (``NATO``, ``EU``, ``UN``, ``IMF``, ``WB`` ...).
The names behind them are data in ``aidtrack/data/actors/*.yaml``.

>>> import datetime
>>> from aidtrack import actors
>>> actors.resolve_actor("Republic of Korea"), actors.resolve_actor("the Kremlin")
('KOR', 'RUS')
>>> len(actors.group_members("NATO", on=datetime.date(2023, 3, 15)))
30
>>> actors.office_holder("Rutte", on=datetime.date(2025, 1, 1))
'NATO'
"""

from aidtrack.actors.data import reference_fingerprint
from aidtrack.actors.groups import Membership, group_members, groups_of, is_group, memberships
from aidtrack.actors.names import (
    ActorInfo,
    actor_info,
    actor_name,
    all_actors,
    country_compound_names,
    country_demonyms,
    display_name,
    suggest_actors,
)
from aidtrack.actors.offices import OfficeTerm, all_terms, latest_office, office_holder
from aidtrack.actors.resolution import find_actor, resolve_actor
from aidtrack.actors.text import normalise_name

__all__ = [
    "ActorInfo",
    "Membership",
    "OfficeTerm",
    "actor_info",
    "actor_name",
    "all_actors",
    "all_terms",
    "country_compound_names",
    "country_demonyms",
    "display_name",
    "find_actor",
    "group_members",
    "groups_of",
    "is_group",
    "latest_office",
    "memberships",
    "normalise_name",
    "office_holder",
    "reference_fingerprint",
    "resolve_actor",
    "suggest_actors",
]
