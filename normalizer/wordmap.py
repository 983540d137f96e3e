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
from functools import partial
from itertools import repeat
from operator import add, methodcaller
from typing import Iterable, Iterator, Sequence
from zlib import crc32

from normalizer.buckets import bucket_count, encode, layout
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
        keys = list(mapping)
        values = list(mapping.values())
        if not {list, tuple}.issuperset(map(type, values)):
            values = [tuple(words) for words in values]  # read once more below
        texts = _entry_texts(values, numbers)  # "value\1value"
        data = encode("\0" + "\0".join(map(_VALUE_TEXT.join, zip(keys, texts)))) if keys else b""
        # An entry holds one \0 and a \1 a value: any other is inside a word.
        if not all(values) or data.count(_ENTRY) != len(keys) or data.count(_VALUE) != sum(map(len, values)):
            _refuse(keys, values)
        self._setup(*_bucketed(data, keys), len(keys), numbers)

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


def grouped(keys: Sequence[str], values: Sequence[str | int], numbers: bool = False) -> "WordMap | dict":
    """The map each of `keys` -> the `values` given with it, in the order
    given, keys in the order first given: `compact` of the dict of lists
    that `d.setdefault(key, []).append(value)` would make, the same bytes,
    without making it. Its entries are written in a few C loops (the pairs
    grouped by a numpy sort), not a Python statement a pair: the fuzzy keys
    of 100,000 entities are half a million pairs."""
    import numpy as np  # only to build: a cached index never builds a map

    first = dict.fromkeys(keys)  # each key once, in the order first given
    number = dict(zip(first, range(len(first))))
    groups = np.fromiter(map(number.__getitem__, keys), np.int64, len(keys))
    order = np.argsort(groups, kind="stable")
    counts = np.bincount(groups, minlength=len(first)).tolist()  # a key's values, now side by side
    order = order.tolist()
    return runs(list(first), counts, list(map(values.__getitem__, order)), numbers)


def runs(keys: list[str], counts: list[int], values: list, numbers: bool = False) -> "WordMap | dict":
    """The map keys[k] -> the next counts[k] of `values`, taken in turn:
    `compact` of that dict of lists, the same bytes, with no list per key."""
    if sum(counts) != len(values):
        raise ValueError(f"{sum(counts)} values counted, {len(values)} given")
    if keys and min(counts) > 0:
        laid_out = _laid_out(keys, counts, _texts(values, numbers))
        if laid_out is not None:
            return WordMap._of(*laid_out, len(keys), numbers)
    taken = iter(values)
    return compact({key: [next(taken) for _ in range(count)] for key, count in zip(keys, counts)}, numbers)


def _entry_texts(values: list, numbers: bool) -> list[str]:
    """Each entry's values as one text, "value\\1value"."""
    if not numbers:
        try:
            return list(map(_VALUE_TEXT.join, values))
        except TypeError:  # a value that is not a string: written as str() shows it
            pass
    return list(map(_VALUE_TEXT.join, map(partial(map, str), values)))


def _texts(values: list, numbers: bool) -> list[str]:
    """The values as text: a number, or a value that is not a string, as str() writes it."""
    if numbers or not {str}.issuperset(map(type, values)):
        return list(map(str, values))
    return values


def _laid_out(keys: list[str], counts: list[int], texts: list[str]) -> tuple[bytes, bytes] | None:
    """The blob and bucket starts of the entries "\0key\1text\1text",
    key k taking the next counts[k] (at least one) of `texts`; None if a
    word holds a separator. Each text is written "\1text", the first of a
    key's "\0key\1text": one join, no text per entry."""
    import numpy as np  # only to build: a cached index never builds a map

    heads = [*map("\0".__add__, map(add, keys, repeat(_VALUE_TEXT))), _VALUE_TEXT]
    which = np.full(len(texts), len(keys), dtype=np.int64)  # a plain \1 ...
    which[np.cumsum(counts) - counts] = np.arange(len(keys))  # ... but "\0key\1" at a key's first text
    data = encode("".join(map(add, map(heads.__getitem__, which.tolist()), texts)))
    if data.count(_ENTRY) != len(keys) or data.count(_VALUE) != len(texts):
        return None  # a word holds a separator
    return _bucketed(data, keys)


def _bucketed(data: bytes, keys: list[str]) -> tuple[bytes, bytes]:
    """The entries `data` moved into the buckets of their keys."""
    words = encode("\0".join(keys)).split(_ENTRY) if keys else []
    return layout(data, _ENTRY[0], words, bucket_count(len(keys), _ENTRIES_PER_BUCKET))


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
