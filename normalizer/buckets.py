"""Entries moved into hash buckets as bytes: the build of WordSet and WordMap.

Both keep their entries in one byte string, grouped in buckets by a stable
hash (zlib.crc32) of each entry's word, each bucket in the order the entries
were given, and where each bucket starts. With 100,000 entities the index
holds a million such entries; ordering a million Python strings by bucket
reads them all out of order, which costs more than the rest of the build.
Here the entries are encoded at once, in the order given, and numpy moves
their bytes.
"""

from __future__ import annotations

from zlib import crc32


def bucket_count(entries: int, per_bucket: int) -> int:
    """The power of two of buckets for `entries`, about `per_bucket` each."""
    size = 1
    while size * per_bucket < entries:
        size *= 2
    return size


def encode(text: str) -> bytes:
    """UTF-8, lone surrogates passed through (no word of a name holds one)."""
    try:
        return text.encode()  # strict UTF-8 has a fast path
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def layout(data: bytes, mark: int, words: list[bytes], size: int, close: bool = False, order=None) -> tuple[bytes, bytes]:
    """The blob and the bucket starts (uint32, one more than `size`).

    `data` holds the entries one after another, each starting with the byte
    `mark`, found nowhere else; `words` are what each entry is hashed by.
    `close`: each bucket that holds an entry ends with one more `mark`.
    `order`: the entries' order in the blob (by bucket, a bucket's entries
    in any order), if not the order given within each bucket."""
    import numpy as np  # only to build: a cached index never builds a bucketed string

    count = len(words)
    source = np.frombuffer(data, dtype=np.uint8)
    at = np.flatnonzero(source == mark)  # where each entry starts
    if len(at) != count:
        raise ValueError("an entry holds its mark")
    sizes = np.diff(at, append=len(data))
    buckets = np.fromiter(map(crc32, words), np.uint32, count) & np.uint32(size - 1)
    if order is None:
        order = np.argsort(buckets, kind="stable")  # stable: a bucket keeps the order given
    moved = sizes[order]
    if close and count:
        ends = np.append(buckets[order][1:] != buckets[order][:-1], True)  # a bucket's last entry
        moved = moved + ends
    starts = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.bincount(buckets[order], weights=moved, minlength=size).astype(np.int64), out=starts[1:])
    if starts[-1] >= 1 << 32:
        raise OverflowError("a bucketed string of 4 GB or more")
    # Byte k of the blob, in entry j of the new order, is byte k + (at[j] - where j starts in the blob) of `data`.
    placed = np.cumsum(moved) - moved
    index = np.arange(starts[-1], dtype=np.int32 if starts[-1] < 1 << 31 else np.int64)
    index += np.repeat((at[order] - placed).astype(index.dtype), moved)
    if close and count:
        index[(placed + moved - 1)[ends]] = at[0]  # the closing mark: a copy of the first entry's
    return source[index].tobytes(), starts.astype(np.uint32).tobytes()
