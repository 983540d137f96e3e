"""Editing a gazetteer file: reviewed variants (`normalize gazetteer add-variant`),
and the aliases, protected words and new entities a review teaches
(`normalizer.gazetteer.decisions`).

Every edit is made on the file's text at its place (`yaml_edit`), never by
re-dumping the YAML. One that collides with a form of another entity (in the
file, or in the bundled set the engine usually loads beside it) is refused;
the edited text is validated before it atomically replaces the file.

An entity of the bundled set (or of another file) is extended by a namesake
in this file: the same canonical and kind, with the new form. The engine loads
both, and a spelling of the newsroom's own file goes first.

With `--from-json`, the variants come from reviewed corrections (`normalize
--format json` output): a whole-name repair teaches its original; a person's
surname repaired alone teaches the full name with the garble in the
surname's place.

The editor reports with values, one `EditMessage` per edit asked for; the
command line prints them.
"""

from __future__ import annotations

import enum
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from normalizer.atomic import write_atomic
from normalizer.errors import GazetteerError
from normalizer.folding import fold_form
from normalizer.gazetteer.files import (
    CORRECT_FIELDS,
    SINGULAR,
    describe,
    entity_forms,
    gather_files,
    read_gazetteer_file,
    same_spelling,
)
from normalizer.gazetteer import reading
from normalizer.gazetteer.loading import Entity, parse_gazetteer
from normalizer.gazetteer.names import name_with_surname, surnames
from normalizer.gazetteer.yaml_edit import insert_entity, insert_form, insert_protect
from normalizer.tokens import tokenize

_BOM = b"\xef\xbb\xbf"
POSSESSIVE = re.compile(r"['’]s$")  # "Araghchi's": the name is without it

# fold_form key -> (entity, field, form) for every form but combining ones
FormsIndex = dict[str, list[tuple[Entity, str, str]]]


class RefusedEdit(Exception):
    """A variant that must not be added (it would collide); exit status 1."""


class Outcome(enum.Enum):
    """What became of one variant."""

    ADDED = "added"
    PRESENT = "present"  # the entity already has it: nothing to do
    SKIPPED = "skipped"  # a reviewed correction that teaches nothing to this file
    REFUSED = "refused"  # it would collide with another entity's form


@dataclass(frozen=True)
class EditMessage:
    """One line of the editor's report. Only an added variant is news for
    standard output; the rest are notes for standard error."""

    outcome: Outcome
    text: str

    @property
    def for_stderr(self) -> bool:
        return self.outcome is not Outcome.ADDED


def add_variant(
    file: Path, canonical: str, variant: str, line: int | None = None, bundled: bool = True
) -> list[EditMessage]:
    """Add `variant` to the entity `canonical` of `file` (at `line` when two share it)."""
    editor = VariantEditor(file, bundled)
    messages = [editor.add(editor.entity_named(canonical, line), variant)]
    editor.save()
    return messages


def add_from_json(file: Path, corrections_json: Path, bundled: bool = True) -> list[EditMessage]:
    """Add to `file` the variants taught by the reviewed corrections in `corrections_json`."""
    editor = VariantEditor(file, bundled)
    messages = [editor.add_reviewed(correction) for correction in read_corrections(corrections_json)]
    editor.save()
    return messages


