"""The CLI's one progress display for work in named steps (backup tables, import stages)."""

from __future__ import annotations

import io

from rich.console import Console

from aidtrack.cli import output


def _terminal() -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=True, width=100, color_system=None), buffer


def test_each_step_gets_its_own_bar_under_its_label() -> None:
    console, buffer = _terminal()
    with output.step_progress(console, labels={"read": "Reading"}, spinner=True) as update:
        update("read", 0, 10)
        update("read", 10, 10)
        update("store", 5, None)
    shown = buffer.getvalue()
    assert "Reading" in shown and "store" in shown and "read " not in shown
    assert "100%" in shown


def test_names_are_padded_so_the_bars_line_up() -> None:
    console, buffer = _terminal()
    with output.step_progress(console, width=16) as update:
        update("support", 3, 3)
        update("audit_log", 1, 2)
    shown = buffer.getvalue()
    assert "support" + " " * 9 in shown and "audit_log" + " " * 7 in shown


def test_the_bars_are_cleared_when_done() -> None:
    console, buffer = _terminal()
    with output.step_progress(console) as update:
        update("events", 1, 1)
    assert buffer.getvalue().endswith("\x1b[2K")  # the last line drawn is erased
