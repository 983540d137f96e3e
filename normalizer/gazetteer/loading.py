"""Load and validate gazetteer YAML files into immutable `Entity` records.

A gazetteer file holds `entities` (a list) and optionally `protect` (a list of
strings never changed and never offered as a correction) and `common_words`
(names reviewed as also being common English words: read by `normalize
gazetteer lint` only, never by the engine) and `house_style` (true: the
file's spellings win over the bundled ones of the same names,
gazetteer/house_style.py). Only `canonical` and `kind` are
required of an entity; the other fields are optional, so the minimal
shape of DESIGN.md always stays valid. A variant that is as a whole an
English word of the lexicon is refused unless the entity lists it under
`english_variants` (reviewed). Errors are one line naming the file and
the line; `reading` refuses hostile files and YAML before the schema is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Iterable

from normalizer.errors import GazetteerError
from normalizer.gazetteer.parse_cache import parsed
from normalizer.gazetteer.identity import bundled_dir, expand_paths, fingerprint, gazetteer_files  # noqa: F401 - also this module's face
from normalizer.gazetteer.reading import LINE, decode, load_yaml, shown
from normalizer.gc_pause import paused_gc
from normalizer.tokens import tokenize

KINDS = ("person", "place", "organization", "honorific", "term")
LIST_FIELDS = (
    "variants", "aliases", "context", "past_context", "adjectives", "combining", "sources", "surname", "english_variants"
)
KNOWN_FIELDS = {"canonical", "kind", "threshold", "examples", "region", "checked", *LIST_FIELDS}
_KNOWN_OR_LINE = frozenset({*KNOWN_FIELDS, LINE})  # an entity's keys, all known: checked in one set operation
_NO_LISTS: dict[str, tuple[str, ...]] = dict.fromkeys(LIST_FIELDS, ())  # read only
# Where an entity belongs, for `gazetteer stats`: a continent, or "International".
REGIONS = ("Africa", "Asia", "Europe", "North America", "South America", "Oceania", "Antarctica", "International")
CHECKED = re.compile(r"(19|20)\d\d-(0[1-9]|1[0-2])\Z")  # YYYY-MM
TOP_LEVEL_KEYS = ("entities", "protect", "common_words", "house_style")
# No name, phrase or source is this long: a longer string is a mistake or an
# attack, and would make messages and the index's fuzzy keys huge.
MAX_STRING_CHARS = 1000
# The characters of Unicode categories Cc, Zl and Zp (stable by Unicode's policy):
# a line break or a control character, refused in a name.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


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
    context    words that, near a mention, make the entity likely: the office
               held now ("Prime Minister of Japan")
    past_context  offices no longer held ("former Prime Minister"): kept for
               readers and `gazetteer lint`, never evidence for a mention
    adjectives demonyms and adjectival forms of a place ("Iranian"), kept as written
    combining  combining forms used in compounds ("Russo" of Russia)
    surname    a person's short forms in running text ("Kim" of Kim Jong Un),
               when the default rule of names.py would pick the wrong words
    english_variants  variants reviewed as also being English words ("Kiev"):
               any other variant that is an English word is refused
    region     a continent or "International", for `gazetteer stats`
    checked    "YYYY-MM": when a person's facts (office, spelling) were last
               checked; `gazetteer lint` reports those older than a year
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
    english_variants: tuple[str, ...] = ()
    past_context: tuple[str, ...] = ()
    region: str | None = None
    checked: str | None = None
    examples: tuple[Example, ...] = ()
    threshold: float | None = None
    origin: str = field(default="", compare=False)  # "file:line", for messages
    bundled: bool = field(default=False, compare=False)  # from the bundled set, not the newsroom's own
    # From a newsroom file that sets `house_style: true`: its spellings win over the bundled
    # entry's of the same name, even under the same canonical (gazetteer/house_style.py).
    house_style: bool = field(default=False, compare=False)

    @property
    def correct_forms(self) -> tuple[str, ...]:
        """Every spelling that is right as written."""
        return (self.canonical, *self.aliases, *self.adjectives)


_ENTITY_DEFAULTS = {item.name: item.default for item in fields(Entity)}  # in field order; canonical and kind are always given


@dataclass(frozen=True)
class ParsedFile:
    """One parsed file: its entities, its `protect`, its `common_words` and
    whether its spellings are the house style (`house_style`)."""

    entities: tuple[Entity, ...]
    protect: frozenset[str]
    common_words: frozenset[str] = frozenset()
    house_style: bool = False


@dataclass(frozen=True)
class Gazetteer:
    """All entities and protected words of a set of gazetteer files."""

    entities: tuple[Entity, ...]
    protect: frozenset[str]
    files: tuple[Path, ...] = ()
    fingerprint: str = ""


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
    own: list[Entity] = []
    from normalizer.gazetteer.warm_up import read_files  # the bundled files readied beside a large own one
    inside = [Path(path).resolve().is_relative_to(bundled_dir().resolve()) for path in files]
    for is_bundled, parsed in zip(inside, read_files(files, inside)):
        if is_bundled:
            entities.extend(replace(entity, bundled=True) for entity in parsed.entities)
            bundled_protect.update(parsed.protect)
        else:
            mine = [replace(entity, house_style=True) for entity in parsed.entities] if parsed.house_style else parsed.entities
            entities.extend(mine)
            own.extend(mine)
            protect.update(parsed.protect)
    # The newsroom's own gazetteer outranks the bundled one: a name it lists
    # (its "Victoria", its "Batman") is not kept out of reach by a bundled
    # `protect` meant for the word or the namesake.
    if bundled_protect:  # else no own form need be folded
        own_forms = {form.casefold() for entity in own for form in (entity.canonical, *entity.aliases, *entity.adjectives)}
        protect.update(word for word in bundled_protect if word.casefold() not in own_forms)
    return Gazetteer(tuple(entities), frozenset(protect), tuple(files), fingerprint(files))


def read_file(path: Path) -> ParsedFile:
    """Read and parse one gazetteer file (raises GazetteerError), or read back its parse (parse_cache.py)."""
    return parsed(path, parse_file, ParsedFile)


def parse_gazetteer(raw: bytes | str, name: str) -> tuple[list[Entity], set[str]]:
    """The entities and protected words of one file's content."""
    parsed = parse_file(raw, name)
    return list(parsed.entities), set(parsed.protect)


