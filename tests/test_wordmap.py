"""WordMap answers as the dict it was made from, and pickles."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

from normalizer.wordmap import WordMap, compact

words = st.text(alphabet=st.characters(blacklist_characters="\0\1", blacklist_categories=("Cs",)), max_size=8)
maps = st.dictionaries(words, st.lists(words, min_size=1, max_size=4).map(tuple), max_size=60)


@given(mapping=maps, others=st.lists(words, max_size=10))
def test_a_word_map_answers_as_its_dict(mapping, others):
    compacted = pickle.loads(pickle.dumps(WordMap(mapping)))
    assert dict(compacted.items()) == mapping and len(compacted) == len(mapping)
    for word in [*mapping, *others]:
        assert compacted.get(word) == mapping.get(word)
        assert (word in compacted) == (word in mapping)


def test_numbers_come_back_as_numbers_and_a_missing_key_raises():
    forms = WordMap({"losangeles": [3, 1200]}, numbers=True)
    assert forms["losangeles"] == (3, 1200) and forms.get("paris", ()) == ()
    try:
        forms["paris"]
    except KeyError:
        pass
    else:
        raise AssertionError("a missing key must raise KeyError")


def test_a_word_holding_a_separator_keeps_a_plain_dict():
    assert compact({"a\0b": ["c"]}) == {"a\0b": ("c",)} and isinstance(compact({"a\0b": ["c"]}), dict)
    assert isinstance(compact({"ab": ["c"]}), WordMap)
