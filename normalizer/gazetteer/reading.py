"""The bytes, the digest and the YAML of one gazetteer file, hostile input refused in one line.

A gazetteer may come from anyone (`--gazetteer FILE`), so everything here
ends in an error of one line naming the file: a path that is a folder, a
device or a pipe; a file over the size limit; UTF-16 or NUL bytes; malformed
YAML; a tag that would build a Python object (the loader is safe); a key
given twice; and anchors and aliases that would repeat the document past a
limit ("billion laughs"). `loading` checks the schema of what comes out;
`normalizer.config` reads `.normalizer.yaml` here too, with its own `FileKind`.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from normalizer.errors import GazetteerError, NormalizerError

MAX_FILE_BYTES = 64 * 1024 * 1024
# A gazetteer at least this large has its digest cached (`file_digest`); one
# changed less than SETTLED_SECONDS ago is hashed anew.
MEMO_BYTES = 1024 * 1024
SETTLED_SECONDS = 2.0
# Nodes that aliases may add to a document by repeating others: legitimate
# sharing (one context list for a few entities) stays far below; a "billion
# laughs" or ten thousand entities each aliasing a long list goes far above,
# and every repeat costs the loader work and memory.
MAX_ALIAS_NODES = 1_000_000
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_PLAIN_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float"))
# A plain document nested deeper than this is built by PyYAML (which nests without recursion).
_PLAIN_DEPTH = 100


class _Line:
    """The key under which a parsed mapping keeps its line: not a string, so
    no key written in a file ("__line__") can take its place."""

    def __repr__(self) -> str:
        return "<line>"


LINE = _Line()


@dataclass(frozen=True)
class FileKind:
    """What the messages call a file, and the error they raise."""

    noun: str = "gazetteer file"
    plural: str = "gazetteers"
    malformed: str = "malformed gazetteer"
    error: type[NormalizerError] = GazetteerError


GAZETTEER = FileKind()


def read_bytes(path: Path, kind: FileKind = GAZETTEER) -> bytes:
    """The bytes of a regular file, never more than MAX_FILE_BYTES read."""
    with _regular_file(path, kind) as (handle, size):
        data = handle.read(size + 1)
        if len(data) > size:  # grown since: read on, still bounded
            data += handle.read(MAX_FILE_BYTES + 1 - len(data))
    if len(data) > MAX_FILE_BYTES:
        raise kind.error(f"{path}: file is over the {MAX_FILE_BYTES:,} byte limit")
    return data


def hash_file(path: Path, digest: Any, kind: FileKind = GAZETTEER) -> None:
    """Feed `digest` what `read_bytes` would return, a chunk at a time: the
    cache key of a large gazetteer, without a copy of the whole file."""
    chunk = bytearray(1 << 18)
    view, total = memoryview(chunk), 0
    with _regular_file(path, kind) as (handle, _):
        while count := handle.readinto(chunk):
            total += count
            if total > MAX_FILE_BYTES:
                raise kind.error(f"{path}: file is over the {MAX_FILE_BYTES:,} byte limit")
            digest.update(view[:count])


def file_digest(path: Path) -> bytes:
    """The sha256 of what `read_bytes` would return. A large file's digest is
    cached (normalizer.cache) under what `stat` says of it, its change time
    included, which every write moves: a cached start with a big gazetteer
    need not read it whole. A file written in the last SETTLED_SECONDS is
    hashed every time: a second write within the same tick of the file
    system's clock would leave what `stat` says unchanged."""
    seen = settled_stat(path)
    if seen is None or seen[3] < MEMO_BYTES:
        return _sha256(path)  # which names a problem reading it in one line
    from normalizer.cache import cached

    return cached("file-digest\0" + "\0".join(map(str, seen)), lambda: _sha256(path))


