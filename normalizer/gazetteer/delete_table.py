"""SymSpell's delete table as one flat binary file, read by offset.

The table maps each delete (a term's first `prefix_length` letters with up
to `max_distance` of them removed) to the terms that have it, in the order
the terms were given: exactly SymSpell's `_deletes`. With 100,000 entities
it has about a million keys and ten million (delete, term) pairs, so it is
built with numpy, a column of letters at a time, not a Python string per
delete; and it is read without making an object per key: a lookup encodes
the delete as a number (each letter's rank in the table's alphabet, one
byte each), bisects the sorted array of keys and decodes only the terms of
its row.

Layout, after a header (magic, the digest the file is named by, byte order,
six counts): keys (uint64, sorted), alphabet (uint32 code points, sorted),
row starts (uint32, one more than keys), term ids (uint32, a row's terms in
order), term starts (uint32) and the terms (UTF-8). A file whose size is not
the one its header implies (cut short, grown) or that names another digest
is refused at open, and written again by its caller.

Only tables whose letters fit in a byte of rank (at most 255 distinct
letters) and whose prefix is at most 8 letters are written so; the caller
keeps any other in memory as a plain SymSpell.
"""

from __future__ import annotations

import mmap
import os
import struct
import sys
import threading
from bisect import bisect_left, bisect_right
from itertools import combinations
from pathlib import Path
from typing import Iterable

from normalizer.out_of_band import READ_BY_OFFSET_ABOVE

