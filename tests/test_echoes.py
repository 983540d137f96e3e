"""A surname read inside a full name is read where the article writes it
alone later, spelled the same way or as another romanization of the name
word (candidates/echoes), even where nothing
in its own spelling leads to the name. "Konoton Jokuru" is a katakana round
trip of a real pair of Wikidata name words (Connaughton, Jaucourt)."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of

PEOPLE = """\
entities:
  - {canonical: Connaughton Jaucourt, kind: person}
  - {canonical: Hachidai Semen, kind: person}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("echoes"), PEOPLE)


def test_the_lone_surname_alone_is_not_read(engine):
    # The premise: alone, nothing leads from "Jokuru" to the name.
    assert applied_changes(engine.normalize("Later, Jokuru met reporters.")) == []


def test_the_lone_surname_follows_the_full_name(engine):
    result = engine.normalize("Officials said Konoton Jokuru arrived on Monday. Later, Jokuru met reporters.")
    assert applied_changes(result) == [("Konoton Jokuru", "Connaughton Jaucourt"), ("Jokuru", "Jaucourt")]
    assert result.text.endswith("Later, Jaucourt met reporters.")


def test_a_lone_given_name_is_anyones(engine):
    # A given name has no one-word form of its own: alone it stays as written.
    result = engine.normalize("Officials said Konoton Jokuru arrived on Monday. Later, Konoton met reporters.")
    assert applied_changes(result) == [("Konoton Jokuru", "Connaughton Jaucourt")]


def test_only_the_same_spelling_follows(engine):
    # Another spelling of the surname is another word: no echo reads it.
    result = engine.normalize("Officials said Konoton Jokuru arrived on Monday. Later, Jokuro met reporters.")
    assert ("Jokuro", "Jaucourt") not in applied_changes(result)


def test_a_word_read_only_as_in_the_full_name_follows_it(tmp_path):
    # "Sota" (a katakana round trip of Souter) is too far from it by spelling to
    # be read alone; after "Dadori Sota" -> Dudley Souter it is read as there.
    engine = engine_of(tmp_path, "entities:\n  - {canonical: Dudley Souter, kind: person}\n")
    assert applied_changes(engine.normalize("Later, Sota met reporters.")) == []
    result = engine.normalize("Officials said Dadori Sota arrived on Monday. Later, Sota met reporters.")
    assert applied_changes(result) == [("Dadori Sota", "Dudley Souter"), ("Sota", "Souter")]
    # The echo is no evidence for the full name: the same garble, not another.
    full = next(c for c in result.corrections if c.original == "Dadori Sota")
    assert not any("elsewhere in the text" in reason for reason in full.reasons)


def test_a_word_beside_another_capitalized_word_is_another_name(tmp_path):
    engine = engine_of(tmp_path, "entities:\n  - {canonical: Dudley Souter, kind: person}\n")
    result = engine.normalize("Officials said Dadori Sota arrived on Monday. Later, Sota Kimura met reporters.")
    assert ("Sota", "Souter") not in applied_changes(result)


def test_another_romanization_of_the_repaired_surname_follows(tmp_path):
    # "Qaddafi" is a word of the English lexicon (never read by its spelling
    # alone); after "Moammar Gadhafi" -> Muammar Gaddafi it is the same man.
    engine = engine_of(tmp_path, "entities:\n  - {canonical: Muammar Gaddafi, kind: person}\n")
    assert applied_changes(engine.normalize("Critics of Colonel Qaddafi rejoiced.")) == []
    result = engine.normalize("Libyan leader Moammar Gadhafi was killed in 2011; critics of Colonel Qaddafi rejoiced.")
    assert applied_changes(result) == [("Moammar Gadhafi", "Muammar Gaddafi"), ("Qaddafi", "Gaddafi")]
    # A word less alike than two romanizations of one name word is another name.
    result = engine.normalize("Libyan leader Moammar Gadhafi was killed in 2011; critics of Colonel Haddad rejoiced.")
    assert applied_changes(result) == [("Moammar Gadhafi", "Muammar Gaddafi")]


def test_a_weak_reading_of_its_own_does_not_keep_the_garble_from_following(tmp_path):
    # "Kroše" alone reads as Crauchet by its own spelling, but too weakly to be
    # applied (0.65, a Russian romanization); after "Kažman Kroše" is repaired,
    # the same garble alone is read as it was read there.
    engine = engine_of(tmp_path, "entities:\n  - {canonical: Kajman Crauchet, kind: person}\n  - {canonical: Maria Lopez, kind: person}\n")
    assert applied_changes(engine.normalize("Later, Kroše starts in May.")) == []
    result = engine.normalize("The company named Kažman Kroše as its new chief executive. Kroše starts in May.")
    assert applied_changes(result) == [("Kažman Kroše", "Kajman Crauchet"), ("Kroše", "Crauchet")]