def settled_stat(path: Path) -> tuple | None:
    """What `stat` says of a file, as a digest of it is cached under: (path,
    device, inode, size, modification and change times; every write moves
    the change time). None where the file cannot be read so, or was written
    in the last SETTLED_SECONDS (a second write in the same tick of the file
    system's clock would leave them unchanged)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if time.time() - info.st_ctime < SETTLED_SECONDS:
        return None
    return (os.path.abspath(path), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _sha256(path: Path) -> bytes:
    digest = hashlib.sha256()
    hash_file(path, digest)
    return digest.digest()


@contextmanager
def _regular_file(path: Path, kind: FileKind) -> Iterator[tuple[BinaryIO, int]]:
    """An open regular file and its size; a folder, a device, a pipe or a file
    over MAX_FILE_BYTES refused in one line, and so is a failed read."""
    error = kind.error
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise error(f"{path}: no such file or folder") from None
    except IsADirectoryError:
        raise error(f"{path}: is a directory, not a {kind.noun}") from None
    except PermissionError:
        raise error(f"{path}: permission denied") from None
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise error(f"{path}: is a directory, not a {kind.noun}")
        if not stat.S_ISREG(info.st_mode):
            raise error(f"{path}: is not a regular file (a device, pipe or socket), not a {kind.noun}")
        if info.st_size > MAX_FILE_BYTES:
            raise error(f"{path}: file is over the {MAX_FILE_BYTES:,} byte limit")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            yield handle, info.st_size
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(descriptor)


def decode(raw: bytes, name: str, kind: FileKind = GAZETTEER) -> str:
    """UTF-8 text (a byte order mark allowed); UTF-16 named as such."""
    wide = _wide_encoding(raw)
    if wide:
        raise kind.error(f"{name}: is {wide} text; {kind.plural} must be UTF-8")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = f"0x{raw[exc.start]:02x}"
        raise kind.error(f"{name}: not UTF-8 text (invalid byte {byte} at offset {exc.start})") from None


def _wide_encoding(raw: bytes) -> str | None:
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    # Without a byte order mark: ASCII letters in UTF-16 leave a NUL in every other byte.
    sample = raw[:512]
    even, odd = sample[0::2], sample[1::2]
    for zeros, letters in ((odd, even), (even, odd)):
        if len(zeros) >= 2 and zeros.count(0) * 2 >= len(zeros) and letters.count(0) == 0:
            return "UTF-16"
    return None


def load_yaml(text: str, name: str, kind: FileKind = GAZETTEER) -> Any:
    """The YAML document of `text`; mappings carry their line under `LINE`."""
    import yaml  # here, not at the top: a run on a cached index parses no YAML

    error, malformed = kind.error, kind.malformed
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise error(f"{name}:{line}: contains a NUL byte, not a text file")
    loader = _line_loader()(text)
    loader.aliases_seen = "*" in text  # no `*`, no alias: the check of the repeats is skipped
    loader.text_size = len(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise error(f"{name}{line}: {malformed}: {_one_line(exc.problem or exc.context)}") from None
    except yaml.reader.ReaderError as exc:  # a control character: str(exc) spans two lines
        line = text.encode("utf-8")[: exc.position].count(b"\n") + 1  # libyaml counts bytes
        character = f"#x{exc.character:04x}" if isinstance(exc.character, int) else shown(exc.character)
        raise error(f"{name}:{line}: {malformed}: character {character} is not allowed") from None
    except yaml.YAMLError as exc:
        raise error(f"{name}: {malformed}: {_one_line(str(exc))}") from None
    except RecursionError:  # the pure-Python loader, on thousands of nested brackets
        raise error(f"{name}: {malformed}: nested too deeply") from None
    except UnicodeError:  # a str with a lone surrogate, given by a library caller
        raise error(f"{name}: not UTF-8 text (a lone surrogate)") from None
    finally:
        loader.dispose()


def _one_line(text: str | None) -> str:
    return " ".join((text or "invalid YAML").split())


class _NotPlain(Exception):
    """A document the plain walk of _LineLoader does not build."""


@lru_cache(maxsize=1)
def _line_loader() -> type:
    """A safe loader that records the line of every mapping, refuses a key
    given twice in one mapping, and refuses aliases that repeat too much.
    Made on first use: with the index cached, a run need not import yaml (~12 ms)."""
    import yaml
    from yaml.constructor import ConstructorError
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    try:  # the C loader is several times faster on large files; same safety
        base = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - depends on how PyYAML was built
        base = yaml.SafeLoader

    class _LineLoader(base):
        aliases_seen = True
        text_size = 0

        def construct_document(self, node):  # noqa: D102 - PyYAML hook
            if self.aliases_seen:
                # A node takes a character of text at least: more nodes than that came from aliases.
                _check_repeats(node, self.text_size + MAX_ALIAS_NODES, MappingNode, ConstructorError)
            else:
                # No alias, so a tree: built in one walk when it is plain
                # (see _plain); what is not is built below, errors and all.
                try:
                    return self._plain(node, 0)
                except _NotPlain:
                    pass
            return super().construct_document(node)

        def _plain(self, node, depth: int):
            """What construct_document builds of a document with no alias
            whose mappings have string keys, each once, and no merge, whose
            collections are plain lists and mappings and whose scalars are
            strings, numbers, booleans or null, nested at most _PLAIN_DEPTH
            deep. Without PyYAML's calls per node (construct_object, its
            generators): a tenth of the time on a large gazetteer. Anything
            else raises _NotPlain, and PyYAML builds the document instead."""
            kind = type(node)
            if kind is ScalarNode:
                if node.tag == _STR_TAG:
                    return node.value
                construct = self.yaml_constructors.get(node.tag) if node.tag in _PLAIN_SCALAR_TAGS else None
                try:
                    return construct(self, node)  # not construct_object: no state to undo if it fails
                except Exception:  # noqa: BLE001 - None (another tag), or a value its tag refuses
                    raise _NotPlain from None
            if depth >= _PLAIN_DEPTH:
                raise _NotPlain
            if kind is SequenceNode and node.tag == _SEQ_TAG:
                return [
                    item.value if type(item) is ScalarNode and item.tag == _STR_TAG else self._plain(item, depth + 1)
                    for item in node.value
                ]
            if kind is not MappingNode or node.tag != _MAP_TAG:
                raise _NotPlain
            mapping: dict = {}
            for key_node, value_node in node.value:
                if type(key_node) is not ScalarNode or key_node.tag != _STR_TAG or key_node.value in mapping:
                    raise _NotPlain  # a merge, a key of another kind, a key given twice
                mapping[key_node.value] = (
                    value_node.value
                    if type(value_node) is ScalarNode and value_node.tag == _STR_TAG
                    else self._plain(value_node, depth + 1)
                )
            mapping[LINE] = node.start_mark.line + 1
            return mapping

        def resolve(self, kind, value, implicit):  # noqa: D102 - PyYAML hook, called for every node
            # A plain scalar's tag depends on its text alone (no path
            # resolver in a safe loader): each text is resolved once.
            if kind is not ScalarNode or self.yaml_path_resolvers:
                return super().resolve(kind, value, implicit)
            if not implicit[0]:
                return _STR_TAG  # quoted: a string
            tags = self.__dict__.setdefault("_plain_tags", {})
            tag = tags.get(value)
            if tag is None:
                tag = tags[value] = super().resolve(kind, value, implicit)
            return tag

        def construct_mapping(self, node, deep=False):  # noqa: D102 - PyYAML hook
            strings = False  # every key a string, and no merge: built below
            if isinstance(node, MappingNode):
                seen: set = set()
                strings = True
                for key_node, _ in node.value:
                    if key_node.tag == _MERGE_TAG:
                        strings = False
                        continue  # what a merge (`<<`) brings may be overridden
                    if not isinstance(key_node, ScalarNode):
                        kind = "a mapping" if isinstance(key_node, MappingNode) else "a list"
                        raise ConstructorError(None, None, f"a key is {kind}, not a name", key_node.start_mark)
                    if key_node.tag == _STR_TAG:
                        key = key_node.value
                    else:
                        key, strings = self.construct_object(key_node), False
                    if key in seen:
                        raise ConstructorError(None, None, f"key {shown(key)} given twice", key_node.start_mark)
                    seen.add(key)
            if strings:
                # What PyYAML builds, without its calls per node: a string
                # scalar's value is its text (construct_yaml_str).
                mapping = {
                    key_node.value: value_node.value
                    if type(value_node) is ScalarNode and value_node.tag == _STR_TAG
                    else self.construct_object(value_node, deep=deep)
                    for key_node, value_node in node.value
                }
            else:
                mapping = super().construct_mapping(node, deep=deep)
            mapping[LINE] = node.start_mark.line + 1
            return mapping

        def construct_object(self, node, deep=False):  # noqa: D102 - PyYAML hook
            try:
                return super().construct_object(node, deep=deep)
            except UnicodeError:
                raise
            except (ValueError, TypeError, OverflowError):
                # A tag its text does not fit ("!!int x", "!!float 1e"):
                # PyYAML lets Python's own error out, with no line.
                tag = node.tag.rsplit(":", 1)[-1]
                raise ConstructorError(None, None, f"!!{tag} {shown(node.value)} is no {tag}", node.start_mark) from None

    return _LineLoader


def _check_repeats(root, budget: int, mapping_type: type, error: type) -> None:
    """Refuse a recursive alias, or aliases that make the document over `budget`
    nodes once expanded: counted over the node graph, never by expanding it."""
    sizes: dict[int, int] = {}  # id(collection node) -> its node count once expanded; a scalar is 1
    on_path: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, finished = stack.pop()
        if finished:
            on_path.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes.get(id(child), 1) for child in _children(node, mapping_type))
        elif id(node) in on_path:
            raise error(None, None, "an alias refers to a node that contains it", node.start_mark)
        elif id(node) not in sizes:
            on_path.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node, mapping_type) if isinstance(child.value, list))
    if sizes[id(root)] > budget:
        raise error(None, None, f"aliases repeat over {MAX_ALIAS_NODES:,} nodes (an alias bomb?)", root.start_mark)


def _children(node, mapping_type: type) -> list:
    if isinstance(node, mapping_type):
        return [part for pair in node.value for part in pair]
    return node.value if isinstance(node.value, list) else []


def shown(value: Any, limit: int = 60) -> str:
    """A value for a message: one line (line breaks escaped), about `limit` long at most."""
    if value is None:
        return "null"
    if isinstance(value, (dict, list, tuple, set, frozenset)):  # never repr: it may be an alias bomb
        return "a mapping" if isinstance(value, dict) else "a set" if isinstance(value, (set, frozenset)) else "a list"
    if not isinstance(value, str):
        return repr(value)[:limit]
    text = value if value.isprintable() else repr(value)[1:-1]
    return "'" + (text if len(text) <= limit else text[:limit] + "...") + "'"
