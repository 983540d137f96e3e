"""`normalize gazetteer import FILE`: a newsroom's own list, or a Wikidata export,
made into a gazetteer without hand-written YAML.

`import_sources` reads the rows, whatever the shape; this module makes each
row an entity, refusing what `add-variant` refuses: a name or form that is
another entity's (of the bundled set, or of an earlier row), a variant that
is an English word (no one has reviewed it), and anything the loader refuses
(a bad region or `checked`, a surname that is no part of the name). A row
whose canonical cannot be taken is skipped; a single form that cannot is left
out of its entity. Each is reported, one line with its row number.

The result is written one entity per line, in the flow style of the
hand-written files, with a header naming the file it came from; it is read
back with the engine's loader before it is written (atomically).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from normalizer.atomic import write_atomic
from normalizer.errors import GazetteerError
from normalizer.folding import fold_form
from normalizer.gazetteer.edit import FormsIndex, RefusedEdit, check_new_variant, forms_index, namesake
from normalizer.gazetteer.files import describe, gather_files, read_gazetteer_file, same_spelling
from normalizer.gazetteer.import_sources import LIST_COLUMNS, Row, Source, read_source
from normalizer.gazetteer.loading import KINDS, Entity, parse_file
from normalizer.gazetteer.yaml_edit import _yaml_scalar as yaml_scalar
from normalizer.tokens import tokenize

# The order fields are written in, as the hand-written files have them.
FIELD_ORDER = ("canonical", "kind", "variants", "aliases", "surname", "context", "past_context", "region", "checked", "sources")
# A Wikidata description is a context phrase when it reads as one: "Prime Minister
# of Latvia", "Finnish politician"; not "American businessman (born 1946)" or a
# sentence. One that starts with "former" is a past office.
DESCRIPTION_MAX_WORDS = 6
_NOT_A_PHRASE = re.compile(r"[\d()\[\],;:]")
_FORMER = re.compile(r"(?i)former\s+")
_LOADER_PLACE = re.compile(r"^.*?:\d+: ")  # "FILE:ROW:LINE: " of a loader message


@dataclass
class ImportReport:
    """What an import made and what it refused, in the order of the rows."""

    shape: str
    rows: int = 0
    entities: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # one line per row skipped or form left out, in row order
    skipped: int = 0
    left_out: int = 0
    ignored: tuple[str, ...] = ()

    @property
    def refused(self) -> bool:
        return bool(self.skipped or self.left_out)

    def summary(self, source: str, target: str) -> str:
        parts = [f"{len(self.entities)} of {self.rows} row(s) imported from {source} into {target}"]
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        if self.left_out:
            parts.append(f"{self.left_out} form(s) left out")
        return ", ".join(parts)


def import_rows(path: Path, kind: str | None = None, bundled: bool = True) -> ImportReport:
    """Read `path` and make its rows entities (raises GazetteerError on bad input)."""
    if kind is not None and kind not in KINDS:
        raise GazetteerError(f"import: --kind must be one of {', '.join(KINDS)}, got {kind!r}")
    source = read_source(path)
    others = [e for file in gather_files([], bundled) for e in read_gazetteer_file(file).entities] if bundled else []
    importer = _Importer(str(path), source, kind, forms_index(others))
    return importer.run()


class _Importer:
    def __init__(self, name: str, source: Source, kind: str | None, index: FormsIndex):
        self.name, self.source, self.kind, self.index = name, source, kind, index
        self.report = ImportReport(source.shape, len(source.rows), ignored=source.ignored)
        self.seen: dict[tuple[str, str], int] = {}  # (canonical, kind) -> the row that gave it

    def run(self) -> ImportReport:
        for row in self.source.rows:
            self.take(row)
        return self.report

    def take(self, row: Row) -> None:
        values = dict(row.values)
        if self.source.wikidata:
            _add_description(values, row.description)
            if row.item:
                values["sources"] = [*_texts(values.get("sources", [])), f"Wikidata: {row.item}"]
        try:
            entry = self.entry(row, values)
        except RefusedEdit as exc:
            self.report.notes.append(f"{self.name}: {row.where}: skipped: {exc}")
            self.report.skipped += 1
            return
        for key, owners in forms_index([entry["entity"]]).items():
            self.index.setdefault(key, []).extend(owners)
        self.seen[(same_spelling(entry["entity"].canonical), entry["entity"].kind)] = row.number
        self.report.entities.append(entry["fields"])

    def entry(self, row: Row, values: dict[str, Any]) -> dict[str, Any]:
        if row.unusable:
            raise RefusedEdit(row.unusable)
        canonical = _text(values.get("canonical"), "canonical", row)
        if not canonical:
            raise RefusedEdit("no English label" if self.source.wikidata else "no canonical")
        kind = _text(values.get("kind"), "kind", row) or self.kind
        if kind is None:
            raise GazetteerError(f"{self.name}: {row.where}: '{canonical}' has no kind: give a kind column or --kind")
        if kind not in KINDS:
            raise GazetteerError(f"{self.name}: {row.where}: '{canonical}': kind must be one of {', '.join(KINDS)}, got {kind!r}")
        earlier = self.seen.get((same_spelling(canonical), kind))
        if earlier is not None:
            raise RefusedEdit(f"'{canonical}' ({kind}) repeats row {earlier}")
        entity = Entity(canonical, kind, origin=f"{self.name}:{row.number}")
        for other, other_field, form in self.index.get(fold_form(canonical), []):
            if not namesake(other, entity):
                raise RefusedEdit(f"'{canonical}' collides with {describe(other_field, form, other)} ({other.origin})")
        fields: dict[str, Any] = {"canonical": canonical, "kind": kind}
        for name in ("aliases", "variants"):  # correct forms first: a variant is checked against them
            kept = [form for form in _texts(values.get(name, []), name, row) if self.keep(entity, name, form, row)]
            entity = _with(entity, name, kept)
            fields[name] = kept
        for name in ("surname", "context", "past_context", "sources"):
            fields[name] = list(dict.fromkeys(_texts(values.get(name, []), name, row)))
        for name in ("region", "checked"):
            fields[name] = _text(values.get(name), name, row)
        fields = {name: fields[name] for name in FIELD_ORDER if fields.get(name)}
        try:  # what the loader refuses (a region, a month, a surname), as it says it, without its file:line
            [loaded] = parse_file(entities_yaml([fields]), f"{self.name}:{row.number}").entities
        except GazetteerError as exc:
            raise RefusedEdit(_LOADER_PLACE.sub("", str(exc), count=1)) from None
        return {"entity": replace(loaded, origin=entity.origin), "fields": fields}

    def keep(self, entity: Entity, name: str, form: str, row: Row) -> bool:
        """Whether `form` may join `entity`'s `name` list; a refusal is reported."""
        singular = {"aliases": "alias", "variants": "variant"}[name]
        if name == "aliases" and same_spelling(form) == same_spelling(entity.canonical):
            return False  # the label again, in other capitals (Wikidata has many): nothing to add
        try:
            if not check_new_variant(entity, form, self.index, name):  # a collision raises
                return False
            if name == "variants" and _english_word(form, entity):
                raise RefusedEdit(
                    f"'{form}' is also an English word: once reviewed, list it under the entity's "
                    "variants and english_variants by hand"
                )
            return True
        except RefusedEdit as exc:
            self.report.notes.append(f"{self.name}: {row.where}: left out the {singular} of '{entity.canonical}': {exc}")
            self.report.left_out += 1
            return False


