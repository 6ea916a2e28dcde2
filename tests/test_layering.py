"""Who may import what (STYLE.md): cli and web call services only, except pure presentation modules;
nothing imports them."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "aidtrack"
LIBRARY = (
    "rules",
    "extract",
    "analysis",
    "charts",
    "actors",
    "importers",
    "currency",
    "corpus",
    "bulk",
    "relevance",
    "feeds",
    "db.store",
    "db.engine",
    "db.schema",
    "db.feeds",
)
LIBRARY_PACKAGES = (
    "models",
    "errors",
    "settings",
    "db",
    "importers",
    "extract",
    "rules",
    "analysis",
    "charts",
    "actors",
    "corpus",
    "relevance",
    "bulk",
    "currency",
    "feeds",
    "extras",
    "cachefiles",
)
PRESENTATION = (
    "aidtrack.charts",
    "aidtrack.rules.render",
    "aidtrack.analysis.formatting",
    "aidtrack.analysis.report_html",
)
"""Pure presentation (figures, Markdown/HTML renderers, number formats): values in, text or figures
out, no ledger and no use case. cli and web import these directly instead of through services."""


def _modules(*parts: str) -> list[Path]:
    """The .py files of ``aidtrack.<part>`` (a package or a single module)."""
    found: list[Path] = []
    for part in parts:
        package, module = SRC / part, SRC / f"{part}.py"
        found += sorted(package.rglob("*.py")) if package.is_dir() else [module] if module.exists() else []
    return found


def _name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@functools.cache
def imported(path: Path) -> frozenset[str]:
    """Every module ``path`` imports, with ``from X import y`` counted as both X and X.y (each
    file is parsed once per test session)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _name(path) if path.name == "__init__.py" else _name(path).rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return frozenset(names)


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _violations(paths: list[Path], forbidden: tuple[str, ...], allowed: tuple[str, ...] = ()) -> list[str]:
    return sorted(
        f"{_name(p)} imports {n}"
        for p in paths
        for n in imported(p)
        if any(_under(n, f) for f in forbidden) and not any(_under(n, a) for a in allowed)
    )


def test_the_modules_are_found() -> None:
    assert len(_modules("cli")) > 5 and len(_modules("web")) > 5 and len(_modules(*LIBRARY_PACKAGES)) > 20


@pytest.mark.parametrize("front", ["cli", "web"])
def test_cli_and_web_reach_the_library_through_services_only(front: str) -> None:
    assert _violations(_modules(front), tuple(f"aidtrack.{m}" for m in LIBRARY), PRESENTATION) == []


def test_presentation_modules_reach_no_ledger_and_no_use_case() -> None:
    paths = _modules(*(m.removeprefix("aidtrack.").replace(".", "/") for m in PRESENTATION))
    assert len(paths) >= 5
    assert (
        _violations(paths, ("aidtrack.db", "aidtrack.services", "aidtrack.importers", "aidtrack.extract"))
        == []
    )


def test_nothing_imports_cli_or_web() -> None:
    everything = sorted(SRC.rglob("*.py"))
    outside_cli = [p for p in everything if not _under(_name(p), "aidtrack.cli")]
    outside_web = [p for p in everything if not _under(_name(p), "aidtrack.web")]
    assert _violations(outside_cli, ("aidtrack.cli",)) == []
    assert _violations(outside_web, ("aidtrack.web",)) == []


def test_the_library_never_imports_services_cli_or_web() -> None:
    forbidden = ("aidtrack.services", "aidtrack.cli", "aidtrack.web")
    assert _violations(_modules(*LIBRARY_PACKAGES), forbidden) == []


def test_the_checker_sees_from_imports() -> None:
    module = SRC / "cli" / "analysis.py"
    assert "aidtrack.services.analysis" in imported(module)
    assert not any(_under(n, "aidtrack.analysis") for n in imported(module))
