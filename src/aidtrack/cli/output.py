"""Terminal output for the CLI: one console factory and one money format.

On a terminal, Rich draws tables at the terminal's full width. When stdout is piped or
redirected (``aidtrack rank | less``, ``> ranks.tsv``), tables are written as plain
tab-separated text (title line, header row, one line per row) and other text is never
wrapped, so no word is split and columns can be cut or pasted into a spreadsheet.
``--json`` stays the machine format.

    console().print(table)
>>> money(4_612_000_000)
'EUR 4.61 bn'
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import IO, Any

import click
from rich.console import Console, RenderableType
from rich.errors import MarkupError
from rich.markdown import Markdown
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from aidtrack.analysis.formatting import eur, pct

__all__ = ["PlainWhenPiped", "console", "money", "pct", "plain_rows", "print_json", "step_progress"]

StepUpdate = Callable[[str, int, int | None], None]
"""``update(step, done, total)``: how far one named step (a table, an import stage) has come."""


def console(*, stderr: bool = False, file: IO[str] | None = None, **options: Any) -> Console:
    """A Rich console: a drop-in for ``rich.console.Console(...)`` that stays readable when piped.

    ``console()`` writes to stdout, ``console(stderr=True)`` to stderr; other keyword
    arguments go to Rich unchanged.
    """
    return PlainWhenPiped(stderr=stderr, file=file, **options)


def print_json(data: Any) -> None:
    """``data`` as indented JSON on standard output (dates and other values as their text)."""
    click.echo(json.dumps(data, default=str, indent=2, ensure_ascii=False))


@contextmanager
def step_progress(
    on: Console, *, labels: Mapping[str, str] | None = None, spinner: bool = False, width: int = 0
) -> Iterator[StepUpdate]:
    """Progress bars on ``on``, one per named step, each added when the step first reports;
    yields ``update(step, done, total)``. ``labels`` shows a step under another name, ``width``
    pads the names to line the bars up; the bars go away when done."""
    name = f"{{task.description:<{width}}}" if width else "{task.description}"
    columns: list[ProgressColumn] = [SpinnerColumn()] if spinner else []
    columns += [TextColumn(name), BarColumn(), TaskProgressColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=on, transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def update(step: str, done: int, total: int | None) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task((labels or {}).get(step, step), total=total)
            bar.update(tasks[step], completed=done, total=total)

        yield update


class PlainWhenPiped(Console):
    """A Console that prints tables as tab-separated text, Markdown as its source, and never
    wraps when not on a terminal."""

    def print(self, *objects: Any, **options: Any) -> None:  # type: ignore[override]
        if self.is_terminal:
            super().print(*objects, **options)
            return
        for obj in objects:
            if isinstance(obj, Table):
                self._write_lines(plain_rows(obj))
            elif isinstance(obj, Markdown):  # its own source is the plain text: links stay whole
                self._write_lines(obj.markup.splitlines())
            else:
                options.setdefault("soft_wrap", True)
                super().print(obj, **options)

    def _write_lines(self, lines: Iterable[str]) -> None:
        text = "".join(f"{line}\n" for line in lines)
        with self._lock:
            self.file.write(text)
            self.file.flush()


def plain_rows(table: Table) -> list[str]:
    """The lines of a table as plain text: its title (if any), the header, one tab-separated line per row."""
    lines = [_plain(table.title)] if table.title else []
    if table.show_header:
        lines.append("\t".join(_plain(column.header) for column in table.columns))
    cells = [list(column.cells) for column in table.columns]
    for row in zip(*cells):
        lines.append("\t".join(_plain(cell) for cell in row))
    if table.caption:
        lines.append(_plain(table.caption))
    return lines


def _plain(cell: RenderableType | None) -> str:
    """A cell as one line of text (markup and styles dropped; tabs and newlines become spaces)."""
    if cell is None:
        return ""
    if isinstance(cell, Text):
        text = cell.plain
    elif isinstance(cell, str):
        text = _unmarked(cell)
    else:
        text = str(cell)
    return " ".join(text.replace("\t", " ").split())


def _unmarked(text: str) -> str:
    try:
        return Text.from_markup(text).plain
    except MarkupError:
        return text


def money(value: float | None) -> str:
    """The CLI's one money format: ``EUR 4.61 bn``, ``EUR 431.2 m``, ``EUR 12,345``; "-" when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return eur(value)
