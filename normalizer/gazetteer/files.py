"""The gazetteer files the tools work on, and how the tools name an entity's forms.

`normalize gazetteer validate|lint|stats|add-variant` read files with the
engine's own loader (`loading.read_file`), so a file the tools accept is a
file the engine loads. This module gathers the files of a command, keeps
each file's own `protect` and `common_words` beside its entities (the engine
merges them), checks their schema (`validate`), and names the forms of an
entity the way every message of the tools does.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from normalizer.errors import NormalizerError
from normalizer.gazetteer.loading import Entity, bundled_dir, expand_paths, read_file

# Fields whose forms are right as written, and the singular used in messages.
CORRECT_FIELDS = ("canonical", "aliases", "adjectives")
SINGULAR = {
    "canonical": "canonical",
    "variants": "variant",
    "aliases": "alias",
    "adjectives": "adjective",
    "combining": "combining form",
    "surname": "surname",
}


@dataclass(frozen=True)
class GazetteerFile:
    """One parsed file: its entities, its own `protect` and `common_words` lists."""

    path: Path
    entities: tuple[Entity, ...]
    protect: frozenset[str]
    common_words: frozenset[str] = frozenset()


def gather_files(paths: Iterable[str | Path], bundled: bool) -> list[Path]:
    """The bundled files (if asked) and the given files and folders, each once."""
    files = expand_paths([bundled_dir()] if bundled else []) + expand_paths(paths)
    unique: dict[Path, Path] = {}
    for path in files:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def read_gazetteer_file(path: Path) -> GazetteerFile:
    """Parse one file with the engine's own loader (raises GazetteerError)."""
    parsed = read_file(path)
    return GazetteerFile(path, parsed.entities, parsed.protect, parsed.common_words)


@dataclass(frozen=True)
class Validation:
    """The schema check of some files: one error per invalid file."""

    files: int
    entities: int
    errors: tuple[str, ...]

    @property
    def summary(self) -> str:
        if self.errors:
            return f"{len(self.errors)} of {self.files} gazetteer file(s) invalid"
        return f"{self.files} file(s), {self.entities} entities: valid"


def validate_files(files: list[Path]) -> Validation:
    """Read every file; an invalid one gives its error (file:line: message)."""
    entities = 0
    errors = []
    for path in files:
        try:
            entities += len(read_gazetteer_file(path).entities)
        except NormalizerError as exc:
            errors.append(str(exc))
    return Validation(len(files), entities, tuple(errors))


# ---------------------------------------------------------------- an entity's forms


def same_spelling(form: str) -> str:
    """The key of spellings that differ only by case and spacing (accents still
    count: "Erdogan" is a real variant of "Erdoğan"), unlike `folding.fold_form`."""
    return " ".join(unicodedata.normalize("NFC", form).casefold().split())


def entity_forms(entity: Entity) -> Iterable[tuple[str, str]]:
    """(field, form) for every spelling of an entity, canonical first, variants last."""
    yield "canonical", entity.canonical
    for field_name in ("aliases", "adjectives", "combining", "variants"):
        for form in getattr(entity, field_name):
            yield field_name, form


def describe(field_name: str, form: str, entity: Entity) -> str:
    """A form as messages name it: "canonical 'Iran'", "variant 'Eran' of 'Iran'"."""
    if field_name == "canonical":
        return f"canonical '{form}'"
    return f"{SINGULAR[field_name]} '{form}' of '{entity.canonical}'"
