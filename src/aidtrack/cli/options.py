"""Click options that several commands declare alike, each declared once here, and
:func:`bundle`, which applies a group of options as one decorator.

    @click.command()
    @json_option
    def status(as_json: bool) -> None: ...
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

json_option = click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")


def bundle(*options: Callable[[Any], Any]) -> Callable[[F], F]:
    """One decorator that applies ``options`` as if they were stacked in this order, top to bottom
    (so ``--help`` lists them in this order).

    >>> both = bundle(click.option("--a"), click.option("--b"))
    >>> [p.name for p in click.command()(both(lambda a, b: None)).params]
    ['a', 'b']
    """

    def apply(func: F) -> F:
        for option in reversed(options):
            func = option(func)
        return func

    return apply