MAGIC = b"normalizer-deletes\n"
_COUNTS = struct.Struct("<6Q")  # alphabet, keys, pairs, terms, blob bytes, file bytes
_DIGEST = 64  # hex characters of a sha256
_ORDER = b"l" if sys.byteorder == "little" else b"b"  # the arrays are in native order
HEADER_BYTES = -(-(len(MAGIC) + _DIGEST + 1 + _COUNTS.size) // 8) * 8  # the arrays start aligned
MAX_LETTERS = 255  # ranks 1..255 in a byte; 0 pads a short delete
MAX_PREFIX = 8  # eight bytes of rank in a uint64 key
# Keys read at once (4 KB): the table keeps every KEY_BLOCK-th key in memory
# (2,300 for the 1.2 million keys of 100,000 entities), and a lookup reads
# the block of keys its own is in.
KEY_BLOCK = 512


class Unsuitable(ValueError):
    """The terms cannot be written in this layout (too many letters, a NUL, a long prefix)."""


def build(terms: tuple[str, ...], max_distance: int, prefix_length: int, digest: str) -> list[bytes]:
    """The file's content, in pieces to write one after another."""
    import numpy as np  # only to build: a cached index never imports it

    if prefix_length > MAX_PREFIX or "\0" in "".join(terms):
        raise Unsuitable("the table's keys do not fit in 64 bits")
    prefixes = [term[:prefix_length] for term in terms]
    width = max(1, max(map(len, prefixes), default=1))
    codes = np.array(prefixes or [""], dtype=f"<U{width}").view(np.uint32).reshape(-1, width)[: len(terms)]
    present = codes != 0
    # The letters used, counted by code point (a C loop, not a sort of every
    # letter), and each letter's rank by a table of them: 0 pads.
    alphabet = np.flatnonzero(np.bincount(codes.ravel(), minlength=1)[1:]).astype(np.uint32) + 1
    if len(alphabet) > MAX_LETTERS:
        raise Unsuitable(f"{len(alphabet)} distinct letters, more than {MAX_LETTERS}")
    rank_of = np.zeros(int(alphabet[-1]) + 1 if len(alphabet) else 1, dtype=np.uint64)
    rank_of[alphabet] = np.arange(1, len(alphabet) + 1, dtype=np.uint64)
    ranks = rank_of[codes]
    keys, term_ids, bits = _sorted_deletes(np, ranks, present.sum(axis=1), max_distance, len(alphabet).bit_length())
    new_row = np.ones(len(keys), dtype=bool)
    new_row[1:] = keys[1:] != keys[:-1]
    starts = np.append(np.flatnonzero(new_row), len(keys)).astype(np.uint32)
    keys = _a_byte_a_letter(np, keys[new_row], bits, width)
    joined = "\n".join(terms)
    blob = joined.replace("\n", "").encode("utf-8", "surrogatepass")
    term_starts = np.zeros(len(terms) + 1, dtype=np.uint32)
    if len(blob) == len(joined) - max(len(terms) - 1, 0):  # ASCII (or no term): a letter is a byte
        np.cumsum(np.fromiter(map(len, terms), np.uint32, len(terms)), out=term_starts[1:])
    else:
        np.cumsum([len(term.encode("utf-8", "surrogatepass")) for term in terms], out=term_starts[1:])
    arrays = [keys, alphabet.astype(np.uint32), starts, term_ids, term_starts]
    size = HEADER_BYTES + sum(part.nbytes for part in arrays) + len(blob)
    counts = _COUNTS.pack(len(alphabet), len(keys), len(term_ids), len(terms), len(blob), size)
    header = (MAGIC + digest.encode("ascii") + _ORDER + counts).ljust(HEADER_BYTES, b"\0")
    return [header, *(part.tobytes() for part in arrays), blob]


def _sorted_deletes(np, ranks, lengths, max_distance: int, bits: int):
    """(keys, term ids, bits a letter) of every delete of every term, sorted
    by key then term, each pair once (a term with a repeated letter makes a
    delete twice). A key holds each letter's rank in `bits` bits, the first
    letter lowest.

    A few dozen numpy calls in all, each over every term of one length at
    once: the table is built in a thread beside Python work, and each call
    waits for the GIL. With `bits` a letter (not a byte) key and term id
    fit one uint64 (with 100,000 entities, 35 + 18 bits), and one plain sort
    orders the pairs; else they are sorted as two columns, a byte a letter
    (np.lexsort, twice as slow)."""
    id_bits = max(1, (len(ranks) - 1).bit_length())
    packed = bits * ranks.shape[1] + id_bits <= 64
    if not packed:
        bits = 8
    parts: list = []
    for length in np.unique(lengths).tolist():
        ids = np.flatnonzero(lengths == length).astype(np.uint64)
        # Every delete of the prefix: the subsequences that keep all but at most
        # max_distance letters, as row numbers of `letters`; row `length` is zeros.
        kept = [c for k in range(max(length - max_distance, 0), length + 1) for c in combinations(range(length), k)]
        rows = np.full((len(kept), max(length, 1)), length, dtype=np.intp)
        for at, chosen in enumerate(kept):
            rows[at, : len(chosen)] = chosen
        # A row a letter: the letters of a delete are whole rows, copied at once.
        letters = np.zeros((length + 1, len(ids)), dtype=np.uint64)
        letters[:length] = ranks[ids.astype(np.intp), :length].T
        key = np.zeros((len(kept), len(ids)), dtype=np.uint64)
        for place in range(length):
            # Shifted to the place first (a row a letter: small), then copied to every delete.
            key |= (letters << np.uint64(bits * place + (id_bits if packed else 0)))[rows[:, place]]
        if packed:
            key |= ids
            parts.append(key.ravel())
        else:
            parts.append((key.ravel(), np.tile(ids.astype(np.uint32), len(kept))))
    if not parts:
        return np.zeros(0, np.uint64), np.zeros(0, np.uint32), bits
    if packed:
        pairs = np.concatenate(parts)
        del parts
        pairs.sort()
        first = np.empty(len(pairs), dtype=bool)
        first[:1] = True
        np.not_equal(pairs[1:], pairs[:-1], out=first[1:])
        pairs = pairs[first]
        if id_bits <= 32:  # the low 32 bits first: half the bytes to mask
            term_ids = pairs.astype(np.uint32)
            term_ids &= np.uint32((1 << id_bits) - 1)
        else:
            term_ids = (pairs & np.uint64((1 << id_bits) - 1)).astype(np.uint32)
        pairs >>= np.uint64(id_bits)
        return pairs, term_ids, bits
    keys = np.concatenate([key for key, _ in parts])
    term_ids = np.concatenate([ids for _, ids in parts])
    del parts
    order = np.lexsort((term_ids, keys))  # by key, then the terms in their given order
    keys, term_ids = keys[order], term_ids[order]
    del order
    repeated = np.zeros(len(keys), dtype=bool)
    repeated[1:] = (keys[1:] == keys[:-1]) & (term_ids[1:] == term_ids[:-1])
    return keys[~repeated], term_ids[~repeated], bits


def _a_byte_a_letter(np, keys, bits: int, width: int):
    """Keys of `bits` a letter as the file keeps them: a byte a letter (same order)."""
    if bits == 8:
        return keys
    wide = np.zeros(len(keys), dtype=np.uint64)
    mask = np.uint64((1 << bits) - 1)
    for place in range(width):
        wide |= ((keys >> np.uint64(bits * place)) & mask) << np.uint64(8 * place)
    return wide


def write(path: Path, pieces: Iterable[bytes]) -> None:
    with open(path, "wb") as out:
        for piece in pieces:
            out.write(piece)


def digest_of(path: Path) -> str | None:
    """The digest a table file's header names, or None if it is not one."""
    try:
        with open(path, "rb") as handle:
            start = handle.read(len(MAGIC) + _DIGEST)
    except OSError:
        return None
    if not start.startswith(MAGIC):
        return None
    return start[len(MAGIC) :].decode("ascii", "replace")


class _File:
    """A large table file read by offset. Not mmapped: the pages of a mapping stay
    resident once read and count in the process's memory, and a batch's
    lookups reach all of them (49 MB for 100,000 entities); bytes read here
    are the process's only while a lookup uses them (the page cache keeps
    the file, as it kept the mapping's pages). os.pread where there is one:
    no shared file position, so threads and forked workers may read at once."""

    def __init__(self, path: Path):
        self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))  # open as long as the table
        self.size = os.fstat(self._fd).st_size
        self._lock = threading.Lock()

    def __call__(self, offset: int, size: int) -> bytes:
        if hasattr(os, "pread"):
            return os.pread(self._fd, size, offset)
        with self._lock:  # Windows: seek and read as one step
            os.lseek(self._fd, offset, os.SEEK_SET)
            return os.read(self._fd, size)

    def __del__(self, close=os.close):  # bound now: at exit, os may be None (out_of_band._Descriptor)
        if hasattr(self, "_fd"):  # not if the open failed
            close(self._fd)


