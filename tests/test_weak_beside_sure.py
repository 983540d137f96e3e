"""A garbled word read, but weakly, beside a word of the same name read
surely makes the name as sure as the surer word, not as the weaker one
(candidates/name_parts.read_beside_a_sure_word): before, "Maiku Panpeo" was
less sure than "Panpeo" alone, where a given name too far for fuzzy to read
at all would have been read beside the same surname at the surname's
confidence. "Maiku" is the Hepburn romanization of マイク (Mike); "Panpeo"
is a round trip of Pompeo made by normalizer.measure.garbler in a clean
Wikinews article of 2019 (benchmarks/unseen_round_trips.py)."""

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
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("weak-beside-sure"), PEOPLE)


def test_the_words_are_a_weak_and_a_sure_reading():
    assert MIN_SIMILARITY <= similarity("Maiku", "Mike")[0] < ANCHOR <= similarity("Panpeo", "Pompeo")[0]
    assert score("Maiku", "Mike")[0] >= ANCHORED_MIN


def test_the_whole_name_is_repaired(engine):
    result = engine.normalize("A tweet on Monday by US Secretary of State Maiku Panpeo.")
    assert applied_changes(result) == [("Maiku Panpeo", "Mike Pompeo")]
    assert any("read beside the rest of the name" in reason for reason in result.corrections[0].reasons)


def test_another_given_name_is_not_read_as_his(engine):
    # "Marco" is a real given name no route reads as Mike: the surname alone stays in doubt.
    result = engine.normalize("A tweet on Monday by US Secretary of State Marco Panpeo.")
    assert ("Marco Panpeo", "Mike Pompeo") not in applied_changes(result)


def test_a_surname_read_at_the_apply_level_lifts_a_weaker_given_name(engine):
    # イーロン・マスク by pykakasi's Hepburn: "Masuku" reads as Musk at the
    # apply level but under a sure tier, "Iiron" weaker still; before, the
    # name was as unsure as "Iiron" and nothing was proposed.
    assert MIN_SIMILARITY <= similarity("Iiron", "Elon")[0] < FAR_WORD_ANCHOR <= similarity("Masuku", "Musk")[0] < ANCHOR
    result = engine.normalize("Officials met Iiron Masuku in the capital.")
    assert applied_changes(result) == [("Iiron Masuku", "Elon Musk")]
