"""Names whose words are joined by a hyphen: a repair writes them joined as
the gazetteer does, and a listed variant that only joins them otherwise is
rewritten. The cases are the bundled gazetteer's own (people.yaml lists
"Hossein Amir Abdollahian" and "Amirabdollahian" as variants: AP and
Reuters hyphenate; subdivisions.yaml writes "Baden-Wurttemberg")."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of

NAMES = """\
entities:
  - canonical: Hossein Amir-Abdollahian
    kind: person
    variants: [Hossein Amir Abdollahian, Amirabdollahian]
  - {canonical: Baden-Wurttemberg, kind: place}
  - {canonical: Kassym-Jomart Tokayev, kind: person}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("joined"), NAMES)


def test_a_variant_written_apart_is_rewritten(engine):
    # Its words are the canonical's words: before, the text's own spelling
    # of the name was taken for a correct one, and the repair dropped.
    result = engine.normalize("Officials met Hossein Amir Abdollahian in the capital.")
    assert applied_changes(result) == [("Hossein Amir Abdollahian", "Hossein Amir-Abdollahian")]


def test_a_variant_written_apart_beside_the_name_written_right(engine):
    text = "Hossein Amir-Abdollahian spoke. Later Hossein Amir Abdollahian left."
    result = engine.normalize(text)
    assert result.text == "Hossein Amir-Abdollahian spoke. Later Hossein Amir-Abdollahian left."


def test_a_glued_variant_of_the_surname_writes_the_surname(engine):
    # Not the whole name: "Amirabdollahian" is the surname run together.
    result = engine.normalize("On Monday, Amirabdollahian said the talks would continue.")
    assert applied_changes(result) == [("Amirabdollahian", "Amir-Abdollahian")]


def test_a_garble_of_a_hyphenated_name_keeps_the_hyphen(engine):
    # One garbled word read as the name's two words: before, "Baden Wurttemberg".
    result = engine.normalize("Floods hit Badenwurttemberg on Monday.")
    assert applied_changes(result) == [("Badenwurttemberg", "Baden-Wurttemberg")]


def test_the_name_written_apart_and_not_listed_stays(engine):
    # Not a listed variant: the newsroom has not said that spelling is wrong.
    result = engine.normalize("Officials met Kassym Jomart Tokayev in the capital.")
    assert applied_changes(result) == []


def test_a_glued_surname_is_read_with_no_variant_listed(tmp_path):
    # A newsroom's gazetteer holds the canonical only: the surname of two
    # words, run together, is read like a whole name run together. Before,
    # a surname form was never a glued form, and "Amirabdollahian" stayed.
    engine = engine_of(tmp_path, "entities:\n  - {canonical: Hossein Amir-Abdollahian, kind: person}\n")
    for text in ("Foreign minister Hossein Amirabdollahian died.", "On Monday, Amirabdollahian said so."):
        assert applied_changes(engine.normalize(text)) == [("Amirabdollahian", "Amir-Abdollahian")]


SPLIT = """\
entities:
  - {canonical: Mahmoud Ahmadinejad, kind: person}
  - {canonical: Shanghai, kind: place}
"""


@pytest.fixture(scope="module")
def split_engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("split"), SPLIT)


@pytest.mark.parametrize(
    "text, change",
    [
        ("Former president Ahmadi-Nejad was disqualified.", ("Ahmadi-Nejad", "Ahmadinejad")),
        ("Former president Mahmoud Ahmadi-Nezhad spoke.", ("Ahmadi-Nezhad", "Ahmadinejad")),
        ("Shares fell in Shang-hai on Monday.", ("Shang-hai", "Shanghai")),
    ],
)
def test_a_one_word_name_written_as_two_hyphenated_words_is_joined(split_engine, text, change):
    # GeoNames prints such spellings of one-word cities ("Shang-hai", "Cwm-bran").
    assert applied_changes(split_engine.normalize(text)) == [change]


def test_two_words_apart_with_a_space_are_left(split_engine):
    # In real news two capitalized words apart are as often two names ("South West", "Ali Reza").
    result = split_engine.normalize("Former president Ahmadi Nejad was disqualified.")
    assert result.corrections == ()


def test_the_reason_says_the_name_was_written_as_two_words(split_engine):
    (correction,) = split_engine.normalize("Former president Ahmadi-Nejad spoke.").corrections
    assert correction.reasons[0] == "'Ahmadi-Nejad' ~ 'Ahmadinejad' written as two words: exact"
