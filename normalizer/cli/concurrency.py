"""Many articles on worker processes, with the same outcomes, in the same order,
as one process gives.

Workers are forked: they inherit the loaded engines instead of each loading its
own, and find the task in a module global rather than receiving a pickled copy
of the index with every chunk. Where fork is missing (Windows), or for few
files, everything runs here.

Workers die with the parent, even one killed by `kill -9` (no clean-up of its
own runs then): an orphan would go on rewriting files nobody waits for
(normalizer/forking.py).
"""

from __future__ import annotations

import os
from typing import Any, Callable, Iterator, Optional

from normalizer.forking import can_fork, exit_if_orphaned, pool

# A worker costs a fork and a share of the results sent back: below this many
# files each, one process is faster.
MIN_FILES_PER_WORKER = 25


def worker_count(jobs: int, items: int, cpus: Optional[int] = None) -> int:
    """How many workers to start for `items` files: `jobs` (0: one per CPU), but
    never so many that one gets fewer than MIN_FILES_PER_WORKER; below 2, none."""
    wanted = jobs or cpus or os.cpu_count() or 1
    workers = min(wanted, items // MIN_FILES_PER_WORKER)
    return workers if workers >= 2 else 0


def run(
    task: Callable[[Any], Any],
    items: list,
    jobs: int,
    before_fork: Optional[Callable[[int], object]] = None,
) -> Iterator:
    """`task(item)` for each item, in order: here, or on worker processes when
    there are enough items to repay starting them. `before_fork(workers)` runs
    once before that many workers start, to load what they should inherit."""
    workers = worker_count(jobs, len(items))
    if not workers or not can_fork():
        yield from (task(item) for item in items)
        return
    if before_fork is not None:
        before_fork(workers)
    global _worker_task
    _worker_task = task
    try:
        chunk = max(1, len(items) // (workers * 8))
        with pool(workers) as workers_pool:
            yield from workers_pool.map(_run_worker_task, items, chunksize=chunk)
    finally:
        _worker_task = None


# The task of the current run, set before the fork so that workers inherit it.
_worker_task: Optional[Callable] = None


def _run_worker_task(item):
    exit_if_orphaned()  # where no signal or watchdog came in time: start no new file
    return _worker_task(item)
