"""Marks no real name is spelled with, on an intact name of several words:
the gazetteer's letters are written there (candidates.exact._marks). A real
name's own marks, and a name the gazetteer writes with them, stay."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of
from normalizer.gazetteer.name_words import is_marked_name_word

PEOPLE = """\
entities:
  - {canonical: Javier Milei, kind: person}
  - {canonical: Ali Khamenei, kind: person}
  - {canonical: Mark Rutte, kind: person}
  - {canonical: Recep Tayyip Erdogan, kind: person, aliases: [Recep Tayyip Erdoğan]}
  - {canonical: Jose Mourinho, kind: person}
  - {canonical: Viktor Orbán, kind: person}
  - {canonical: Shinzo Abe, kind: person}
  - {canonical: Evika Silina, kind: person}
  - {canonical: To Lam, kind: person}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("marks"), PEOPLE)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Argentina's Javier Mileí cut spending.", [("Mileí", "Milei")]),  # a typist's accent
        ("Mohammad Zarif resigned, and Ali Khameneï accepted.", [("Khameneï", "Khamenei")]),  # French, through MT
        ("NATO chief Mark Rûtte arrived.", [("Rûtte", "Rutte")]),  # GOST 7.79's ю
        ("JAVIER MILEÍ SPOKE.", [("MILEÍ", "MILEI")]),  # the text's capitals kept
    ],
)
def test_stray_marks_on_an_intact_name_are_dropped(engine, text, expected):
    assert applied_changes(engine.normalize(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Recep Tayyip Erdoğan spoke in Ankara.",  # the gazetteer writes it so
        "José Mourinho was sacked.",  # Portuguese
        "Evika Siliņa spoke in Riga.",  # Latvian: a real name's spelling the gazetteer writes plain
        "Viktor Orban spoke in Budapest.",  # plain letters where the gazetteer has marks: English writes so
        "Shinzō Abe was shot.",  # Hepburn's macron marks a long vowel
        "Mileí said so.",  # a word alone: perhaps somebody else's name
        # Vietnamese: "Lâm" is a real name's spelling, so the name is written in its own
        # orthography, and "Tô" with it (it was "To Lâm", half of each)
        "General Secretary Tô Lâm met Putin.",
    ],
)
def test_real_marks_and_lone_words_stay(engine, text):
    assert applied_changes(engine.normalize(text)) == []


def test_the_guard_is_the_list_of_real_spellings():
    assert is_marked_name_word("José") and is_marked_name_word("Orbán") and is_marked_name_word("Siliņa")
    assert not is_marked_name_word("Mileí") and not is_marked_name_word("Khameneï")
