"""Near spellings of a folded word: SymSpell's symmetric-delete lookup, its table on disk.

SymSpell finds every term within edit distance 2 of a word by looking the
word's deletes (up to two letters removed from its first seven) up in a table
delete -> terms, built from the deletes of every term. For the folded name
tokens of a gazetteer that table is most of the compiled index: 150,000 keys
for the bundled gazetteers, 1.1 million for 100,000 entities. As a pickled dict
it cost more to load than everything else and hundreds of MB with a large
gazetteer. Here it lives in a SQLite file in the cache folder, opened
read-only; a lookup reads only the rows of its own ~30 deletes and hands them
to symspellpy's `lookup`, which verifies candidates with its edit distance as
before. So the answer for any word is exactly SymSpell's over the same terms.

The file is named by a digest of the terms and the SymSpell settings, so a
file of that name always holds the right table, as long as nothing has written
to it since. That is checked at every open from the file's 100-byte header,
with no scan (`_sealed`): SQLite increments the header's change counter at
every write, and the build ends by storing the counter its own last write
leaves in the header's user_version. Rows deleted, altered or added through
SQLite, a switch to WAL, a file cut short or grown all show there, and such a
file is written again. Not caught: bytes changed behind SQLite's back (a disk
error, an editor) in the pages of the rows; a count or checksum of every row
would catch more but read the whole file at every start (a count alone: about
60 ms and 100 MB for 100,000 entities; the header: 0.04 ms). Without a usable cache folder
(NORMALIZER_NO_CACHE=1, read-only, a file still damaged once rewritten) the
table is built in memory instead, as a plain SymSpell object.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import defaultdict
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from normalizer import cache

# symspellpy and sqlite3 (~25 ms together) are imported at the first lookup:
# a text with no unknown word never needs them.
if TYPE_CHECKING:
    import sqlite3

    from symspellpy import SymSpell

_FORMAT = 1  # bump when the layout of the SQLite file changes


class DeleteStore:
    """Every term within `max_distance` edits of a word, by symmetric deletes.

    Pickles without its table (the terms travel, the table is reopened or
    rebuilt lazily), so an index holding one can go to worker processes.
    """

    def __init__(self, terms: Iterable[str], max_distance: int = 2, prefix_length: int = 7):
        unique = tuple(dict.fromkeys(terms))  # insertion order, duplicates dropped
        self.max_distance = max_distance
        self.prefix_length = prefix_length
        self.max_length = max((len(term) for term in unique), default=0)
        header = f"{_FORMAT}\0{max_distance}\0{prefix_length}\0"
        self.digest = hashlib.sha256((header + "\0".join(sorted(unique))).encode()).hexdigest()
        # Kept only to write the table again (a file swept or damaged since):
        # one string, not an object per term, when no term holds a newline.
        joined = "\n".join(unique)
        self._terms: str | tuple[str, ...] = joined if unique and joined.count("\n") == len(unique) - 1 else unique
        self._reset()

    @property
    def terms(self) -> tuple[str, ...]:
        """The terms, in the order given."""
        return tuple(self._terms.split("\n")) if isinstance(self._terms, str) else self._terms

    def _reset(self) -> None:
        self._backend: _SqliteTable | SymSpell | None = None
        self._lock = threading.Lock()

    def __getstate__(self):
        state = self.__dict__.copy()
        for name in ("_backend", "_lock"):
            state.pop(name, None)  # an open file and a lock belong to this process
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._reset()

    @property
    def file_name(self) -> str:
        return f"deletes-{self.digest}.sqlite"

    def prepare(self) -> None:
        """Write the table to the cache folder now (or build it in memory), not at the first lookup."""
        self._table()

    def near(self, word: str) -> list[str]:
        """The terms within `max_distance` edits of `word` (SymSpell, Verbosity.ALL)."""
        if not word:
            return []
        import sqlite3

        from symspellpy import Verbosity

        table = self._table()
        if not isinstance(table, _SqliteTable):
            symspell = table
        else:
            symspell = self._symspell()
            try:
                # Every delete `lookup` may probe, by SymSpell's own generator.
                rows = table.rows(list(symspell._edits_prefix(word)))
            except sqlite3.Error:  # the file went bad under us: carry on from memory
                with self._lock:
                    self._backend = self._in_memory()
                return self.near(word)
            self._fill(symspell, rows)
        found = symspell.lookup(word, Verbosity.ALL, max_edit_distance=self.max_distance, transfer_casing=False)
        return [item.term for item in found]

    # ----- the table --------------------------------------------------------
    def _table(self) -> "_SqliteTable | SymSpell":
        if self._backend is None:
            with self._lock:
                if self._backend is None:
                    self._backend = self._open_file() or self._in_memory()
        return self._backend

    def _open_file(self) -> "_SqliteTable | None":
        import sqlite3

        # A second try rewrites the file: one of this name that does not open,
        # was written to since its build, or holds another digest, is damaged.
        for rewrite in (False, True):
            path = cache.cached_file(self.file_name, self._write, rewrite=rewrite)
            if path is None:
                return None
            try:
                return _SqliteTable(path, self.digest)
            except sqlite3.Error:
                continue
        return None

    def _symspell(self) -> SymSpell:
        from symspellpy import SymSpell

        return SymSpell(max_dictionary_edit_distance=self.max_distance, prefix_length=self.prefix_length)

    def _in_memory(self) -> SymSpell:
        """A SymSpell as if given every term with count 1 (the counts are not used)."""
        symspell = self._symspell()
        symspell._deletes = self._deletes()
        symspell._words = dict.fromkeys(self.terms, 1)
        symspell._max_length = self.max_length
        return symspell

    def _fill(self, symspell: SymSpell, rows: dict[str, list[str]]) -> None:
        """Give an empty SymSpell just the rows one lookup reads. Its `lookup`
        probes only the word's own deletes, all of which were fetched (a term
        equal to the word is in the row of the word's prefix); term counts are
        not kept (all 1), since only the terms are used."""
        symspell._deletes = rows
        symspell._words = {term: 1 for terms in rows.values() for term in terms}
        symspell._max_length = self.max_length

    def _write(self, path: Path) -> None:
        import sqlite3

        if any(" " in term for term in self.terms):  # the row separator; folds never hold one
            raise ValueError("a term holds a space: keep the table in memory")
        deletes = self._deletes()
        keys = sorted(deletes)  # sorted keys append to the b-tree
        with closing(sqlite3.connect(path)) as db:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            db.execute("CREATE TABLE deletes (key TEXT PRIMARY KEY, terms TEXT NOT NULL) WITHOUT ROWID")
            # One executemany over iterators made in C, no Python frame per row.
            db.executemany("INSERT INTO deletes VALUES (?, ?)", zip(keys, map(" ".join, map(deletes.pop, keys))))
            db.execute("INSERT INTO meta VALUES ('digest', ?)", (self.digest,))
            db.commit()
            # The seal, a write of its own: the change counter it will leave.
            db.execute(f"PRAGMA user_version = {_field(_header(path)[0], _CHANGES) + 1}")
        if not _sealed(path):  # a SQLite that counts otherwise: keep the table in memory
            raise ValueError(f"{path} cannot be sealed")

    def _deletes(self) -> dict[str, list[str]]:
        """delete -> terms, exactly the `_deletes` of a SymSpell given the terms in
        order (same rows, terms in the same order, by its own `_edits_prefix`),
        without the rest of that object: its word counts and the per-term
        bookkeeping of `create_dictionary_entry`."""
        edits_prefix = self._symspell()._edits_prefix
        rows: defaultdict[str, list[str]] = defaultdict(list)
        for term in self.terms:
            for delete in edits_prefix(term):
                rows[delete].append(term)
        return rows


# Fields of the SQLite header (https://sqlite.org/fileformat.html#the_database_header),
# by offset: all big-endian 4-byte integers.
_CHANGES, _PAGES, _USER_VERSION, _VALID_FOR = 24, 28, 60, 92


def _header(path: Path) -> tuple[bytes, int]:
    """The file's first 100 bytes (SQLite's header) and its size."""
    with open(path, "rb") as handle:
        return handle.read(100), os.fstat(handle.fileno()).st_size


def _field(header: bytes, offset: int) -> int:
    return int.from_bytes(header[offset : offset + 4], "big")


def _sealed(path: Path) -> bool:
    """Whether the file is as `_write` left it: nothing written through SQLite
    since (the change counter still equals the user_version the build stored),
    not in WAL mode, and exactly as many bytes as its header's page count."""
    try:
        header, size = _header(path)
    except OSError:  # swept by another process since: written again
        return False
    if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    changes = _field(header, _CHANGES)
    return (
        header[18:20] == b"\x01\x01"  # rollback journal: WAL writes would not count
        and changes == _field(header, _USER_VERSION)
        and changes == _field(header, _VALID_FOR)  # so the page count in the header is current
        and _field(header, _PAGES) * page_size == size
    )


class _SqliteTable:
    """The delete table in a read-only SQLite file; one connection per thread and process."""

    def __init__(self, path: Path, digest: str):
        import sqlite3

        if not _sealed(path):
            raise sqlite3.DatabaseError(f"{path} was changed since it was written")
        self.uri = path.resolve().as_uri() + "?mode=ro&immutable=1"  # written once, never changed
        self._local = threading.local()
        found = self._connection().execute("SELECT value FROM meta WHERE name = 'digest'").fetchone()
        if found is None or found[0] != digest:
            raise sqlite3.DatabaseError(f"{path} holds another table")

    def _connection(self) -> sqlite3.Connection:
        import sqlite3

        local = self._local
        # A connection must not cross a fork: a forked worker opens its own.
        if getattr(local, "pid", None) != os.getpid():
            local.connection = sqlite3.connect(self.uri, uri=True, check_same_thread=False)
            local.pid = os.getpid()
        return local.connection

    def rows(self, keys: list[str]) -> dict[str, list[str]]:
        marks = ",".join("?" * len(keys))
        cursor = self._connection().execute(f"SELECT key, terms FROM deletes WHERE key IN ({marks})", keys)
        return {key: terms.split(" ") for key, terms in cursor}

