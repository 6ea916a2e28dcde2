"""Actor names typed by a user, turned into codes: the one use case every door calls.

>>> resolve_actor(" South Korea ")
'KOR'
>>> resolve_actor("")
Traceback (most recent call last):
...
aidtrack.errors.UnknownActorError: Unknown actor "". Use an ISO 3166-1 alpha-3 code such as KOR or DEU, or an organisation code such as NATO or EU (see `aidtrack actors list`).
"""

from __future__ import annotations

import datetime as dt

from aidtrack import actors

__all__ = ["resolve_actor"]


def resolve_actor(name: str, *, on: dt.date | None = None) -> str:
    """The code of the country or organisation ``name`` stands for ("South Korea", "kor" -> "KOR").

    A blank or unknown name raises :class:`~aidtrack.errors.UnknownActorError` (with up to
    three suggestions), which every door reports as "Unknown actor ..." with no traceback.
    Office holders count for the state they served on ``on`` (default: today).
    """
    return actors.resolve_actor(str(name), on=on)
