"""Replacing a file so that a reader sees the old file or the new one, never half of one.

The one atomic writer of the package: the command's outputs and `--in-place`
rewrites (`normalizer.cli.files`), the start-up cache (`normalizer.cache`) and
`normalize gazetteer add-variant` (`normalizer.gazetteer.edit`) all write
through `write_atomic`. The new content goes to a temporary file in the same
folder (a rename across file systems would not be atomic), which is then
renamed over the target with `os.replace`; on any failure the temporary file
is removed and the error raised.

`in_place=True` is for a user's own file (`--in-place`): a rename replaces the
directory entry, so without care it would turn a symlink into a regular file,
split a hard link, give another user's file to the writer, and get past a
read-only mode. Such a write goes to the symlink's final target, keeps owner,
group and mode, and refuses (InputError) a file that is read-only, that the
writer may not write, or that has other hard links.

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
    in_place: bool = False,
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
    in_place: `path` is a user's file being rewritten: see the module's doc.
    """
    path = Path(path)
    owner = None
    if in_place:
        path, owner = rewritable(path)
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
        if owner is not None:
            _keep_owner(temporary, owner)  # before chmod: chown clears set-id bits
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def rewritable(path: Path, refusal: str = "not rewritten") -> tuple[Path, os.stat_result]:
    """The file an in-place rewrite of `path` replaces (a symlink's final target,
    so that the link stays a link) and its status; InputError, ending with
    `refusal`, if it must not be replaced."""
    from normalizer.errors import InputError

    target = Path(os.path.realpath(path))
    try:
        info = target.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    # A rename gives the name a new inode: the other names would keep the old text.
    if info.st_nlink > 1:
        raise InputError(f"{path}: has {info.st_nlink} hard links; replacing it would break them, {refusal}")
    # Root passes every access check, so the owner's write bit is asked as well.
    if not info.st_mode & stat.S_IWUSR:
        raise InputError(f"{path}: is read-only (mode {stat.S_IMODE(info.st_mode):o}), {refusal}")
    if not os.access(target, os.W_OK):
        raise InputError(f"{path}: no permission to write it, {refusal}")
    return target, info


def _keep_owner(temporary: str, original: os.stat_result) -> None:
    """Give the new file the original's owner and group, as far as allowed: root
    may give any; others only a group of their own (then the writer owns it, as
    with `sed -i`)."""
    if not hasattr(os, "chown"):  # Windows
        return
    for uid in (original.st_uid, -1):
        try:
            os.chown(temporary, uid, original.st_gid)
            return
        except PermissionError:
            continue


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
