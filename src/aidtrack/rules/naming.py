"""Country names and codes for messages and input, via :mod:`aidtrack.actors`."""

from __future__ import annotations

from aidtrack import actors
from aidtrack.errors import UnknownActorError


def country_name(code: str) -> str:
    """``"DEU"`` -> ``"Germany"``; the code itself when no name is known (a made-up code in a test register)."""
    try:
        return actors.actor_name(code)
    except UnknownActorError:
        return code


def resolve_country(name: str) -> str:
    """A code for ``name`` (``"Germany"``, ``"deu"`` -> ``"DEU"``).

    Raises :class:`aidtrack.errors.UnknownActorError` with suggestions for an unknown name.
    """
    return actors.resolve_actor(str(name).strip())
