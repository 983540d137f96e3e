"""WordMap answers as the dict it was made from, and pickles."""

from __future__ import annotations

import pickle
import random
from array import array
from zlib import crc32

from hypothesis import given
from hypothesis import strategies as st

from normalizer.wordmap import WordMap, compact, grouped, runs

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


def plain_build(mapping, numbers):
    """The straightforward build, a Python loop per word: what WordMap's
    faster build must equal byte for byte (None where it must refuse)."""
    size = 1
    while size * 4 < len(mapping):
        size *= 2
    buckets = [[] for _ in range(size)]
    for key, values in mapping.items():
        encoded = key.encode("utf-8", "surrogatepass")
        words = [str(value).encode("utf-8", "surrogatepass") for value in values]
        if not words or any(b"\0" in w or b"\1" in w for w in (encoded, *words)):
            return None
        buckets[crc32(encoded) & (size - 1)].append(b"\0" + encoded + b"\1" + b"\1".join(words))
    starts = array("I", [0])
    for part in (b"".join(bucket) for bucket in buckets):
        starts.append(starts[-1] + len(part))
    return b"".join(b"".join(bucket) for bucket in buckets), starts.tobytes(), len(mapping), numbers


def test_the_build_is_byte_for_byte_the_plain_one():
    rng = random.Random(2)
    for _ in range(500):
        numbers = rng.random() < 0.5
        mapping = {}
        for _ in range(rng.randint(0, 60)):
            key = "".join(rng.choice("abcé\0\1x" if rng.random() < 0.02 else "abcdeé'") for _ in range(rng.randint(0, 6)))
            count = rng.randint(0 if rng.random() < 0.05 else 1, 4)
            if numbers:
                mapping[key] = [rng.randint(0, 10**6) for _ in range(count)]
            else:
                mapping[key] = ["".join(rng.choice("xyz\1" if rng.random() < 0.01 else "xyzé") for _ in range(rng.randint(0, 5))) for _ in range(count)]
        expected, built = plain_build(mapping, numbers), compact(mapping, numbers)
        if expected is None:
            assert built == {key: tuple(values) for key, values in mapping.items()} and isinstance(built, dict)
        else:
            assert built.__reduce__()[1] == expected


def test_grouped_pairs_make_the_bytes_of_their_dict_of_lists():
    """wordmap.grouped builds from (key, value) columns exactly what compact
    builds from the dict of lists they make, separators in words included."""
    rng = random.Random(3)
    for _ in range(1000):
        numbers = rng.random() < 0.5
        size = rng.randint(0, 40)
        keys = ["".join(rng.choice("abé\0\1{" if rng.random() < 0.02 else "abcé'") for _ in range(rng.randint(0, 3))) for _ in range(size)]
        if numbers:
            values = [rng.randint(0, 10**6) for _ in range(size)]
        else:
            values = ["".join(rng.choice("xy\1" if rng.random() < 0.02 else "xyzé") for _ in range(rng.randint(0, 4))) for _ in range(size)]
        plain: dict = {}
        for key, value in zip(keys, values):
            plain.setdefault(key, []).append(value)
        expected, built = compact(plain, numbers), grouped(keys, values, numbers)
        if isinstance(expected, WordMap):
            assert isinstance(built, WordMap) and built.__reduce__()[1] == expected.__reduce__()[1]
        else:
            assert built == expected and isinstance(built, dict)


def test_runs_make_the_bytes_of_their_dict_of_lists():
    """wordmap.runs (each key with the next `count` values) builds what
    compact builds from that dict of lists; an empty entry or a separator
    in a word leaves it a dict, as compact does."""
    rng = random.Random(4)
    for _ in range(1000):
        numbers = rng.random() < 0.5
        keys = list(dict.fromkeys("".join(rng.choice("ab\0" if rng.random() < 0.02 else "abé") for _ in range(rng.randint(0, 3))) for _ in range(rng.randint(0, 20))))
        counts = [rng.randint(0 if rng.random() < 0.05 else 1, 3) for _ in keys]
        if numbers:
            values = [rng.randint(0, 10**6) for _ in range(sum(counts))]
        else:
            values = ["".join(rng.choice("xy\1" if rng.random() < 0.02 else "xyé") for _ in range(rng.randint(0, 3))) for _ in range(sum(counts))]
        taken = iter(values)
        plain = {key: [next(taken) for _ in range(count)] for key, count in zip(keys, counts)}
        expected, built = compact(plain, numbers), runs(keys, counts, values, numbers)
        if isinstance(expected, WordMap):
            assert isinstance(built, WordMap) and built.__reduce__()[1] == expected.__reduce__()[1]
        else:
            assert built == expected and isinstance(built, dict)
