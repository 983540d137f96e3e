"""A known name plus an English suffix is a derived word, not a garble ("the Kims", "the Harrises");
a bare "-s" after a stem English pluralizes with "-es" is no derivation but a doubled letter."""

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


def test_such_a_word_is_read_as_the_name(tmp_path):
    engine = engine_of(tmp_path, "entities:\n  - {canonical: Kamala Harris, kind: person}\n")
    assert applied_changes(engine.normalize("Kamala Harriss campaigned in Pennsylvania.")) == [("Harriss", "Harris")]
    assert applied_changes(engine.normalize("The Harrises campaigned in Pennsylvania.")) == []
