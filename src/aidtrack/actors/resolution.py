"""Resolving any name to an actor code: names and aliases first, then people and roles.

>>> resolve_actor("Republic of Korea"), resolve_actor("N.A.T.O."), resolve_actor("Kremlin spokesman")
('KOR', 'NATO', 'RUS')
"""

from __future__ import annotations

import datetime as dt

from aidtrack.actors.names import lookup_name, suggest_actors
from aidtrack.actors.offices import office_holder
from aidtrack.errors import UnknownActorError


def find_actor(name: str, *, on: dt.date | None = None) -> str | None:
    """The code for a name, or None: like :func:`resolve_actor` without raising.

    >>> find_actor("Seoul"), find_actor("Atlantis")
    ('KOR', None)
    """
    code = lookup_name(name)
    if code is None:
        code = office_holder(name, on=on)
    return code


def resolve_actor(name: str, *, on: dt.date | None = None) -> str:
    """The code of the country or organisation a name stands for.

    Accepts codes (ISO alpha-2 or alpha-3, any case), names and short names,
    official names, demonyms, capitals and government metonyms ("the Kremlin"),
    abbreviations with or without dots, organisations ("European Commission" ->
    EU), roles ("Kremlin spokesman") and office holders, who count for the state
    or organisation they served on ``on`` (default: today).

    >>> resolve_actor("the Kremlin"), resolve_actor("Stoltenberg", on=dt.date(2023, 1, 30))
    ('RUS', 'NATO')

    Raises UnknownActorError with up to three suggestions when nothing matches.
    """
    code = find_actor(name, on=on)
    if code is None:
        raise UnknownActorError(name, suggest_actors(name))
    return code
