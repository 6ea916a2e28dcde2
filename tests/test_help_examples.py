"""`--help` examples use paths a user has, never the project's reference folder."""

from __future__ import annotations

import click

from aidtrack.cli import LAZY_COMMANDS, main


def _helps(command: click.Command, path: str) -> list[tuple[str, str]]:
    found = [(path, command.help or "")]
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            found += _helps(sub, f"{path} {name}")
    return found


def test_no_help_text_points_at_the_reference_folder() -> None:
    ctx = click.Context(main)
    texts = [t for name in LAZY_COMMANDS for t in _helps(main.get_command(ctx, name), name)]
    assert len(texts) > len(LAZY_COMMANDS)
    assert [path for path, text in texts if "shared/" in text] == []
