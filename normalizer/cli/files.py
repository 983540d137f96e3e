"""Reading articles exactly as they are, and writing files that are never half-written."""

from __future__ import annotations

from pathlib import Path

# The package's one atomic writer, re-exported for the command: a temporary file in
# the same folder, fsync, the replaced file's permissions (or `like=`'s), a rename.
from normalizer.atomic import write_atomic  # noqa: F401
from normalizer.errors import InputError
from normalizer.result import quote_path

MAX_ARTICLE_BYTES = 64 * 1024 * 1024


def read_article(path: str | Path) -> str:
    """The text of `path`, byte-exact: BOM kept as U+FEFF, line ends untouched."""
    path = Path(path)
    shown = quote_path(str(path))
    try:
        if path.is_dir():
            raise InputError(f"{shown}: is a directory, not a text file")
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise InputError(f"{shown}: {size} bytes is over the {MAX_ARTICLE_BYTES} byte limit for one article")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    return decode_article(data, str(path))


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
