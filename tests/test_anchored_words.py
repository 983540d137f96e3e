"""A given name garbled past its spelling is read beside its person's surname
when the surname is itself read surely (candidates/name_parts): a text that
sent the surname through another script sent the given name the same way.
The garbles are real round trips of real name words (Wikidata dev pairs
through pypinyin, the Arabic and the katakana romanizers of
normalizer.measure), none of them near enough by spelling to be read alone."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of
from normalizer.candidates.fuzzy import MIN_SIMILARITY
from normalizer.candidates.name_parts import ANCHOR, ANCHORED_MIN, FAR_WORD_ANCHOR, anchored_readings, may_anchor
from normalizer.similarity import similarity
from normalizer.suspects import Status
from normalizer.transliteration import score

PEOPLE = """\
entities:
  - {canonical: Rieke Voronov, kind: person}
  - {canonical: Wundt Makhno, kind: person}
  - {canonical: Oeser Alatas, kind: person}
  - {canonical: Joe Biden, kind: person}
"""

# (garbled given name, garbled surname, the person): pinyin, Arabic, katakana round trips.
GARBLED = [
    ("Leiji", "Woluonuofu", "Rieke Voronov"),
    ("Funt", "Makhnu", "Wundt Makhno"),
    ("Eezaa", "Aratasu", "Oeser Alatas"),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("anchored"), PEOPLE)


@pytest.mark.parametrize("given, surname, person", GARBLED)
def test_the_given_name_is_repaired_with_the_surname(engine, given, surname, person):
    # The premise: the given name's spelling alone is too far to be read.
    assert similarity(given, person.split()[0])[0] < MIN_SIMILARITY
    result = engine.normalize(f"In a statement, {given} {surname} rejected the claims. {surname} said so.")
    assert (f"{given} {surname}", person) in applied_changes(result)
    assert result.text.startswith(f"In a statement, {person} rejected")
    reasons = next(c.reasons for c in result.applied if c.original == f"{given} {surname}")
    assert any("read beside the rest of the name" in reason for reason in reasons)


def test_a_real_given_name_beside_the_garbled_surname_is_another_person(engine):
    # "Maria" is a known name word, not an open one: her surname alone is read.
    result = engine.normalize("In a statement, Maria Woluonuofu rejected the claims.")
    assert applied_changes(result) == [("Woluonuofu", "Voronov")]


def test_an_unknown_word_no_route_explains_stays(engine):
    word = "Kelbrandt"
    assert score(word, "Rieke")[0] < ANCHORED_MIN
    result = engine.normalize(f"In a statement, {word} Woluonuofu rejected the claims.")
    assert applied_changes(result) == [("Woluonuofu", "Voronov")]


def test_a_surname_read_at_the_apply_level_anchors(engine):
    # Джо Байден in iuliia's Wikipedia scheme: "Bayden" is one edit from
    # Biden, surer than a word applied alone but short of a sure tier;
    # "Dzho" is too far from Joe for its spelling, and a route reads it.
    assert FAR_WORD_ANCHOR <= similarity("Bayden", "Biden")[0] < ANCHOR
    assert similarity("Dzho", "Joe")[0] < MIN_SIMILARITY
    assert score("Dzho", "Joe")[0] >= ANCHORED_MIN
    result = engine.normalize("On Monday, Dzho Bayden said the talks would continue.")
    assert applied_changes(result) == [("Dzho Bayden", "Joe Biden")]


def test_only_a_sure_reading_of_the_rest_anchors():
    assert anchored_readings([("Leiji", "Rieke")], sure=FAR_WORD_ANCHOR) is not None
    assert anchored_readings([("Leiji", "Rieke")], sure=FAR_WORD_ANCHOR - 0.01) is None
    # A route below the bar reads nothing, whatever the rest.
    assert anchored_readings([("Kelbrandt", "Rieke")], sure=1.0) is None


def test_only_an_open_capitalized_word_of_a_persons_name_may_be_anchored():
    assert may_anchor("person", 2, "Leiji", Status.SUSPECT)
    assert not may_anchor("place", 2, "Leiji", Status.SUSPECT)  # "Hagia Sophia" is no person's
    assert not may_anchor("person", 1, "Leiji", Status.SUSPECT)
    assert may_anchor("person", 2, "Leiji", Status.NAME)  # a real name word, read where the rest agrees
    assert not may_anchor("person", 2, "Maria", Status.ENGLISH_NAME)  # too common a name to be a garble
    assert not may_anchor("person", 2, "Lei", Status.SUSPECT)  # too short for a route
    assert not may_anchor("person", 2, "leiji", Status.SUSPECT)
