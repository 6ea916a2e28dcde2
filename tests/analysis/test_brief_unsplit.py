"""The terminal brief says when a release gives a stage's amounts without a category split."""

from __future__ import annotations

from click.testing import CliRunner

from aidtrack.analysis.brief import NOT_SPLIT
from aidtrack.cli import main


def test_brief_says_commitments_are_not_split_by_category(prepared_default_ledger: str) -> None:
    result = CliRunner().invoke(main, ["brief", "KOR"])  # the starter data (Release 29)
    assert result.exit_code == 0, result.output
    table = result.output.split("## By category", 1)[1].split("##", 1)[0]
    military = next(line for line in table.splitlines() if line.startswith("| military"))
    assert NOT_SPLIT in military  # commitments: per donor and month only in this release
    assert "EUR" in military  # allocations are split
    unspecified = next(line for line in table.splitlines() if line.startswith("| unspecified"))
    assert NOT_SPLIT not in unspecified and "EUR 2.78 bn" in unspecified
