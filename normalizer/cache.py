"""A small on-disk cache for expensive, picklable values (the compiled index).

`cached(key, build)` returns the value stored under `key`, or calls `build()`,
stores its result and returns it (`lookup` and `store` are its two halves).
The file name is a sha256 of the key and of the code that wrote it (package
version plus a stamp of the package's source files), so a new release or an
edited checkout never reads an old pickle.

The cache is an optimization only: a read-only or missing folder, a corrupt,
truncated or foreign file, any pickling error, all fall back to `build()`
without a word. Writes are atomic (`normalizer.atomic`: temporary file in the
same folder, then os.replace), so a reader never sees half a file.

A large value is not copied in at every start: its big byte strings (the
packed index: normalizer.out_of_band) are stored after the pickle, each at a
page boundary, and mapped read-only at load, so the operating system reads
only the pages a text touches. A cache file is only ever replaced by a
rename, never changed in place, so a mapping always sees the file it opened.

`cached_file(name, write)` keeps a file beside the pickles for data read
piecemeal rather than unpickled whole (the delete table of the index, read
through mmap). Its caller names it by a digest of its content, so it
outlives code edits; the table's header repeats that digest, which is how
the sweep knows it for the cache's own.

Files not used for `UNUSED_DAYS` days (another release's index, a gazetteer
edited since) are removed whenever a new file is written, and past
`MAX_BYTES` the least recently used go first, so the folder does not grow
with every upgrade or edit; a read marks its file as used. The folder may be
shared (NORMALIZER_CACHE_DIR=~/models), so the sweep removes only files it
can prove it wrote (`_owned`): a name exactly as the cache makes them and
content that starts as the cache writes it; a temporary file only when it is
old enough that no writer can still be filling it.

Where: $NORMALIZER_CACHE_DIR, else $XDG_CACHE_HOME/normalizer, else
~/.cache/normalizer. NORMALIZER_NO_CACHE=1 turns it off. The cache folder is
the user's own; as with any pickle cache, whoever can write there can run
code as that user.
"""

from __future__ import annotations

import gc
import hashlib
import mmap
import os
import pickle
import re
import struct
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

from normalizer.atomic import write_atomic
from normalizer.out_of_band import mapped

T = TypeVar("T")

_FORMAT = 4  # bump when the layout of the stored record changes (4: buffers out of band)
UNUSED_DAYS = 30
MAX_BYTES = 1 << 30  # a 100,000-entity index and its delete table take about 200 MB
# A temporary file younger than this may be another process's write in progress
# (the delete table of 100,000 entities takes about a minute to build).
TEMPORARY_MINUTES = 60
_MAGIC = b"normalizer-cache\n"  # the first bytes of every pickle file the cache writes
# After _MAGIC: the pickle's size and the count of its out-of-band buffers,
# then (offset, size) of each buffer, the pickle, and the buffers, each at a
# page boundary so that it maps on its own (normalizer.out_of_band).
_SIZES = struct.Struct("<QQ")
_MIN_MAPPED = 64 * 1024  # a smaller buffer stays in the pickle: not worth a mapping
_MAX_BUFFERS = 4096
_TEMPORARY_PREFIX = ".tmp-normalizer-"
_OURS = ("*.pickle", "deletes-*.bin", "deletes-*.sqlite", ".tmp-*")  # where the sweep looks; `_owned` decides
_PICKLE_NAME = re.compile(r"[0-9a-f]{64}\.pickle")
_TABLE_NAME = re.compile(r"deletes-([0-9a-f]{64})\.(bin|sqlite)")  # sqlite: before format 2 of the table
_TEMPORARY_NAME = re.compile(re.escape(_TEMPORARY_PREFIX) + r"[a-z0-9_]+\.(pickle|bin|sqlite)")
# How format 1 (before _MAGIC) began: pickle protocol 5, a frame, then the
# record dict's first items, {"format": 1, "version": ...}. Still swept.
_FORMAT_1 = re.compile(rb"\x80\x05\x95.{8}}\x94\(\x8c\x06format\x94K\x01\x8c\x07version\x94", re.DOTALL)


