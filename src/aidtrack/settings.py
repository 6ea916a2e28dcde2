"""Settings: one table, each setting once with its default and help.

Precedence: explicit argument (CLI flag) > ``AIDTRACK_*`` environment variable >
config file (``aidtrack.toml`` in the user's config directory) > default.
"""

from __future__ import annotations

import dataclasses
import getpass
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP = "aidtrack"


@dataclasses.dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        return f"AIDTRACK_{self.name.upper()}"


def _default_database_url() -> str:
    path = Path(platformdirs.user_data_dir(APP)) / "aidtrack.db"
    return f"sqlite:///{path}"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "database_url",
        "",
        "SQLAlchemy URL of the ledger. Default: a SQLite file "
        "aidtrack.db in the user's data directory. PostgreSQL: "
        "postgresql+psycopg://user:pass@host/dbname.",
    ),
    Setting(
        "config_file",
        "",
        "TOML file with settings (keys as in this table). Default: "
        "aidtrack.toml in the user's config directory.",
    ),
    Setting(
        "user",
        "",
        "Name recorded in the audit trail for changes made by this process. "
        'Default: the login name (USER), else the operating system account, else "unknown".',
    ),
    Setting(
        "shared_dir",
        "",
        "Folder with the reference data (Kiel files, macro data, "
        "policies, eval). Default: ../shared beside the checkout, if present.",
    ),
    Setting("host", "127.0.0.1", "Address `aidtrack serve` listens on."),
    Setting("port", "8000", "Port `aidtrack serve` listens on."),
    Setting(
        "max_request_bytes",
        "5000000",
        "Largest request body the web API reads; larger "
        "requests are refused with 413 before the body is read.",
    ),
    Setting(
        "max_article_chars",
        "200000",
        "Characters of one article that extraction reads; "
        "the rest is skipped with a warning naming the article.",
    ),
    Setting(
        "extract_rate_limit",
        "30",
        "Requests per minute that one client may send to /api/extract without a token.",
    ),
    Setting(
        "feed_user_agent",
        "aidtrack (+https://github.com/aidtrack/aidtrack)",
        "User agent sent when polling news feeds and fetching their articles.",
    ),
    Setting(
        "feed_host_delay", "1.0", "Seconds to wait between two requests to the same host when polling feeds."
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}
_OVERRIDES: dict[str, str] = {}


def override(name: str, value: str | None) -> None:
    """Set (or with ``None`` clear) a value for this process, e.g. from a CLI flag."""
    if name not in _BY_NAME:
        raise KeyError(f'Unknown setting "{name}"; known: {", ".join(_BY_NAME)}')
    if value is None:
        _OVERRIDES.pop(name, None)
    else:
        _OVERRIDES[name] = value


def _config_path(environ: Mapping[str, str]) -> Path:
    given = environ.get("AIDTRACK_CONFIG_FILE")
    if given:
        return Path(given)
    return Path(platformdirs.user_config_dir(APP)) / "aidtrack.toml"


def _from_file(environ: Mapping[str, str]) -> dict[str, str]:
    path = _config_path(environ)
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return {k: str(v) for k, v in data.items() if k in _BY_NAME}


def _computed_default(name: str) -> str:
    if name == "database_url":
        return _default_database_url()
    if name == "user":
        return os.environ.get("USER") or os.environ.get("USERNAME") or _os_account()
    return _BY_NAME[name].default


def _os_account() -> str:
    """The operating system's account name (where USER is unset, e.g. in containers), else "unknown"."""
    try:
        return getpass.getuser() or "unknown"
    except (KeyError, OSError, ImportError):  # no passwd entry for the uid
        return "unknown"


def get(name: str, override: str | None = None, *, environ: Mapping[str, str] | None = None) -> str:
    """The value of setting ``name`` after precedence is applied."""
    if name not in _BY_NAME:
        raise KeyError(f'Unknown setting "{name}"; known: {", ".join(_BY_NAME)}')
    if override:
        return override
    if name in _OVERRIDES:
        return _OVERRIDES[name]
    env = os.environ if environ is None else environ
    if env.get(_BY_NAME[name].env):
        return env[_BY_NAME[name].env]
    value = _from_file(env).get(name)
    return value if value else _computed_default(name)


def resolved(*, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every setting with its effective value (for `aidtrack settings`)."""
    return {s.name: get(s.name, environ=environ) for s in SETTINGS}
