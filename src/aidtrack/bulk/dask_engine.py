"""The Dask engine: partitions as tasks on a local cluster or a remote scheduler.

Imported only when ``engine="dask"`` is chosen, so the local engine does not pay for
importing ``distributed``.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from distributed import Client, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin

from aidtrack.bulk.worker import PartitionOutput, process_partition, warm_up
from aidtrack.corpus import Partition
from aidtrack.errors import ValidationError

if TYPE_CHECKING:
    from aidtrack.bulk.runner import EngineOptions

IN_FLIGHT_PER_WORKER = 3
CONNECT_TIMEOUT = "20s"


def dask_outputs(
    todo: list[Partition], engine: EngineOptions, options: dict[str, Any]
) -> Iterator[PartitionOutput]:
    """Partitions as Dask tasks with bounded look-ahead; outputs in completion order."""
    with _client(engine) as client:
        client.register_plugin(WarmUp(), name="aidtrack-warm-up")
        slots = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
        pending = iter(todo)

        def submit(part: Partition) -> Any:
            return client.submit(process_partition, part, **options, key=f"aidtrack-{part.key}", pure=False)

        running = as_completed([submit(p) for p in itertools.islice(pending, slots)])
        for future in running:
            output = future.result()
            future.release()
            following = next(pending, None)
            if following is not None:
                running.add(submit(following))
            yield output


class _ClientContext:
    """A Dask client on a new local cluster or on an existing scheduler; closed on exit."""

    def __init__(self, engine: EngineOptions) -> None:
        self.engine = engine
        self.cluster: Any = None
        self.client: Any = None

    def __enter__(self) -> Any:
        if self.engine.scheduler:
            try:
                self.client = Client(self.engine.scheduler, timeout=CONNECT_TIMEOUT)
            except OSError as ex:
                raise ValidationError(
                    f'Cannot reach the Dask scheduler at "{self.engine.scheduler}" ({ex}); '
                    "start one with `dask scheduler` or check the address."
                ) from None
        else:
            self.cluster = LocalCluster(
                n_workers=self.engine.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                memory_limit=0,
            )
            self.client = Client(self.cluster)
        return self.client

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            nanny = logging.getLogger("distributed.nanny")
            level = nanny.level
            nanny.setLevel(
                logging.ERROR
            )  # "still alive after 4 s, killing": a worker freeing spaCy; harmless
            try:
                self.cluster.close()
            finally:
                nanny.setLevel(level)


def _client(engine: EngineOptions) -> _ClientContext:
    return _ClientContext(engine)


class WarmUp(WorkerPlugin):  # type: ignore[misc]
    """A Dask worker plugin: load the model and the filter when a worker starts."""

    def setup(self, worker: Any) -> None:  # noqa: ARG002 - the plugin API passes the worker
        warm_up()
