"""Results worked out by an earlier run, read back instead of worked out again
(as black keeps the files it found formatted).

A repository of articles is checked again and again (a hook, a CI job) while
few of its articles change. A text's result depends only on the text, its
markup (which with the text says what is protected: normalizer.markup) and
the engine: the code (normalizer.cache's `code_version`), the gazetteers'
bytes and the options (`Options.results_key`), all known before an engine
is loaded, so a run whose articles are all known loads none. Under a digest
of these the store keeps the result's corrections; a known text's result is
rebuilt from them with `apply_corrections`, the engine's own splice, so its
output, diff and report are those of a fresh run.

The store is one SQLite file in the cache folder (normalizer.cache:
NORMALIZER_CACHE_DIR, NORMALIZER_NO_CACHE): a run looks up only its own
articles, whatever the store holds, and SQLite keeps concurrent runs apart.
Workers only read; the parent writes what the run worked out, once, at the
end. The newest MAX_TEXTS texts are kept; the file is its owner's alone. A
store that cannot be read or written is an empty one: the engine runs.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import TYPE_CHECKING, Callable, Sequence

if TYPE_CHECKING:
    import sqlite3

from normalizer import cache
from normalizer.result import Correction, Result, apply_corrections

STORE = "results.sqlite"
FORMAT = 1  # of a stored value; bump when Correction changes
# The most texts kept, all engines together; past it the oldest go first.
# A text with nothing to correct takes about 60 bytes, one of garbled news
# with its four corrections about 1 KB (2,000 such: 2 MB).
MAX_TEXTS = 100_000
_BUSY_MS = 1000  # another run writing: wait this long, then do without


def text_key(results_key: str, text: str, markup: str) -> bytes:
    """A digest of what a text's result depends on: the engine, the text, and
    its markup, which with the text says what is protected in it."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (cache.code_version(), results_key, markup):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.digest()


def to_json(corrections: Sequence[Correction]) -> str:
    return json.dumps([FORMAT, [[c.start, c.end, c.line, c.column, c.original, c.replacement, c.entity, c.kind,
                                 c.confidence, list(c.reasons), c.applied] for c in corrections]])


def from_json(value: str) -> tuple[Correction, ...] | None:
    """The corrections of `to_json`, or None for a value of another format."""
    try:
        version, rows = json.loads(value)
        if version != FORMAT:
            return None
        return tuple(Correction(*row[:9], tuple(row[9]), row[10]) for row in rows)
    except (ValueError, TypeError, IndexError):
        return None


def _fits(corrections: Sequence[Correction], text: str) -> bool:
    """Whether each correction stands over the words it says it replaces: a
    damaged or foreign value is not spliced into the text."""
    try:
        return all(0 <= c.start <= c.end <= len(text) and text[c.start : c.end] == c.original for c in corrections)
    except TypeError:
        return False


class KnownResults:
    """The results kept by earlier runs (`enabled`: False for --no-result-cache or with the cache off)."""

    def __init__(self, enabled: bool = True):
        # sqlite3 (and the datetime it imports, ~5 ms) only where results are kept: not with --no-result-cache.
        self.enabled = enabled and cache.enabled() and _sqlite3() is not None
        self._db: sqlite3.Connection | None = None
        self._pid = 0  # the process that opened _db: a connection must not cross a fork
        self._new: dict[bytes, str] = {}

    def normalize(self, results_key: str, text: str, markup: str,
                  work_out: Callable[[], Result]) -> tuple[Result, bytes | None]:
        """The result of `text` (written in `markup`) under the engine of
        `results_key`: read back when an earlier run worked it out, else
        `work_out()`; and the key to keep a result worked out now under (for
        `Outcome.worked_out`), or None."""
        if not self.enabled:
            return work_out(), None
        key = text_key(results_key, text, markup)
        corrections = self._known(key, text)
        if corrections is not None:
            applied = [c for c in corrections if c.applied]
            return Result(text, apply_corrections(text, applied), corrections), None
        return work_out(), key

    def knows(self, results_key: str, text: str, markup: str) -> bool:
        """Whether `normalize` would read the result of `text` back."""
        return self.enabled and self._known(text_key(results_key, text, markup), text) is not None

    def _known(self, key: bytes, text: str) -> tuple[Correction, ...] | None:
        """The corrections kept under `key`, where they still stand over `text`'s words."""
        corrections = self._find(key)
        return corrections if corrections is not None and _fits(corrections, text) else None

    def remember(self, outcome) -> None:
        """Keep the result of an outcome worked out in this run (here or on a worker) for `save`."""
        if self.enabled and outcome.worked_out is not None and outcome.result is not None:
            self._new[outcome.worked_out] = to_json(outcome.result.corrections)

    def save(self) -> None:
        """Write what this run worked out, and let the oldest texts go past MAX_TEXTS."""
        if not self._new:
            return
        db = self._open(create=True)
        if db is None:
            return
        try:
            cache.keep_newest(db, "results", self._new.items(), MAX_TEXTS)
        except _sqlite3().Error:
            pass  # busy, full, read-only: the next run works these out again
        self._new = {}

    def _find(self, key: bytes) -> tuple[Correction, ...] | None:
        db = self._open(create=False)
        if db is None:
            return None
        try:
            row = db.execute("SELECT value FROM results WHERE key = ?", (key,)).fetchone()
        except _sqlite3().Error:
            return None
        return from_json(row[0]) if row and isinstance(row[0], str) else None

    def _open(self, create: bool) -> sqlite3.Connection | None:
        if self._db is not None and self._pid == os.getpid():
            return self._db
        try:
            db = cache.open_table(STORE, "results", create, _BUSY_MS / 1000)
        except (OSError, _sqlite3().Error):
            return None
        if db is None:
            return None  # nothing kept yet
        self._db, self._pid = db, os.getpid()
        return db


def _sqlite3():
    """The sqlite3 module, or None in a Python built without it (nothing is kept, the engine runs)."""
    try:
        import sqlite3
    except ImportError:
        return None
    return sqlite3
