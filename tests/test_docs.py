"""Docs match the code: README commands, CI, generated CLI docs, settings, public API."""

from __future__ import annotations

import re
import subprocess
import sys

import aidtrack
from aidtrack import settings
from tests.conftest import REPO


def _readme_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```bash\n(.*?)```", readme, re.S)
    assert first_block, "README needs a ```bash block with the set-up commands"
    return [line for line in first_block.group(1).splitlines() if line.strip() and not line.startswith("#")]


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_second() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    assert "aidtrack brief" in commands[0] and "pytest" in commands[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()


def test_public_api_is_explicit_and_sorted() -> None:
    assert aidtrack.__all__ == sorted(aidtrack.__all__)
    assert all(hasattr(aidtrack, name) for name in aidtrack.__all__)


def test_every_setting_is_documented() -> None:
    doc = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    for setting in settings.SETTINGS:
        assert setting.env in doc, f"{setting.env} is not documented in docs/architecture.md"


def test_cli_docs_are_generated_from_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "-I", str(REPO / "docs"), str(REPO / "docs" / "cli.md")],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, f"docs/cli.md is stale; run `cog -r docs/cli.md`.\n{result.stderr}"
