"""A large, read-only set of words that loads without making an object per word.

The English lexicon (83,000 words), the words of real names (139,000) and the
world's place names (23,000) are asked only "is this word in it?", once per
distinct word of a text. As frozensets, unpickling them made and hashed a
quarter of a million strings at every start of `normalize`: most of the
cached load. A `WordSet` is two byte strings instead (the UTF-8 words, grouped
in buckets by a stable hash, and where each bucket starts), so unpickling it
is a copy of 1-2 MB, and a membership test hashes the word (zlib.crc32, in C)
and searches its bucket of a few words (bytes.find, in C).

It is a `collections.abc.Set`: `in`, `len`, iteration, `==` and `&` with
other sets work as with a frozenset (iteration and set operations decode the
words, so they cost what building the frozenset did: for tests and tools,
not for the engine).
"""

from __future__ import annotations

from collections.abc import Set
from typing import Iterable, Iterator
from zlib import crc32

from normalizer.buckets import bucket_count, encode, layout
from normalizer.out_of_band import pickled, plain

_SEP = b"\n"  # no word holds one: each comes from a line of a word list
_WORDS_PER_BUCKET = 4  # a bucket is a few words long: one short search per test


class WordSet(Set):
    __slots__ = ("_blob", "_starts", "_mask", "_count")

    def __init__(self, words: Iterable[str] = ()):
        unique = list(set(words))
        if not unique:
            self._setup(b"", bytes(8), 0)  # one empty bucket
            return
        # Each bucket is "\nword\nword\n" (or empty), so "\nword\n" is found in
        # its bucket exactly when the word is in the set; its words sorted (as UTF-8).
        data = encode("\n" + "\n".join(unique))
        if data.count(_SEP) != len(unique):
            raise ValueError("a word of a WordSet may not hold a newline")
        encoded = data[1:].split(_SEP)
        size = bucket_count(len(unique), _WORDS_PER_BUCKET)
        order = _sorted_in_buckets(encoded, size, b"\0" in data)  # numpy moves the words' bytes there
        self._setup(*layout(data, _SEP[0], encoded, size, close=True, order=order), len(unique))

    def _setup(self, blob: bytes, starts: bytes, count: int) -> None:
        self._blob = blob
        self._starts = memoryview(starts).cast("I")
        self._mask = len(self._starts) - 2
        self._count = count

    def __reduce__(self):
        return (_restore, (plain(self._blob), self._starts.tobytes(), self._count))

    def __reduce_ex__(self, protocol: int):
        # Out of band where the protocol allows: the cache maps them from disk.
        return (_restore, (pickled(self._blob, protocol), pickled(self._starts, protocol), self._count))

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        encoded = word.encode("utf-8", "surrogatepass")
        bucket = crc32(encoded) & self._mask
        starts = self._starts
        return self._blob.find(_SEP + encoded + _SEP, starts[bucket], starts[bucket + 1]) >= 0

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        blob, starts = self._blob, self._starts
        for bucket in range(len(starts) - 1):
            if starts[bucket] < starts[bucket + 1]:
                for word in blob[starts[bucket] + 1 : starts[bucket + 1] - 1].split(_SEP):
                    yield word.decode("utf-8", "surrogatepass")

    @classmethod
    def _from_iterable(cls, iterable: Iterable[str]) -> frozenset[str]:
        return frozenset(iterable)  # what `&`, `|` and `-` give: a plain set

    def __repr__(self) -> str:
        return f"<WordSet of {self._count:,} words>"


def _sorted_in_buckets(encoded: list[bytes], size: int, nul: bool):
    """The words' order by bucket, then by their UTF-8 bytes (the order of
    code points): a sort of a few words a bucket, by numpy, not of all the
    words as text. `nul`: whether a word holds a NUL (one search of the
    joined words, not one a word)."""
    import numpy as np  # only to build: a cached WordSet never sorts

    buckets = np.fromiter(map(crc32, encoded), np.uint32, len(encoded)) & np.uint32(size - 1)
    if nul:  # numpy's bytes drop a trailing NUL: sorted in Python
        return np.array(sorted(range(len(encoded)), key=lambda at: (int(buckets[at]), encoded[at])), dtype=np.int64)
    return np.lexsort((np.array(encoded, dtype=bytes), buckets))


def _restore(blob, starts, count: int) -> WordSet:
    # blob, starts: bytes, or the cache's mmaps (normalizer.out_of_band)
    words = WordSet.__new__(WordSet)
    words._setup(blob, starts, count)
    return words
