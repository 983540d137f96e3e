"""Arabic compound given names run together ("Abubakr al-Baghdadi" for Abu
Bakr al-Baghdadi): the variant each such name gets
(normalizer/gazetteer/compound_names.py), and what it lets the engine read."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of
from normalizer.gazetteer.compound_names import run_together_forms

PEOPLE = """\
entities:
  - {canonical: Abu Bakr al-Baghdadi, kind: person}
  - {canonical: Abdel Fattah el-Sisi, kind: person}
  - {canonical: Mahmoud Abbas, kind: person}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("compound"), PEOPLE)


@pytest.mark.parametrize(
    "name, forms",
    [
        ("Abu Bakr al-Baghdadi", ["Abubakr al-Baghdadi"]),
        ("Abdel Fattah el-Sisi", ["Abdelfattah el-Sisi"]),
        ("Ismail Abdul-Rahman Haniyeh", ["Ismail Abdulrahman Haniyeh"]),  # hyphenated too
        ("Abu Mazen", []),  # two words: candidates/glued reads them run together
        ("Mahmoud Abbas", []),  # no compound given name
        ("Abdullah bin Zayed", []),  # one already
    ],
)
def test_a_compound_given_name_is_run_together(name, forms):
    assert run_together_forms(name) == forms


def test_the_name_run_together_is_repaired(engine):
    result = engine.normalize("Abubakr al-Baghdadi and Abdelfattah el-Sisi were named.")
    assert applied_changes(result) == [
        ("Abubakr al-Baghdadi", "Abu Bakr al-Baghdadi"), ("Abdelfattah el-Sisi", "Abdel Fattah el-Sisi")
    ]
    assert "writes a compound given name of 'Abu Bakr al-Baghdadi' as one word" in result.applied[0].reasons[0]


def test_beside_it_a_garbled_surname_is_read(engine):
    # "Abubakr" is no word of the name until it is read as the run-together pair;
    # "Bagdadi" alone is a real name word, read only beside the rest of the name.
    result = engine.normalize("ISIS chief Abubakr al-Bagdadi was killed in Idlib.")
    assert result.text == "ISIS chief Abu Bakr al-Baghdadi was killed in Idlib."


def test_the_name_run_together_ends_a_text(engine):
    # The variant has fewer words than the name it is written back as: the last words of the text.
    assert engine.normalize("They named Abubakr al-Baghdadi").text == "They named Abu Bakr al-Baghdadi"