class VariantEditor:
    """The text of one gazetteer file, edited one form at a time and saved once.

    `also`: other gazetteer files the engine loads beside it (a project's),
    whose forms count for collisions as the bundled set's do."""

    def __init__(self, file: Path, bundled: bool, also: Iterable[Path] = ()):
        self.file, self.name = file, str(file)
        # Read as the engine reads a gazetteer: a regular file only, bounded, UTF-16 named as such.
        raw = reading.read_bytes(file)
        self.bom = raw.startswith(_BOM)
        self.text = reading.decode(raw, self.name)
        self.entities, self.protect = parse_gazetteer(self.text, self.name)
        self.others: list[Entity] = []
        # The engine usually loads the bundled set beside a newsroom's file.
        for path in gather_files(list(also), bundled):
            if path.resolve() != file.resolve():
                self.others.extend(read_gazetteer_file(path).entities)
        self.index = forms_index([*self.entities, *self.others])
        self.changed = False

    def entity_named(self, canonical: str, line: int | None = None) -> Entity:
        return entity_named(self.entities, canonical, line, self.name)

    def add_reviewed(self, correction: Reviewed) -> EditMessage:
        """Add the variant a reviewed correction teaches, or say why not."""
        matches = [entity for entity in self.entities if entity.canonical == correction.entity]
        if len(matches) != 1:
            where = "is not in" if not matches else "is defined twice in"
            text = f"skipped '{correction.original}': '{correction.entity}' {where} {self.name}"
            return EditMessage(Outcome.SKIPPED, text)
        variant = variant_from_correction(matches[0], correction)
        if variant is None:
            return EditMessage(
                Outcome.SKIPPED,
                f"skipped '{correction.original}' -> '{correction.replacement}': neither the name "
                f"'{correction.entity}' nor its surname; add a variant by hand",
            )
        return self.add(matches[0], variant)

    def add(self, entity: Entity, variant: str) -> EditMessage:
        """Add `variant` to `entity` in the text (not yet on disk: see `save`)."""
        return self.add_form(entity, "variants", variant)

    def add_form(self, entity: Entity, field_name: str, form: str) -> EditMessage:
        """Add `form` to the list `field_name` (variants or aliases) of `entity`: an
        entity of this file, or of another (then to a namesake made here)."""
        singular = SINGULAR[field_name]
        in_file = any(own is entity for own in self.entities)
        if not in_file and entity.origin.rsplit(":", 1)[0] == self.name:
            raise GazetteerError(f"{self.name}: internal error: '{entity.canonical}' was read before the last edit")
        try:
            if not check_new_variant(entity, form, self.index, field_name):
                return EditMessage(Outcome.PRESENT, f"'{entity.canonical}' already has the {singular} '{form}'")
            if field_name == "variants":
                self._check_unprotected(form)
        except RefusedEdit as exc:
            return EditMessage(Outcome.REFUSED, f"{self.name}: refused: {exc}")
        if in_file:
            line = origin_line(entity)
            text = insert_form(self.text, self.name, entity.canonical, field_name, form, line)
            what = f"added {singular} '{form}' to '{entity.canonical}'"
        else:  # the entity of another file, or a new one
            line = None
            text = insert_entity(self.text, self.name, entity.canonical, entity.kind, {field_name: form})
            what = f"added '{entity.canonical}' ({entity.kind}) with the {singular} '{form}'"
        entities, protect = parse_gazetteer(text, self.name)  # re-validate the edited text before it is kept
        edited = [e for e in entities if e.canonical == entity.canonical and (line is None or origin_line(e) == line)]
        if not edited or form not in getattr(edited[-1], field_name):
            raise GazetteerError(f"{self.name}: internal error: the edit did not add '{form}' to '{entity.canonical}'")
        self._keep(text, entities, protect)
        return EditMessage(Outcome.ADDED, f"{self.name}:{origin_line(edited[-1])}: {what}")

    def add_entity(self, canonical: str, kind: str, variant: str) -> EditMessage:
        """A new entity `canonical` of `kind` with `variant` (the variant alone
        when the file has it already); refused when the name is another's form."""
        key = same_spelling(canonical)
        mine = [e for e in self.entities if same_spelling(e.canonical) == key and e.kind == kind]
        if mine:
            return self.add_form(mine[0], "variants", variant)
        new = Entity(canonical, kind)
        for other, other_field, form in self.index.get(fold_form(canonical), []):
            if not namesake(other, new):
                collision = f"new entity '{canonical}' collides with {describe(other_field, form, other)}"
                return EditMessage(Outcome.REFUSED, f"{self.name}: refused: {collision} ({other.origin})")
        return self.add_form(new, "variants", variant)

    def add_protect(self, word: str) -> EditMessage:
        """Add `word` to the file's `protect` list: never changed, never offered again."""
        if any(same_spelling(word) == same_spelling(kept) for kept in self.protect):
            return EditMessage(Outcome.PRESENT, f"'{word}' is already protected in {self.name}")
        try:
            check_protectable(word, [*self.entities, *self.others], self.entities)
        except RefusedEdit as exc:
            return EditMessage(Outcome.REFUSED, f"{self.name}: refused: {exc}")
        text = insert_protect(self.text, self.name, word)
        entities, protect = parse_gazetteer(text, self.name)
        if word not in protect:
            raise GazetteerError(f"{self.name}: internal error: the edit did not protect '{word}'")
        self._keep(text, entities, protect)
        return EditMessage(Outcome.ADDED, f"{self.name}: protected '{word}'")

    def _check_unprotected(self, variant: str) -> None:
        protected = {token.key: word for word in self.protect for token in tokenize(word)}
        for token in tokenize(variant):
            if token.key in protected:
                raise RefusedEdit(f"'{variant}' holds '{protected[token.key]}', which {self.name} protects")

    def _keep(self, text: str, entities: list[Entity], protect: set[str]) -> None:
        self.text, self.entities, self.protect, self.changed = text, entities, protect, True
        self.index = forms_index([*self.entities, *self.others])  # the file's lines moved: index it afresh

    def save(self) -> None:
        """Replace the file atomically with the edited text (its BOM, mode and owner
        kept; a read-only file refused), if anything changed."""
        if not self.changed:
            return
        write_atomic(self.file, (_BOM if self.bom else b"") + self.text.encode("utf-8"), in_place=True)
        read_gazetteer_file(self.file)  # the file on disk loads


def origin_line(entity: Entity) -> int:
    """The line of the file where the entity starts."""
    return int(entity.origin.rsplit(":", 1)[1])


def entity_named(entities: list[Entity], canonical: str, line: int | None, name: str) -> Entity:
    """The one entity called `canonical` (at `line`, when given and needed)."""
    matches = [entity for entity in entities if entity.canonical == canonical]
    if line is not None and len(matches) > 1:
        matches = [entity for entity in matches if origin_line(entity) == line]
    if not matches:
        raise GazetteerError(f"{name}: no entity with canonical '{canonical}'")
    if len(matches) > 1:
        lines = ", ".join(str(origin_line(entity)) for entity in matches)
        raise GazetteerError(f"{name}: several entities named '{canonical}' (lines {lines}); choose one with --line")
    return matches[0]


