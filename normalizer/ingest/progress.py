"""How a corpus job shows it is moving: a rich bar with records/s at a
terminal, a plain line per partition otherwise (logs, CI, a pipe)."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Iterator, Optional, TextIO

PROG = "normalize corpus"


class Progress:
    def __init__(self, total: int, stream: Optional[TextIO] = None, bar: Optional[bool] = None):
        self.total = total
        self.stream = stream or sys.stderr
        self.bar = self.stream.isatty() if bar is None else bar
        self.done = 0
        self.fresh = 0  # normalized by this run (resumed partitions are not counted in the rate)
        self.started = time.monotonic()
        self._rich = None
        self._task = None

    def __enter__(self) -> "Progress":
        if self.bar:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn

            self._rich = Bar(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} records/s"), TimeRemainingColumn(),
                console=Console(file=self.stream), transient=True,
            )
            self._rich.start()
            self._task = self._rich.add_task("normalizing", total=self.total, rate="-")
        return self

    def __exit__(self, *exc) -> None:
        if self._rich is not None:
            self._rich.stop()

    @contextmanager
    def saying(self, what: str) -> Iterator[None]:
        """While it lasts, the bar says `what` where it says "normalizing": a wait before the
        first partition (the workers' shared words) is not taken for a stall. Only on the bar."""
        from normalizer.cli.report import relabelled

        with relabelled(self._rich, self._task, what):
            yield

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.fresh / elapsed if elapsed > 0 else 0.0

    def skipped(self, records: int) -> None:
        """A partition done by an earlier run."""
        self.done += records
        if self._rich is not None:
            self._rich.update(self._task, completed=self.done)

    def partition(self, key: str, records: int, changed: int, failed: int) -> None:
        self.done += records
        self.fresh += records
        if self._rich is not None:
            self._rich.update(self._task, completed=self.done, rate=f"{self.rate:,.0f}")
        else:
            print(
                f"{PROG}: partition {key}: {records} records ({changed} changed, {failed} errors); "
                f"{self.done:,}/{self.total:,} done, {self.rate:,.1f} records/s",
                file=self.stream, flush=True,
            )
