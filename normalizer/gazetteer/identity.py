"""Which gazetteer a set of files is: a digest of their names and bytes.

Equal digests, equal gazetteers: the compiled index is cached under it
(normalizer.options), so it must be cheap next to parsing. It is itself kept
in the cache (normalizer.cache) under what `stat` says of every file
(reading.settled_stat), so a cached start reads none of them: hashing the
bundled gazetteers' 0.9 MB was 1-3 ms of every cold start.
"""

from __future__ import annotations

import hashlib
from itertools import chain
from pathlib import Path
from typing import Iterable

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
