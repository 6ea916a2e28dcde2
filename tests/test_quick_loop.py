"""The quick loop (`pytest -m "not slow"`): the tests named slow in tests/conftest.py exist, so a
renamed test cannot silently come back into the loop or drop out of the list."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import REPO, SLOW_TESTS


def _functions(path: str) -> set[str]:
    """Names of the top-level test functions of a test file."""
    tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}


@pytest.mark.parametrize("node_id", sorted(SLOW_TESTS))
def test_each_test_named_slow_exists_and_says_why(node_id: str) -> None:
    path, _, name = node_id.partition("::")
    function = name.partition("[")[0]  # an entry may name one parameter set of a test
    assert (REPO / path).is_file(), f"{node_id}: no such file"
    assert function in _functions(path), f"{node_id}: no such test function"
    assert len(SLOW_TESTS[node_id]) > 20, f"{node_id}: say why it is slow"