def _every_block_first(read, at: int, count: int) -> list[int]:
    """The first key of every KEY_BLOCK, read a megabyte of keys at a time:
    the whole column at once (9 MB with 100,000 entities) would raise the
    peak memory of every start by as much, to keep a 2,300th of it."""
    step = KEY_BLOCK * 256  # keys per read; a multiple of KEY_BLOCK, so each read starts a block
    sample: list[int] = []
    for first in range(0, count, step):
        size = min(step, count - first)
        sample += memoryview(read(at + first * 8, size * 8)).cast("Q")[::KEY_BLOCK].tolist()
    return sample


class ArrayTable:
    """A delete table read in place: from a file (by offset) or from bytes (no cache folder).

    Kept in memory: the alphabet, the terms (term starts and text: 3 MB for
    100,000 entities) and every KEY_BLOCK-th key; a lookup bisects those
    keys, then reads one block of keys, its row's start and its term ids."""

    def __init__(self, data: "bytes | _File", digest: str):
        if isinstance(data, _File):
            read, total = data, data.size
        else:
            view = memoryview(data)
            read, total = (lambda offset, size: view[offset : offset + size]), len(view)
        start = len(MAGIC) + _DIGEST
        head = bytes(read(0, min(total, HEADER_BYTES)))
        if head[: len(MAGIC)] != MAGIC or head[len(MAGIC) : start] != digest.encode("ascii"):
            raise Unsuitable("not the table of this digest")
        if head[start : start + 1] != _ORDER or total < HEADER_BYTES:
            raise Unsuitable("written on a machine of another byte order")
        letters, keys, pairs, terms, blob, size = _COUNTS.unpack(head[start + 1 : start + 1 + _COUNTS.size])
        if size != total:
            raise Unsuitable(f"{total} bytes where the header says {size}: cut short or grown")
        self._data, self._read = data, read  # the bytes, or the file kept open as long as the table
        self.keys_at = HEADER_BYTES
        alphabet_at = self.keys_at + keys * 8
        self.starts_at = alphabet_at + letters * 4
        self.pairs_at = self.starts_at + (keys + 1) * 4
        term_starts_at = self.pairs_at + pairs * 4
        blob_at = term_starts_at + (terms + 1) * 4
        if blob_at + blob != size:
            raise Unsuitable("the counts do not add up")
        self.key_count = keys
        alphabet = memoryview(read(alphabet_at, letters * 4)).cast("I")
        self.ranks = {chr(code): rank for rank, code in enumerate(alphabet, 1)}
        self.term_starts = memoryview(read(term_starts_at, (terms + 1) * 4)).cast("I")
        self.blob = read(blob_at, blob)
        self.sample = _every_block_first(read, self.keys_at, keys)

    @classmethod
    def open(cls, path: Path, digest: str) -> "ArrayTable":
        """The table in the file at `path`: read by offset, or, a file as small
        as the bundled gazetteers' (out_of_band.READ_BY_OFFSET_ABOVE), mapped."""
        if 0 < path.stat().st_size <= READ_BY_OFFSET_ABOVE:
            with open(path, "rb") as handle:
                return cls(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ), digest)
        return cls(_File(path), digest)

    def key(self, delete: str) -> int | None:
        """`delete` as the table numbers it; None if a letter of it is in no term."""
        ranks, key = self.ranks, 0
        for place, letter in enumerate(delete):
            rank = ranks.get(letter)
            if rank is None:
                return None
            key |= rank << (8 * place)
        return key

    def rows(self, deletes: Iterable[str]) -> dict[str, list[str]]:
        """delete -> its terms, for the deletes the table has."""
        read, sample, term_starts, blob = self._read, self.sample, self.term_starts, self.blob
        found: dict[str, list[str]] = {}
        for delete in deletes:
            key = self.key(delete)
            if key is None:
                continue
            first = (bisect_right(sample, key) - 1) * KEY_BLOCK  # the block that would hold it
            if first < 0:
                continue
            count = min(KEY_BLOCK, self.key_count - first)
            block = memoryview(read(self.keys_at + first * 8, count * 8)).cast("Q")
            at = bisect_left(block, key)
            if at == count or block[at] != key:
                continue
            row_start, row_end = memoryview(read(self.starts_at + (first + at) * 4, 8)).cast("I")
            found[delete] = [
                str(blob[term_starts[term] : term_starts[term + 1]], "utf-8", "surrogatepass")
                for term in memoryview(read(self.pairs_at + row_start * 4, (row_end - row_start) * 4)).cast("I")
            ]
        return found
