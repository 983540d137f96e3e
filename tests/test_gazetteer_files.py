"""normalizer/gazetteer/files.py: the files the gazetteer tools read, validate, and how
they name an entity's forms."""

from __future__ import annotations

from pathlib import Path

from normalizer.folding import fold_form
from normalizer.gazetteer.files import (
    GazetteerFile,
    describe,
    entity_forms,
    gather_files,
    read_gazetteer_file,
    same_spelling,
    validate_files,
)
from normalizer.gazetteer.loading import Entity, bundled_dir


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = "entities:\n  - {canonical: Iran, kind: place}\n  - {canonical: London, kind: place}\nprotect: [Nice]\ncommon_words: [London]\n"


def test_read_gazetteer_file_keeps_the_files_own_lists(tmp_path):
    gfile = read_gazetteer_file(write(tmp_path, "g.yaml", GOOD))
    assert isinstance(gfile, GazetteerFile)
    assert [e.canonical for e in gfile.entities] == ["Iran", "London"]
    assert gfile.protect == {"Nice"} and gfile.common_words == {"London"}
    assert gfile.entities[1].origin == f"{tmp_path / 'g.yaml'}:3"


def test_gather_files_lists_each_file_once_bundled_first(tmp_path):
    own = write(tmp_path, "g.yaml", GOOD)
    (tmp_path / "sub").mkdir()
    assert gather_files([own, tmp_path, tmp_path / "sub" / ".." / "g.yaml"], bundled=False) == [own]
    with_bundled = gather_files([own], bundled=True)
    assert with_bundled[-1] == own
    assert {path.parent for path in with_bundled[:-1]} == {bundled_dir()}
    assert gather_files([*with_bundled[:1], own], bundled=True) == with_bundled  # a bundled file given again


def test_validate_files_reports_each_invalid_file_and_counts_the_rest(tmp_path):
    good = write(tmp_path, "a.yaml", GOOD)
    bad = write(tmp_path, "b.yaml", "entities:\n  - {canonical: X, kind: city}\n")
    validation = validate_files([good, bad])
    assert validation.files == 2 and validation.entities == 2
    assert len(validation.errors) == 1 and validation.errors[0].startswith(f"{bad}:2: ")
    assert validation.summary == "1 of 2 gazetteer file(s) invalid"
    assert validate_files([good]).summary == "1 file(s), 2 entities: valid"
    assert validate_files([good]).errors == ()


def test_same_spelling_sets_case_and_spacing_aside_but_not_accents():
    assert same_spelling("SAO  paulo") == same_spelling("Sao Paulo")
    assert same_spelling("Erdoğan") != same_spelling("Erdogan")  # a real variant for lint and add-variant
    assert fold_form("Erdoğan") == fold_form("Erdogan")  # the engine's key does meet them
    assert same_spelling("Tehra\u0301n") == same_spelling("Tehrán")  # composed and decomposed accents


def test_entity_forms_canonical_first_variants_last():
    entity = Entity("Iran", "place", variants=("Eran",), aliases=("Persia",), adjectives=("Iranian",), combining=("Irano",))
    assert list(entity_forms(entity)) == [
        ("canonical", "Iran"),
        ("aliases", "Persia"),
        ("adjectives", "Iranian"),
        ("combining", "Irano"),
        ("variants", "Eran"),
    ]


def test_describe_names_a_form_and_its_entity():
    iran = Entity("Iran", "place")
    assert describe("canonical", "Iran", iran) == "canonical 'Iran'"
    assert describe("combining", "Irano", iran) == "combining form 'Irano' of 'Iran'"
    assert describe("aliases", "Persia", iran) == "alias 'Persia' of 'Iran'"
