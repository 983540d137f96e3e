"""Reading articles exactly as they are, and writing files that are never half-written."""

from __future__ import annotations

import os
import stat
from functools import partial
from pathlib import Path
from typing import Callable

# The package's one atomic writer, re-exported for the command: a temporary file in
# the same folder, fsync, the replaced file's permissions (or `like=`'s), a rename.
from normalizer.atomic import write_atomic  # noqa: F401
from normalizer.errors import InputError
from normalizer.result import quote_path

MAX_ARTICLE_BYTES = 64 * 1024 * 1024

# ---------------------------------------------------------------- reading


def read_article(path: str | Path) -> str:
    """The text of `path`, byte-exact: BOM kept as U+FEFF, line ends untouched.
    Only a regular file is read (a device or a pipe could stream for ever), and
    never more than MAX_ARTICLE_BYTES + 1 bytes of it, whatever its size says."""
    path = Path(path)
    shown = quote_path(str(path))
    try:
        _refuse_unless_regular(os.stat(path).st_mode, shown)
        # O_NONBLOCK: should the file become a FIFO after the stat, opening it
        # cannot wait for a writer; fstat then refuses it.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
        descriptor = os.open(path, flags)
        try:
            status = os.fstat(descriptor)
            _refuse_unless_regular(status.st_mode, shown)
            data = read_bounded(partial(os.read, descriptor), shown, status.st_size)
        finally:
            os.close(descriptor)
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except IsADirectoryError:  # Windows cannot open a folder to fstat it
        raise InputError(f"{shown}: is a directory, not a text file") from None
    except OSError as exc:
        raise InputError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    return decode_article(data, str(path))


def read_bounded(read: Callable[[int], bytes], shown: str, size: int = 0) -> bytes:
    """All of a file or of stdin through `read(n)`, up to MAX_ARTICLE_BYTES: one
    byte more is an error. `size` (st_size) only sizes the reads: /proc files
    say 0 and a growing file says too little."""
    if size > MAX_ARTICLE_BYTES:
        raise InputError(f"{shown}: {size} bytes is over the {MAX_ARTICLE_BYTES} byte limit for one article")
    chunks, total = [], 0
    while total <= MAX_ARTICLE_BYTES:
        chunk = read(min(max(size + 1, 1 << 16), MAX_ARTICLE_BYTES + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > MAX_ARTICLE_BYTES:
        raise InputError(f"{shown}: over the {MAX_ARTICLE_BYTES} byte limit for one article")
    return b"".join(chunks)


def _refuse_unless_regular(mode: int, shown: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise InputError(f"{shown}: is a directory, not a text file")
    kind = "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    raise InputError(f"{shown}: is {kind}, not a regular file; give a file, or '-' for stdin")


def decode_article(data: bytes, name: str) -> str:
    # Plain "utf-8", not "utf-8-sig": a BOM stays in the text as U+FEFF (not a
    # letter, so never part of a token) and is written back as it came.
    if b"\x00" in data:
        raise InputError(f"{quote_path(name)}: not a text file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{quote_path(name)}: not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
