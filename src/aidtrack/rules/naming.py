"""Country names for messages, via :mod:`aidtrack.actors` (typed names are resolved by
:func:`aidtrack.actors.resolve_actor`)."""

from __future__ import annotations

from aidtrack import actors
from aidtrack.errors import UnknownActorError


def country_name(code: str) -> str:
    """``"DEU"`` -> ``"Germany"``; the code itself when no name is known (a made-up code in a test register)."""
    try:
        return actors.actor_name(code)
    except UnknownActorError:
        return code
