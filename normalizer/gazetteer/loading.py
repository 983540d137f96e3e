"""Load and validate gazetteer YAML files into immutable `Entity` records.

A gazetteer file holds `entities` (a list) and optionally `protect` (a list of
strings never changed and never offered as a correction) and `common_words`
(names reviewed as also being common English words: read by `normalize
gazetteer lint` only, never by the engine). Only `canonical` and `kind` are
required of an entity; the other fields are optional, so the minimal
shape of DESIGN.md always stays valid. Errors name the file and the line.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from normalizer.errors import GazetteerError
from normalizer.gc_pause import paused_gc
from normalizer.tokens import tokenize

KINDS = ("person", "place", "organization", "honorific", "term")
LIST_FIELDS = ("variants", "aliases", "context", "adjectives", "combining", "sources", "surname")
KNOWN_FIELDS = {"canonical", "kind", "threshold", "examples", *LIST_FIELDS}
TOP_LEVEL_KEYS = ("entities", "protect", "common_words")
MAX_FILE_BYTES = 64 * 1024 * 1024
_LINE = "__line__"


@lru_cache(maxsize=1)
def _line_loader() -> type:
    """A safe loader that records the line of every mapping, for error messages.
    Made on first use: with the index cached, a run need not import yaml (~12 ms)."""
    import yaml

    try:  # the C loader is several times faster on large files; same safety
        base = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - depends on how PyYAML was built
        base = yaml.SafeLoader

    class _LineLoader(base):
        def construct_mapping(self, node, deep=False):  # noqa: D102 - PyYAML hook
            mapping = super().construct_mapping(node, deep=deep)
            mapping[_LINE] = node.start_mark.line + 1
            return mapping

    return _LineLoader


@dataclass(frozen=True)
class Example:
    """A garble the entity must repair: `text` must normalize to `expect`."""

    text: str
    expect: str


@dataclass(frozen=True)
class Entity:
    """One named thing and every spelling of it the gazetteer knows.

    canonical  the spelling a newsroom publishes
    variants   wrong or foreign spellings, rewritten to canonical
    aliases    other correct forms (surname alone, full title), kept as written
    context    words that, near a mention, make the entity likely
    adjectives demonyms and adjectival forms of a place ("Iranian"), kept as written
    combining  combining forms used in compounds ("Russo" of Russia)
    surname    a person's short forms in running text ("Kim" of Kim Jong Un),
               when the default rule of names.py would pick the wrong words
    """

    canonical: str
    kind: str
    variants: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    combining: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    surname: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    threshold: float | None = None
    origin: str = field(default="", compare=False)  # "file:line", for messages
    bundled: bool = field(default=False, compare=False)  # from the bundled set, not the newsroom's own

    @property
    def correct_forms(self) -> tuple[str, ...]:
        """Every spelling that is right as written."""
        return (self.canonical, *self.aliases, *self.adjectives)


@dataclass(frozen=True)
class ParsedFile:
    """One parsed file: its entities, its `protect` and its `common_words`."""

    entities: tuple[Entity, ...]
    protect: frozenset[str]
    common_words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Gazetteer:
    """All entities and protected words of a set of gazetteer files."""

    entities: tuple[Entity, ...]
    protect: frozenset[str]
    files: tuple[Path, ...] = ()
    fingerprint: str = ""


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
        if path.is_dir():
            found = sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise GazetteerError(f"{path}: gazetteer file or folder not found")
    return files


def gazetteer_files(paths: Iterable[str | Path] = (), bundled: bool = True) -> list[Path]:
    """The files to load: the bundled ones (unless `bundled=False`), then `paths`."""
    return expand_paths([bundled_dir()] if bundled else []) + expand_paths(paths)


def fingerprint(files: Iterable[Path]) -> str:
    """A digest of the files' names and bytes: equal digests, equal gazetteers.
    Cheap next to parsing, so a cached index can be found without parsing."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + _read_bytes(path) + b"\0")
    return digest.hexdigest()


def load_gazetteer(paths: Iterable[str | Path] = (), bundled: bool = True) -> Gazetteer:
    """Load the bundled gazetteers (unless `bundled=False`) plus `paths`."""
    return load_files(gazetteer_files(paths, bundled))


def load_files(files: list[Path]) -> Gazetteer:
    with paused_gc():  # many objects made, none garbage: see normalizer.gc_pause
        return _load_files(files)


def _load_files(files: list[Path]) -> Gazetteer:
    entities: list[Entity] = []
    protect: set[str] = set()
    bundled_protect: set[str] = set()
    own_forms: set[str] = set()
    bundled = bundled_dir().resolve()
    for path in files:
        parsed = read_file(path)
        if Path(path).resolve().is_relative_to(bundled):
            entities.extend(replace(entity, bundled=True) for entity in parsed.entities)
            bundled_protect.update(parsed.protect)
        else:
            entities.extend(parsed.entities)
            protect.update(parsed.protect)
            for entity in parsed.entities:
                own_forms.update(f.casefold() for f in (entity.canonical, *entity.aliases, *entity.adjectives))
    # The newsroom's own gazetteer outranks the bundled one: a name it lists
    # (its "Victoria", its "Batman") is not kept out of reach by a bundled
    # `protect` meant for the word or the namesake.
    protect.update(word for word in bundled_protect if word.casefold() not in own_forms)
    return Gazetteer(tuple(entities), frozenset(protect), tuple(files), fingerprint(files))


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise GazetteerError(f"{path}: gazetteer is {size} bytes, over the {MAX_FILE_BYTES} byte limit")
        return path.read_bytes()
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot read gazetteer: {exc.strerror or exc}") from None


