"""The cyclic garbage collector held off while a large structure is made.

Parsing a large gazetteer and compiling its index make millions of small
objects (YAML nodes, tuples, lists) that live on: none is garbage yet, but
every few hundred allocations the collector walks them again, and the walks
grow with what is already alive. For 100,000 entities that tripled the time
of the YAML parse. Within `paused_gc()` the collector does not run; it is
turned back on (if it was on) at the end, and collects any cycles then.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused_gc() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
