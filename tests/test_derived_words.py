"""A known name plus an English suffix is a derived word, not a garble ("the Kims", "the Harrises");
a bare "-s" after a stem English pluralizes with "-es" is no derivation but a doubled letter, nor "-es" after one
that takes a bare "-s"."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of
from normalizer.gazetteer.index import build_index
from normalizer.gazetteer.loading import Entity, Gazetteer
from normalizer.suspects import Status, word_status


@pytest.fixture(scope="module")
def index():
    people = (Entity(canonical="Kamala Harris", kind="person"), Entity(canonical="Kim Jong Un", kind="person"),
              Entity(canonical="Hassan Nasrallah", kind="person"), Entity(canonical="Halifax", kind="place"))
    return build_index(Gazetteer(entities=people, protect=frozenset()))


@pytest.mark.parametrize("word", ["Kims", "Nasrallahs", "Harrises", "Halifaxes"])
def test_a_name_with_an_english_suffix_is_derived(index, word):
    assert word_status(index, word, word.lower()) == Status.DERIVED


@pytest.mark.parametrize("word", ["Harriss", "Halifaxs"])
def test_a_bare_s_after_a_stem_that_takes_es_is_not_a_derivation(index, word):
    assert word_status(index, word, word.lower()) != Status.DERIVED


@pytest.mark.parametrize("word", ["Kimes", "Nasrallahes"])
def test_es_after_a_stem_that_takes_a_bare_s_is_not_a_derivation(index, word):
    # English writes "the Kims", "Israelis", "Japans": "-es" follows s, x, z, ch, sh.
    assert word_status(index, word, word.lower()) != Status.DERIVED


def test_such_an_es_word_is_read_as_the_name(tmp_path):
    engine = engine_of(tmp_path, "entities:\n  - {canonical: Japan, kind: place, adjectives: [Japanese]}\n")
    assert applied_changes(engine.normalize("Talks with the Japanes delegation resumed.")) == [("Japanes", "Japanese")]
    assert applied_changes(engine.normalize("Talks with the Japanese delegation resumed.")) == []


def test_such_a_word_is_read_as_the_name(tmp_path):
    engine = engine_of(tmp_path, "entities:\n  - {canonical: Kamala Harris, kind: person}\n")
    assert applied_changes(engine.normalize("Kamala Harriss campaigned in Pennsylvania.")) == [("Harriss", "Harris")]
    assert applied_changes(engine.normalize("The Harrises campaigned in Pennsylvania.")) == []


WORDS_OF_TWO_NAMES = """\
entities:
  - {canonical: Emir, kind: honorific}
  - {canonical: United Arab Emirates, kind: place}
  - {canonical: Manju Sam, kind: person}
  - {canonical: Doctors Without Borders, kind: organization, aliases: [Medecins Sans Frontieres]}
"""


@pytest.fixture(scope="module")
def two_names(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("derived"), WORDS_OF_TWO_NAMES)


def test_a_derived_word_one_slip_from_another_names_word_is_open(two_names):
    # "Emirites" is "Emir" and "-ites", and one letter from the "Emirates" of another name.
    index = two_names.index
    assert word_status(index, "Emirites", "emirites") == Status.SUSPECT
    result = two_names.normalize("The United Arab Emirites cut output.")
    assert applied_changes(result) == [("Emirites", "Emirates")]


def test_a_persons_name_and_s_stays_derived_whatever_it_is_near(two_names):
    # "the Sams" are Manju Sam's family, though "Sams" is one letter from the "Sans" of Medecins Sans Frontieres.
    assert word_status(two_names.index, "Sams", "sams") == Status.DERIVED
