"""Near spellings of a folded word: SymSpell's symmetric-delete lookup, its table on disk.

SymSpell finds every term within edit distance 2 of a word by looking the
word's deletes (up to two letters removed from its first seven) up in a table
delete -> terms, built from the deletes of every term. For the folded name
tokens of a gazetteer that table is most of the compiled index: 150,000 keys
for the bundled gazetteers, 1.1 million for 100,000 entities. As a pickled dict
it cost more to load than everything else and hundreds of MB with a large
gazetteer; as rows of SQLite, most of the first build. Here it is one flat
file in the cache folder (normalizer.gazetteer.delete_table: built with
numpy, read by offset); a lookup reads only the rows of its own ~30
deletes (SymSpell's own generator) and keeps the terms within the distance
by symspellpy's compiled comparer (editdistpy), as symspellpy's `lookup`
does without its suggestion objects and their sort. So the answer for any
word is the set SymSpell finds over the same terms.

The file is named by a digest of the terms and the SymSpell settings, and
its header repeats that digest and its own size, checked at every open with
no scan: a file of another table, cut short or grown is written again. Not
caught: bytes changed in place (a disk error, an editor) in the rows; a
checksum of every row would read the whole file at every start. Without a
usable cache folder (NORMALIZER_NO_CACHE=1, read-only, a file still damaged
once rewritten) the same table is built in memory instead; one the flat
layout cannot hold (more than 255 distinct letters) is a plain SymSpell.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from normalizer import cache
from normalizer.gazetteer import delete_table
from normalizer.gazetteer.delete_table import ArrayTable, Unsuitable

# symspellpy (~20 ms) is imported at the first lookup: a text with no unknown word never needs it.
if TYPE_CHECKING:
    from symspellpy import SymSpell
    from symspellpy.editdistance import EditDistance

_FORMAT = 2  # bump when the layout of the table file changes (2: the flat file of delete_table)


@functools.cache
def compiled_osa() -> "EditDistance":
    """symspellpy's default distance (Damerau-Levenshtein, optimal string
    alignment: -1 beyond the limit) in its compiled form, editdistpy: the
    same numbers. `lookup` verifies every candidate with it, and the Python
    form was two thirds of a new word's lookup, 4% of a cold batch's profile.
    (It was rapidfuzz's OSA, whose import brings all of rapidfuzz's compiled
    modules: a fifth of a cold start.) One a process: symspellpy keeps the one
    it is given."""
    from symspellpy.editdistance import DistanceAlgorithm, EditDistance

    return EditDistance(DistanceAlgorithm.DAMERAU_OSA_FAST)


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
        self.digest = hashlib.sha256((header + "\0".join(sorted(unique))).encode("utf-8", "surrogatepass")).hexdigest()
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
        self._backend: ArrayTable | SymSpell | None = None
        self._edits_of = None  # SymSpell's delete generator, made at the first lookup
        self._lock = threading.Lock()

    def __getstate__(self):
        state = self.__dict__.copy()
        for name in ("_backend", "_edits_of", "_lock"):
            state.pop(name, None)  # an open file and a lock belong to this process
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._reset()

    @property
    def file_name(self) -> str:
        return f"deletes-{self.digest}.bin"

    def prepare(self) -> None:
        """Write the table to the cache folder now (or build it in memory), not at the first lookup."""
        self._table()

    def near(self, word: str) -> list[str]:
        """The terms SymSpell's `lookup` (Verbosity.ALL) finds within
        `max_distance` edits of `word`; in no particular order (the callers
        keep them in sets)."""
        if not word:
            return []
        table = self._table()
        if not isinstance(table, ArrayTable):
            from symspellpy import Verbosity

            found = table.lookup(word, Verbosity.ALL, max_edit_distance=self.max_distance, transfer_casing=False)
            return [item.term for item in found]
        if len(word) - self.max_distance > self.max_length:
            return []  # lookup's first test
        return within(word, table.rows(self._deletes_of(word)), self.max_distance)

    def _deletes_of(self, word: str) -> set[str]:
        """Every delete `lookup` may probe for `word`, by SymSpell's own generator."""
        if self._edits_of is None:
            self._edits_of = self._symspell()._edits_prefix
        return self._edits_of(word)

    # ----- the table --------------------------------------------------------
    def _table(self) -> "ArrayTable | SymSpell":
        if self._backend is None:
            with self._lock:
                if self._backend is None:
                    self._backend = self._open_file() or self._in_memory()
        return self._backend

    def _open_file(self) -> "ArrayTable | None":
        # A second try rewrites the file: one of this name that does not open,
        # is not of the size its header says, or holds another digest, is damaged.
        for rewrite in (False, True):
            path = cache.cached_file(self.file_name, self._write, rewrite=rewrite)
            if path is None:
                return None
            try:
                return ArrayTable.open(path, self.digest)
            except (OSError, ValueError):
                continue
        return None

    def _symspell(self) -> SymSpell:
        from symspellpy import SymSpell

        return SymSpell(
            max_dictionary_edit_distance=self.max_distance, prefix_length=self.prefix_length,
            distance_comparer=compiled_osa(),
        )

    def _in_memory(self) -> "ArrayTable | SymSpell":
        """The same table in memory; a SymSpell as if given every term with
        count 1 (the counts are not used) when the array layout cannot hold it."""
        try:
            return ArrayTable(b"".join(self._pieces()), self.digest)
        except Unsuitable:
            pass
        symspell = self._symspell()
        symspell._deletes = self._deletes()
        symspell._words = dict.fromkeys(self.terms, 1)
        symspell._max_length = self.max_length
        return symspell

    def _pieces(self) -> list[bytes]:
        return delete_table.build(self.terms, self.max_distance, self.prefix_length, self.digest)

    def _write(self, path: Path) -> None:
        delete_table.write(path, self._pieces())  # Unsuitable: the caller keeps the table in memory

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


def within(word: str, rows: dict[str, list[str]], max_distance: int) -> list[str]:
    """The terms of `rows` (delete -> terms: the rows of `word`'s own
    deletes) within `max_distance` of `word` by the optimal string alignment
    distance (editdistpy's, which symspellpy's comparer calls): the terms
    symspellpy's `lookup` with Verbosity.ALL returns, without its suggestion
    objects and their sort, two thirds of its time. Its other tests (lengths,
    a shortcut for the empty delete and for one-letter terms, a test of the
    letters past the prefix) only leave out terms the distance leaves out
    too (tests/test_delete_store.py holds the two to the same sets)."""
    from editdistpy import damerau_osa

    distance = damerau_osa.distance
    found: list[str] = []
    considered: set[str] = set()  # a term stands in the rows of several deletes
    for terms in rows.values():
        for term in terms:
            if term not in considered:
                considered.add(term)
                if distance(word, term, max_distance) >= 0:
                    found.append(term)
    return found
