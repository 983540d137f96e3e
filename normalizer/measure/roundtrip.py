"""Real round trips: a name written in another script, sent back to Latin
letters the way machine translation and news romanize it.

Machine translation from Russian, Japanese, Chinese, Korean, Arabic or Hebrew
writes a foreign name it does not know by romanizing the other script's
spelling ("Джонсон" -> "Dzhonson", "ロバート" -> "Robaato", "特朗普" ->
"Telangpu"). `round_trips(script, native)` gives every such Latin form of one
native spelling, each with the label of the scheme that made it:

    >>> round_trips("russian", "джонсон")
    [('Russian romanization (Wikipedia)', 'Dzhonson'), ...]

The romanizers are real libraries from the package index (the `roundtrip`
extra of pyproject.toml), imported at first use:

| script | scheme labels | library |
| --- | --- | --- |
| russian | Wikipedia, BGN/PCGN, ICAO passport, MVD 310 passport, GOST 7.79 (ISO 9), scientific | iuliia |
| katakana | Hepburn (long vowels doubled: Robaato), Hepburn with long vowels unmarked (Robato), Hepburn with l for r (Lobaato); cutlet's romaji (ウィリアム: Iriamu) | pykakasi, plus the extended-katakana table below; cutlet (unidic-lite) |
| chinese | pinyin syllables joined, tones stripped (Telangpu); pinyin with tone marks (Tèlǎngpǔ) | pypinyin |
| korean | Revised Romanization (korean-romanizer: Teureompeu); its letter-by-letter transliteration (hangul-romanize: Teuleompeu) | korean-romanizer, hangul-romanize |
| arabic | news romanization (letter table, English-style: sh, kh, j, ou/u...), and its French-style variant (ou, dj, ch) | none: `abjads._ARABIC` |
| hebrew | news romanization (letter table), and a variant reading vav as u and yod as e | none: `abjads._HEBREW` |

Why tables for Arabic and Hebrew: both scripts leave most vowels unwritten,
and the transliterators of the index (anyascii, unidecode) write consonants
only ("جونسون" -> "jwnswn", "סנדלר" -> "sndlr"), which no news text prints.
The tables read the vowel letters (alif, waw, ya; aleph, vav, yod) as vowels
and give each consonant its usual English news spelling.
`python -m normalizer.measure.roundtrip --compare` measures, on the train
split, how close each scheme's forms are to the English spelling beside
anyascii and unidecode (see `compare_schemes`).

Pykakasi reads the extended katakana of foreign words kana by kana
("ティム" -> "teimu", "トゥ" -> "tou", "ジェ" -> "jie"); `romanizers._KATAKANA_EXTENDED`
gives them their Hepburn spelling (ti, tu, je) as every Hepburn table does.
Pypinyin's Wade-Giles output writes ü as v ("hsvn"), so it is left out.

Every Latin form is letters only (the soft-sign apostrophes of BGN/PCGN and
the passport schemes are dropped, as news prints "Shults"), keeps its
diacritics (GOST "Šulc"), and starts with a capital.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from typing import Callable

from normalizer.measure.abjads import arabic_forms, hebrew_forms
from normalizer.measure.romanizers import (  # noqa: F401  (katakana_hepburn: part of this module's API)
    chinese_forms,
    katakana_forms,
    katakana_hepburn,
    korean_forms,
    russian_forms,
)

SCRIPTS = ("russian", "katakana", "chinese", "korean", "arabic", "hebrew")

# What to call the route of each script in a correction's reasons.
ROUTES = {
    "russian": "Russian romanization",
    "katakana": "katakana round trip",
    "chinese": "Chinese pinyin round trip",
    "korean": "Korean romanization",
    "arabic": "Arabic romanization",
    "hebrew": "Hebrew romanization",
}

# ---------------------------------------------------------------- the API

_ROMANIZERS: dict[str, Callable[[str], list[tuple[str, str]]]] = {
    "russian": russian_forms,
    "katakana": katakana_forms,
    "chinese": chinese_forms,
    "korean": korean_forms,
    "arabic": arabic_forms,
    "hebrew": hebrew_forms,
}
_LETTER = frozenset(("Lu", "Ll", "Lt"))


def latin_word(text: str) -> str:
    """One printable word: its cased letters only (apostrophes, soft-sign
    primes, hyphens, spaces and stray combining marks dropped; accents that
    compose with their letter kept), a capital first."""
    word = "".join(c for c in unicodedata.normalize("NFC", text) if unicodedata.category(c) in _LETTER)
    return word[:1].upper() + word[1:].lower()


def _is_latin(form: str) -> bool:
    """Only Latin letters: a romanizer that lets a letter through unchanged
    (iuliia's BGN/PCGN leaves "ё" after a consonant) gives no form."""
    return all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in form) and form.isalpha()


