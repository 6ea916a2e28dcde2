"""Analysis commands refuse an unknown donor before they load anything into the ledger."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from aidtrack.cli import main
from aidtrack.db import Store, SupportFilter


@pytest.mark.parametrize(
    "args",
    [["brief", "Narnia"], ["report", "Narnia"], ["compare", "Narnia"], ["timeline", "Narnia"]],
    ids=["brief", "report", "compare", "timeline"],
)
def test_an_unknown_donor_is_refused_before_the_starter_data_is_loaded(
    store: Store, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv("AIDTRACK_DATABASE_URL", store.url)
    result = runner.invoke(main, args)
    assert result.exit_code == 1 and 'Unknown actor "Narnia"' in result.output
    assert store.count("support", SupportFilter()) == 0  # the empty ledger was left empty
