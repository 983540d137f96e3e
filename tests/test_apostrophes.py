"""A name written with an apostrophe inside a word ("Sana'a" for Sanaa) is
the gazetteer's name in another spelling (candidates/apostrophes.py)."""

from __future__ import annotations

import pytest
from gazetteer_samples import applied_changes, engine_of

PLACES = """\
entities:
  - {canonical: Sanaa, kind: place}
  - {canonical: Marib, kind: place}
  - {canonical: Beto O'Rourke, kind: person}
  - {canonical: Kaaba, kind: place}
  - {canonical: Kaaba Trading, kind: organization, aliases: [Kaaba]}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("apostrophes"), PLACES)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Houthis control Sana'a and Ma'rib.", [("Sana'a", "Sanaa"), ("Ma'rib", "Marib")]),
        ("The Houthis control Sana’a.", [("Sana’a", "Sanaa")]),  # the typographic apostrophe
        ("SANA'A, Yemen (AP)", [("SANA'A", "SANAA")]),
        ("Sana'a's airport reopened.", [("Sana'a", "Sanaa")]),  # the possessive stays outside
    ],
)
def test_a_name_written_with_an_apostrophe_is_the_gazetteers_name(engine, text, expected):
    result = engine.normalize(text)
    assert applied_changes(result) == expected
    assert all("written with an apostrophe" in c.reasons[0] for c in result.corrections)


@pytest.mark.parametrize(
    "text",
    [
        "Beto O'Rourke spoke in El Paso.",  # the gazetteer writes the apostrophe: correct
        "He read the Qur'an.",  # its letters spell no name
    ],
)
def test_other_words_with_an_apostrophe_are_left_alone(engine, text):
    assert engine.normalize(text).corrections == ()


def test_letters_two_entities_spell_are_left_to_the_other_readings(engine):
    # "Kaaba" is a place and a company's alias: the apostrophe says neither.
    from normalizer.candidates import apostrophes
    from normalizer.document import Document
    from normalizer.mentions import find_mentions

    for text, found in (("Pilgrims circled the Ka'aba.", []), ("The Houthis hold Sana'a.", ["Sanaa"])):
        doc = Document(engine.index, text)
        assert [p.replacement for p in apostrophes.propose(doc, find_mentions(doc))] == found
