"""Reading articles exactly as they are, and writing files that are never half-written."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from normalizer.errors import InputError

MAX_ARTICLE_BYTES = 64 * 1024 * 1024


def read_article(path: str | Path) -> str:
    """The text of `path`, byte-exact: BOM kept as U+FEFF, line ends untouched."""
    path = Path(path)
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a text file")
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise InputError(f"{path}: {size} bytes is over the {MAX_ARTICLE_BYTES} byte limit for one article")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode_article(data, str(path))


def decode_article(data: bytes, name: str) -> str:
    # Plain "utf-8", not "utf-8-sig": a BOM stays in the text as U+FEFF (not a
    # letter, so never part of a token) and is written back as it came.
    if b"\x00" in data:
        raise InputError(f"{name}: not a text file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})") from None


def write_atomic(path: str | Path, text: str, like: str | Path | None = None) -> None:
    """Write `text` to `path` through a temporary file in the same folder and a
    rename, so a reader sees the old file or the new one, never half of one.
    Permissions are copied from `like` (default: the file being replaced)."""
    path = Path(path)
    template = Path(like) if like is not None else path
    try:
        mode = stat.S_IMODE(template.stat().st_mode)
    except OSError:
        mode = None
    import tempfile  # here, not at the top: `--check` writes nothing and need not import it

    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