def parse_file(raw: bytes | str, name: str) -> ParsedFile:
    """Parse one file's content; `name` is used in error messages."""
    with paused_gc():
        return _parse_file(raw, name)


def _parse_file(raw: bytes | str, name: str) -> ParsedFile:
    document = load_yaml(decode(raw, name) if isinstance(raw, bytes) else raw, name)
    if document is None:
        return ParsedFile((), frozenset())
    expected = ", ".join(f"'{key}'" for key in TOP_LEVEL_KEYS)
    if not isinstance(document, dict):
        raise GazetteerError(f"{name}:1: a gazetteer is a mapping with {expected}, got {shown(document)}")
    unknown = _unknown_key(document, TOP_LEVEL_KEYS)
    if unknown:
        raise GazetteerError(f"{name}:1: unknown top-level key {unknown} (expected {expected})")
    entries = document.get("entities", [])
    if not isinstance(entries, list):
        raise GazetteerError(f"{name}:1: 'entities' must be a list, got {shown(entries)}")
    from normalizer.gazetteer.simple_entities import simple_entities  # here: it builds on this module's Entity

    made, line = simple_entities(entries, name), document.get(LINE, 1)
    entities = tuple(made[at - 1] or _entity(entry, name, line, at) for at, entry in enumerate(entries, 1))
    protect = _strings(document.get("protect", []), "protect", f"{name}:1")
    common = _strings(document.get("common_words", []), "common_words", f"{name}:1")
    house_style = document.get("house_style", False)
    if not isinstance(house_style, bool):
        raise GazetteerError(f"{name}:1: 'house_style' must be true or false, got {shown(house_style)}")
    return ParsedFile(entities, frozenset(protect), frozenset(common), house_style)


def _unknown_key(mapping: dict, known: Iterable[str]) -> str | None:
    """The first key of `mapping` (in file order) not in `known`, as messages show it.
    Keys may be numbers, dates or null: never sorted, never compared to strings."""
    for key in mapping:
        if key is not LINE and key not in known:
            return shown(key) if isinstance(key, str) else f"{shown(key)} (a name is text, not {_yaml_type(key)})"
    return None


def _yaml_type(value: Any) -> str:
    if value is None:
        return "null"
    kinds = ((bool, "true or false"), ((int, float), "a number"), (bytes, "binary"))
    return next((text for types, text in kinds if isinstance(value, types)), "a date")


