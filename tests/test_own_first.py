"""A bundled spelling and the newsroom's own name contending for one word:
"Karchi" is the bundled tables' Russian name of the Ecuadorian province
Carchi (Карчи) and the newsroom's Karachi with a letter dropped. The
newsroom's reading is made though the bundled variant covers the word, and
goes first (candidates/own_first.py, decision.Decider._own_first)."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes
from normalizer import Normalizer

SENTENCE = "Flights from Karchi to Lahore were cancelled."


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    own = tmp_path_factory.mktemp("own_first") / "own.yaml"
    places = "entities:\n  - {canonical: Karachi, kind: place}\n  - {canonical: Lahore, kind: place}\n"
    own.write_text(places, encoding="utf-8")
    return Normalizer.load([own], bundled=True)


def test_the_bundled_tables_alone_read_the_word_as_their_place():
    bundled = Normalizer.load([], bundled=True)
    assert applied_changes(bundled.normalize(SENTENCE)) == [("Karchi", "Carchi")]


def test_the_newsrooms_own_place_goes_first(newsroom):
    result = newsroom.normalize(SENTENCE)
    # A letter dropped is no sure reading of a word alone: offered, not applied; Carchi is not.
    assert applied_changes(result) == []
    assert [(c.original, c.replacement, c.applied) for c in result.corrections] == [("Karchi", "Karachi", False)]


def test_a_bundled_variant_no_own_name_reads_is_applied_as_before(newsroom):
    # Пхеньян romanized: the newsroom lists no place it could be.
    assert applied_changes(newsroom.normalize("Putin visited Pkhenyan on Tuesday.")) == [("Pkhenyan", "Pyongyang")]
