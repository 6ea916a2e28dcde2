"""The CLI's console: Rich tables on a terminal, tab-separated text when piped; one money format."""

from __future__ import annotations

import io
import math

import pytest
from rich.table import Table

from aidtrack.cli import output


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _table() -> Table:
    table = Table(title="Donors ranked")
    for name in ("#", "name", "total"):
        table.add_column(name)
    table.add_row("1", "Netherlands\tKingdom", "EUR 4.61 bn")
    table.add_row("2", "[bold]United Kingdom[/bold]", "EUR 431.2 m")
    return table


def test_piped_table_is_plain_tab_separated_text(monkeypatch):
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    buffer = io.StringIO()
    output.console(file=buffer).print(_table())
    assert buffer.getvalue().splitlines() == [
        "Donors ranked",
        "#\tname\ttotal",
        "1\tNetherlands Kingdom\tEUR 4.61 bn",
        "2\tUnited Kingdom\tEUR 431.2 m",
    ]


def test_piped_text_is_not_wrapped_at_80_columns(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    buffer = io.StringIO()
    line = " ".join(["Netherlands"] * 30)
    output.console(file=buffer).print(line)
    assert buffer.getvalue() == line + "\n"


def test_terminal_gets_a_rich_table(monkeypatch):
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    buffer = _Tty()
    output.console(file=buffer, width=120).print(_table())
    text = buffer.getvalue()
    assert "Netherlands" in text and "\t" not in text and "─" in text


def test_stderr_console_writes_to_stderr(capsys):
    output.console(stderr=True).print("to stderr")
    captured = capsys.readouterr()
    assert captured.err == "to stderr\n" and captured.out == ""


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (4_612_000_000, "EUR 4.61 bn"),
        (431_200_000, "EUR 431.2 m"),
        (12_345, "EUR 12,345"),
        (0, "EUR 0"),
        (None, "-"),
        (math.nan, "-"),
    ],
)
def test_money(value, text):
    assert output.money(value) == text


def test_piped_markdown_is_its_source_with_whole_links() -> None:
    from rich.markdown import Markdown

    url = "https://example.org/" + "a-very-long-path/" * 12
    buffer = io.StringIO()
    output.console(file=buffer).print(
        Markdown(f"## Routes\n\n- allowed ([source]({url}))\n", hyperlinks=False)
    )
    assert buffer.getvalue() == f"## Routes\n\n- allowed ([source]({url}))\n"
