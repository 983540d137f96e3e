"""Where the partitions of a corpus job run.

    here    this process (`--workers 1` with the local engine)
    local   worker processes on this machine, forked after the parent loaded the
            Normalizer and worked out the words the records share, so each inherits
            them (copy-on-write) instead of working them out again
    dask    a Dask cluster: `--scheduler ADDRESS`, or a local cluster of `--workers`
            processes; each worker loads the Normalizer once (workers.normalizer_for)

Every engine takes `workers.Task`s and yields `workers.Done`s as partitions
finish, keeping at most a few tasks per worker in flight, so the input is
read as the job goes rather than all at once.
"""

from __future__ import annotations

import os
from typing import Callable, Iterable, Iterator, Optional

from normalizer.ingest.readers import CorpusError
from normalizer.ingest.workers import Done, Task, normalizer_for, run_task
from normalizer.options import Options

ENGINES = ("local", "dask")
IN_FLIGHT_PER_WORKER = 2
CONNECT_TIMEOUT = "10s"  # to reach a running scheduler


def default_workers() -> int:
    return os.cpu_count() or 1


class Engine:
    """Runs tasks, a bounded number at a time; subclasses say how one is submitted."""

    workers = 1

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        pass

    def run(self, tasks: Iterable[Task]) -> Iterator[Done]:
        pending: set = set()
        limit = max(1, self.workers * IN_FLIGHT_PER_WORKER)
        for task in tasks:
            pending.add(self.submit(task))
            if len(pending) >= limit:
                finished, pending = self.wait_first(pending)
                yield from (self.result(f) for f in finished)
        while pending:
            finished, pending = self.wait_first(pending)
            yield from (self.result(f) for f in finished)

    def submit(self, task: Task):
        raise NotImplementedError

    def wait_first(self, pending: set) -> tuple[set, set]:
        raise NotImplementedError

    def result(self, future) -> Done:
        return future.result()


class Here(Engine):
    """No workers: each task runs as it is submitted."""

    def __init__(self, options: Options):
        normalizer_for(options)

    def run(self, tasks: Iterable[Task]) -> Iterator[Done]:
        return (run_task(task) for task in tasks)


class Local(Engine):
    def __init__(self, options: Options, workers: int, before_fork: Optional[Callable[[int], object]] = None):
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        self.workers = workers
        methods = mp.get_all_start_methods()
        if "fork" in methods:
            normalizer_for(options)  # loaded before the fork: the workers inherit it
            if before_fork is not None:  # what else they should inherit (the words they share)
                before_fork(workers)
            context = mp.get_context("fork")
        else:  # no fork (Windows): each worker loads it on its first task
            context = mp.get_context("spawn")
        self.pool = ProcessPoolExecutor(workers, mp_context=context)

    def submit(self, task: Task):
        return self.pool.submit(run_task, task)

    def wait_first(self, pending: set) -> tuple[set, set]:
        from concurrent.futures import FIRST_COMPLETED, wait

        done, rest = wait(pending, return_when=FIRST_COMPLETED)
        return set(done), set(rest)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class Dask(Engine):
    def __init__(self, options: Options, workers: int, scheduler: Optional[str]):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise CorpusError("--engine dask needs dask: pip install 'normalizer[dask]'") from None
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as exc:
                raise CorpusError(f"--scheduler {scheduler}: cannot connect ({exc})") from None
            self.workers = max(1, sum(w.get("nthreads", 1) for w in self.client.scheduler_info()["workers"].values()))
        else:
            self.cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            self.client = Client(self.cluster)
            self.workers = workers

    def submit(self, task: Task):
        return self.client.submit(run_task, task, pure=False)

    def wait_first(self, pending: set) -> tuple[set, set]:
        from distributed import wait

        done, rest = wait(list(pending), return_when="FIRST_COMPLETED")
        return set(done), set(rest)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def start(name: str, options: Options, workers: int, scheduler: Optional[str] = None,
          before_fork: Optional[Callable[[int], object]] = None) -> Engine:
    """The engine `name`; `before_fork(workers)` runs once before local workers are forked, to work
    out what they should inherit (not for Dask, whose workers load their own, nor without fork)."""
    if name == "dask":
        return Dask(options, workers, scheduler)
    if scheduler:
        raise CorpusError("--scheduler is for --engine dask")
    if workers <= 1:
        return Here(options)
    return Local(options, workers, before_fork)
