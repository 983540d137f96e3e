"""Processes forked from this one that end with it: the command's workers
(cli/concurrency.py) and the helpers that work out a batch's shared words
before them (shared_words.py). A forked process inherits the loaded engine
rather than loading its own; one left running after its parent is killed
(`kill -9`, no clean-up) would go on working, or rewriting files, for nobody.
"""

from __future__ import annotations

import os
import sys
from typing import Optional

_parent: Optional[int] = None  # this process's parent, whose end is its own (None: not a forked one)


def can_fork() -> bool:
    import multiprocessing as mp

    return "fork" in mp.get_all_start_methods()


def pool(processes: int):
    """A ProcessPoolExecutor of `processes` forked processes that inherit this
    one's memory (the loaded engine) and end with it (`die_with_parent`).
    multiprocessing is imported here, not at start-up (~15 ms): a hook's run
    on a few files never forks."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(processes, mp_context=mp.get_context("fork"), initializer=die_with_parent,
                               initargs=(os.getpid(),))


def die_with_parent(parent: int) -> None:
    """A forked process's start-up: have the kernel kill it when `parent`
    ends (Linux), else watch the parent from a thread."""
    global _parent
    _parent = parent
    if not (sys.platform.startswith("linux") and _kill_me_with_parent()):
        import threading

        threading.Thread(target=_watch_parent, name="watch-parent", daemon=True).start()
    exit_if_orphaned()  # the parent may have died before the above took hold


def exit_if_orphaned() -> None:
    """End this process at once if its parent has ended."""
    # An orphan is adopted by init (or a subreaper): its parent id changes.
    if _parent is not None and os.getppid() != _parent:
        os._exit(1)


def _kill_me_with_parent() -> bool:
    import ctypes
    import signal

    # The signal comes when the forking thread ends: the pool's caller, which
    # outlives the pool (processes are forked at its first map, never later).
    PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent() -> None:
    import time

    while True:
        exit_if_orphaned()
        time.sleep(0.2)
