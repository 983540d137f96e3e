"""A strict Cyrillic scheme's marked letters as the Wikipedia scheme prints
them: GOST 7.79 and the scientific scheme write "û", "è", "š" where the
Wikipedia scheme writes "yu", "e", "sh" for the same Cyrillic letter, so a
word in those letters is read as the scheme the learned routes know best
(transliteration.spelled_score)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from normalizer.model_files import table_rows

SCHEME_LETTERS = Path(__file__).resolve().parent / "data" / "russian_scheme_letters.tsv"


def as_wikipedia_prints(word: str) -> str:
    """`word` with each marked letter of the strict Cyrillic schemes (GOST 7.79,
    scientific) as the Wikipedia scheme prints the same Cyrillic letter:
    "Tûmèn" -> "Tyumen", "Džekson" -> "Dzhekson" (the table is
    normalizer/data/russian_scheme_letters.tsv, from iuliia's schemes by
    tools/generate_russian_scheme_letters.py). Most words: themselves."""
    if word.isascii():
        return word
    pattern, table = _scheme_letters()
    # Composed first: a caron may come as a letter of its own after the "z" (iuliia's GOST prints it so).
    composed = unicodedata.normalize("NFC", word)
    wider = pattern.sub(lambda found: _cased(table[found.group().lower()], found.group()), composed)
    return word if wider == composed else wider


def _cased(plain_letters: str, printed: str) -> str:
    return plain_letters.capitalize() if printed[:1].isupper() else plain_letters


@lru_cache(maxsize=1)
def _scheme_letters() -> tuple[re.Pattern[str], dict[str, str]]:
    table = dict(table_rows(SCHEME_LETTERS))
    # Longest first: the scientific "šč" (щ) before its "š".
    return re.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True))), re.IGNORECASE), table
