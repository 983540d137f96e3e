"""Each gazetteer file's parse, kept in the cache (normalizer.cache) under
the file's name and the digest of its bytes.

An index is built again whenever one of its files changes, and the others
need not be parsed again: the bundled files (half a second of YAML) when a
newsroom edits its own, the newsroom's other files when it keeps several.
A file that fails to parse is never kept.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable, TypeVar

from normalizer import cache
from normalizer.gazetteer.reading import file_digest, read_bytes

T = TypeVar("T")


def parsed(path: Path, parse: Callable[[bytes, str], T], kind: type) -> T:
    """`parse(bytes of path, its name)`, or what it gave for the same name and
    bytes before (a value of `kind`)."""
    name = str(path)
    if not cache.enabled():
        return parse(read_bytes(path), name)
    found, kept = cache.lookup(_key(name, file_digest(path)))
    if found and isinstance(kept, _Kept) and kept.kind is kind:
        return kept.value()
    raw = read_bytes(path)
    value = parse(raw, name)
    # Kept under the digest of the bytes parsed, not the one looked up: a
    # file rewritten in between is parsed again next time, never mistaken.
    cache.store(_key(name, hashlib.sha256(raw).digest()), _Kept(value))
    return value


class _Kept:
    """A parse (a loading.ParsedFile) as the cache keeps it: its entities
    packed (simple_entities.packed), most of them as columns of text."""

    def __init__(self, value):
        from normalizer.gazetteer.simple_entities import packed

        self.kind, self.fields = type(value), dict(value.__dict__)
        self.fields["entities"] = packed(value.entities)

    def value(self):
        from normalizer.gazetteer.simple_entities import unpacked

        value = object.__new__(self.kind)  # a frozen dataclass: its fields set as its __init__ would
        value.__dict__.update(self.fields, entities=unpacked(self.fields["entities"]))
        return value


def _key(name: str, digest: bytes) -> str:
    # The name is part of it: messages and each entity's origin quote it.
    return f"parsed-gazetteer\0{name}\0{digest.hex()}"
