"""What runs on a worker: one partition of records in, one partition file out.

The `Normalizer` is loaded once per process and kept in a cache keyed by the
`Options` value (a small frozen object, the one thing a task carries); a
task never ships the index itself (2.4 MB pickled, and as long again to
unpickle). On a forked local worker the parent's loaded engine is inherited;
on a Dask worker or a Spark executor the first task loads it (from the disk
cache of compiled indexes when warm) and every later task reuses it.
"""

from __future__ import annotations

import gc
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

from normalizer.options import Options

_engines: dict[Options, Any] = {}
_lock = threading.Lock()
_loads = 0  # how many Normalizers this process has loaded (the tests count them)


def normalizer_for(options: Optional[Options] = None):
    """This process's `Normalizer` for `options` (default options when None), loaded on first use."""
    global _loads
    options = options or Options()
    engine = _engines.get(options)
    if engine is None:
        with _lock:  # a Dask worker runs tasks on threads: load once, not once per thread
            engine = _engines.get(options)
            if engine is None:
                from normalizer.engine import Normalizer

                engine = Normalizer.from_options(options)
                _engines[options] = engine
                _loads += 1
                gc.freeze()  # the index lives as long as the process (see README, The library)
    return engine


def loads() -> dict[str, int]:
    """This process's id and how many Normalizers it loaded: once per options value."""
    return {"pid": os.getpid(), "loads": _loads}


@dataclass(frozen=True)
class Task:
    """One partition to normalize and write: small, pickled to the worker."""

    options: Options
    key: str
    ids: list[str]
    texts: list[Any]
    errors: list[Optional[str]]  # a reading error per record (malformed line...), or None
    path: str  # the partition file to write
    fmt: str  # parquet | jsonl
    max_chars: int
    # Read the words earlier runs worked out, and hand back the new ones (normalizer.word_store):
    # a worker that did not inherit the parent's store (Dask, spawn) reads its own cache folder's.
    keep_words: bool = False


@dataclass(frozen=True)
class Done:
    key: str
    path: str
    records: int
    changed: int
    failed: int
    pid: int
    words: dict = field(default_factory=dict)  # worked out here, for the parent to keep (word_store)


def normalize_rows(options: Optional[Options], ids: Iterable[Any], texts: Iterable[Any], max_chars: int,
                   errors: Optional[Iterable[Optional[str]]] = None) -> list[dict[str, Any]]:
    """The output rows (`rows.COLUMNS`) of these records, in order."""
    from normalizer.ingest.rows import outcome_row, result_row

    ids, texts = list(ids), list(texts)
    errors = list(errors) if errors is not None else [None] * len(ids)
    good = [i for i, error in enumerate(errors) if error is None]
    engine = normalizer_for(options)
    outcomes = engine.normalize_many((texts[i] for i in good), ids=(ids[i] for i in good), max_chars=max_chars)
    rows: list[Optional[dict[str, Any]]] = [None] * len(ids)
    for i, outcome in zip(good, outcomes):
        rows[i] = outcome_row(outcome)
    for i, error in enumerate(errors):
        if error is not None:
            rows[i] = result_row(str(ids[i]), None, error)
    return rows  # type: ignore[return-value]


def run_task(task: Task) -> Done:
    """Normalize one partition and write its file atomically."""
    from normalizer import word_store
    from normalizer.ingest.writers import write_partition

    store = word_store.attached(normalizer_for(task.options))
    if store is None and task.keep_words:
        store = word_store.attach(normalizer_for(task.options), word_store.WordStore())
    rows = normalize_rows(task.options, task.ids, task.texts, task.max_chars, task.errors)
    write_partition(Path(task.path), task.fmt, rows)
    changed = sum(1 for row in rows if row["changed"])
    failed = sum(1 for row in rows if row["error"] is not None)
    words = store.take_new() if store is not None else {}
    return Done(task.key, task.path, len(rows), changed, failed, os.getpid(), words)
