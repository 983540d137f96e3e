"""normalizer/gazetteer/files.py: the files the gazetteer tools read, validate, and how
they name an entity's forms."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import installed_normalize

from normalizer.errors import GazetteerError
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
from normalizer.gazetteer.reading import LINE


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


# ---------------------------------------------------------------- variants that are English words

ANDORRA = "entities:\n  - canonical: Andorra\n    kind: place\n    variants: [and]\n"
REFUSED = (
    "{path}:2: variant 'and' of 'Andorra' is also an English word: once reviewed, "
    "list it under the entity's 'english_variants'; otherwise remove it"
)


def normalize(*args: str | Path, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([installed_normalize(), *map(str, args)], input=stdin, capture_output=True, text=True)


def test_validate_and_normalize_refuse_a_variant_that_is_an_english_word(tmp_path):
    path = write(tmp_path, "g.yaml", ANDORRA)
    validated = normalize("gazetteer", "validate", path)
    assert (validated.returncode, validated.stderr) == (2, REFUSED.format(path=path) + "\n")
    run = normalize("--no-bundled", "-g", path, "-", stdin="Bread and butter.\n")
    assert (run.returncode, run.stdout) == (2, "")  # before: "Bread Andorra butter."
    assert run.stderr == f"normalize: error: {REFUSED.format(path=path)}\n"


def test_a_reviewed_english_variant_loads(tmp_path):
    reviewed = write(tmp_path, "g.yaml", ANDORRA + "    english_variants: [AND]\n")
    assert read_gazetteer_file(reviewed).entities[0].english_variants == ("AND",)
    assert normalize("gazetteer", "validate", reviewed).returncode == 0


def test_only_a_variant_that_is_a_word_by_itself_needs_a_review(tmp_path):
    fine = write(tmp_path, "g.yaml", """entities:
  - canonical: Iran
    kind: place
    variants: ["Irān", IRAN, Islamic Republic of Iran, Eran]   # the name itself; a phrase; no word
  - canonical: Abbas Araghchi
    kind: person
    variants: [Abbas the Great]
""")
    assert [e.variants for e in read_gazetteer_file(fine).entities][1] == ("Abbas the Great",)
    stray = write(tmp_path, "stray.yaml", ANDORRA + "    english_variants: [and, or]\n")
    with pytest.raises(GazetteerError, match=r"stray.yaml:2: 'Andorra': english_variants entry 'or' is not one of its variants"):
        read_gazetteer_file(stray)


def test_the_bundled_english_variants_are_the_reviewed_ones():
    """Each is a former spelling of a name, also in the lexicon: reviewed, not removed."""
    reviewed = {
        (entity.canonical, variant)
        for path in gather_files([], bundled=True)
        for entity in read_gazetteer_file(path).entities
        for variant in entity.english_variants
    }
    assert reviewed == {
        ("Kyiv", "Kiev"),
        ("Kharkiv", "Kharkov"),
        ("Luhansk", "Lugansk"),
        ("Zaporizhzhia", "Zaporozhye"),
        ("Sheikh", "Shaykh"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "entities:\n  - {canonical: \"São Paulo\", kind: place, threshold: 0.9}\n  - canonical: Foo\n    kind: person\n    variants: [Fo, Phoo]\n",
        "a: [1, 2.5, true, null, ~, '', x, 0x1F, .inf, yes]\nb: {c: {d: [e, {f: g}]}}\n",
        "a: !!str 3\nb: !!float 1\nc: !!map {d: e}\nd: !!seq [f]\n",
        "a: 2001-12-14\nb: !!binary aGk=\nc: !!omap [d: e]\n",
        "<<: {a: 1}\nb: 2\n",
        "a: &x [1]\nb: *x\n",
        "1: x\nnull: y\n",
        "[" * 150 + "]" * 150,
        "",
        "just text",
    ],
)
def test_a_plain_document_is_built_as_pyyaml_builds_it(text, monkeypatch):
    from normalizer.gazetteer import reading

    plain = reading.load_yaml(text, "g.yaml")
    monkeypatch.setattr(reading, "_PLAIN_DEPTH", -1)  # every collection left to PyYAML
    assert reading.load_yaml(text, "g.yaml") == plain


MIXED = (
    'entities:\n  - {canonical: " Iran ", kind: place}\n  - canonical: Foo\n    kind: person\n    variants: [Fo]\n'
    '  - {canonical: "Bar Baz", kind: organization}\n'
)


@pytest.mark.parametrize(
    "text",
    [
        MIXED,
        MIXED + '  - {canonical: "Qux\\n", kind: person}\n',  # stripped: no line break left, no error
        MIXED + "  - {canonical: Qux, kind: person, threshold: 0.5}\n",
    ],
)
def test_entities_of_a_canonical_and_a_kind_are_made_as_any_other(text, monkeypatch):
    from normalizer.gazetteer import loading, simple_entities

    fast = loading.parse_file(text, "g.yaml").entities
    assert any(entity is not None for entity in simple_entities.simple_entities([{"canonical": "A", "kind": "place", LINE: 1}], "g"))
    monkeypatch.setattr(simple_entities, "simple_entities", lambda entries, name: [None] * len(entries))
    slow = loading.parse_file(text, "g.yaml").entities
    assert fast == slow
    assert [list(entity.__dict__.items()) for entity in fast] == [list(entity.__dict__.items()) for entity in slow]


def test_an_entity_keeps_only_the_fields_it_gives():
    # The defaults are the class's (some 1 kB less an entity of a large
    # gazetteer); an entity reads, compares and copies as with all 17 set.
    from dataclasses import replace

    from normalizer.gazetteer import loading

    simple, full = loading.parse_file(MIXED, "g.yaml").entities[:2]
    assert set(simple.__dict__) == {"canonical", "kind", "origin"}
    assert set(full.__dict__) == {"canonical", "kind", "variants", "origin"}
    assert (simple.aliases, simple.threshold, simple.examples, simple.bundled) == ((), None, (), False)
    assert simple == loading.Entity("Iran", "place") and replace(simple, bundled=True).bundled


@pytest.mark.parametrize(
    "extra, message",
    [
        ('  - {canonical: "A\\u0007", kind: person}\n', r"g.yaml:8: 'canonical' entry 'A\\x07' holds"),
        ("  - {canonical: A, kind: people}\n", r"g.yaml:8: 'A': kind must be one of"),
        ('  - {canonical: " ", kind: person}\n', r"g.yaml:8: entity needs a non-empty string 'canonical'"),
        ("  - {canonical: A, kind: [person]}\n", r"g.yaml:8: 'A': kind must be one of"),
        ("  - {canonical: 5, kind: person}\n", r"g.yaml:8: entity needs a non-empty string 'canonical', got 5"),
    ],
)
def test_the_first_problem_is_named_whichever_entries_are_simple(extra, message):
    from normalizer.gazetteer.loading import parse_file

    # A simple entry's problem after an entry with another problem: the first is named.
    with pytest.raises(GazetteerError, match=r"g.yaml:7: 'B': kind must be one of"):
        parse_file(MIXED + "  - canonical: B\n    kind: nobody\n" + extra, "g.yaml")
    with pytest.raises(GazetteerError, match=message):
        parse_file(MIXED.replace("entities:\n", "entities:\n  - {canonical: C, kind: place}\n") + extra, "g.yaml")
