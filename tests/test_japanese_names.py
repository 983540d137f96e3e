"""A Japanese name in the order Japan's government writes it in English,
surname first (normalizer.gazetteer.japanese_names), and the table of
Japanese given names and surnames it knows one by, made from UniDic by
tools/generate_japanese_names.py."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of
from normalizer.gazetteer.japanese_names import is_japanese_name, japanese_key, surname_first_forms
from normalizer.gazetteer.loading import Entity
from normalizer.gazetteer.names import person_forms
from tool_scripts import tool_script


def test_regenerating_gives_the_committed_file():
    generator = tool_script("generate_japanese_names")
    assert generator.render() == generator.OUT.read_text(encoding="utf-8"), (
        "python tools/generate_japanese_names.py changes the committed table"
    )


@pytest.mark.parametrize("spellings", [("Shinzo", "Shinzou", "Shinzō"), ("Ono", "Ohno", "Ōno")])
def test_a_long_vowel_is_one_key_however_written(spellings):
    assert len({japanese_key(word) for word in spellings}) == 1


@pytest.mark.parametrize(
    "name, japanese",
    [
        ("Fumio Kishida", True),
        ("Shigeru Ishiba", True),
        ("Sanae Takaichi", True),
        ("Barack Obama", False),  # Obama is a Japanese surname; Barack no Japanese given name
        ("Benjamin Netanyahu", False),  # letters Japanese could write, but no Japanese name
        ("Kishida Fumio", False),  # already surname first
    ],
)
def test_a_japanese_name_is_known_by_its_words(name, japanese):
    assert is_japanese_name(*name.split()) is japanese
    assert bool(surname_first_forms(name)) is japanese


def test_the_surname_first_order_is_a_correct_form_of_the_person():
    assert ("Kishida Fumio", "alias", "Kishida Fumio") in person_forms(Entity("Fumio Kishida", "person"))
    # A `surname` field gives the name's order: no other order is derived.
    assert all(form != "Kishida Fumio" for form, _, _ in person_forms(Entity("Fumio Kishida", "person", surname=("Kishida",))))


def test_a_garble_of_the_name_surname_first_is_repaired_in_that_order(tmp_path):
    engine = engine_of(tmp_path, "entities:\n  - {canonical: Fumio Kishida, kind: person}\n")
    # Kunrei-shiki (ISO 3602), as Japan's official documents romanize, in Japan's order.
    result = engine.normalize("Prime Minister Kisida Humio called an election.")
    assert applied_changes(result) == [("Kisida Humio", "Kishida Fumio")]
    assert engine.normalize("Prime Minister Kishida Fumio called an election.").corrections == ()