def round_trips(script: str, native: str) -> list[tuple[str, str]]:
    """Every Latin form that a romanizer of `script` gives for `native`, as
    (scheme label, form); each form at most once (the first scheme that
    gives it), empty forms and forms with a letter left in another script
    left out. `script` is one of SCRIPTS."""
    seen: set[str] = set()
    forms = []
    for label, raw in _romanizer(script)(native):
        form = latin_word(raw)
        if form and form not in seen and _is_latin(form):
            seen.add(form)
            forms.append((label, form))
    return forms


def printed_round_trips(script: str, native: str) -> list[str]:
    """Each different output of the romanizers as they print it, with the
    soft-sign primes and apostrophes that the forms drop ("Igorʹ", "Ol’ga"),
    where it gives a Latin form."""
    printed: list[str] = []
    for _, raw in _romanizer(script)(native):
        form = latin_word(raw)
        if form and _is_latin(form) and raw not in printed:
            printed.append(raw)
    return printed


def _romanizer(script: str):
    try:
        return _ROMANIZERS[script]
    except KeyError:
        raise ValueError(f"unknown script {script!r}: one of {', '.join(SCRIPTS)}") from None


def round_trip_forms(script: str, native: str) -> list[str]:
    """The Latin forms of round_trips, without their labels."""
    return [form for _, form in round_trips(script, native)]


# ---------------------------------------------------------------- measuring the schemes


def compare_schemes(data_dir: str, limit: int = 2000) -> list[dict]:
    """How close each scheme (and anyascii, unidecode) comes to the English
    spelling on the first `limit` train pairs of each script: the mean
    normalized edit distance of the form to the English word (0 = the
    English spelling itself) and how often the form equals it."""
    import jellyfish
    from pathlib import Path

    rows = []
    for script in SCRIPTS:
        pairs = read_pairs(Path(data_dir) / f"{script}.train.tsv")[:limit]
        by_scheme: dict[str, list[float]] = {}
        for english, native in pairs:
            candidates = list(_ROMANIZERS[script](native))
            try:
                import anyascii

                candidates.append(("anyascii", anyascii.anyascii(native)))
            except ImportError:
                pass
            try:
                import unidecode

                candidates.append(("unidecode", unidecode.unidecode(native)))
            except ImportError:
                pass
            for label, raw in candidates:
                form = latin_word(raw).lower()
                from normalizer.folding import strip_accents

                form = strip_accents(form)
                distance = jellyfish.levenshtein_distance(form, english) / max(len(form), len(english), 1)
                by_scheme.setdefault(label, []).append(distance)
        for label, distances in by_scheme.items():
            rows.append(
                {
                    "script": script,
                    "scheme": label,
                    "mean_distance": round(sum(distances) / len(distances), 3),
                    "equal": round(sum(d == 0 for d in distances) / len(distances), 3),
                }
            )
    return rows


def read_pairs(path) -> list[tuple[str, str]]:
    """(english, native) pairs of one data file, in file order."""
    pairs = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0] and parts[1]:
                pairs.append((parts[0], parts[1]))
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("script", nargs="?", choices=SCRIPTS)
    parser.add_argument("words", nargs="*", help="native spellings to send back to Latin letters")
    parser.add_argument("--compare", metavar="DATA_DIR", help="measure every scheme on DATA_DIR/*.train.tsv")
    parser.add_argument("--limit", type=int, default=2000)
    args = parser.parse_args(argv)
    if args.compare:
        print(f"{'script':9} {'scheme':52} {'distance':>8} {'equal':>6}")
        for row in compare_schemes(args.compare, args.limit):
            print(f"{row['script']:9} {row['scheme']:52} {row['mean_distance']:8.3f} {row['equal']:6.3f}")
        return 0
    if not args.script:
        parser.error("give a script and words, or --compare DATA_DIR")
    for word in args.words:
        for label, form in round_trips(args.script, word):
            print(f"{word}\t{form}\t{label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
