"""A garbled word read, but weakly, beside a word of the same name read
surely makes the name as sure as the surer word, not as the weaker one
(candidates/name_parts.read_beside_a_sure_word): before, "Maiku Panpeo" was
less sure than "Panpeo" alone, where a given name too far for fuzzy to read
at all would have been read beside the same surname at the surname's
confidence. "Iiron Masuku" is イーロン・マスク (Elon Musk) by pykakasi's
Hepburn: "Masuku" is read surely (by the name's pronunciation), "Iiron"
weakly. ("Maiku Panpeo", the first example, is now sure in both words: the
pronunciation route hears Maiku as Mike.)"""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of
from normalizer.candidates.fuzzy import MIN_SIMILARITY
from normalizer.candidates.name_parts import ANCHOR, ANCHORED_MIN, FAR_WORD_ANCHOR
from normalizer.similarity import similarity
from normalizer.transliteration import score

PEOPLE = """\
entities:
  - {canonical: Mike Pompeo, kind: person}
  - {canonical: Angela Merkel, kind: person}
  - {canonical: Elon Musk, kind: person}
  - {canonical: Heloisa Peixoto, kind: person}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("weak-beside-sure"), PEOPLE)


def test_the_words_are_a_weak_and_a_sure_reading():
    assert MIN_SIMILARITY <= similarity("Iiron", "Elon")[0] < ANCHOR <= similarity("Masuku", "Musk")[0]
    assert score("Iiron", "Elon")[0] >= ANCHORED_MIN


def test_the_whole_name_is_repaired(engine):
    result = engine.normalize("A tweet on Monday by the Tesla chief Iiron Masuku.")
    assert applied_changes(result) == [("Iiron Masuku", "Elon Musk")]
    assert any("read beside the rest of the name" in reason for reason in result.corrections[0].reasons)


def test_another_given_name_is_not_read_as_his(engine):
    # "Marco" is a real given name no route reads as Mike: the surname alone stays in doubt.
    result = engine.normalize("A tweet on Monday by US Secretary of State Marco Panpeo.")
    assert ("Marco Panpeo", "Mike Pompeo") not in applied_changes(result)


def test_a_surname_read_at_the_apply_level_lifts_a_weaker_given_name(engine):
    # エロイーザ・ペイショット by pykakasi's Hepburn, long vowels unmarked:
    # "Peishotto" reads as Peixoto at the apply level but under a sure tier,
    # "Eroiza" weaker still; before, the name was as unsure as "Eroiza" and
    # nothing was proposed. (Iiron Masuku was this example until the
    # pronunciation route read Masuku surely.)
    assert MIN_SIMILARITY <= similarity("Eroiza", "Heloisa")[0] < FAR_WORD_ANCHOR
    assert FAR_WORD_ANCHOR <= similarity("Peishotto", "Peixoto")[0] < ANCHOR
    result = engine.normalize("Officials met Eroiza Peishotto in the capital.")
    assert applied_changes(result) == [("Eroiza Peishotto", "Heloisa Peixoto")]
