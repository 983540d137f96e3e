"""A real place's whole name of several words (GeoNames' cities) is that place,
spelled right: no word of it is a garble of a bundled name ("Río Blanco",
Mexico, is no Rio Branco); a newsroom's own spelling of the same city is
still its own to repair to."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of
from normalizer import Normalizer
from normalizer.gazetteer.lexicon import multiword_place_names


@pytest.fixture(scope="module")
def bundled():
    return Normalizer.load([], bundled=True)


def test_every_name_is_looked_for_by_its_first_word():
    names, lengths_by_first, longest = multiword_place_names()
    assert longest == max(len(name.split(" ")) for name in names) >= 2
    assert all(len(name.split(" ")) in lengths_by_first[name.split(" ")[0]] for name in names)


@pytest.mark.parametrize("place", ["Río Blanco", "Bela Vista", "Al Qarārah"])
def test_a_real_towns_name_is_left_alone(bundled, place):
    # each a GeoNames city one letter or a fold from a bundled place (Rio Branco, Bella Vista, El Callao)
    text = f"Officials in {place} said the water supply was restored on Monday."
    assert bundled.normalize(text).corrections == ()


def test_a_garble_beside_the_same_words_is_still_read(bundled):
    # "Rio Brancco" is no place's name: its garbled word is read as before
    result = bundled.normalize("Officials in Rio Brancco said the water supply was restored on Monday.")
    assert [c.replacement for c in result.corrections] == ["Branco"]


def test_a_newsrooms_spelling_of_the_same_city_is_repaired_to(tmp_path):
    # GeoNames names the city Khān Yūnis; a newsroom that writes "Khan Younis" wants it so
    engine = engine_of(tmp_path, "entities:\n  - {canonical: Khan Younis, kind: place}\n")
    result = engine.normalize("Fighting was reported in Khan Yunis on Friday.")
    assert applied_changes(result) == [("Yunis", "Younis")]
