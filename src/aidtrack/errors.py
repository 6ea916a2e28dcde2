"""Typed errors raised by the aidtrack library.

The CLI turns them into a one-line message (exit 1); the web app turns them into
``{"ok": false, "type": ..., "error": ...}`` with a 4xx status. Every message says
what happened, quotes the bad value and says what to do next.
"""

from __future__ import annotations

from collections.abc import Sequence


class AidtrackError(Exception):
    """Base class of every error the library raises on purpose."""

    type = "aidtrack-error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(AidtrackError):
    """A value given by the user or a file does not fit the model."""

    type = "validation-error"


class UnknownActorError(ValidationError):
    """A name or code that no country or organisation matches."""

    type = "unknown-actor"

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(
            f'Unknown actor "{name}".{hint} Use an ISO 3166-1 alpha-3 code such as '
            "KOR or DEU, or an organisation code such as NATO or EU "
            "(see `aidtrack actors list`)."
        )


class NotFoundError(AidtrackError):
    """A record, rule or file that was asked for does not exist."""

    type = "not-found"


class ImportFormatError(AidtrackError):
    """A whole file cannot be read as the format it was given as."""

    type = "import-format"


class ExtractionInputError(AidtrackError):
    """An article cannot be read as text (empty, binary, too large...)."""

    type = "extraction-input"


class RuleRegisterError(AidtrackError):
    """The shipped or a user-supplied rules register is invalid."""

    type = "rule-register"


class StorageError(AidtrackError):
    """The database cannot be opened, migrated or written."""

    type = "storage"


class AuthError(AidtrackError):
    """A write was attempted without a valid token."""

    type = "unauthorized"


class DownloadError(AidtrackError):
    """A file could not be downloaded (offline, HTTP error...)."""

    type = "download"
