"""Every fold and key of a word, in one place, so the engine, lint and the
garbler see the same words.

From the gentlest to the strongest:

- `strip_accents`: "Łódź" -> "Lodz". Letters that Unicode does not decompose
  (ø, ł, đ, ı, ħ, æ, œ, þ) are spelled out first, so they fold to their
  base letter instead of vanishing.
- `fold_case`: the key of a token: case and accents set aside ("Tehrán", "TEHRAN").
- `fold_form`: the key of a whole form: `fold_case` with runs of space made one.
- `mt_fold`: the machine-translation key: erases the distinctions that
  scripts without them lose on a round trip (r/l, kh/h, gh/g, q/k, y/i, doubled
  letters, a final h after a vowel), so "Mokhajelani" and "Mohajerani" share
  "mohajerani".
- `skeleton`: `mt_fold` without vowels after the first letter ("argch").
- `sound_key`: jellyfish metaphone of `mt_fold`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import jellyfish

# Letters with no Unicode decomposition, spelled as news in English spells them.
_UNDECOMPOSABLE = str.maketrans(
    {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "ħ": "h", "Ħ": "H",
     "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "Þ": "Th",
     # Invisible inside a word (tokens.py): a soft hyphen, zero-width space, non-joiner, joiner, word joiner.
     "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None}
)

# Applied in order; each line is one family of confusions.
_MT_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[^a-z]", ""),  # apostrophes, hyphens, anything not a plain letter
        (r"kh", "h"),  # Russian х, Persian خ
        (r"gh", "g"),  # Persian غ
        (r"ph", "f"),
        (r"ck|q|c(?![hei])", "k"),  # q/k/hard c
        (r"c(?=[ei])", "s"),
        (r"dh", "d"),
        (r"th", "t"),
        (r"zh", "j"),
        (r"w", "v"),
        (r"x", "ks"),
        (r"y", "i"),  # y as a vowel or glide: Sayyed / Saied
        (r"l", "r"),  # Japanese and Chinese merge r and l
        (r"ou|oo", "u"),
        (r"ee", "i"),
        (r"(?<=[aeiou])h$", ""),  # Fatemeh / Fateme
        (r"(.)\1+", r"\1"),  # doubled letters
    )
)
_VOWELS_AFTER_FIRST = re.compile(r"(?<=.)[aeiou]")
_DOUBLES = re.compile(r"(.)\1+")
# The same folds over many words at once, one a line: no pattern matches
# across a line end (`.` and every class but the first stop at one), and
# the end of a word is the end of its line.
_MT_FOLDS_BY_LINE = (
    (re.compile(r"[^a-z\n]"), ""),
    *((re.compile(pattern.pattern, re.MULTILINE), replacement) for pattern, replacement in _MT_FOLDS[1:]),
)


def strip_accents(text: str) -> str:
    """`text` without diacritics; undecomposable letters become their base letter."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_case(text: str) -> str:
    """Case- and accent-insensitive key of a token: "Tehrán" and "TEHRAN" meet."""
    if text.isascii():  # most words: no accents to strip, and casefold is lower
        return text.lower()
    return strip_accents(text).casefold().replace("’", "'")


def fold_form(form: str) -> str:
    """The key two spellings of a whole form share when they differ only by
    case, accents or spacing ("São Paulo" / "SAO  PAULO")."""
    return " ".join(fold_case(form).split())


def run_together(name: str) -> str:
    """A name's letters run together, case and marks aside: "Viet Nam" and
    "Vietnam" are one, and "Amir-Abdollahian" and "Amirabdollahian"."""
    return "".join(character for character in fold_case(name) if character.isalnum())


@lru_cache(maxsize=65536)
def mt_fold(word: str) -> str:
    """The machine-translation confusion key of one word (lowercase ASCII letters)."""
    key = strip_accents(word).lower()
    for pattern, replacement in _MT_FOLDS:
        key = pattern.sub(replacement, key)
    return key


def mt_fold_all(words: list[str]) -> list[str]:
    """`mt_fold` of each word: each pattern applied once to them all, one a
    line (building the index folds 200,000 words; one at a time, the
    pattern calls cost more than the folding)."""
    if any("\n" in word for word in words):
        return [mt_fold(word) for word in words]
    text = "\n".join([strip_accents(word) for word in words]).lower()  # most are ASCII: returned as they are
    for pattern, replacement in _MT_FOLDS_BY_LINE:
        text = pattern.sub(replacement, text)
    return text.split("\n") if words else []


def skeletons_of_folds(folds: list[str]) -> list[str]:
    """`skeleton` of each word, given its `mt_fold` (a line each, as above)."""
    if not folds:
        return []
    return _DOUBLES.sub(r"\1", _VOWELS_AFTER_FIRST.sub("", "\n".join(folds))).split("\n")


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """`mt_fold` without vowels after the first letter: survives vowel garbles."""
    return _DOUBLES.sub(r"\1", _VOWELS_AFTER_FIRST.sub("", mt_fold(word)))


@lru_cache(maxsize=65536)
def sound_key(word: str) -> str:
    """A phonetic key (jellyfish metaphone of the folded form)."""
    return sound_of_fold(mt_fold(word))


def sound_of_fold(folded: str) -> str:
    """`sound_key` of a word, given its `mt_fold`."""
    return jellyfish.metaphone(folded) if folded else ""