def _entity(entry: Any, name: str, parent_line: int, position: int) -> Entity:
    if not isinstance(entry, dict):
        raise GazetteerError(f"{name}:{parent_line}: entity {position} must be a mapping, got {shown(entry)}")
    line = entry.get(LINE, parent_line)
    where = f"{name}:{line}"
    unknown = None if entry.keys() <= _KNOWN_OR_LINE else _unknown_key(entry, KNOWN_FIELDS)
    if unknown:
        raise GazetteerError(f"{where}: unknown entity field {unknown}")
    canonical = entry.get("canonical")
    if not isinstance(canonical, str) or not canonical.strip():
        got = "" if canonical is None else f", got {shown(canonical)}"
        raise GazetteerError(f"{where}: entity needs a non-empty string 'canonical'{got}")
    canonical = _string(canonical, "canonical", where)
    kind = entry.get("kind")
    if kind not in KINDS:
        raise GazetteerError(f"{where}: '{canonical}': kind must be one of {', '.join(KINDS)}, got {shown(kind)}")
    # Most entities list few of the fields: an absent one is () without a call.
    if entry.keys().isdisjoint(LIST_FIELDS):
        lists = _NO_LISTS
    else:
        lists = {key: tuple(_strings(entry[key], key, where)) if key in entry else () for key in LIST_FIELDS}
    threshold = entry.get("threshold")
    if threshold is not None:
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
            raise GazetteerError(f"{where}: '{canonical}': threshold must be a number in (0, 1]")
        threshold = float(threshold)
    region = entry.get("region")
    if region is not None and region not in REGIONS:
        raise GazetteerError(f"{where}: '{canonical}': region must be one of {', '.join(REGIONS)}, got {shown(region)}")
    checked = entry.get("checked")
    if checked is not None and not (isinstance(checked, str) and CHECKED.match(checked)):
        raise GazetteerError(f"{where}: '{canonical}': checked must be a month as \"YYYY-MM\", got {shown(checked)}")
    if lists["surname"]:
        _check_surnames(canonical, kind, lists["surname"], lists["aliases"], where)
    correct = (canonical, *lists["aliases"], *lists["adjectives"])
    _check_english_variants(canonical, correct, lists["variants"], lists["english_variants"], where)
    return _new_entity(
        canonical=canonical,
        kind=kind,
        examples=tuple(_examples(entry["examples"], where)) if "examples" in entry else (),
        threshold=threshold,
        region=region,
        checked=checked,
        origin=where,
        **lists,
    )


def _new_entity(**fields: Any) -> Entity:
    """Entity(**fields), set at once (a frozen dataclass's __init__ sets its 17 through object.__setattr__), those
    not at their default only: the class answers for the others, so most entities hold three, not 17."""
    entity = object.__new__(Entity)
    entity.__dict__.update({name: value for name, value in fields.items() if value != _ENTITY_DEFAULTS[name]})
    return entity


def _strings(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise GazetteerError(f"{where}: '{key}' must be a list of non-empty strings, got {shown(value)}")
    for number, item in enumerate(value, 1):
        if not isinstance(item, str) or not item.strip():
            problem = f"must be a list of non-empty strings: item {number} is {shown(item)}"
            raise GazetteerError(f"{where}: '{key}' {problem}")
    return [_string(v, key, where) for v in value]


def _string(value: str, key: str, where: str) -> str:
    """A name or phrase, stripped: one line of text (it is shown in one-line messages)."""
    if len(value) > MAX_STRING_CHARS:
        size = f"{len(value):,} characters (the limit is {MAX_STRING_CHARS:,})"
        raise GazetteerError(f"{where}: '{key}' holds a string of {size}")
    if _CONTROL.search(value.strip()):
        raise GazetteerError(f"{where}: '{key}' entry {shown(value)} holds a line break or a control character")
    return value.strip()


def _check_english_variants(
    canonical: str, correct: tuple[str, ...], variants: tuple[str, ...], reviewed: tuple[str, ...], where: str
) -> None:
    """A variant that is, as a whole, a word of the English lexicon would be
    rewritten where the word is meant (`variants: [and]` turned every "and"
    into the canonical): refused unless reviewed under `english_variants`.
    A variant of several words is a phrase, never the word alone; one that
    the engine reads as a correct form of its entity ("Irān", "IRAN") is the
    name itself, whatever the lexicon holds."""
    if not variants and not reviewed:
        return  # nothing to check: most entities, so their forms are not tokenized here
    listed = {_word_keys(variant) for variant in variants}
    for entry in reviewed:
        if _word_keys(entry) not in listed:
            raise GazetteerError(f"{where}: '{canonical}': english_variants entry '{entry}' is not one of its variants")
    skip = {_word_keys(form) for form in (*reviewed, *correct)}
    single = [(variant, keys[0]) for variant in variants if len(keys := _word_keys(variant)) == 1 and keys not in skip]
    if not single:
        return
    from normalizer.gazetteer.lexicon import english_words  # lazy: ~0.2 s, only when a file is parsed

    english = english_words()
    for variant, key in single:
        if key in english:
            raise GazetteerError(
                f"{where}: variant '{variant}' of '{canonical}' is also an English word: once reviewed, "
                "list it under the entity's 'english_variants'; otherwise remove it"
            )


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


def _word_keys(text: str) -> tuple[str, ...]:
    """The words of a form as the engine matches them (case and accents set aside)."""
    return tuple(token.key for token in tokenize(text))


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    size = len(part)
    return size > 0 and any(words[k : k + size] == part for k in range(len(words) - size + 1))


def _examples(value: Any, where: str) -> list[Example]:
    if not isinstance(value, list):
        raise GazetteerError(f"{where}: 'examples' must be a list of {{text, expect}} mappings")
    examples = []
    for item in value:
        ok = isinstance(item, dict) and isinstance(item.get("text"), str) and isinstance(item.get("expect"), str)
        if not ok or any(key is not LINE and key not in ("text", "expect") for key in item):
            raise GazetteerError(f"{where}: each example needs exactly 'text' and 'expect' strings")
        examples.append(Example(item["text"], item["expect"]))
    return examples
