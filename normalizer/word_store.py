"""Word-level results kept between runs: the name tokens a word may be a garble of.

A first batch spends most of its time on words, not on texts: for each open
word (an unknown capitalized word), the search for the name tokens it may be
a garble of and the scoring of each with the learned transliteration model
(candidates.name_tokens: `similar_name_tokens`, `round_trip_name_tokens`,
`implied_name_tokens`; candidates.nearest: `nearest_name_tokens`), and the
similarity of each word and name word that a reading lays side by side
(`name_tokens.pair_similarity`). Each is a function of the index and the word (or
pair) alone, never of the text around it, so the index's memos (Index.memo)
remember it for the later texts of a process; this store keeps it for later
processes, as cli/known_results.py keeps a text's result: tomorrow's batch,
a hook run after one article changed, a `normalize corpus` resumed find the
words earlier runs worked out.

An entry is kept under a digest of the code (cache.code_version), the index
(Options.index_key: the gazetteers' bytes and the protected words), the memo
and the word; a different index or code never reads it. The store is one
SQLite file in the cache folder (normalizer.cache: NORMALIZER_CACHE_DIR,
NORMALIZER_NO_CACHE), and SQLite keeps concurrent runs apart. Workers only
read: they hand what they worked out back with their outcomes (`take_new`),
and the parent writes it, in one transaction, at the end of the run (and
every SAVE_EVERY words of a long one). The newest MAX_WORDS entries are kept.
A store that cannot be read or written is an empty one: the words are
worked out.

The command line attaches a store to the engines it loads (`normalize`,
`normalize report`, `normalize corpus`), unless --no-result-cache asks for
everything to be worked out anew. A `Normalizer` of the library remembers
words for its own life only, writing nothing, unless its caller attaches
one (`attach`) and says when to write (`WordStore.save`).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from typing import Callable, Hashable, TypeVar

from normalizer import cache

STORE = "words.sqlite"
FORMAT = 1  # of a stored value; bump when a memo's value changes shape
# The most entries kept, every index together; past it the oldest written go
# first. The first 1,000 speed articles leave 6,523 entries (1.1 MB), every
# text of tools/equivalence_dump.py 44,115 (6.9 MB, 36,258 of them pairs):
# 200,000 are some 30 MB, more where a 100,000-entity gazetteer makes a word's
# candidates many (up to ~4 KB a word: the memos' sizes, candidates.name_tokens).
MAX_WORDS = 200_000
# A long run (a corpus of millions) writes what it worked out every this many words.
SAVE_EVERY = 5_000
_BUSY_MS = 1000  # another run writing: wait this long, then do without
_ATTRIBUTE = "_word_store"  # on the Index: a leading underscore, so never pickled (Index.__getstate__)

T = TypeVar("T")


def engine_digest(index_key: str) -> bytes:
    """What every word's result depends on besides the word: the code and the index."""
    return hashlib.blake2b(f"{cache.code_version()}\0{index_key}".encode("utf-8", "surrogatepass"),
                           digest_size=20).digest()


def word_key(engine: bytes, memo: str, key: Hashable) -> bytes:
    """The digest an entry of `memo` for `key` (a word, or a tuple holding one) is kept under."""
    digest = hashlib.blake2b(engine, digest_size=20)
    digest.update(f"{memo}\0{json.dumps(key)}".encode("utf-8", "surrogatepass"))
    return digest.digest()


def to_json(value) -> str:
    """A memo's value: name token keys with their similarity (a dict), a set of
    keys, or a pair's similarity and its reason (a tuple)."""
    if isinstance(value, dict):
        return json.dumps([FORMAT, "scores", value])
    if isinstance(value, tuple):
        return json.dumps([FORMAT, "pair", value])
    return json.dumps([FORMAT, "keys", sorted(value)])


def from_json(text: str):
    """The value of `to_json`, or None for a value of another format or shape
    (a damaged or foreign entry is worked out again, never trusted)."""
    try:
        version, kind, value = json.loads(text)
    except (ValueError, TypeError):
        return None
    if version != FORMAT:
        return None
    if kind == "scores" and isinstance(value, dict) and all(_score(score) for score in value.values()):
        return value
    if kind == "keys" and isinstance(value, list) and all(isinstance(key, str) for key in value):
        return frozenset(value)
    if kind == "pair" and isinstance(value, list) and len(value) == 2 and _score(value[0]):
        return (value[0], value[1]) if isinstance(value[1], str) else None
    return None


def _score(value) -> bool:
    return type(value) is float and math.isfinite(value)


