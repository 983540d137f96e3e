"""The census's given names (normalizer/data/census_given_names.txt, tools/generate_census_given_names.py):
a common English word that is a given name opens a person's slot too ("Tom Kinton", "Martin
Kingham" of the Lee corpus of ABC news), so the word after it is nobody's garbled place nor
another person's surname."""

from __future__ import annotations

import pytest

from gazetteer_samples import engine_of
from normalizer.gazetteer.name_words import census_given_names, name_words
from tool_scripts import tool_script

GAZETTEER = (
    "entities:\n"
    "  - {canonical: Qinghai, kind: place}\n"
    "  - {canonical: Hillary Clinton, kind: person}\n"
    "  - {canonical: Micheál Martin, kind: person}\n"
)


def test_regenerating_gives_the_committed_file():
    generator = tool_script("generate_census_given_names")
    assert generator.render() == generator.OUT.read_text(encoding="utf-8"), (
        "python tools/generate_census_given_names.py changes the committed table"
    )


def test_the_list_holds_the_given_names_the_real_name_list_leaves_out():
    # The real-name list leaves out common English words; the commonest of them are given names.
    assert "tom" not in name_words() and "tom" in census_given_names()
    assert "will" not in census_given_names()  # as common in English as the words the lists leave out
    assert "john" in census_given_names()  # ... but borne by 3% of the census's men


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("given"), GAZETTEER, suggest_threshold=0.01)  # every reading it makes


def replacements(engine, text: str) -> set[str]:
    return {c.replacement for c in engine.normalize(text).corrections}


@pytest.mark.parametrize(
    "text, given, name",
    [
        # "Tom" is an English word the lexicon counts: a given name all the same, and not Hillary's
        # ("Hillary", an English word too, is a census given name: the gazetteer gives her one).
        ("The airport's director Tom Kinton says quick action helped.", "Tom", "Hillary Clinton"),
        # "John" is as common in English as "will", and borne by 3% of the census's men.
        ("The airport's director John Kinton says quick action helped.", "John", "Hillary Clinton"),
        # "Martin" is the gazetteer's surname of Micheál Martin, and a given name before a word.
        ("The union's secretary Martin Kingham will respond.", "Martin", "Qinghai"),
    ],
)
def test_a_word_after_a_census_given_name_is_a_persons(engine, text, given, name):
    assert name not in replacements(engine, text)
    # The same word without the given name before it is read so: the given name is what decides.
    without = text.replace(f"{given} ", "")
    assert name in replacements(engine, without) or name.split()[-1] in replacements(engine, without)


def test_a_given_name_that_names_a_place_alone_opens_no_slot(tmp_path):
    # "Georgia" is a census given name and, alone, a place of the gazetteer: "Georgia Tbilsi"
    # may be a garbled place after the country's name.
    engine = engine_of(tmp_path, "entities:\n  - {canonical: Georgia, kind: place}\n  - {canonical: Qinghai, kind: place}\n")
    from normalizer.document import Document
    from normalizer.evidence.persons_slot import name_before

    doc = Document(engine.index, "Georgia Kingham and Martin Kingham")
    assert name_before(doc, 1) is None and name_before(doc, 4) == "Martin"
