"""Byte strings of the index that the cache maps from disk instead of copying.

The packed index (normalizer.wordset, normalizer.wordmap,
normalizer.gazetteer.packed) is a few dozen large byte strings: 40 MB with
100,000 entities. Unpickled as bytes, every start of `normalize` copied all
of them into fresh memory, though a text reads a few pages of each.

Their classes pickle each such string as a `pickle.PickleBuffer` (protocol 5
and up). `normalizer.cache` stores those buffers out of band, page-aligned
after the pickle, and hands back read-only `mmap` objects at load: the
operating system then reads only the pages a text touches, and processes
using the same index share them. An `mmap` does what the classes ask of a
`bytes`: `find`, slicing to bytes, and the buffer protocol (memoryview casts).

Pickled otherwise (an older protocol, or `pickle.dumps` with no buffer
callback, as when an index is sent to worker processes), the strings are
plain bytes in the stream, as before.
"""

from __future__ import annotations

import pickle


def pickled(data, protocol: int):
    """`data` (bytes, a memoryview or an mmap) as its class's reduce should give it."""
    if protocol >= 5:
        return pickle.PickleBuffer(data)
    return plain(data)


def plain(data) -> bytes:
    """`data` as bytes (a copy only when it is not bytes already)."""
    return data if isinstance(data, bytes) else bytes(data)