class WordStore:
    """The words kept by earlier runs (`enabled`: False for --no-result-cache or with the cache off)."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled and cache.enabled()
        self._db = None
        self._db_pid = 0  # the process that opened _db: a connection must not cross a fork
        self._inherited = None  # in a forked worker, the parent's connection: kept, never used nor closed here
        self._owner = os.getpid()  # the process that writes; forked workers hand their words back
        self._new: dict[bytes, str] = {}  # worked out in this process, not yet handed on
        self._new_pid = os.getpid()
        self._kept: dict[bytes, str] = {}  # handed back by workers (`add`), to write
        # A process that found the file damaged stops asking. It is not replaced: the folder may be
        # shared (NORMALIZER_CACHE_DIR=~/models), and a file of that name someone else's.
        self._unreadable_pid = 0

    def find(self, key: bytes) -> str | None:
        db = self._open(create=False)
        if db is None:
            return None
        try:
            row = db.execute("SELECT value FROM words WHERE key = ?", (key,)).fetchone()
        except Exception:  # noqa: BLE001 - sqlite3.Error, or a damaged file: do without
            return None
        return row[0] if row and isinstance(row[0], str) else None

    def keep(self, key: bytes, value: str) -> None:
        """An entry worked out in this process (for `take_new`, or `save` in the writing one)."""
        new = self._own_new()
        if len(new) < MAX_WORDS:
            new[key] = value

    def take_new(self) -> dict[bytes, str]:
        """What this process worked out since it last said (a worker's, for its outcome)."""
        new, self._new = self._own_new(), {}
        return new

    def add(self, entries: dict[bytes, str]) -> None:
        """Entries a worker (or this process, by `take_new`) worked out, to write; a long run writes as it goes."""
        if self.enabled and entries:
            self._kept.update(entries)
            if len(self._kept) >= SAVE_EVERY:
                self.save()

    def save(self) -> None:
        """Write what this run worked out, and let the oldest entries go past MAX_WORDS.
        Only the process that made the store writes: a forked worker hands its words back."""
        if os.getpid() != self._owner:
            return
        entries = {**self._kept, **self._own_new()}
        self._kept, self._new = {}, {}
        if not entries:
            return
        db = self._open(create=True)
        if db is None:
            return
        try:
            cache.keep_newest(db, "words", entries.items(), MAX_WORDS)
        except Exception:  # noqa: BLE001 - busy, full, read-only, damaged: the next run works these out again
            pass

    def _own_new(self) -> dict[bytes, str]:
        if self._new_pid != os.getpid():  # a forked worker: the parent's entries are the parent's to write
            self._new, self._kept, self._new_pid = {}, {}, os.getpid()
        return self._new

    def _open(self, create: bool):
        if not self.enabled or self._unreadable_pid == os.getpid():
            return None
        if self._db is not None and self._db_pid == os.getpid():
            return self._db
        import sqlite3  # lazy: a run with nothing to look up does not pay for it

        try:
            # One connection for the threads of a process (a Dask worker's tasks): they only read.
            db = cache.open_table(STORE, "words", create, _BUSY_MS / 1000, check_same_thread=False)
            if db is None:
                return None  # nothing kept yet
        except sqlite3.DatabaseError as exc:
            if not isinstance(exc, sqlite3.OperationalError):  # not a database: damaged, or another file
                self._unreadable_pid = os.getpid()
            return None
        except (OSError, sqlite3.Error):
            return None
        if self._db is not None:
            self._inherited = self._db
        self._db, self._db_pid = db, os.getpid()
        return db


class _Attached:
    """A store as one index reads it: under that index's digest."""

    __slots__ = ("store", "engine")

    def __init__(self, store: WordStore, engine: bytes):
        self.store, self.engine = store, engine


def attach(normalizer, store: WordStore) -> WordStore | None:
    """Have `normalizer`'s word-level memos read `store` and keep what they
    work out in it; an index with a store keeps it. The store it reads, or
    None (the store off, or an engine not loaded from options)."""
    index_key = getattr(normalizer, "index_key", None)
    if not store.enabled or index_key is None:
        return attached(normalizer)
    found = normalizer.index.__dict__.setdefault(_ATTRIBUTE, _Attached(store, engine_digest(index_key)))
    return found.store


def attached(normalizer) -> WordStore | None:
    """The store `normalizer`'s memos read, if any."""
    found = normalizer.index.__dict__.get(_ATTRIBUTE)
    return found.store if found is not None else None


def keeps_words(index) -> bool:
    """Whether a store is attached to `index` (a memo of its own pays only then)."""
    return _ATTRIBUTE in index.__dict__


def remembered(index, memo: str, limit: int, key: Hashable, work_out: Callable[[], T]) -> T:
    """The value of `work_out()`, a function of the index and `key` alone:
    from the index's `memo` (Index.memo, `limit` entries), else from the
    attached store, else worked out (and kept in both)."""
    memory = index.memo(memo, limit)
    value = memory.get(key)
    if value is not None:
        return value
    bound = index.__dict__.get(_ATTRIBUTE)
    if bound is None:
        value = memory[key] = work_out()
        return value
    digest = word_key(bound.engine, memo, key)
    stored = bound.store.find(digest)
    value = from_json(stored) if stored is not None else None
    if value is None:
        value = work_out()
        bound.store.keep(digest, to_json(value))
    memory[key] = value
    return value
