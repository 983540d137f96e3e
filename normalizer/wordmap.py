"""A large, read-only map word -> words (or numbers) in two byte strings.

The fuzzy keys of the index (`by_fold`, `by_skeleton`, `by_sound`,
`by_round_trip`, `by_glued`) map a key to the name tokens (or forms) that
have it. With 100,000 entities they hold about 450,000 keys, most of them
strings found nowhere else in the index, each with a tuple of values: as
dicts, a fifth of the unpickled index and of the time to unpickle it. They
are only read a few dozen times per unknown word of a text, so here, as in
`normalizer.wordset.WordSet`, they are two byte strings: the entries
"\\0key\\1value\\1value", grouped in buckets by a stable hash of the key, and
where each bucket starts. A lookup hashes the key (zlib.crc32, in C), finds
it in its bucket of a few entries (bytes.find, in C) and decodes its values.

It is a read-only `collections.abc.Mapping` whose values are tuples, as the
dicts' were; iteration decodes every key (for tests and tools, not for the
engine).
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping
from itertools import accumulate, chain
from typing import Iterable, Iterator
from zlib import crc32

from normalizer.out_of_band import pickled, plain

_ENTRY = b"\0"  # starts an entry
_VALUE = b"\1"  # ends the key, separates the values
_ENTRIES_PER_BUCKET = 4


def compact(mapping: Mapping[str, Iterable[str | int]], numbers: bool = False) -> "WordMap | dict":
    """`mapping` as a WordMap, or as a plain dict when one of its words holds a
    separator (no word of a name does: a token is letters and apostrophes)."""
    try:
        return WordMap(mapping, numbers)
    except ValueError:
        return {key: tuple(values) for key, values in mapping.items()}


class ReadOnlyMap(Mapping):
    """A Mapping whose `get` answers every question: `m[key]` and `key in m`
    ask it (None is no value), so a subclass writes one lookup."""

    __slots__ = ()

    def __getitem__(self, key):
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return self.get(key) is not None


class WordMap(ReadOnlyMap):
    __slots__ = ("_blob", "_starts", "_mask", "_count", "_numbers")

    def __init__(self, mapping: Mapping[str, Iterable[str | int]] = {}, numbers: bool = False):  # noqa: B006 - read only
        # A few C calls per entry, not a Python loop per word: with 100,000
        # entities the index's maps hold a million words.
        keys = list(mapping)
        values = [tuple(map(str, words)) for words in mapping.values()]
        every_word = "".join(keys) + "".join(chain.from_iterable(values))
        if not all(values) or "\0" in every_word or "\1" in every_word:
            bad = next(k for k, v in zip(keys, values) if not v or any("\0" in w or "\1" in w for w in (k, *v)))
            raise ValueError(f"a WordMap entry may not be empty or hold \\0 or \\1: {bad!r}")
        size = 1
        while size * _ENTRIES_PER_BUCKET < len(keys):
            size *= 2
        encoded = [_encode(key) for key in keys]
        entries = [_ENTRY + key + _VALUE + _encode("\1".join(words)) for key, words in zip(encoded, values)]
        buckets = [crc32(key) & (size - 1) for key in encoded]
        order = sorted(range(len(entries)), key=buckets.__getitem__)  # stable: a bucket keeps the mapping's order
        sizes = [0] * size
        for bucket, entry in zip(buckets, entries):
            sizes[bucket] += len(entry)
        starts = array("I", [0, *accumulate(sizes)])
        self._setup(b"".join([entries[at] for at in order]), starts.tobytes(), len(keys), numbers)

    def _setup(self, blob: bytes, starts: bytes, count: int, numbers: bool) -> None:
        self._blob = blob
        self._starts = memoryview(starts).cast("I")
        self._mask = len(self._starts) - 2
        self._count = count
        self._numbers = numbers

    def __reduce__(self):
        return (_restore, (plain(self._blob), self._starts.tobytes(), self._count, self._numbers))

    def __reduce_ex__(self, protocol: int):
        # Out of band where the protocol allows: the cache maps them from disk.
        blob, starts = pickled(self._blob, protocol), pickled(self._starts, protocol)
        return (_restore, (blob, starts, self._count, self._numbers))

    def get(self, key, default=None):
        if not isinstance(key, str):
            return default
        encoded = _encode(key)
        bucket = crc32(encoded) & self._mask
        blob, end = self._blob, self._starts[bucket + 1]
        found = blob.find(_ENTRY + encoded + _VALUE, self._starts[bucket], end)
        if found < 0:
            return default
        found += len(encoded) + 2
        stop = blob.find(_ENTRY, found, end)
        values = blob[found : end if stop < 0 else stop].decode("utf-8", "surrogatepass").split("\1")
        return tuple(map(int, values)) if self._numbers else tuple(values)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        blob, starts = self._blob, self._starts
        for bucket in range(len(starts) - 1):
            for entry in blob[starts[bucket] + 1 : starts[bucket + 1]].split(_ENTRY) if starts[bucket] < starts[bucket + 1] else ():
                yield entry[: entry.index(_VALUE)].decode("utf-8", "surrogatepass")

    def __repr__(self) -> str:
        return f"<WordMap of {self._count:,} keys>"


def _encode(word: str) -> bytes:
    return word.encode("utf-8", "surrogatepass")


def _restore(blob, starts, count: int, numbers: bool) -> WordMap:
    # blob, starts: bytes, or the cache's mmaps (normalizer.out_of_band)
    words = WordMap.__new__(WordMap)
    words._setup(blob, starts, count, numbers)
    return words
