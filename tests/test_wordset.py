"""normalizer/wordset.py: a read-only set of words that unpickles as two byte strings."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalizer.wordset import WordSet

words = st.text(st.characters(blacklist_characters="\n"), max_size=12)


@given(st.frozensets(words, max_size=60), st.lists(words, max_size=20))
def test_it_answers_as_a_frozenset_does(members, others):
    for found in (WordSet(members), pickle.loads(pickle.dumps(WordSet(members)))):
        assert len(found) == len(members)
        assert set(found) == members
        assert found == members and members == found
        for word in [*members, *others]:
            assert (word in found) == (word in members), word


def test_set_operations_give_plain_sets():
    found = WordSet(["alpha", "beta", "siliņa"])
    assert {"alpha", "gamma"} & found == frozenset({"alpha"})
    assert found & {"beta", "delta"} == frozenset({"beta"})
    assert not {"gamma"} & found
    assert "" not in found and 3 not in found and None not in found


def test_it_unpickles_without_an_object_per_word():
    found = WordSet(f"word{n}" for n in range(10_000))
    loaded = pickle.loads(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
    assert {type(value) for value in loaded.__reduce__()[1]} <= {bytes, int}
    assert "word9999" in loaded and "word10000" not in loaded


def test_a_word_with_a_newline_is_refused():
    with pytest.raises(ValueError):
        WordSet(["two\nlines"])


def test_lone_surrogates_and_the_empty_word():
    found = WordSet(["x\udc80", ""])
    assert "x\udc80" in found and "" in found and "x" not in found
    assert set(found) == {"x\udc80", ""}
