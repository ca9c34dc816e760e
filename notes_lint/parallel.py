"""Work over many notes in several processes, with results in the input's order.

The calling process works too: with ``jobs`` = 2 there is one worker process
besides it, not two, which keeps a bulk run's memory to ``jobs`` processes.
Batches are queued for the workers in order; the caller takes the earliest
batch that no worker has started yet (a future it can still cancel).  Results
are handed on in order as soon as they are ready, so a caller that writes them
out holds only the few batches that finished ahead of an earlier one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future
    from multiprocessing.context import BaseContext

Item = TypeVar("Item")
Result = TypeVar("Result")

MIN_ITEMS = 48
"""Below this many items, starting a worker process costs more than it saves."""

MAX_BATCH = 64
"""Items per batch at most: what the caller may hold while an earlier batch is running."""


def default_jobs() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - platforms without affinity


def effective_jobs(jobs: int | None) -> int:
    """The processes a run may use: ``jobs`` (default one per CPU), at least 1 and at
    most :func:`default_jobs`; more processes than CPUs only cost memory (and a
    ``--jobs 100000`` would fork without end)."""
    cpus = default_jobs()
    return cpus if jobs is None else max(1, min(jobs, cpus))


def batch_size(items: int, jobs: int) -> int:
    """Many small batches: the last ones decide how evenly the processes finish."""
    return min(MAX_BATCH, max(8, -(-items // (jobs * 16))))


def imap_batches(
    work: Callable[[list[Item]], list[Result]],
    items: Sequence[Item],
    jobs: int | None = None,
) -> Generator[list[Result], None, None]:
    """``work`` over ``items`` in contiguous batches; each batch's results, in order.

    ``work`` must be a module-level function (it may be sent to another process).
    One process for ``jobs`` = 1 or fewer than :data:`MIN_ITEMS` items; never more
    processes than CPUs (:func:`effective_jobs`).
    """
    jobs = effective_jobs(jobs)
    if jobs == 1 or len(items) < MIN_ITEMS:
        size = MAX_BATCH  # the same batches, so the caller can write results as they come
        for start in range(0, len(items), size):
            yield work(list(items[start : start + size]))
        return
    from concurrent.futures import ProcessPoolExecutor

    size = batch_size(len(items), jobs)
    batches = [list(items[i : i + size]) for i in range(0, len(items), size)]
    with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=_context()) as pool:
        futures = dict(enumerate(pool.submit(work, batch) for batch in batches))
        try:
            yield from _in_order(work, batches, futures)
        finally:
            for future in futures.values():  # a caller that stops early leaves no work queued
                future.cancel()


def _in_order(
    work: Callable[[list[Item]], list[Result]],
    batches: list[list[Item]],
    futures: dict[int, Future[list[Result]]],
) -> Iterator[list[Result]]:
    """Each batch's results in order; a future is dropped once its results are handed on."""
    ahead: dict[int, list[Result]] = {}  # batches the caller ran before their turn
    take = 0  # the caller has run, or a worker has started, every batch before this one
    for index in range(len(batches)):
        future = futures.pop(index)
        if index not in ahead and future.cancel():  # no worker has started it: run it here
            ahead[index] = work(batches[index])
        while index not in ahead and not future.done():
            take = max(take, index + 1)
            while take < len(batches) and not futures[take].cancel():
                take += 1
            if take == len(batches):
                break  # every batch left is with a worker: wait for this one
            ahead[take] = work(batches[take])
            take += 1
        yield ahead.pop(index) if index in ahead else future.result()


def map_batches(
    work: Callable[[list[Item]], list[Result]],
    items: Sequence[Item],
    jobs: int | None = None,
) -> list[Result]:
    """As :func:`imap_batches`, every result in one list."""
    return [result for batch in imap_batches(work, items, jobs) for result in batch]


def _context() -> BaseContext:
    """fork where the platform has it (workers inherit the imports), else spawn."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")