def read_file(path: Path) -> ParsedFile:
    """Read and parse one gazetteer file (raises GazetteerError)."""
    return parse_file(_read_bytes(path), str(path))


def parse_gazetteer(raw: bytes | str, name: str) -> tuple[list[Entity], set[str]]:
    """The entities and protected words of one file's content."""
    parsed = parse_file(raw, name)
    return list(parsed.entities), set(parsed.protect)


def parse_file(raw: bytes | str, name: str) -> ParsedFile:
    """Parse one file's content; `name` is used in error messages."""
    with paused_gc():
        return _parse_file(raw, name)


def _parse_file(raw: bytes | str, name: str) -> ParsedFile:
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise GazetteerError(f"{name}: not UTF-8 text (byte {exc.start})") from None
    import yaml  # here, not at the top: a run on a cached index parses no YAML

    try:
        document = yaml.load(raw, Loader=_line_loader())  # noqa: S506 - safe loader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise GazetteerError(f"{name}{line}: malformed gazetteer: {problem}") from None
    except yaml.YAMLError as exc:
        raise GazetteerError(f"{name}: malformed gazetteer: {exc}") from None
    if document is None:
        return ParsedFile((), frozenset())
    expected = ", ".join(f"'{key}'" for key in TOP_LEVEL_KEYS)
    if not isinstance(document, dict):
        raise GazetteerError(f"{name}:1: a gazetteer is a mapping with {expected}")
    unknown = sorted(k for k in document if k not in (*TOP_LEVEL_KEYS, _LINE))
    if unknown:
        raise GazetteerError(f"{name}:1: unknown top-level key '{unknown[0]}' (expected {expected})")
    entries = document.get("entities", [])
    if not isinstance(entries, list):
        raise GazetteerError(f"{name}:1: 'entities' must be a list")
    entities = tuple(_entity(entry, name, document.get(_LINE, 1)) for entry in entries)
    protect = _strings(document.get("protect", []), "protect", f"{name}:1")
    common = _strings(document.get("common_words", []), "common_words", f"{name}:1")
    return ParsedFile(entities, frozenset(protect), frozenset(common))


def _entity(entry: Any, name: str, parent_line: int) -> Entity:
    if not isinstance(entry, dict):
        raise GazetteerError(f"{name}:{parent_line}: each entity must be a mapping, got {type(entry).__name__}")
    line = entry.get(_LINE, parent_line)
    where = f"{name}:{line}"
    unknown = sorted(k for k in entry if k not in KNOWN_FIELDS and k != _LINE)
    if unknown:
        raise GazetteerError(f"{where}: unknown entity field '{unknown[0]}'")
    canonical = entry.get("canonical")
    if not isinstance(canonical, str) or not canonical.strip():
        raise GazetteerError(f"{where}: entity needs a non-empty string 'canonical'")
    kind = entry.get("kind")
    if kind not in KINDS:
        raise GazetteerError(f"{where}: '{canonical}': kind must be one of {', '.join(KINDS)}, got {kind!r}")
    lists = {key: tuple(_strings(entry.get(key, []), key, where)) for key in LIST_FIELDS}
    threshold = entry.get("threshold")
    if threshold is not None:
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
            raise GazetteerError(f"{where}: '{canonical}': threshold must be a number in (0, 1]")
        threshold = float(threshold)
    if lists["surname"]:
        _check_surnames(canonical.strip(), kind, lists["surname"], lists["aliases"], where)
    return Entity(
        canonical=canonical.strip(),
        kind=kind,
        examples=tuple(_examples(entry.get("examples", []), where)),
        threshold=threshold,
        origin=where,
        **lists,
    )


def _strings(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GazetteerError(f"{where}: '{key}' must be a list of non-empty strings")
    return [v.strip() for v in value]


def _check_surnames(canonical: str, kind: str, surnames: tuple[str, ...], aliases: tuple[str, ...], where: str) -> None:
    """A surname is whole words of the person's own name: a nickname or a title
    that is not in the name ("MBS", "Hemedti") belongs in `aliases`."""
    if kind != "person":
        raise GazetteerError(f"{where}: '{canonical}': only a person has a 'surname'")
    names = [_word_keys(name) for name in (canonical, *aliases)]
    for surname in surnames:
        words = _word_keys(surname)
        if not any(_contains(name, words) for name in names):
            raise GazetteerError(
                f"{where}: '{canonical}': surname '{surname}' is not whole words of its canonical or an alias"
                " (a nickname belongs in 'aliases')"
            )


def _word_keys(text: str) -> list[str]:
    return [token.key for token in tokenize(text)]


def _contains(words: list[str], part: list[str]) -> bool:
    size = len(part)
    return size > 0 and any(words[k : k + size] == part for k in range(len(words) - size + 1))


def _examples(value: Any, where: str) -> list[Example]:
    if not isinstance(value, list):
        raise GazetteerError(f"{where}: 'examples' must be a list of {{text, expect}} mappings")
    examples = []
    for item in value:
        ok = isinstance(item, dict) and isinstance(item.get("text"), str) and isinstance(item.get("expect"), str)
        if not ok or set(item) - {"text", "expect", _LINE}:
            raise GazetteerError(f"{where}: each example needs exactly 'text' and 'expect' strings")
        examples.append(Example(item["text"], item["expect"]))
    return examples
