"""Reading articles exactly as they are, writing files that are never half-written,
and the names of the files a run writes beside each article."""

from __future__ import annotations

import codecs
import os
import stat
from functools import partial
from pathlib import Path
from typing import Callable

# The package's one atomic writer, re-exported for the command: a temporary file in
# the same folder, fsync, the replaced file's permissions (or `like=`'s), a rename.
from normalizer.atomic import write_atomic  # noqa: F401
from normalizer.errors import InputError, NormalizerError
from normalizer.result import quote_path

MAX_ARTICLE_BYTES = 64 * 1024 * 1024
NORMALIZED = ".normalized"  # article.txt -> article.normalized.txt

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


# Byte order marks, UTF-32's first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE = 8192  # bytes looked at to tell UTF-16 or UTF-32 text without a mark


def decode_article(data: bytes, name: str) -> str:
    # Plain "utf-8", not "utf-8-sig": a BOM stays in the text as U+FEFF (not a
    # letter, so never part of a token) and is written back as it came.
    wide = wide_encoding(data)
    if wide:
        raise InputError(f"{quote_path(name)}: is {wide} text; normalize needs UTF-8")
    if b"\x00" in data:
        raise InputError(f"{quote_path(name)}: not a text file (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{quote_path(name)}: not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None


def wide_encoding(data: bytes) -> str | None:
    """"UTF-16" or "UTF-32" when `data` is text in that encoding: it starts with
    the encoding's byte order mark, or has no mark but NUL bytes where that
    encoding puts them (the high byte of each ASCII character); else None."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _label(codec) if _decodes(codec, data[len(bom):]) is not None else None
    sample = data[:_SAMPLE]
    if b"\x00" not in sample:
        return None
    for _, codec in _BOMS:
        if codec.startswith("utf-16") and not _nuls_in_high_bytes(sample, big_endian=codec.endswith("be")):
            continue
        text = _decodes(codec, data)
        if text and all(char.isprintable() or char in "\t\n\r\f" for char in text):
            return _label(codec)
    return None


def _label(codec: str) -> str:
    return codec[:6].upper()  # "utf-16-le" -> "UTF-16"


def _nuls_in_high_bytes(sample: bytes, big_endian: bool) -> bool:
    # UTF-16 of mostly-ASCII text: a NUL in (nearly) every high byte, hardly
    # one in a low byte. Stray NULs of a binary file fall on both.
    high, low = (sample[0::2], sample[1::2]) if big_endian else (sample[1::2], sample[0::2])
    nuls = high.count(0)
    return nuls >= max(2, len(high) // 10) and low.count(0) * 10 <= nuls


def _decodes(codec: str, data: bytes) -> str | None:
    """The first _SAMPLE bytes of `data` decoded, or None when they do not decode."""
    try:
        return codecs.getincrementaldecoder(codec)().decode(data[:_SAMPLE], final=len(data) <= _SAMPLE)
    except UnicodeDecodeError:
        return None


# ---------------------------------------------------------------- the files a run writes


def output_paths(path: Path) -> tuple[Path, Path]:
    """`article.txt` -> (`article.normalized.txt`, `article.diff`), beside the input."""
    return path.with_name(f"{path.stem}{NORMALIZED}{path.suffix}"), path.with_name(f"{path.stem}.diff")


def written_by_normalize(names: list[str]) -> list[str]:
    """The names among `names` of files a run writes, not articles: each
    NAME.normalized.EXT, and a NAME.diff that is the diff of another of `names`
    (or of the article behind another's NAME.normalized.EXT)."""
    names = [name for name in names if _has_outputs(Path(name))]
    diffs = {name for name in names if Path(name).suffix == ".diff"}
    owners: dict[str, set[str]] = {}  # a diff's key -> the keys of the paths it is the diff of
    if diffs:  # resolving costs a hook's run on many files: only when a .diff is given
        for name in names:
            owners.setdefault(_key(output_paths(_article_of(Path(name)))[1]), set()).add(_key(Path(name)))
    skipped = []
    for name in names:
        if _is_normalized(Path(name)):
            skipped.append(name)
        elif name in diffs:
            key = _key(Path(name))
            if owners.get(key, set()) - {key}:
                skipped.append(name)
    return skipped


def _has_outputs(path: Path) -> bool:
    # `.`, `..` and `/` are folders its read refuses; no file can be named after them
    return path.name not in ("", ".", "..")


def _is_normalized(path: Path) -> bool:
    # article.normalized.txt, or article.normalized from an article without a suffix
    return path.suffix == NORMALIZED or Path(path.stem).suffix == NORMALIZED


def _article_of(path: Path) -> Path:
    """The article whose NAME.normalized.EXT `path` is; `path` itself otherwise."""
    if path.suffix == NORMALIZED:
        return path.with_name(path.stem)
    if Path(path.stem).suffix == NORMALIZED:
        return path.with_name(Path(path.stem).stem + path.suffix)
    return path


def check_outputs(names: list[str]) -> None:
    """Before anything is written: no two outputs of the run may be one file,
    nor an output an article of the run, and each output must be writable.
    Raises NormalizerError naming the paths at fault."""
    articles = {_key(Path(name)): name for name in names}
    outputs: dict[str, tuple[str, str]] = {}  # key -> (what it is, the article it belongs to)
    for name in [name for name in names if _has_outputs(Path(name))]:
        own = _key(Path(name))
        for output, what in zip(output_paths(Path(name)), ("normalized text", "diff")):
            key, shown = _key(output), quote_path(str(output))
            if key == own:
                raise NormalizerError(
                    f"{quote_path(name)}: its {what} would be written over it ({shown}); "
                    "--check, --diff and --stdout write no file; nothing written"
                )
            if key in articles:
                raise NormalizerError(
                    f"the {what} of {quote_path(name)}, {shown}, would overwrite the input "
                    f"{quote_path(articles[key])}; nothing written"
                )
            if key in outputs:
                other_what, other = outputs[key]
                raise NormalizerError(
                    f"the {other_what} of {quote_path(other)} and the {what} of {quote_path(name)} "
                    f"would both be {shown}; nothing written"
                )
            outputs[key] = (what, name)
            if Path(name).is_file():  # else its read refuses it, and nothing is written for it
                _check_writable(output, what, name)


def _check_writable(output: Path, what: str, article: str) -> None:
    """Refuse an output that is a folder (or a device...), or whose folder cannot be written."""
    shown = quote_path(str(output))
    try:
        mode = os.lstat(output).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise NormalizerError(f"{shown}: cannot write: {exc.strerror or exc}; nothing written") from None
    if mode is not None and not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):  # a link is replaced, not followed
        kind = "a directory" if stat.S_ISDIR(mode) else "not a regular file"
        raise NormalizerError(
            f"{shown}: is {kind}; cannot write the {what} of {quote_path(article)} there; nothing written"
        )
    folder = output.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        folder_shown = quote_path(str(folder))
        raise NormalizerError(f"{shown}: cannot write: permission denied (folder {folder_shown}); nothing written")


def _key(path: Path) -> str:
    """The path as compared: absolute, links and `..` resolved (`./a.txt` is `a.txt`)."""
    try:
        resolved = str(path.resolve())
    except (OSError, RuntimeError):  # a loop of links
        resolved = os.path.abspath(path)
    return os.path.normcase(resolved)


def write_output(path: Path, content: str, like: Path) -> None:
    """write_atomic, a failure told in one line naming the file that could not be written."""
    try:
        write_atomic(path, content, like=like)
    except OSError as exc:
        raise NormalizerError(f"{quote_path(str(path))}: cannot write: {exc.strerror or exc}") from None
