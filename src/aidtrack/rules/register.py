"""Load and validate the rules register (shipped YAML, or a user's file or folder).

>>> reg = load_register()
>>> reg.get("deu_ukraine_exception_2022").country
'DEU'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import importlib.resources
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pydantic
import yaml

from aidtrack import cachefiles
from aidtrack.errors import NotFoundError, RuleRegisterError
from aidtrack.rules.model import Rule

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclasses.dataclass(frozen=True)
class Register:
    """A validated, ordered set of rules with lookup by id and by country."""

    rules: tuple[Rule, ...]

    def get(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise NotFoundError(f'No rule "{rule_id}" in the register; see `aidtrack rules COUNTRY`.')

    def for_country(self, country: str) -> list[Rule]:
        return [r for r in self.rules if r.country == country]

    @property
    def countries(self) -> list[str]:
        return sorted({r.country for r in self.rules})


RegisterLike = Register | Sequence[Rule] | None


def as_register(register: RegisterLike) -> Register:
    """``register`` itself, rules wrapped in a Register, or the shipped one for None."""
    if register is None:
        return load_register()
    if isinstance(register, Register):
        return register
    return Register(tuple(register))


def load_register(path: str | Path | None = None) -> Register:
    """Read every rule from ``path`` (a YAML file or a folder of them), or the shipped set.

    Raises :class:`RuleRegisterError` naming the rule id and field when an entry is invalid.
    """
    if path is None:
        return _shipped()
    target = Path(path)
    if not target.exists():
        raise RuleRegisterError(f'Rules register "{path}" does not exist; give a YAML file or a folder.')
    files = sorted(target.glob("*.yaml")) if target.is_dir() else [target]
    return _build((str(f), f.read_text(encoding="utf-8")) for f in files)


@functools.lru_cache(maxsize=1)
def _shipped() -> Register:
    folder = importlib.resources.files("aidtrack") / "data" / "rules"
    entries = sorted((e for e in folder.iterdir() if e.name.endswith(".yaml")), key=lambda e: e.name)
    return _build((f"aidtrack/data/rules/{e.name}", e.read_text(encoding="utf-8")) for e in entries)


def _build(texts: Iterable[tuple[str, str]]) -> Register:
    rules: list[Rule] = []
    for name, text in texts:
        rules.extend(parse_rules(text, origin=name))
    _check_links(rules)
    return Register(tuple(rules))


def load_yaml_list(text: str, *, origin: str, what: str) -> list[Any]:
    """The YAML list in ``text`` (a register of rules or signals), with clear errors.

    A list once parsed is kept in the user's cache folder under the hash of ``text``
    (as JSON, much quicker to read than YAML); the entries are validated by the caller
    either way, so a kept list is checked exactly as a freshly parsed one.
    """
    data = _kept_list(text)
    if data is not None:
        return data
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as ex:
        raise RuleRegisterError(f"{origin} is not valid YAML ({ex}); fix the syntax.") from None
    if not isinstance(data, list):
        raise RuleRegisterError(f"{origin} must hold a YAML list of {what}, got {type(data).__name__}.")
    _keep_list(text, data)
    return data


# -- parsed registers kept in the user's cache folder --------------------------------

KEPT_FILES = 256
"""Parsed YAML files kept at most; the oldest go first."""


def _kept_path(text: str) -> Path:
    return cachefiles.keyed_path("registers", text, ".json")


def _kept_list(text: str) -> list[Any] | None:
    """The list parsed earlier from exactly ``text``, or None (never kept, unreadable)."""
    kept = cachefiles.read_bytes(_kept_path(text))
    try:
        data = None if kept is None else json.loads(kept, object_hook=_from_json)
    except ValueError:
        return None
    return data if isinstance(data, list) else None


def _keep_list(text: str, data: list[Any]) -> None:
    """Keep ``data`` parsed from ``text`` (best effort: a folder that cannot be written only costs time)."""
    if not _plain(data):
        return
    body = json.dumps(data, default=_to_json)
    cachefiles.keep(
        _kept_path(text), lambda partial: partial.write_text(body, encoding="utf-8"), most=KEPT_FILES
    )


def _plain(value: Any) -> bool:
    """Whether ``value`` goes to JSON and back unchanged (dates are tagged, see :func:`_to_json`)."""
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and k != _DATE and _plain(v) for k, v in value.items())
    return value is None or isinstance(value, (str, int, float, bool, dt.date))


_DATE = "$date"


def _to_json(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {_DATE: value.isoformat(), "time": True}
    if isinstance(value, dt.date):
        return {_DATE: value.isoformat()}
    raise TypeError(f"{type(value).__name__} is not kept")


def _from_json(value: dict[str, Any]) -> Any:
    if _DATE not in value:
        return value
    return (dt.datetime if value.get("time") else dt.date).fromisoformat(value[_DATE])


def parse_rules(text: str, *, origin: str = "<text>") -> list[Rule]:
    """Validate the YAML list in ``text`` into rules."""
    data = load_yaml_list(text, origin=origin, what="rules")
    return [_rule(entry, origin=origin, index=i) for i, entry in enumerate(data)]


def _rule(entry: Any, *, origin: str, index: int) -> Rule:
    rule_id = entry.get("id") if isinstance(entry, dict) else None
    label = f'rule "{rule_id}"' if rule_id else f"rule #{index + 1}"
    if not isinstance(entry, dict):
        raise RuleRegisterError(f"{label} in {origin} is not a mapping; write it as key: value pairs.")
    if "superseded_by" in entry:
        raise RuleRegisterError(f'{label} in {origin}: field "superseded_by" is computed; remove it.')
    try:
        return Rule.model_validate(entry)
    except pydantic.ValidationError as ex:
        err = ex.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "(rule)"
        raise RuleRegisterError(
            f'Invalid {label} in {origin}: field "{field}": {err["msg"]} '
            f"(got {err.get('input')!r}). Fix that entry of the register."
        ) from None


def _check_links(rules: Sequence[Rule]) -> None:
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RuleRegisterError(f'Duplicate rule id "{rule.id}"; ids must be unique.')
        seen.add(rule.id)
    for rule in rules:
        for target in rule.overrides:
            if target not in seen:
                raise RuleRegisterError(
                    f'Rule "{rule.id}": field "overrides" names unknown rule "{target}"; '
                    "use the id of a rule in the register."
                )