def cache_dir() -> Path:
    """The folder the cache lives in (not created here)."""
    explicit = os.environ.get("NORMALIZER_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "normalizer"


def enabled() -> bool:
    return os.environ.get("NORMALIZER_NO_CACHE", "").strip().lower() not in ("1", "true", "yes", "on")


def cache_path(key: str) -> Path:
    """The file that holds (or would hold) the value of `key`."""
    digest = hashlib.sha256(f"{code_version()}\0{key}".encode()).hexdigest()
    return cache_dir() / f"{digest}.pickle"


def cached(key: str, build: Callable[[], T]) -> T:
    """The value for `key` from disk if present and sound, else `build()` (then stored)."""
    found, value = lookup(key)
    if found:
        return value
    value = build()
    store(key, value)
    return value


def lookup(key: str) -> tuple[bool, object]:
    """(True, the value stored under `key`), or (False, None) when there is
    none sound (or the cache is off). For a caller whose key is known only
    once the value is built (`store`)."""
    if not enabled():
        return False, None
    return _read(cache_path(key), key)


def store(key: str, value: object) -> None:
    """Keep `value` under `key` (nothing when the cache is off or cannot be written)."""
    if enabled():
        _write(cache_path(key), key, value)


def cached_file(name: str, write: Callable[[Path], None], rewrite: bool = False) -> Path | None:
    """The path of the cache file `name`, first written by `write(path)` if it
    is missing (or if `rewrite`); None when the cache is off or not writable.

    `name` must identify the content (a digest of it): a file of that name is
    taken as is.
    """
    if not enabled():
        return None
    path = cache_dir() / name
    if path.is_file() and not rewrite:
        _mark_used(path)
        return path
    return path if _replace_atomically(path, write) else None


def _read(path: Path, key: str) -> tuple[bool, object]:
    # Unpickling makes many small objects at once; the cyclic collector
    # would scan them over and over while none can be garbage yet.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with open(path, "rb") as handle:
            if handle.read(len(_MAGIC)) != _MAGIC:
                return False, None
            payload, buffers = _read_layout(handle)
            record = pickle.loads(payload, buffers=buffers)
    except Exception:  # noqa: BLE001 - missing, unreadable, truncated, or pickled by other code
        return False, None
    finally:
        if collecting:
            gc.enable()
    # The record repeats its key and version: a hash collision or a file copied
    # from elsewhere must not be taken for ours.
    if not isinstance(record, dict) or record.get("format") != _FORMAT:
        return False, None
    if record.get("key") != key or record.get("version") != code_version():
        return False, None
    _mark_used(path)
    return True, record.get("value")


def _read_layout(handle) -> tuple[bytes, list]:
    """The pickle and its out-of-band buffers (mapped read-only) of an open
    cache file, read past _MAGIC. ValueError if the sizes do not add up."""
    size, count = _SIZES.unpack(handle.read(_SIZES.size))
    if count > _MAX_BUFFERS:
        raise ValueError("too many buffers")
    places = list(_SIZES.iter_unpack(handle.read(count * _SIZES.size)))
    payload = handle.read(size)
    end = handle.tell()
    total = os.fstat(handle.fileno()).st_size
    if len(places) != count or len(payload) != size:
        raise ValueError("cut short")
    buffers: list = []
    shared: list = []  # the descriptor the buffers read the file by (normalizer.out_of_band.mapped)
    for offset, length in places:
        # In order, each page-aligned, the last one ending the file: nothing cut short or grown.
        if offset < end or offset % mmap.ALLOCATIONGRANULARITY or offset + length > total:
            raise ValueError("a buffer out of place")
        buffers.append(mapped(handle.fileno(), length, offset, shared, total) if length else b"")
        end = offset + length
    if end != total:
        raise ValueError("grown or cut short")
    return payload, buffers


def _mark_used(path: Path) -> None:
    # The modification time says when a file was last used (access times are
    # often not kept); a file we cannot touch is simply swept earlier.
    try:
        os.utime(path)
    except OSError:
        pass


def sweep(folder: Path, keep: Path | None = None) -> int:
    """Remove the cache's own files not used for UNUSED_DAYS, then the least
    recently used until the rest fit in MAX_BYTES; never `keep` (the file just
    written), never a file `_owned` cannot prove is the cache's. How many went."""
    import time

    now = time.time()
    files = []
    for pattern in _OURS:
        for path in folder.glob(pattern):
            try:
                info = path.stat()
                if not _owned(path, now - info.st_mtime):
                    continue
            except OSError:
                continue  # another process removed it first
            files.append((info.st_mtime, info.st_size, path))
    files.sort(reverse=True)  # most recently used first
    cutoff, kept_bytes, removed = now - UNUSED_DAYS * 86400, 0, 0
    for used, size, path in files:
        if path == keep or (used >= cutoff and kept_bytes + size <= MAX_BYTES):
            kept_bytes += size
            continue
        try:
            path.unlink()
            removed += 1
        except OSError:
            pass
    return removed


def _owned(path: Path, age: float) -> bool:
    """Whether the cache wrote `path`: its exact kind of name, and content that
    begins as the cache writes it (a pickle: _MAGIC, or a record of format 1;
    a delete table: the digest of its name in its header, or in the meta
    table of one written as SQLite by an older release). A temporary
    file has only its name to show (a crash may leave it empty), so it must
    also be TEMPORARY_MINUTES old: a younger one may be another writer's."""
    name = path.name
    if _TEMPORARY_NAME.fullmatch(name):
        return age > TEMPORARY_MINUTES * 60
    if _PICKLE_NAME.fullmatch(name):
        with open(path, "rb") as handle:
            start = handle.read(64)
        return start.startswith(_MAGIC) or _FORMAT_1.match(start) is not None
    table = _TABLE_NAME.fullmatch(name)
    if table is None:
        return False
    if table.group(2) == "bin":
        from normalizer.gazetteer.delete_table import digest_of

        return digest_of(path) == table.group(1)
    return _table_digest(path) == table.group(1)


def _table_digest(path: Path) -> str | None:
    """The digest a delete table's meta table records (what its name repeats), or None."""
    import sqlite3
    from contextlib import closing

    try:
        with open(path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\0":
                return None  # not opened at all: SQLite might take it for an empty database
        with closing(sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)) as db:
            found = db.execute("SELECT value FROM meta WHERE name = 'digest'").fetchone()
    except (OSError, sqlite3.Error):
        return None
    return found[0] if found and isinstance(found[0], str) else None


def _write(path: Path, key: str, value: object) -> None:
    record = {"format": _FORMAT, "version": code_version(), "key": key, "value": value}

    def dump(temporary: Path) -> None:
        buffers: list[memoryview] = []

        def out_of_band(buffer: pickle.PickleBuffer) -> bool:
            raw = buffer.raw()
            if raw.nbytes < _MIN_MAPPED:
                return True  # small: in the pickle itself
            buffers.append(raw)
            return False

        payload = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL, buffer_callback=out_of_band)
        start = len(_MAGIC) + _SIZES.size * (1 + len(buffers)) + len(payload)
        places = []
        for buffer in buffers:
            start = -(-start // mmap.ALLOCATIONGRANULARITY) * mmap.ALLOCATIONGRANULARITY
            places.append((start, buffer.nbytes))
            start += buffer.nbytes
        with open(temporary, "wb") as out:
            out.write(_MAGIC + _SIZES.pack(len(payload), len(buffers)))
            out.write(b"".join(_SIZES.pack(*place) for place in places))
            out.write(payload)
            for (offset, _), buffer in zip(places, buffers):
                out.write(bytes(offset - out.tell()))
                out.write(buffer)

    _replace_atomically(path, dump)  # an unpicklable value or a full disk: just do not cache


def _replace_atomically(path: Path, write: Callable[[Path], None]) -> bool:
    """Have `write` fill a temporary file beside `path`, then rename it over
    `path`, so a reader never sees half a file. False (and no file left
    behind) when anything fails: a read-only folder, a full disk.

    The temporary file is named ".tmp-normalizer-*" (what `sweep` may remove,
    once old, if a crash leaves one) and keeps its owner-only mode; no fsync:
    a cache file lost in a crash is only built again."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, write, keep_mode=False, fsync=False, prefix=_TEMPORARY_PREFIX, suffix=path.suffix)
        sweep(path.parent, keep=path)  # writes are rare (a new gazetteer or release): the time to tidy up
        return True
    except Exception:  # noqa: BLE001 - the caller does without the cache
        return False


@lru_cache(maxsize=1)
def code_version() -> str:
    """The package version and a stamp (name, size, mtime) of its source files
    and of its data files (an index build reads some: russian_place_names.tsv)."""
    package = os.path.dirname(os.path.abspath(__file__))
    stamp = hashlib.sha256()
    for name in sorted([*_code_files(package, ""), *(f"data/{entry}" for entry in os.listdir(f"{package}/data"))]):
        try:
            info = os.stat(f"{package}/{name}")
        except OSError:
            continue
        stamp.update(f"{name}:{info.st_size}:{info.st_mtime_ns}\n".encode())
    return f"{_package_version()}+{stamp.hexdigest()[:16]}"


# The code's own files: Python, the C loops' sources and their builds
# (hatch_build.py), whose mtime moves with each rebuild.
_CODE_SUFFIXES = (".py", ".c", ".h", ".so", ".pyd")


def _code_files(folder: str, prefix: str) -> list[str]:
    """The code files under `folder` (_CODE_SUFFIXES), as paths relative to
    it: os.scandir and strings, not Path.rglob (which lists every __pycache__
    too, and costs a fortieth of a cold start), read at every start."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(_CODE_SUFFIXES):
                found.append(prefix + entry.name)
            elif entry.name != "__pycache__" and entry.is_dir(follow_symlinks=False):  # as rglob: no loops
                found.extend(_code_files(entry.path, f"{prefix}{entry.name}/"))
    return found


def _package_version() -> str:
    # The package's own attribute, not importlib.metadata: that import and
    # its search of site-packages cost more than the whole cache read.
    from normalizer._version import __version__

    return __version__


def open_table(name: str, table: str, create: bool, timeout: float, **options):
    """A connection to the SQLite file `name` in the cache folder, holding
    `table` (key BLOB, value TEXT); None where no such file exists yet and
    not `create` (a run that may only read makes no file). Made owner-only,
    as the cache's other files: the stores quote the articles' words.
    sqlite3 and OS errors are the caller's: each store decides what a file
    it cannot open means to it."""
    import sqlite3  # lazy: a run with nothing to look up does not pay for it

    path = cache_dir() / name
    if not create and not path.is_file():
        return None
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    db = sqlite3.connect(path, timeout=timeout, **options)
    db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key BLOB PRIMARY KEY, value TEXT NOT NULL)")
    return db


def keep_newest(db, table: str, entries, most: int) -> None:
    """Write the (key, value) `entries` into `table` of an `open_table`
    connection in one transaction, replaced rather than ignored (a row
    written again is the newest), and let the oldest rows go past `most`."""
    with db:
        db.executemany(f"INSERT OR REPLACE INTO {table} (key, value) VALUES (?, ?)", entries)
        db.execute(f"DELETE FROM {table} WHERE rowid <= (SELECT max(rowid) FROM {table}) - ?", (most,))
