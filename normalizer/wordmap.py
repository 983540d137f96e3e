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

from collections.abc import Mapping
from itertools import chain
from operator import methodcaller
from typing import Iterable, Iterator, Sequence
from zlib import crc32

from normalizer.buckets import bucket_count, encode
from normalizer.out_of_band import pickled, plain

_ENTRY = b"\0"  # starts an entry
_VALUE = b"\1"  # ends the key, separates the values
_VALUE_TEXT = _VALUE.decode()
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
        # C loops (map, join, numpy), not a Python statement per entry: with
        # 100,000 entities the index's maps hold a million words.
        import numpy as np  # only to build: a cached index never builds a map

        keys = list(mapping)
        values = list(mapping.values())
        if not {list, tuple}.issuperset(map(type, values)):
            values = [tuple(words) for words in values]  # read once more below
        counts = list(map(len, values))
        texts = _texts(list(chain.from_iterable(values)), numbers)
        laid_out = _pieces_in_buckets(keys, np.repeat(np.arange(len(keys)), counts), texts) if all(values) else None
        if laid_out is None:  # an empty entry, or a word holding a separator
            _refuse(keys, values)
        self._setup(*laid_out, len(keys), numbers)

    @classmethod
    def _of(cls, blob: bytes, starts: bytes, count: int, numbers: bool) -> "WordMap":
        built = cls.__new__(cls)
        built._setup(blob, starts, count, numbers)
        return built

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
        # The bucket read once (a few entries): from the cache, one read of the file.
        entries = self._blob[self._starts[bucket] : self._starts[bucket + 1]]
        found = entries.find(_ENTRY + encoded + _VALUE)
        if found < 0:
            return default
        found += len(encoded) + 2
        stop = entries.find(_ENTRY, found)
        values = entries[found : None if stop < 0 else stop].decode("utf-8", "surrogatepass").split("\1")
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


def grouped(keys: Sequence[str], values: Sequence[str | int], numbers: bool = False) -> "WordMap | dict":
    """The map each of `keys` -> the `values` given with it, in the order
    given, keys in the order first given: `compact` of the dict of lists
    that `d.setdefault(key, []).append(value)` would make, the same bytes,
    without making it (see _pieces_in_buckets): the fuzzy keys of 100,000
    entities are half a million pairs."""
    import numpy as np  # only to build: a cached index never builds a map

    first = dict.fromkeys(keys)  # each key once, in the order first given
    number = dict(zip(first, range(len(first))))
    groups = np.fromiter(map(number.__getitem__, keys), np.int64, len(keys))
    return _of_pieces(list(first), groups, list(values), numbers)


def runs(keys: list[str], counts: list[int], values: list, numbers: bool = False) -> "WordMap | dict":
    """The map keys[k] -> the next counts[k] of `values`, taken in turn:
    `compact` of that dict of lists, the same bytes, with no list per key."""
    import numpy as np  # only to build: a cached index never builds a map

    if sum(counts) != len(values):
        raise ValueError(f"{sum(counts)} values counted, {len(values)} given")
    if len(set(keys)) != len(keys) or (keys and min(counts) < 1):
        taken = iter(values)
        return compact({key: [next(taken) for _ in range(count)] for key, count in zip(keys, counts)}, numbers)
    return _of_pieces(keys, np.repeat(np.arange(len(keys)), counts), values, numbers)


def _of_pieces(keys: list[str], groups, values: list, numbers: bool) -> "WordMap | dict":
    """keys[groups[v]] -> values[v]: each key given once, with a value at least."""
    laid_out = _pieces_in_buckets(keys, groups, _texts(values, numbers))
    if laid_out is not None:
        return WordMap._of(*laid_out, len(keys), numbers)
    plain: dict = {key: [] for key in keys}  # a word holds a separator: as compact keeps it
    for group, value in zip(groups.tolist(), values):
        plain[keys[group]].append(value)
    return compact(plain, numbers)


