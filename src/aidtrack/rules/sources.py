"""The source policy of the rules and signals registers, as code over data.

Every source must be a page a reader can open and trust: no library proxies, no
staging or CMS hosts, no search or feed-reader pages (the deny list lives in
``aidtrack/data/rules/source_policy.toml``); no address twice in one entry; an
entry sourced only to state media or weak hosts (scraped copies, aggregators,
forums, Wikipedia) needs a written ``source_exception``; a primary source (law
text, ministry, official statement), where there is one, comes first.

>>> [p.split(":")[0] for p in problems_of_url("https://db.westchesterlibraries.org:2090/pakistan/x")]
['non-standard port 2090', 'denied host westchesterlibraries.org']
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.resources
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import parse_qs, urlsplit

from aidtrack.rules.model import Rule


@dataclasses.dataclass(frozen=True)
class SourceProblem:
    """One breach of the source policy: which entry, which address, what is wrong."""

    entry: str
    url: str
    problem: str

    def __str__(self) -> str:
        return f"{self.entry}: {self.url}: {self.problem}"


@functools.lru_cache(maxsize=1)
def source_policy() -> dict[str, Any]:
    """The shipped deny list and state-media list."""
    entry = importlib.resources.files("aidtrack") / "data" / "rules" / "source_policy.toml"
    return tomllib.loads(entry.read_text(encoding="utf-8"))


def problems_of_url(url: str, *, policy: Mapping[str, Any] | None = None) -> list[str]:
    """Why ``url`` is not an address a reader can use (empty when it is fine)."""
    rules = policy or source_policy()
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    found = []
    if parts.port not in (None, 80, 443):
        found.append(f"non-standard port {parts.port}: a proxy or internal server")
    for denied, why in rules["deny_hosts"].items():
        if host == denied or host.endswith("." + denied):
            found.append(f"denied host {denied}: {why}")
    label = host.split(".")[0]
    if any(re.search(p, label) for p in rules["deny_host_labels"]["patterns"]):
        found.append(f"host {host} is a staging, development or back-end server")
    params = set(parse_qs(parts.query)) & set(rules["deny_queries"]["parameters"])
    if params or "/search" in parts.path:
        found.append("a search or listing page, not the source itself")
    return found


def is_state_media(source: Mapping[str, Any], *, policy: Mapping[str, Any] | None = None) -> bool:
    """Whether ``source`` (url and publisher) is a state-owned or state-directed outlet."""
    rules = policy or source_policy()["state_media"]
    host = (urlsplit(str(source.get("url") or "")).hostname or "").lower()
    if any(host == h or host.endswith("." + h) for h in rules["hosts"]):
        return True
    publisher = str(source.get("publisher") or "")
    return any(re.search(rf"\b{re.escape(m)}\b", publisher) for m in rules["publisher_markers"])


def is_weak(source: Mapping[str, Any], *, policy: Mapping[str, Any] | None = None) -> bool:
    """Whether ``source`` sits on a weak host (a copy, aggregator, forum or encyclopaedia)."""
    hosts = (policy or source_policy())["weak_hosts"]
    host = (urlsplit(str(source.get("url") or "")).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in hosts)


def is_portal_home(source: Mapping[str, Any]) -> bool:
    """Whether ``source`` is a portal's home page (a law portal cited for an act) rather than a page."""
    return urlsplit(str(source.get("url") or "")).path in ("", "/")


def _needs_exception(sources: Sequence[Mapping[str, Any]]) -> str | None:
    """Why the sources cannot stand alone (None when one of them can).

    A portal's home page names where the official text lives but reports nothing by
    itself, so it does not count as a source that can stand alone.
    """
    pages = [s for s in sources if not is_portal_home(s)]
    if sources and not pages:
        return "only a portal's home page; add the page of the text or a report, or a source_exception"
    if not pages or not all(is_state_media(s) or is_weak(s) for s in pages):
        return None
    if all(is_state_media(s) for s in pages):
        return "state media only; add a better source or a source_exception"
    return "only state media or weak hosts (copies, aggregators, forums, Wikipedia); add a better source or a source_exception"


def audit_sources(
    entry: str, sources: Sequence[Mapping[str, Any]], *, exception: str = ""
) -> list[SourceProblem]:
    """Every policy breach in one entry's ``sources`` (dicts with url, publisher, kind)."""
    found = [SourceProblem(entry, str(s["url"]), p) for s in sources for p in problems_of_url(str(s["url"]))]
    urls = [str(s["url"]) for s in sources]
    found += [SourceProblem(entry, u, "listed twice") for u in sorted({u for u in urls if urls.count(u) > 1})]
    weak = _needs_exception(sources)
    if weak and not exception.strip():
        found.append(SourceProblem(entry, urls[0], weak))
    kinds = [s.get("kind", "report") for s in sources]
    if "primary" in kinds and kinds[0] != "primary":
        found.append(SourceProblem(entry, urls[0], "a primary source exists but is not listed first"))
    return found


def audit_rules(rules: Iterable[Rule]) -> list[SourceProblem]:
    """Source-policy breaches across a register's rules."""
    return [
        p
        for r in rules
        for p in audit_sources(
            f"rule {r.id}", [s.model_dump() for s in r.sources], exception=r.source_exception
        )
    ]


def audit_signal_entries(entries: Iterable[Mapping[str, Any]]) -> list[SourceProblem]:
    """Source-policy breaches across raw signals entries (as read from the YAML file)."""
    found = []
    for index, entry in enumerate(entries):
        label = f"signal #{index + 1} ({entry.get('type')} {entry.get('actor')} {entry.get('date')})"
        found += audit_sources(
            label, entry.get("sources") or [], exception=str(entry.get("source_exception") or "")
        )
    return found
