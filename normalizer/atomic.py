"""Replacing a file so that a reader sees the old file or the new one, never half of one.

The one atomic writer of the package: the command's outputs and `--in-place`
rewrites (`normalizer.cli.files`), the start-up cache (`normalizer.cache`) and
`normalize gazetteer add-variant` (`normalizer.gazetteer.edit`) all write
through `write_atomic`. The new content goes to a temporary file in the same
folder (a rename across file systems would not be atomic), which is then
renamed over the target with `os.replace`; on any failure the temporary file
is removed and the error raised.

Only `os` and `stat` are imported here: `tempfile` is imported when a file is
written, so a run that writes nothing (`normalize --check`) never loads it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Callable, Union

# What to write: text (written as UTF-8), bytes, or a function that fills the
# temporary file at the path it is given (a pickle, a SQLite database).
Content = Union[str, bytes, Callable[[Path], None]]


def write_atomic(
    path: str | Path,
    content: Content,
    like: str | Path | None = None,
    *,
    keep_mode: bool = True,
    fsync: bool = True,
    prefix: str | None = None,
    suffix: str = ".tmp",
) -> None:
    """Replace `path` with `content` through a temporary file beside it and a rename.

    keep_mode: give the new file the permissions of `like` (default: of the
        file being replaced); when that file does not exist, or with
        keep_mode=False, the new file keeps the temporary file's own mode
        (0600, readable by its owner only).
    fsync: flush the new content to the disk before the rename, so a crash
        cannot leave a renamed but empty file.
    prefix, suffix: the temporary file's name is prefix + random + suffix
        (default ".NAME." + random + ".tmp", a hidden file beside NAME).
    """
    path = Path(path)
    mode = _mode_of(Path(like) if like is not None else path) if keep_mode else None
    import tempfile  # here, not at the top: a run that writes nothing need not import it

    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=prefix if prefix is not None else f".{path.name}.", suffix=suffix
    )
    try:
        if callable(content):
            os.close(handle)
            content(Path(temporary))
            if fsync:
                _fsync_file(temporary)
        else:
            data = content.encode("utf-8") if isinstance(content, str) else content
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                if fsync:
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


def _mode_of(template: Path) -> int | None:
    """The permission bits of `template`, or None when it cannot be read (a new file)."""
    try:
        return stat.S_IMODE(template.stat().st_mode)
    except OSError:
        return None


def _fsync_file(name: str) -> None:
    descriptor = os.open(name, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
