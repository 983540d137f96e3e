"""SymSpell's delete table as one flat binary file, read through mmap.

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
import struct
import sys
from bisect import bisect_left
from itertools import combinations
from pathlib import Path
from typing import Iterable

MAGIC = b"normalizer-deletes\n"
_COUNTS = struct.Struct("<6Q")  # alphabet, keys, pairs, terms, blob bytes, file bytes
_DIGEST = 64  # hex characters of a sha256
_ORDER = b"l" if sys.byteorder == "little" else b"b"  # the arrays are in native order
HEADER_BYTES = -(-(len(MAGIC) + _DIGEST + 1 + _COUNTS.size) // 8) * 8  # the arrays start aligned
MAX_LETTERS = 255  # ranks 1..255 in a byte; 0 pads a short delete
MAX_PREFIX = 8  # eight bytes of rank in a uint64 key


class Unsuitable(ValueError):
    """The terms cannot be written in this layout (too many letters, a NUL, a long prefix)."""


def build(terms: tuple[str, ...], max_distance: int, prefix_length: int, digest: str) -> list[bytes]:
    """The file's content, in pieces to write one after another."""
    import numpy as np  # only to build: a cached index never imports it

    if prefix_length > MAX_PREFIX or any("\0" in term for term in terms):
        raise Unsuitable("the table's keys do not fit in 64 bits")
    prefixes = [term[:prefix_length] for term in terms]
    width = max(1, max(map(len, prefixes), default=1))
    codes = np.array(prefixes or [""], dtype=f"<U{width}").view(np.uint32).reshape(-1, width)[: len(terms)]
    present = codes != 0
    alphabet = np.unique(codes[present])
    if len(alphabet) > MAX_LETTERS:
        raise Unsuitable(f"{len(alphabet)} distinct letters, more than {MAX_LETTERS}")
    ranks = np.where(present, np.searchsorted(alphabet, codes) + 1, 0).astype(np.uint64)
    lengths = present.sum(axis=1)
    key_parts, id_parts = [], []
    for length in np.unique(lengths).tolist():
        ids = np.flatnonzero(lengths == length).astype(np.uint32)
        letters = ranks[ids, :length]
        # Every delete of the prefix: the subsequences that keep all but at most max_distance letters.
        for kept_count in range(max(length - max_distance, 0), length + 1):
            for kept in combinations(range(length), kept_count):
                key = np.zeros(len(ids), dtype=np.uint64)
                for place, column in enumerate(kept):
                    key |= letters[:, column] << np.uint64(8 * place)
                key_parts.append(key)
                id_parts.append(ids)
    keys = np.concatenate(key_parts) if key_parts else np.zeros(0, np.uint64)
    term_ids = np.concatenate(id_parts) if id_parts else np.zeros(0, np.uint32)
    del key_parts, id_parts
    order = np.lexsort((term_ids, keys))  # by key, then the terms in their given order
    keys, term_ids = keys[order], term_ids[order]
    del order
    # A term with a repeated letter makes the same delete more than once: kept once.
    repeated = np.zeros(len(keys), dtype=bool)
    repeated[1:] = (keys[1:] == keys[:-1]) & (term_ids[1:] == term_ids[:-1])
    keys, term_ids = keys[~repeated], term_ids[~repeated]
    new_row = np.ones(len(keys), dtype=bool)
    new_row[1:] = keys[1:] != keys[:-1]
    starts = np.append(np.flatnonzero(new_row), len(keys)).astype(np.uint32)
    keys = keys[new_row]
    encoded = [term.encode("utf-8", "surrogatepass") for term in terms]
    term_starts = np.zeros(len(terms) + 1, dtype=np.uint32)
    np.cumsum([len(term) for term in encoded], out=term_starts[1:])
    blob = b"".join(encoded)
    arrays = [keys, alphabet.astype(np.uint32), starts, term_ids, term_starts]
    size = HEADER_BYTES + sum(part.nbytes for part in arrays) + len(blob)
    counts = _COUNTS.pack(len(alphabet), len(keys), len(term_ids), len(terms), len(blob), size)
    header = (MAGIC + digest.encode("ascii") + _ORDER + counts).ljust(HEADER_BYTES, b"\0")
    return [header, *(part.tobytes() for part in arrays), blob]


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


class ArrayTable:
    """A delete table read in place: from a file (mmap) or from bytes (no cache folder)."""

    def __init__(self, data: bytes | mmap.mmap, digest: str):
        view = memoryview(data)
        start = len(MAGIC) + _DIGEST
        if bytes(view[: len(MAGIC)]) != MAGIC or bytes(view[len(MAGIC) : start]) != digest.encode("ascii"):
            raise Unsuitable("not the table of this digest")
        if bytes(view[start : start + 1]) != _ORDER or len(view) < HEADER_BYTES:
            raise Unsuitable("written on a machine of another byte order")
        letters, keys, pairs, terms, blob, size = _COUNTS.unpack(view[start + 1 : start + 1 + _COUNTS.size])
        if size != len(view):
            raise Unsuitable(f"{len(view)} bytes where the header says {size}: cut short or grown")
        self._data = data  # keeps the mapping open as long as the views
        at = HEADER_BYTES

        def take(count: int, code: str) -> memoryview:
            nonlocal at
            width = struct.calcsize(code)
            part = view[at : at + count * width]
            at += count * width
            return part.cast(code)

        self.keys = take(keys, "Q")
        alphabet = take(letters, "I")
        self.starts = take(keys + 1, "I")
        self.pairs = take(pairs, "I")
        self.term_starts = take(terms + 1, "I")
        self.blob = view[at : at + blob]
        if at + blob != size:
            raise Unsuitable("the counts do not add up")
        self.ranks = {chr(code): rank for rank, code in enumerate(alphabet, 1)}

    @classmethod
    def open(cls, path: Path, digest: str) -> "ArrayTable":
        with open(path, "rb") as handle:
            size = handle.seek(0, 2)
            if size < HEADER_BYTES:
                raise Unsuitable("too short for a header")
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return cls(mapped, digest)

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
        keys, starts, pairs, term_starts, blob = self.keys, self.starts, self.pairs, self.term_starts, self.blob
        found: dict[str, list[str]] = {}
        for delete in deletes:
            key = self.key(delete)
            if key is None:
                continue
            at = bisect_left(keys, key)
            if at == len(keys) or keys[at] != key:
                continue
            found[delete] = [
                str(blob[term_starts[term] : term_starts[term + 1]], "utf-8", "surrogatepass")
                for term in pairs[starts[at] : starts[at + 1]]
            ]
        return found
