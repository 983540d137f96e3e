"""`normalize gazetteer add-variant`: add reviewed variants to a gazetteer file.

A variant is added by editing the file's text at the entity (`yaml_edit`),
never by re-dumping the YAML. One that collides with a form of another entity
(in the file, or in the bundled set the engine usually loads beside it) is
refused; the edited text is validated before it atomically replaces the file.

With `--from-json`, the variants come from reviewed corrections (`normalize
--format json` output): a whole-name repair teaches its original; a person's
surname repaired alone teaches the full name with the garble in the
surname's place.

The editor reports with values, one `EditMessage` per variant asked for; the
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
    SINGULAR,
    describe,
    entity_forms,
    gather_files,
    read_gazetteer_file,
    same_spelling,
)
from normalizer.gazetteer.loading import Entity, parse_gazetteer
from normalizer.gazetteer.names import name_with_surname, surnames
from normalizer.gazetteer.yaml_edit import insert_variant

_BOM = b"\xef\xbb\xbf"
_POSSESSIVE = re.compile(r"['’]s$")

# fold_form key -> (entity, field, form) for every form but combining ones
FormsIndex = dict[str, list[tuple[Entity, str, str]]]


class RefusedEdit(Exception):
    """A variant that must not be added (it would collide); exit status 1."""


class Outcome(enum.Enum):
    """What became of one variant."""

    ADDED = "added"
    PRESENT = "present"  # the entity already has it: nothing to do
    SKIPPED = "skipped"  # a reviewed correction that teaches no variant of this file
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
    """The text of one gazetteer file, edited one variant at a time and saved once."""

    def __init__(self, file: Path, bundled: bool):
        if not file.is_file():
            raise GazetteerError(f"{file}: gazetteer file not found")
        self.file, self.name = file, str(file)
        raw = file.read_bytes()
        self.bom = raw.startswith(_BOM)
        try:
            self.text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise GazetteerError(f"{file}: not UTF-8 text (byte {exc.start})") from None
        self.entities, _ = parse_gazetteer(self.text, self.name)
        others = []
        if bundled:  # the engine usually loads the bundled set beside a newsroom's file
            for path in gather_files([], bundled=True):
                if path.resolve() != file.resolve():
                    others.extend(read_gazetteer_file(path).entities)
        self.index = forms_index([*self.entities, *others])
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
        try:
            if not check_new_variant(entity, variant, self.index):
                return EditMessage(Outcome.PRESENT, f"'{entity.canonical}' already has the variant '{variant}'")
        except RefusedEdit as exc:
            return EditMessage(Outcome.REFUSED, f"{self.name}: refused: {exc}")
        line = origin_line(entity)
        text = insert_variant(self.text, self.name, entity.canonical, variant, line)
        entities, _ = parse_gazetteer(text, self.name)  # re-validate the edited text before it is kept
        edited = entity_named(entities, entity.canonical, line, self.name)
        if variant not in edited.variants:
            raise GazetteerError(f"{self.name}:{line}: internal error: the edit did not add '{variant}'")
        self.text, self.entities, self.changed = text, entities, True
        self.index.setdefault(fold_form(variant), []).append((edited, "variants", variant))
        return EditMessage(Outcome.ADDED, f"{self.name}:{line}: added variant '{variant}' to '{entity.canonical}'")

    def save(self) -> None:
        """Replace the file atomically with the edited text (its BOM and mode kept), if anything changed."""
        if not self.changed:
            return
        write_atomic(self.file, (_BOM if self.bom else b"") + self.text.encode("utf-8"))
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


def check_new_variant(entity: Entity, variant: str, index: FormsIndex) -> bool:
    """False when `entity` already has the variant; raises RefusedEdit on a collision."""
    own = {same_spelling(form): field_name for field_name, form in entity_forms(entity)}
    field_name = own.get(same_spelling(variant))
    if field_name == "variants":
        return False
    if field_name:
        raise RefusedEdit(f"'{variant}' is already the {SINGULAR[field_name]} of '{entity.canonical}' ({entity.origin})")
    for other, other_field, form in index.get(fold_form(variant), []):
        if other.canonical != entity.canonical or other.origin != entity.origin:
            raise RefusedEdit(f"'{variant}' collides with {describe(other_field, form, other)} ({other.origin})")
    return True


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
    if _POSSESSIVE.search(original) and _POSSESSIVE.search(replacement):
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
