"""Work over many notes in several processes, with results in the input's order.

The calling process works too: with ``jobs`` = 2 there is one worker process
besides it, not two, which keeps a bulk run's memory to ``jobs`` processes.
Batches are queued for the workers; the caller takes queued batches that no
worker has started yet (a future that can still be cancelled), from the back.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 48
"""Below this many items, starting a worker process costs more than it saves."""


def default_jobs() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - platforms without affinity


def map_batches(
    work: Callable[[list[Item]], list[Result]],
    items: Sequence[Item],
    jobs: int | None = None,
) -> list[Result]:
    """``work`` over ``items`` in contiguous batches; results concatenated in order.

    ``work`` must be a module-level function (it may be sent to another process).
    One process for ``jobs`` = 1 or fewer than :data:`MIN_ITEMS` items.
    """
    jobs = default_jobs() if jobs is None else max(1, jobs)
    if jobs == 1 or len(items) < MIN_ITEMS:
        return work(list(items))
    from concurrent.futures import ProcessPoolExecutor

    # Many small batches: a worker holds one queued batch besides its current one, which the
    # caller cannot take, so the last batches decide how evenly the processes finish.
    size = max(8, -(-len(items) // (jobs * 16)))
    batches = [list(items[i : i + size]) for i in range(0, len(items), size)]
    done: dict[int, list[Result]] = {}
    with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=_context()) as pool:
        futures = [pool.submit(work, batch) for batch in batches]
        for index in range(len(batches) - 1, -1, -1):
            if futures[index].cancel():
                done[index] = work(batches[index])
        for index, future in enumerate(futures):
            if index not in done:
                done[index] = future.result()
    return [result for index in range(len(batches)) for result in done[index]]


def _context() -> BaseContext:
    """fork where the platform has it (workers inherit the imports), else spawn."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")
