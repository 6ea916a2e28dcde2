"""HTTP status codes of library errors (one table for the API and the pages)."""

from __future__ import annotations

from aidtrack import errors
from aidtrack.extras import MissingExtraError

_STATUS: tuple[tuple[type[errors.AidtrackError], int], ...] = (
    (errors.AuthError, 401),
    (errors.NotFoundError, 404),
    (errors.UnknownActorError, 400),
    (errors.ValidationError, 422),
    (errors.ExtractionInputError, 422),
    (errors.StorageError, 503),
    (MissingExtraError, 503),
    (errors.RuleRegisterError, 500),
)


def status_of(ex: errors.AidtrackError) -> int:
    """401 (no or bad token), 404 (no such record), 400 (unknown actor), 422 (invalid value),
    503 (the database is unavailable or locked: retry; or an optional extra such as extraction is not
    installed on this server: the message names its ``pip install`` line), 500 (a broken shipped register), else 400."""
    for kind, code in _STATUS:
        if isinstance(ex, kind):
            return code
    return 400
