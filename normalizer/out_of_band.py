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

A mapping's pages, once read, stay in the process's memory (its RSS) as
long as it lives, and the kernel maps 16 pages around each one read
(fault-around; madvise(MADV_RANDOM) does not stop it): the hashed lookups
of a batch reach nearly every page of a 40 MB index, and one new word's
can reach 20 MB. So where there is `os.pread`, for a file larger than
READ_BY_OFFSET_ABOVE, the cache hands back `ReadByOffset` mappings, whose
slices and `find` read the file by offset:
the bytes read are the process's only while a lookup uses them (the page
cache keeps the file, as it kept the mapping's pages). The mapping itself
still serves the buffer protocol: memoryview casts of the small arrays of
where each bucket or record starts (read for every lookup: reading them by
offset too saved 4 MB but slowed a batch by several per cent), and unpickling.

Pickled otherwise (an older protocol, or `pickle.dumps` with no buffer
callback, as when an index is sent to worker processes), the strings are
plain bytes in the stream, as before.
"""

from __future__ import annotations

import mmap
import os
import pickle


def pickled(data, protocol: int):
    """`data` (bytes, a memoryview or an mmap) as its class's reduce should give it."""
    if protocol >= 5:
        return pickle.PickleBuffer(data)
    return plain(data)


def plain(data) -> bytes:
    """`data` as bytes (a copy only when it is not bytes already)."""
    return data if isinstance(data, bytes) else bytes(data)


class _Descriptor:
    """A file open for reading by offset, closed with the last buffer that reads it."""

    __slots__ = ("fd",)

    def __init__(self, fd: int):
        self.fd = fd

    # os.close bound now: at exit the interpreter may have emptied the module's
    # globals (os is None then) before the last mapping is collected.
    def __del__(self, close=os.close):
        close(self.fd)


class ReadByOffset(mmap.mmap):
    """A read-only mapping of part of a file whose slices and `find` read
    the file by offset (os.pread), not through the mapping: the bytes read
    are not left mapped in the process (see the module's docstring).
    Anything else (memoryview, indexing one byte) reads the mapping."""

    def __getitem__(self, at):
        # The callers' slice, [start:end] within the buffer, read at once; any other by the general path.
        if type(at) is slice and at.step is None and type(at.start) is int and type(at.stop) is int:
            if 0 <= at.start < at.stop <= len(self):
                return os.pread(self._file.fd, at.stop - at.start, self._at + at.start)
        if isinstance(at, slice):
            start, stop, step = at.indices(len(self))
            if step == 1:
                return os.pread(self._file.fd, stop - start, self._at + start) if stop > start else b""
        return super().__getitem__(at)

    def find(self, sub, start=None, end=None) -> int:
        if type(start) is int and type(end) is int and 0 <= start < end <= len(self) and sub:  # the callers' search of a bucket
            found = os.pread(self._file.fd, end - start, self._at + start).find(sub)
            return found + start if found >= 0 else -1
        begin, stop, _ = slice(start, end).indices(len(self))
        if not sub or begin >= stop:  # as bytes.find answers at the edges
            return super().find(sub, *(x for x in (start, end) if x is not None))
        found = os.pread(self._file.fd, stop - begin, self._at + begin).find(sub)
        return found + begin if found >= 0 else -1


# A file this small is read through its mappings: all of it resident is a
# few MB at most (the bundled gazetteers' index and delete table are 4 MB
# each), where reading it by offset cost a system call a lookup: 2,200 of the
# 5,700 of one cold start. A large gazetteer's (14 to 41 MB with 100,000
# entities) is still read by offset, so that a batch's peak memory stays low.
READ_BY_OFFSET_ABOVE = 8 * 2**20


def mapped(fileno: int, length: int, offset: int, shared: "list[_Descriptor]", file_size: int):
    """Part of an open file (`length` bytes at `offset`) mapped read-only:
    a ReadByOffset where os.pread is and the file (of `file_size` bytes) is
    larger than READ_BY_OFFSET_ABOVE, else a plain mmap. `shared` holds the
    one descriptor the ReadByOffsets of a file share (made at the first)."""
    if not hasattr(os, "pread") or file_size <= READ_BY_OFFSET_ABOVE:
        return mmap.mmap(fileno, length, offset=offset, access=mmap.ACCESS_READ)
    if not shared:
        shared.append(_Descriptor(os.dup(fileno)))
    mapping = ReadByOffset(fileno, length, offset=offset, access=mmap.ACCESS_READ)
    mapping._file, mapping._at = shared[0], offset
    return mapping