# ---------------------------------------------------------------- collisions


def forms_index(entities: Iterable[Entity]) -> FormsIndex:
    """Every form of `entities` but combining ones, by its folded key."""
    index: FormsIndex = {}
    for entity in entities:
        for field_name, form in entity_forms(entity):
            if field_name != "combining":
                index.setdefault(fold_form(form), []).append((entity, field_name, form))
    return index


def check_new_variant(entity: Entity, variant: str, index: FormsIndex, field_name: str = "variants") -> bool:
    """False when `entity` (or its namesake in another file) already has the
    form in `field_name`; raises RefusedEdit on a collision."""
    own = {same_spelling(form): (name, entity) for name, form in entity_forms(entity)}
    for other, other_field, form in index.get(fold_form(variant), []):
        if namesake(other, entity):
            own.setdefault(same_spelling(form), (other_field, other))
    found, holder = own.get(same_spelling(variant), (None, entity))
    if found == field_name:
        return False
    if found:
        raise RefusedEdit(f"'{variant}' is already the {SINGULAR[found]} of '{entity.canonical}' ({holder.origin})")
    for other, other_field, form in index.get(fold_form(variant), []):
        if not (other.canonical == entity.canonical and other.origin == entity.origin) and not namesake(other, entity):
            raise RefusedEdit(f"'{variant}' collides with {describe(other_field, form, other)} ({other.origin})")
    return True


def namesake(one: Entity, other: Entity) -> bool:
    """Entities of two files with the same canonical and kind: the newsroom's
    copy of a bundled entity, which the engine reads as one name."""
    return (
        one.origin.rsplit(":", 1)[0] != other.origin.rsplit(":", 1)[0]
        and one.kind == other.kind
        and same_spelling(one.canonical) == same_spelling(other.canonical)
    )


def check_protectable(word: str, entities: Iterable[Entity], own: Iterable[Entity]) -> None:
    """Raises RefusedEdit when protecting `word` would keep a name from being
    written (a word of a canonical, alias or adjective) or would undo a variant
    of this file (`own`): the engine protects word by word."""
    keys = {token.key for token in tokenize(word)}
    if not keys:
        raise RefusedEdit(f"'{word}' has no word to protect")
    for entity in entities:
        for field_name, form in entity_forms(entity):
            if field_name in CORRECT_FIELDS and keys & {token.key for token in tokenize(form)}:
                blocked = describe(field_name, form, entity)
                raise RefusedEdit(f"protecting '{word}' would keep the {blocked} from being written ({entity.origin})")
    for entity in own:
        for variant in entity.variants:
            if keys & {token.key for token in tokenize(variant)}:
                raise RefusedEdit(f"'{word}' is in the variant '{variant}' of '{entity.canonical}' ({entity.origin})")


# ---------------------------------------------------------------- reviewed corrections


@dataclass(frozen=True)
class Reviewed:
    """One correction of `normalize --format json` output: `original` was rewritten
    to `replacement` as a mention of `entity`."""

    entity: str
    original: str
    replacement: str


def read_corrections(path: Path) -> list[Reviewed]:
    """The corrections of a JSON report (raises GazetteerError when it cannot be read)."""
    try:
        return corrections_from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GazetteerError(f"{path}: cannot read corrections JSON: {exc}") from None


def corrections_from_json(data: Any) -> list[Reviewed]:
    """Every mapping with string `entity`, `original` and `replacement`, wherever
    it sits in the document (a list of findings, or results with `corrections`)."""
    found: list[Reviewed] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if all(isinstance(value.get(k), str) for k in ("entity", "original", "replacement")):
                found.append(Reviewed(value["entity"], value["original"], value["replacement"]))
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    return list(dict.fromkeys(found))


def variant_from_correction(entity: Entity, correction: Reviewed) -> str | None:
    """The variant a reviewed correction teaches, or None when it teaches none.

    A whole-name repair gives its original. A person's surname repaired alone
    ("Aragut" -> "Araghchi" of "Abbas Araghchi") gives the full name with the
    garbled surname ("Abbas Aragut"): the engine derives the surname variant
    from it, while a bare "Aragut" would be rewritten to the whole canonical.
    """
    original, replacement = correction.original.strip(), correction.replacement.strip()
    if POSSESSIVE.search(original) and POSSESSIVE.search(replacement):
        original, replacement = original[:-2], replacement[:-2]
    if (original.isupper() or original.islower()) and entity.canonical != entity.canonical.lower():
        original = original.title()  # a headline's capitals or a garble's lost ones are not the name's
    if replacement.casefold() == entity.canonical.casefold():  # the engine keeps a headline's capitals
        return original
    if entity.kind != "person":
        return None
    for surname in surnames(entity):
        if replacement.casefold() == surname.casefold():
            return name_with_surname(entity, surname, original)
    return None
