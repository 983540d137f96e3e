"""Which files make a gazetteer, and which gazetteer a set of files is.

`gazetteer_files`: the bundled gazetteers (unless left out), then the files
and folders given. `fingerprint`: a digest of their names and bytes; equal
digests, equal gazetteers. The compiled index is cached under it
(normalizer.options), so it must be cheap next to parsing: it is itself kept
in the cache under what `stat` says of every file (reading.settled_stat),
so a cached start reads none of them (hashing the bundled gazetteers' 0.9 MB
was 1-3 ms of every cold start).

All a start needs of the gazetteers when their index is cached; apart from
normalizer.gazetteer.loading, whose schema and parsing (and their
dataclasses) such a start does not import.
"""

from __future__ import annotations

import hashlib
import stat
from itertools import chain
from pathlib import Path
from typing import Iterable

from normalizer.errors import GazetteerError
from normalizer.gazetteer.reading import file_digest, settled_stat


def fingerprint(files: Iterable[Path]) -> str:
    """The digest of the files' names and bytes, in the order given."""
    files = list(files)
    seen = [settled_stat(path) for path in files]
    if not files or None in seen:  # a file missing, or written moments ago
        return _fingerprint(files)
    from normalizer.cache import cached

    return cached("fingerprint\0" + "\0".join(map(str, chain.from_iterable(seen))), lambda: _fingerprint(files))


def _fingerprint(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + file_digest(path) + b"\0")
    return digest.hexdigest()


def bundled_dir() -> Path:
    """The folder of bundled gazetteers: inside the installed package, or the
    top-level `gazetteers/` of a source checkout (editable installs)."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "gazetteers"
    if installed.is_dir():
        return installed
    return package.parent / "gazetteers"


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders become their *.yaml and *.yml files, sorted."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            raise GazetteerError(f"{path}: no such file or folder") from None
        except OSError as exc:
            raise GazetteerError(f"{path}: cannot read gazetteer: {exc.strerror or exc}") from None
        if stat.S_ISDIR(mode):
            files.extend(sorted([*path.glob("*.yaml"), *path.glob("*.yml")]))
        elif stat.S_ISREG(mode):
            files.append(path)
        else:  # /dev/zero, a pipe: never read (it would never end, or block)
            raise GazetteerError(f"{path}: is not a regular file (a device, pipe or socket), not a gazetteer file")
    return files


def gazetteer_files(paths: Iterable[str | Path] = (), bundled: bool = True) -> list[Path]:
    """The files to load: the bundled ones (unless `bundled=False`), then `paths`."""
    return expand_paths([bundled_dir()] if bundled else []) + expand_paths(paths)
