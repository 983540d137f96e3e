"""The delete table on disk answers exactly as the in-memory SymSpell did.

`Index.fuzzy_tokens` and `Index.glued_forms` used to ask a SymSpell object
pickled with the index; they now ask a DeleteStore whose table is a flat
file in the cache folder (normalizer.gazetteer.delete_table), read by offset. These tests hold the old algorithm beside the new
store and compare their answers for many words: gazetteer tokens with random
edits, glued pairs, and arbitrary strings. They also cover every fallback:
no cache, a read-only folder, a damaged or missing file, pickling.
"""

from __future__ import annotations

import json
import pickle
import string
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from symspellpy import SymSpell, Verbosity

from normalizer.gazetteer import delete_table
from normalizer.gazetteer import delete_store
from normalizer.gazetteer.delete_store import DeleteStore, compiled_osa
from normalizer.gazetteer.delete_table import ArrayTable
from normalizer.gazetteer.loading import gazetteer_files, load_files
from normalizer.gazetteer.index import MAX_EDIT_DISTANCE, MIN_ROUND_TRIP_KEY, ROUND_TRIP_KEY_DISTANCE, build_index
from normalizer.folding import mt_fold, skeleton, sound_key
from normalizer.transliteration import keys as round_trip_keys

EXAMPLES = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(autouse=True)
def _own_cache(cache_folder):
    """Every test here gets a fresh, enabled cache folder."""


# ----- the algorithm as it was: one SymSpell over every fold ---------------------------


def old_symspell(terms, distance: int = MAX_EDIT_DISTANCE) -> SymSpell:
    symspell = SymSpell(max_dictionary_edit_distance=distance, prefix_length=7)
    for term in terms:
        symspell.create_dictionary_entry(term, 1)
    return symspell


def old_near(symspell: SymSpell, folded: str, distance: int = MAX_EDIT_DISTANCE) -> set[str]:
    if not folded:
        return set()
    found = symspell.lookup(folded, Verbosity.ALL, max_edit_distance=distance, transfer_casing=False)
    return {s.term for s in found}