def _with(entity: Entity, name: str, forms: list[str]) -> Entity:
    return replace(entity, **{name: tuple(forms)})


def _text(value: Any, name: str, row: Row) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise RefusedEdit(f"'{name}' must be text, got {type(value).__name__}")
    return value.strip() or None


def _texts(value: Any, name: str = "sources", row: Row | None = None) -> list[str]:
    """A list field's items, stripped, each once (case and spacing set aside)."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise RefusedEdit(f"'{name}' must be text or a list of text")
    unique: dict[str, str] = {}
    for item in items:
        if item.strip():
            unique.setdefault(same_spelling(item), item.strip())
    return list(unique.values())


def _english_word(form: str, entity: Entity) -> bool:
    """A one-word variant the loader would refuse: an English word that is not a
    correct form of its entity (see loading._check_english_variants)."""
    keys = tuple(token.key for token in tokenize(form))
    if len(keys) != 1:
        return False
    correct = {tuple(token.key for token in tokenize(name)) for name in entity.correct_forms}
    if keys in correct:
        return False
    from normalizer.gazetteer.lexicon import english_words

    return keys[0] in english_words()


def _add_description(values: dict[str, Any], description: str) -> None:
    """Wikidata's description as a context phrase (a former office as past
    context) when it reads as a phrase of running text."""
    text = " ".join(description.split())
    if not text or _NOT_A_PHRASE.search(text) or len(text.split()) > DESCRIPTION_MAX_WORDS:
        return
    former = _FORMER.match(text)
    name = "past_context" if former else "context"
    phrase = text[former.end() :] if former else text
    if phrase:
        values[name] = [*_texts(values.get(name, []), name), phrase]


# ---------------------------------------------------------------- the YAML


def entities_yaml(entities: list[dict[str, Any]], header: str = "") -> str:
    """A gazetteer of `entities`, one flow mapping a line, after `header` (comment lines)."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    if not entities:
        return "\n".join([*lines, "entities: []", ""])
    lines.append("entities:")
    for fields in entities:
        pairs = []
        for name, value in fields.items():
            shown = "[" + ", ".join(yaml_scalar(item) for item in value) + "]" if name in LIST_COLUMNS else yaml_scalar(value)
            pairs.append(f"{name}: {shown}")
        lines.append("  - {" + ", ".join(pairs) + "}")
    return "\n".join(lines) + "\n"


def header_for(source: str, shape: str) -> str:
    """The comment at the top of an imported file."""
    printable = "".join(char if char.isprintable() else "?" for char in source)
    return (
        f"Imported from {printable} ({shape}) by `normalize gazetteer import`.\n"
        "Check the offices (context) and add checked: YYYY-MM to each person once checked;\n"
        "`normalize gazetteer lint` reports people never checked."
    )


def check_output(output: Path, source: Path, force: bool) -> None:
    """Refuse an output that would replace the input, a folder, or a file without --force."""
    if output.is_dir():
        raise GazetteerError(f"{output}: is a directory; give the gazetteer file to write")
    if output.exists() and output.resolve() == source.resolve():
        raise GazetteerError(f"{output}: is the file being imported; give another output")
    if output.exists() and not force:
        raise GazetteerError(f"{output}: exists; give --force to replace it")


def write_gazetteer(output: Path, text: str, source: Path, force: bool) -> None:
    """Read `text` back with the engine's loader, then write it atomically: a
    new file with the permissions of the list it came from, a replaced one
    (--force) with its own."""
    check_output(output, source, force)
    parse_file(text, str(output))
    try:
        if output.exists():
            write_atomic(output, text, in_place=True)
        else:
            write_atomic(output, text, like=source)
    except OSError as exc:
        raise GazetteerError(f"{output}: cannot write: {exc.strerror or exc}") from None
