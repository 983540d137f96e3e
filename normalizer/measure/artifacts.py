"""The hand-written artifacts of normalizer.measure.garbler: each takes a word
and a random source and returns a changed word, or None when it does not
apply to that word (r/l, h -> kh, vowels, gh/q/k/g, a lost final vowel or h,
a lost capital, a keyboard slip); with the weights that pick them."""

from __future__ import annotations

import random
from typing import Callable

from normalizer.gazetteer.lexicon import english_words

VOWELS = "aeiou"
QWERTY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


# ---------------------------------------------------------------- lexicon


def is_english_word(token: str) -> bool:
    return token.lower() in english_words()


# ---------------------------------------------------------------- artifacts
# Each artifact takes a word and a random source and returns a changed word,
# or None when it does not apply to that word. Case of the first letter is kept.


def _with_case(original: str, lowered: str) -> str:
    if original[:1].isupper():
        return lowered[:1].upper() + lowered[1:]
    return lowered


def _positions(word: str, predicate: Callable[[str, int], bool]) -> list[int]:
    return [i for i in range(len(word)) if predicate(word, i)]


def artifact_rl(word: str, rng: random.Random) -> str | None:
    """Japanese has one liquid: an r becomes l or an l becomes r."""
    low = word.lower()
    spots = _positions(low, lambda w, i: w[i] in "rl")
    if not spots:
        return None
    i = rng.choice(spots)
    swapped = "l" if low[i] == "r" else "r"
    return _with_case(word, low[:i] + swapped + low[i + 1 :])


def artifact_kh(word: str, rng: random.Random) -> str | None:
    """Russian transcribes h as kh (х); going back, kh may also lose its k."""
    low = word.lower()
    options = []
    for i, ch in enumerate(low):
        before = low[i - 1] if i else ""
        if ch == "h" and before not in "cstgpwk":
            options.append(low[:i] + "kh" + low[i + 1 :])
        if low.startswith("kh", i):
            options.append(low[:i] + "h" + low[i + 2 :])
    if not options:
        return None
    return _with_case(word, rng.choice(options))


def artifact_vowel(word: str, rng: random.Random) -> str | None:
    """Vowels inserted between consonants (Japanese), doubled, dropped or shifted."""
    low = word.lower()
    options = []
    for i in range(1, len(low)):
        a, b = low[i - 1], low[i]
        if a not in VOWELS and b not in VOWELS and a.isalpha() and b.isalpha():
            options.append(low[:i] + rng.choice("uio") + low[i:])  # epenthesis
        if b in VOWELS:
            options.append(low[: i + 1] + b + low[i + 1 :])  # doubled vowel
            if 0 < i < len(low) - 1 and low[i + 1] not in VOWELS and a not in VOWELS:
                options.append(low[:i] + low[i + 1 :])  # dropped vowel
            shift = {"e": "i", "i": "e", "o": "u", "u": "o", "a": "e"}[b]
            options.append(low[:i] + shift + low[i + 1 :])
    if low[-1] not in VOWELS and low[-1].isalpha():
        options.append(low + rng.choice("uio"))  # a final vowel added
    if not options:
        return None
    return _with_case(word, rng.choice(options))


def artifact_gqk(word: str, rng: random.Random) -> str | None:
    """Arabic and Persian gh/q/k/g written one for another."""
    low = word.lower()
    swaps = {"gh": ("g", "q", "k"), "q": ("k", "gh", "g"), "k": ("g", "q", "kh"), "g": ("k", "gh")}
    options = []
    i = 0
    while i < len(low):
        key = "gh" if low.startswith("gh", i) else low[i]
        if key in swaps and not (key == "g" and low[i - 1 : i] == "n"):
            for new in swaps[key]:
                options.append(low[:i] + new + low[i + len(key) :])
        i += len(key)
    if not options:
        return None
    return _with_case(word, rng.choice(options))


def artifact_truncate(word: str, rng: random.Random) -> str | None:
    """A final vowel or h is lost (Fatemeh -> Fatem, Hamza -> Hamz)."""
    low = word.lower()
    options = []
    if low.endswith("h") and len(low) > 4:
        options.append(low[:-1])
        if low[-2] in VOWELS:
            options.append(low[:-2])
    elif low[-1] in VOWELS and len(low) > 4:
        options.append(low[:-1])
    if not options:
        return None
    return _with_case(word, rng.choice(options))


def artifact_case(word: str, rng: random.Random) -> str | None:
    """The capital is lost, as in a translation that took the name for a word."""
    if word[:1].isupper() and not word.isupper():
        return word[0].lower() + word[1:]
    return None


def _neighbours(ch: str) -> str:
    for row_index, row in enumerate(QWERTY_ROWS):
        col = row.find(ch)
        if col >= 0:
            near = [row[c] for c in (col - 1, col + 1) if 0 <= c < len(row)]
            for other in (row_index - 1, row_index + 1):
                if 0 <= other < len(QWERTY_ROWS):
                    near += [QWERTY_ROWS[other][c] for c in (col - 1, col) if 0 <= c < len(QWERTY_ROWS[other])]
            return "".join(near)
    return ""


def artifact_typo(word: str, rng: random.Random) -> str | None:
    """A keyboard slip after the first letter: adjacent key, swap, drop or double."""
    low = word.lower()
    if len(low) < 4:
        return None
    i = rng.randrange(1, len(low))
    kind = rng.choice(("adjacent", "swap", "drop", "double"))
    if kind == "adjacent":
        near = _neighbours(low[i])
        if not near:
            return None
        new = low[:i] + rng.choice(near) + low[i + 1 :]
    elif kind == "swap":
        if i == len(low) - 1 or low[i] == low[i + 1]:
            return None
        new = low[:i] + low[i + 1] + low[i] + low[i + 2 :]
    elif kind == "drop":
        new = low[:i] + low[i + 1 :]
    else:
        new = low[: i + 1] + low[i] + low[i + 1 :]
    return _with_case(word, new)


ARTIFACTS: dict[str, Callable[[str, random.Random], str | None]] = {
    "rl": artifact_rl,
    "kh": artifact_kh,
    "vowel": artifact_vowel,
    "gqk": artifact_gqk,
    "truncate": artifact_truncate,
    "case": artifact_case,
    "typo": artifact_typo,
}
# How often each artifact leads a garble; case mostly rides along as a second artifact.
WEIGHTS = {"rl": 3, "kh": 3, "vowel": 3, "gqk": 2, "truncate": 1, "case": 1, "typo": 3}
SECOND_ARTIFACT_CHANCE = 0.3
COMPOUND_CHANCE = 0.5  # of a mention that can be glued (two places, or a two-word place name)
SHORT_TOKEN = 5  # a token this short gets one artifact only, or it is no longer recognisable
MAX_DISTANCE = 3  # Damerau-Levenshtein cap between a token and its garble (case aside)