class OldIndex:
    """`fuzzy_tokens` and `glued_forms` exactly as index.py computed them before the store."""

    def __init__(self, index):
        self.index = index
        self.symspell = old_symspell((*index.by_fold, *index.by_glued))
        self.round_trip_symspell = old_symspell(index.by_round_trip, ROUND_TRIP_KEY_DISTANCE)

    def fuzzy_tokens(self, word: str) -> frozenset[str]:
        found: set[str] = set()
        for term in old_near(self.symspell, mt_fold(word)):
            found.update(self.index.by_fold.get(term, ()))
        found.update(self.index.by_skeleton.get(skeleton(word), ()))
        found.update(self.index.by_sound.get(sound_key(word), ()))
        for key in round_trip_keys(word):  # the learned keys and the keys near them
            if len(key) < MIN_ROUND_TRIP_KEY:
                found.update(self.index.by_round_trip.get(key, ()))
                continue
            for term in old_near(self.round_trip_symspell, key, ROUND_TRIP_KEY_DISTANCE):
                found.update(self.index.by_round_trip[term])
        return frozenset(found)

    def glued_forms(self, word: str) -> set[int]:
        found: set[int] = set()
        for term in old_near(self.symspell, mt_fold(word)):
            found.update(self.index.by_glued.get(term, ()))
        return found


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """The bundled index with its table on disk, and the old algorithm over the same terms."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        patch.delenv("NORMALIZER_NO_CACHE", raising=False)
        index = build_index(load_files(gazetteer_files((), bundled=True)))
        assert isinstance(index.deletes._table(), ArrayTable)
    return index, OldIndex(index)


# ----- words to try -----------------------------------------------------------------

LETTERS = string.ascii_letters + "áéíóúüñçšž'’-"


@st.composite
def edited(draw, word: str) -> str:
    """`word` with 0-3 random deletions, insertions, substitutions or swaps."""
    letters = list(word)
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["delete", "insert", "substitute", "swap"]))
        at = draw(st.integers(0, max(len(letters) - 1, 0)))
        if kind == "insert" or not letters:
            letters.insert(at, draw(st.sampled_from(LETTERS)))
        elif kind == "delete":
            del letters[at]
        elif kind == "substitute":
            letters[at] = draw(st.sampled_from(LETTERS))
        elif at + 1 < len(letters):
            letters[at], letters[at + 1] = letters[at + 1], letters[at]
    return "".join(letters)


def garbled_words(index):
    spellings = sorted(index.spelling.values())
    single = st.sampled_from(spellings)
    glued = st.tuples(single, single).map("".join)
    arbitrary = st.text(alphabet=LETTERS, min_size=1, max_size=14)
    return st.one_of(single.flatmap(edited), glued.flatmap(edited), arbitrary)


# ----- the properties -----------------------------------------------------------------


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzzy_tokens_and_glued_forms_are_what_the_old_symspell_gave(bundled, data):
    index, old = bundled
    word = data.draw(garbled_words(index))
    assert index.fuzzy_tokens(word) == old.fuzzy_tokens(word)
    assert index.glued_forms(word) == old.glued_forms(word)


terms_lists = st.lists(st.text(alphabet="abcdeilr", min_size=1, max_size=10), min_size=1, max_size=40)


@EXAMPLES
@given(terms=terms_lists, words=st.lists(st.text(alphabet="abcdeilrx", max_size=11), min_size=1, max_size=10))
def test_store_on_disk_agrees_with_symspell_for_any_terms(terms, words):
    # Short terms and words reach SymSpell's corner cases (the empty delete,
    # one-letter suggestions, the prefix cut at seven letters).
    store = DeleteStore(terms)
    assert isinstance(store._table(), ArrayTable)
    symspell = old_symspell(terms)
    for word in words:
        assert set(store.near(word)) == old_near(symspell, word)


@settings(max_examples=2000, deadline=None)
@given(a=st.text(alphabet="abcdeéхx", max_size=12), b=st.text(alphabet="abcdeéхx", max_size=12),
       limit=st.integers(min_value=-1, max_value=4))
def test_the_compiled_distance_is_symspells_own(a, b, limit):
    # The lookup verifies candidates with symspellpy's compiled OSA
    # (editdistpy) instead of its Python DamerauOsa: the same number, -1 beyond the limit.
    from symspellpy.editdistance import DamerauOsa

    assert compiled_osa().compare(a, b, limit) == DamerauOsa().distance(a, b, limit)


@EXAMPLES
@given(terms=terms_lists, words=st.lists(st.text(alphabet="abcdeilrx", max_size=11), min_size=1, max_size=10))
def test_the_store_lists_what_symspells_own_distance_lists(terms, words):
    # The same terms in the same order as the lookup with symspellpy's Python distance.
    from symspellpy.editdistance import DistanceAlgorithm, EditDistance

    store = DeleteStore(terms)
    found = [store.near(word) for word in words]
    python = EditDistance(DistanceAlgorithm.DAMERAU_OSA)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(delete_store, "compiled_osa", lambda: python)
        python_store = DeleteStore(terms)
        assert [python_store.near(word) for word in words] == found
        assert python_store._symspell().distance_comparer is python  # the Python distance did the lookups


# ----- where the table lives, and every fallback -----------------------------------------

TERMS = ["araghchi", "mohajerani", "hamenei", "homeini", "tehran", "losangeres", "ari", "ab"]
WORDS = ["aragchi", "mohajelani", "hamenai", "tehlan", "rosangeres", "ar", "a", "abc", "zzzzzz", "araghchiii"]


def expected():
    symspell = old_symspell(TERMS)
    return {word: old_near(symspell, word) for word in WORDS}


def answers(store: DeleteStore):
    return {word: set(store.near(word)) for word in WORDS}


def test_the_table_is_one_file_in_the_cache_folder(cache_folder):
    store = DeleteStore(TERMS)
    store.prepare()
    assert [p.name for p in cache_folder.iterdir()] == [store.file_name]
    assert answers(store) == expected()
    # Another store over the same terms (another process, a rebuilt index) reuses it.
    again = DeleteStore(reversed(TERMS))
    assert again.file_name == store.file_name
    assert answers(again) == expected()
    assert len(list(cache_folder.iterdir())) == 1


def test_without_a_cache_the_table_is_built_in_memory(cache_folder, monkeypatch):
    monkeypatch.setenv("NORMALIZER_NO_CACHE", "1")
    store = DeleteStore(TERMS)
    assert isinstance(store._table(), ArrayTable)
    assert answers(store) == expected()
    assert not cache_folder.exists()


def test_unwritable_cache_location_builds_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(blocker / "cache"))
    store = DeleteStore(TERMS)
    assert isinstance(store._table(), ArrayTable)
    assert isinstance(store._table()._data, bytes)  # built in memory, no file
    assert answers(store) == expected()


@pytest.mark.parametrize("content", [b"", b"garbage, not a database" * 100], ids=["empty", "garbage"])
def test_a_damaged_file_is_rewritten(cache_folder, content):
    store = DeleteStore(TERMS)
    cache_folder.mkdir()
    (cache_folder / store.file_name).write_bytes(content)
    assert answers(store) == expected()
    assert isinstance(store._table(), ArrayTable)


def test_a_file_holding_another_table_is_rewritten(cache_folder):
    other = DeleteStore(["completely", "different"])
    other.prepare()
    store = DeleteStore(TERMS)
    (cache_folder / other.file_name).rename(cache_folder / store.file_name)
    assert answers(store) == expected()


def test_a_table_grown_since_its_build_is_written_again(cache_folder):
    store = DeleteStore(TERMS)
    store.prepare()
    path = cache_folder / store.file_name
    built = path.read_bytes()
    path.write_bytes(built + b"rows appended by something else")
    again = DeleteStore(TERMS)  # another process, or the next run
    assert answers(again) == expected()
    assert isinstance(again._table(), ArrayTable)  # on disk again, not in memory
    assert path.read_bytes() == built


def test_a_table_cut_short_is_written_again(cache_folder):
    store = DeleteStore(TERMS)
    store.prepare()
    path = cache_folder / store.file_name
    data = path.read_bytes()
    path.write_bytes(data[:-1024])  # its last rows' page, as after a full disk or a partial copy
    again = DeleteStore(TERMS)
    assert answers(again) == expected()
    assert path.read_bytes() == data


def test_pickles_without_its_table_and_reopens_it(cache_folder):
    store = DeleteStore(TERMS)
    assert answers(store) == expected()
    data = pickle.dumps(store)
    assert delete_table.MAGIC not in data  # the terms travel, not the table
    copy = pickle.loads(data)
    assert copy._backend is None
    assert answers(copy) == expected()
    # The file is gone (a worker on another machine, a cleaned cache): it is rebuilt.
    (cache_folder / store.file_name).unlink()
    assert answers(pickle.loads(data)) == expected()
    assert (cache_folder / store.file_name).is_file()


def test_one_store_serves_many_threads(cache_folder):
    store = DeleteStore(TERMS)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: answers(store), range(32)))
    assert all(result == expected() for result in results)


def test_the_index_pickles_and_answers_alike(bundled):
    index, old = bundled
    copy = pickle.loads(pickle.dumps(index))
    for word in ["Mokhajelani", "Aragut", "Losangeles", "Russoilania", "Khamenai"]:
        assert copy.fuzzy_tokens(word) == old.fuzzy_tokens(word)
        assert copy.glued_forms(word) == old.glued_forms(word)


def test_terms_with_a_space_are_kept_like_any_other(cache_folder):
    terms = ["new york", "newyork", "paris"]
    store = DeleteStore(terms)
    assert isinstance(store._table(), ArrayTable)
    symspell = old_symspell(terms)
    for word in ["new yrok", "newyrok", "pari"]:
        assert set(store.near(word)) == old_near(symspell, word)


def test_terms_of_more_letters_than_a_byte_ranks_stay_in_memory_as_symspell(cache_folder):
    terms = ["".join(chr(0x4E00 + 3 * k + j) for j in range(3)) for k in range(100)]  # 300 letters
    store = DeleteStore(terms)
    assert isinstance(store._table(), SymSpell)
    assert not list(cache_folder.glob("deletes-*"))
    symspell = old_symspell(terms)
    for word in [terms[0], terms[5][:2], terms[7] + "x", "abc"]:
        assert set(store.near(word)) == old_near(symspell, word)


# ----- the engine, whichever way the table is held ----------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def garbled_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    corpus = ROOT / "benchmarks" / "corpus" / "wikinews-mt.jsonl"
    texts += [json.loads(line)["garbled"] for line in corpus.read_text(encoding="utf-8").splitlines()[:6]]
    return texts


def corrections(normalizer, texts):
    return [normalizer.normalize(text).corrections for text in texts]


def test_the_engine_corrects_alike_from_disk_from_memory_and_pickled(monkeypatch):
    from normalizer import Normalizer

    texts = garbled_texts()
    on_disk = Normalizer.load()
    assert isinstance(on_disk.index.deletes._table(), ArrayTable)
    expected = corrections(on_disk, texts)
    assert any(expected)
    shipped = pickle.loads(pickle.dumps(on_disk))  # as to a worker process
    assert corrections(shipped, texts) == expected
    monkeypatch.setenv("NORMALIZER_NO_CACHE", "1")
    in_memory = Normalizer.load()
    assert isinstance(in_memory.index.deletes._table()._data, bytes)
    assert corrections(in_memory, texts) == expected


def test_the_engine_corrects_as_a_fresh_build_after_its_tables_lost_rows(cache_folder):
    from normalizer import Normalizer

    texts = garbled_texts()
    fresh = corrections(Normalizer.load(), texts)
    tables = sorted(cache_folder.glob("deletes-*.bin"))
    assert len(tables) == 2  # the fuzzy table and the round-trip table
    for path in tables:
        path.write_bytes(path.read_bytes()[: -len(path.read_bytes()) // 3])
    assert corrections(Normalizer.load(), texts) == fresh  # the index from its pickle, the tables rewritten


@EXAMPLES
@given(terms=terms_lists, distance=st.integers(1, 2))
def test_the_rows_written_are_symspells_own_in_the_same_order(terms, distance):
    store = DeleteStore(terms, max_distance=distance)
    symspell = old_symspell(dict.fromkeys(terms), distance)
    made = store._deletes()
    assert list(made) == list(symspell._deletes) and all(made[key] == symspell._deletes[key] for key in made)


@EXAMPLES
@given(terms=st.lists(st.text(alphabet="abcdeilr'é", max_size=10), max_size=40), distance=st.integers(1, 2))
def test_the_flat_table_holds_symspells_rows_in_the_same_order(terms, distance):
    store = DeleteStore(terms, max_distance=distance)
    table = ArrayTable(b"".join(store._pieces()), store.digest)
    made = store._deletes()
    assert table.rows([*made, "x", "zz"]) == dict(made)


@settings(max_examples=40, deadline=None)
@given(
    terms=st.lists(st.text(alphabet=[chr(0x100 + n) for n in range(200)], max_size=9), min_size=1, max_size=60),
    distance=st.integers(1, 2),
)
def test_a_table_of_many_letters_sorted_in_two_columns_holds_symspells_rows(terms, distance):
    # 200 letters take a byte each: with 300 terms more, a key of 7 letters and a
    # term id (56 + 9 bits) do not fit one uint64, and np.lexsort orders the rows.
    more = [chr(0x100 + n % 200) + chr(0x100 + n // 200) + "".join(chr(0x100 + k) for k in range(5)) for n in range(300)]
    store = DeleteStore([*terms, *more], max_distance=distance)
    table = ArrayTable(b"".join(store._pieces()), store.digest)
    made = store._deletes()
    assert table.rows([*made, "x"]) == dict(made)