def _pieces_in_buckets(keys: list[str], groups, texts: list[str]) -> tuple[bytes, bytes] | None:
    """The blob and bucket starts of the entries "\\0key\\1text\\1text" of
    each key (once each) and the texts whose group is its index; None if a
    word holds a separator.

    The keys and the texts are encoded in two joins, each piece ("\\0key",
    "\\1text") in the order given; numpy orders the pieces by the bucket of
    their key, then by key (as given), a key's own piece first, its texts in
    order, and moves their bytes there. No Python string per entry, and no
    Python string read out of order (which costs more than writing it)."""
    import numpy as np  # only to build: a cached index never builds a map

    size = bucket_count(len(keys), _ENTRIES_PER_BUCKET)
    if not keys:
        return b"", bytes(4 * (size + 1))
    heads = encode("\0" + "\0".join(keys))
    tails = encode(_VALUE_TEXT + _VALUE_TEXT.join(texts))
    source = np.frombuffer(heads + tails, dtype=np.uint8)
    heads_at = np.flatnonzero(source[: len(heads)] == _ENTRY[0])
    tails_at = np.flatnonzero(source[len(heads) :] == _VALUE[0]) + len(heads)
    if len(heads_at) != len(keys) or len(tails_at) != len(texts) or _VALUE in heads or _ENTRY in tails:
        return None
    buckets = np.fromiter(map(crc32, heads[1:].split(_ENTRY)), np.uint32, len(keys)) & np.uint32(size - 1)
    # The texts by key (a stable sort, unless each key's are already side by
    # side), and the keys by bucket (stable: a bucket keeps the order given).
    by_key = None if np.all(groups[1:] >= groups[:-1]) else np.argsort(groups, kind="stable")
    counts = np.bincount(groups, minlength=len(keys))
    key_order = np.argsort(buckets.astype(np.uint16) if size <= 1 << 16 else buckets, kind="stable")  # 16 bits: a radix sort
    # Each key's block of pieces in the blob: its own, then its texts'.
    sizes = counts[key_order] + 1
    firsts = np.cumsum(sizes) - sizes
    rank = np.arange(len(keys) + len(texts), dtype=np.int64)  # of a text among the texts ordered by key
    rank += np.repeat((np.cumsum(counts) - counts)[key_order] - firsts - 1, sizes)
    rank[firsts] = 0
    order = len(keys) + (rank if by_key is None else by_key[rank])  # a piece number: keys first, then texts
    order[firsts] = key_order
    bucket_of = np.repeat(buckets[key_order], sizes)
    at = np.concatenate([heads_at, tails_at])
    moved = np.diff(at, append=len(source))[order]
    placed = np.cumsum(moved) - moved
    index = np.arange(len(source), dtype=np.int32 if len(source) < 1 << 31 else np.int64)
    index += np.repeat((at[order] - placed).astype(index.dtype), moved)
    starts = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.bincount(bucket_of, weights=moved, minlength=size).astype(np.int64), out=starts[1:])
    if starts[-1] >= 1 << 32:
        raise OverflowError("a bucketed string of 4 GB or more")
    return source[index].tobytes(), starts.astype(np.uint32).tobytes()


def _texts(values: list, numbers: bool) -> list[str]:
    """The values as text: a number, or a value that is not a string, as str() writes it."""
    if numbers or not {str}.issuperset(map(type, values)):
        return list(map(str, values))
    return values


def _refuse(keys: list[str], values: list) -> None:
    for key, words in zip(keys, values):
        words = tuple(map(str, words))
        if not words or any("\0" in w or "\1" in w for w in (key, *words)):
            raise ValueError(f"a WordMap entry may not be empty or hold \\0 or \\1: {key!r}")
    raise ValueError("a WordMap entry may not be empty or hold \\0 or \\1")


_encode = methodcaller("encode", "utf-8", "surrogatepass")


def _restore(blob, starts, count: int, numbers: bool) -> WordMap:
    # blob, starts: bytes, or the cache's mmaps (normalizer.out_of_band)
    words = WordMap.__new__(WordMap)
    words._setup(blob, starts, count, numbers)
    return words
