"""DeleteStore.near finds exactly the terms symspellpy's own `lookup`
(Verbosity.ALL) finds, over the same terms: on real folded name tokens and
the words that come near them, on generated words and terms (short ones,
where lookup takes its shortcuts, and long ones, past the prefix)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from symspellpy import SymSpell, Verbosity

from normalizer.folding import mt_fold
from normalizer.gazetteer.delete_store import DeleteStore, compiled_osa
from normalizer.gazetteer.index import Index
from normalizer.engine import Normalizer


def symspell_of(terms, max_distance: int = 2, prefix_length: int = 7) -> SymSpell:
    symspell = SymSpell(max_dictionary_edit_distance=max_distance, prefix_length=prefix_length, distance_comparer=compiled_osa())
    for term in terms:
        symspell.create_dictionary_entry(term, 1)
    return symspell


def symspells_answer(symspell: SymSpell, word: str) -> set[str]:
    return {item.term for item in symspell.lookup(word, Verbosity.ALL, max_edit_distance=2, transfer_casing=False)}


def changed(word: str, rng: random.Random, letters: str = "aeioubdhklmnrstyz") -> str:
    """`word` with one or two letters inserted, dropped, replaced or swapped."""
    for _ in range(rng.choice((1, 2, 3))):
        k = rng.randrange(len(word) + 1)
        kind = rng.choice("idrs")
        if kind == "i":
            word = word[:k] + rng.choice(letters) + word[k:]
        elif kind == "d" and k < len(word):
            word = word[:k] + word[k + 1 :]
        elif kind == "r" and k < len(word):
            word = word[:k] + rng.choice(letters) + word[k + 1 :]
        elif kind == "s" and k + 1 < len(word):
            word = word[:k] + word[k + 1] + word[k] + word[k + 2 :]
    return word


def test_near_finds_what_lookup_finds_on_the_bundled_name_tokens(tmp_path, monkeypatch):
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path))  # the table written to a file and read from it
    index: Index = Normalizer.load().index
    store = index.deletes
    terms = store.terms
    symspell = symspell_of(terms)
    rng = random.Random(8)
    words = rng.sample(terms, 600)
    words += [changed(word, rng) for word in words]
    words += ["", "a", "ab", "zz", "q" * 30, mt_fold("Tszinpin"), "abcdefghijklmnop"]
    found = 0
    for word in words:
        if not word:
            assert store.near(word) == []
            continue
        near = store.near(word)
        assert len(near) == len(set(near))
        assert set(near) == symspells_answer(symspell, word), word
        found += bool(near)
    assert found > len(words) // 2


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text("abcde", min_size=1, max_size=11), min_size=1, max_size=40),
    st.lists(st.text("abcdef", min_size=1, max_size=12), min_size=1, max_size=10),
)
def test_near_finds_what_lookup_finds_on_generated_terms(terms, words):
    store = DeleteStore(terms)
    symspell = symspell_of(store.terms)
    for word in words:
        assert set(store.near(word)) == symspells_answer(symspell, word), (terms, word)
