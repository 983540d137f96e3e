"""The files of a gazetteer set parsed, the newsroom's large ones beside a child that readies the bundled ones.

The first build of an index of the bundled gazetteers and a newsroom's
100,000 entities, on an empty cache folder, spends about a second on work
that does not depend on the newsroom's files: parsing the bundled files (and
reading the English lexicon that their check of variants asks), the bundled
entities' forms (normalizer.gazetteer.forms) and the lexicon as an index
holds it (lexicon.english_tables). Each is kept in the cache folder, and the
newsroom's YAML (1.3 s) holds the GIL: so where it is large, a forked child
puts them there while this process parses the newsroom's files, and this one
reads them back. Where it cannot (no fork, no cache, other threads running,
a small own gazetteer), or the child fails, the same work is done here, as
before: what the cache holds is what this process would make.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from normalizer import cache
from normalizer.forked_call import end_child, fork_is_safe

# Own gazetteer files this large (in all) parse for long enough that the
# bundled gazetteers' work fits beside them (about 0.3 s of YAML a megabyte).
WARM_UP_BYTES = 1_000_000


def read_files(files: list[Path], bundled: list[bool]) -> list:
    """loading.read_file of each of `files` (`bundled` says which are in the
    bundled folder), in order; the bundled ones readied by a child process
    while the others are parsed, when `worth_a_child` says so."""
    from normalizer.gazetteer.loading import read_file

    own = [path for path, inside in zip(files, bundled) if not inside]
    ready = [path for path, inside in zip(files, bundled) if inside]
    child = _start_child(ready) if worth_a_child(own, bundled) else None
    try:
        parsed = {path: read_file(path) for path in own}
    except BaseException:
        _end_child(child, stop=True)  # the error is shown now, not after the child's work
        raise
    _end_child(child)
    return [parsed[path] if not inside else read_file(path) for path, inside in zip(files, bundled)]


def worth_a_child(own: list[Path], bundled: list[bool]) -> bool:
    """A fork is safe here (forked_call.fork_is_safe) and pays: bundled
    files to ready, a cache to keep them in, and own files of WARM_UP_BYTES."""
    if not any(bundled) or not fork_is_safe() or not cache.enabled():
        return False
    try:
        return sum(os.stat(path).st_size for path in own) >= WARM_UP_BYTES
    except OSError:
        return False  # read_file names the problem


def ready_bundled(files: list[Path]) -> None:
    """Put in the cache what an index build reads of the bundled `files`:
    their parses, their entities' forms and the lexicon's tables."""
    from normalizer.gazetteer.forms import bundled_forms
    from normalizer.gazetteer.lexicon import english_tables
    from normalizer.gazetteer.loading import read_file

    entities = [replace(entity, bundled=True) for path in files for entity in read_file(path).entities]
    bundled_forms(entities, files)
    english_tables()


def _start_child(files: list[Path]) -> int | None:
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child: never back into the caller's code, its exit handlers or its buffered output
        code = 1
        try:
            ready_bundled(files)
            code = 0
        finally:
            os._exit(code)
    return pid


def _end_child(pid: int | None, stop: bool = False) -> None:
    if pid is not None:
        end_child(pid, stop)
