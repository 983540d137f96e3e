"""A call made in a forked child while this process goes on; its value comes back pickled.

An index build holds the GIL from start to end, so a thread beside it only
takes turns with it; a forked child runs on another CPU, and inherits what
the call reads (the build's lists) instead of receiving a copy. Its value
comes back through a pipe, pickled. A value of a few byte strings (packed
tables) costs a few tens of milliseconds so; millions of small objects
would cost more than they save.

Where a fork is not safe (not Linux; other threads running, whose locks the
child would inherit held) or no CPU is free for the child (`spare_cpu`), or
the child fails (an error, killed, out of memory), the call is made in this
process when its value is asked for: `function` must depend on its
arguments only, and give the same value either way.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


def can_fork_here() -> bool:
    """A fork is safe (`fork_is_safe`) and may pay: a CPU free for the child now (`spare_cpu`)."""
    return fork_is_safe() and spare_cpu()


def fork_is_safe() -> bool:
    """Linux, and this thread the only one: a fork copies it alone, and the
    locks other threads hold would stay held in the child."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def spare_cpu() -> bool:
    """Whether fewer tasks are runnable at this moment than there are CPUs
    this process may use: /proc/loadavg's count, this thread among them.
    On a machine busy with other work a child only takes turns with this
    process, and costs the pages the two copy as they write: a 100,000-entity
    build took 0.5 s longer with its children than without."""
    try:
        with open("/proc/loadavg", encoding="ascii") as handle:
            runnable = int(handle.read().split()[3].split("/")[0])
    except (OSError, ValueError, IndexError):
        return False
    return runnable < len(os.sched_getaffinity(0))


class ForkedCall(Generic[T]):
    """`function(*args)`, started in a forked child where `fork` (the caller's
    word that the work is large enough to pay for it) and `can_fork_here`;
    `result()` gives its value. Use as a context manager: a child whose
    value is never asked for (the caller failed first) is stopped at the exit."""

    def __init__(self, function: Callable[..., T], *args, fork: bool = True):
        self._function, self._args = function, args
        self._pid: int | None = None
        self._pipe: int | None = None  # the read end
        if fork and can_fork_here():
            self._start()

    def __enter__(self) -> "ForkedCall[T]":
        return self

    def __exit__(self, *exc) -> None:
        if self._pid is not None:
            end_child(self._pid)
            self._pid = None
        self._close()

    def result(self) -> T:
        """The call's value: the child's, else (no child, or it failed) made here."""
        if self._pid is not None:
            data = self._read()
            _, status = os.waitpid(self._pid, 0)
            self._pid = None
            if os.waitstatus_to_exitcode(status) == 0:
                try:
                    return pickle.loads(data)
                except Exception:  # noqa: BLE001 - a stream cut short: made here instead
                    pass
        return self._function(*self._args)

    def _start(self) -> None:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:  # the child: never back into the caller's code, its exit handlers or its buffered output
            code = 1
            try:
                os.close(read_end)
                value = self._function(*self._args)
                with os.fdopen(write_end, "wb") as out:
                    pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    def _read(self) -> bytes:
        with os.fdopen(self._pipe, "rb") as pipe:
            self._pipe = None  # closed by the `with`
            return pipe.read()

    def _close(self) -> None:
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None


def end_child(pid: int, stop: bool = True) -> None:
    """Wait for the child `pid` to end (killed first where `stop`), so it leaves no zombie."""
    if stop:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
