"""Run callables at the same moment in threads and collect what each returned or raised."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any


def at_once(calls: Sequence[Callable[[], Any]], *, timeout: float = 60) -> list[Any]:
    """Start every call together (a barrier), wait for all; an exception is returned, not raised."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=timeout)
            results[index] = call()
        except BaseException as ex:  # noqa: BLE001 - the test inspects it
            results[index] = ex

    threads = [threading.Thread(target=run, args=(i, c), daemon=True) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(t.is_alive() for t in threads), "a concurrent call did not finish in time"
    return results


def errors(results: Sequence[Any]) -> list[BaseException]:
    return [r for r in results if isinstance(r, BaseException)]
