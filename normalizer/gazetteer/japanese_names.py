"""A Japanese person's name in the order Japan's government writes it in
English: the surname first ("Kishida Fumio", "Ishiba Shigeru").

Since January 2020 Japan's government, and since then some outlets, write a
Japanese name in Latin letters as Japanese writes it, surname first; most
English news keeps the given name first. A gazetteer lists one order; the
index gives a Japanese person's name the other too, as a correct form, so a
garble of either order is read ("Kisida Humio", Kunrei-shiki, -> Kishida Fumio).

A name is Japanese here where its first word is a given name and its last a
surname of UniDic (the dictionary of `unidic-lite`: 人名,名 and 人名,姓), as
`tools/generate_japanese_names.py` romanizes their readings into
`normalizer/data/japanese_names.tsv`: "Barack Obama" is not, though Obama
is a Japanese surname, nor "Benjamin Netanyahu", whose letters Japanese
syllables could spell.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from normalizer.model_files import table_rows

TABLE = Path(__file__).resolve().parent.parent / "data" / "japanese_names.tsv"
GIVEN, SURNAME = "g", "s"


def japanese_key(word: str) -> str:
    """A Japanese name word's letters as the table keys them: small letters
    without marks, and a long vowel written once ("Shinzou", "Shinzō",
    "Shinzo" are one name; "Ohno" and "Ono" too: the passport's "oh")."""
    if word.isascii() and word.isalpha():  # most words (an index build asks every person's two)
        plain = word.lower()
    else:
        plain = "".join(c for c in unicodedata.normalize("NFD", word.casefold()) if c.isascii() and c.isalpha())
    return plain.replace("ou", "o").replace("oo", "o").replace("uu", "u").replace("oh", "o")


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    return dict(table_rows(TABLE))


def is_japanese_name(given: str, surname: str) -> bool:
    """Whether `given` is a Japanese given name and `surname` a Japanese surname (the table)."""
    table = _table()
    return GIVEN in table.get(japanese_key(given), "") and SURNAME in table.get(japanese_key(surname), "")


def surname_first_forms(name: str) -> list[tuple[str, str, str]]:
    """(form, role, target) for a Japanese name of two words given name first:
    the same name surname first, a correct form written as it is. Else none."""
    words = name.split()
    if len(words) != 2 or not is_japanese_name(*words):
        return []
    reordered = f"{words[1]} {words[0]}"
    return [(reordered, "alias", reordered)]
