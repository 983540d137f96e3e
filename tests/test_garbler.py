"""The garbler: deterministic, realistic, and the reference is the clean text."""

import random
import re

import pytest

from normalizer.measure.garbler import ARTIFACTS, Garbler, is_english_word
from normalizer.gazetteer.loading import parse_gazetteer

GAZETTEER = """
entities:
  - {canonical: Abbas Araghchi, kind: person}
  - {canonical: Fatemeh Mohajerani, kind: person}
  - {canonical: Russia, kind: place}
  - {canonical: Iran, kind: place}
  - {canonical: Hong Kong, kind: place}
  - {canonical: Hamdullah Mohib, kind: person}
"""

TEXT = (
    "Foreign Minister Abbas Araghchi met Fatemeh Mohajerani in Tehran.\n"
    "Araghchi said the Russia-Iran deal stands; Mohajerani agreed. Hong Kong watched.\n"
    "Hamdullah Mohib spoke for Afghanistan, and Araghchi answered Mohib.\n"
) * 4


@pytest.fixture(scope="module")
def entities():
    return parse_gazetteer(GAZETTEER, "test.yaml")[0]


def test_same_seed_same_corpus_other_seed_other_corpus(entities):
    first = Garbler(entities, rate=0.6, seed=7).garble_text(TEXT, "a")
    again = Garbler(entities, rate=0.6, seed=7).garble_text(TEXT, "a")
    other = Garbler(entities, rate=0.6, seed=8).garble_text(TEXT, "a")
    assert first == again
    assert first.garbled != other.garbled


def test_reference_is_the_clean_input_and_offsets_point_at_garbles(entities):
    result = Garbler(entities, rate=0.8, seed=3).garble_text(TEXT, "a")
    assert result.reference == TEXT
    assert result.garbles, "a high rate over many mentions garbles something"
    for garble in result.garbles:
        assert result.garbled[garble.start : garble.end] == garble.garbled
        assert garble.category in {*ARTIFACTS, "compound"}


@pytest.mark.parametrize("seed", range(8))
def test_every_garble_differs_and_is_not_an_english_word(entities, seed):
    result = Garbler(entities, rate=1.0, seed=seed).garble_text(TEXT, "a")
    for garble in result.garbles:
        assert garble.garbled != garble.original
        changed = [
            new for new, old in zip(garble.garbled.split(), garble.original.split()) if new != old
        ] or [garble.garbled]
        for token in changed:
            assert not is_english_word(token), token
        assert len(garble.artifacts) <= 2


def test_garbles_touch_only_name_mentions(entities):
    result = Garbler(entities, rate=1.0, seed=1).garble_text(TEXT, "a")
    # undo every garble: the clean text comes back exactly
    rebuilt, cursor = [], 0
    for garble in result.garbles:
        rebuilt.append(result.garbled[cursor : garble.start])
        rebuilt.append(garble.original)
        cursor = garble.end
    rebuilt.append(result.garbled[cursor:])
    assert "".join(rebuilt) == TEXT
    assert "Tehran" in result.garbled and "Afghanistan" in result.garbled  # not in the gazetteer


def test_artifacts_change_or_decline():
    rng = random.Random(0)
    for name, artifact in ARTIFACTS.items():
        for word in ("Mohajerani", "Araghchi", "Kong"):
            out = artifact(word, rng)
            assert out is None or out != word, name


def test_compound_of_two_places_is_glued(entities):
    garbler = Garbler(entities, rate=1.0, seed=0)
    glued = garbler.glue("Russia-Iran", ["Russia", "Iran"], random.Random(1))
    assert glued is not None
    word, category, _ = glued
    assert category == "compound" and word.startswith("Russo") and "-" not in word


def test_categories_and_two_artifacts_options(entities):
    garbler = Garbler(entities, rate=1.0, seed=4, categories=("rl", "vowel"), two_artifacts=True)
    result = garbler.garble_text(TEXT, "a")
    assert result.garbles
    for garble in result.garbles:
        assert set(garble.artifacts) <= {"rl", "vowel"}
        words = zip(re.findall(r"\w+", garble.garbled), re.findall(r"\w+", garble.original))
        changed = [old for new, old in words if new != old]
        if changed and len(changed[0]) > 5:
            assert len(garble.artifacts) == 2


@pytest.mark.parametrize("seed", range(4))
def test_one_category_alone_garbles_with_it_alone(entities, seed):
    # No second artifact to add to a long word: each garble has the one asked for (it crashed).
    result = Garbler(entities, rate=1.0, seed=seed, categories=("typo",)).garble_text(TEXT, "a")
    assert result.garbles
    assert all(garble.artifacts == ("typo",) for garble in result.garbles)
    # Two artifacts asked of every long word, one category: only the short words are garbled.
    for garble in Garbler(entities, rate=1.0, seed=seed, categories=("typo",), two_artifacts=True).garble_text(TEXT, "a").garbles:
        words = zip(re.findall(r"\w+", garble.garbled), re.findall(r"\w+", garble.original))
        assert all(len(old) <= 5 for new, old in words if new != old)


def test_unknown_category_is_refused(entities):
    with pytest.raises(ValueError, match="nasal"):
        Garbler(entities, categories=("nasal",))
