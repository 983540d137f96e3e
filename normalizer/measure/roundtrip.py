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
| katakana | Hepburn (long vowels doubled: Robaato), Hepburn with long vowels unmarked (Robato), Hepburn with l for r (Lobaato) | pykakasi, plus the extended-katakana table below |
| chinese | pinyin syllables joined, tones stripped (Telangpu); pinyin with tone marks (Tèlǎngpǔ) | pypinyin |
| korean | Revised Romanization (korean-romanizer: Teureompeu); its letter-by-letter transliteration (hangul-romanize: Teuleompeu) | korean-romanizer, hangul-romanize |
| arabic | news romanization (letter table below, English-style: sh, kh, j, ou/u...), and its French-style variant (ou, dj, ch) | none: `_ARABIC` |
| hebrew | news romanization (letter table below), and a variant reading vav as u and yod as e | none: `_HEBREW` |

Why tables for Arabic and Hebrew: both scripts leave most vowels unwritten,
and the transliterators of the index (anyascii, unidecode) write consonants
only ("جونسون" -> "jwnswn", "סנדלר" -> "sndlr"), which no news text prints.
The tables read the vowel letters (alif, waw, ya; aleph, vav, yod) as vowels
and give each consonant its usual English news spelling.
`python -m normalizer.measure.roundtrip --compare` measures, on the train
split, how close each scheme's forms are to the English spelling beside
anyascii and unidecode (see `compare_schemes`).

Pykakasi reads the extended katakana of foreign words kana by kana
("ティム" -> "teimu", "トゥ" -> "tou", "ジェ" -> "jie"); `_KATAKANA_EXTENDED`
gives them their Hepburn spelling (ti, tu, je) as every Hepburn table does.
Pypinyin's Wade-Giles output writes ü as v ("hsvn"), so it is left out.

Every Latin form is letters only (the soft-sign apostrophes of BGN/PCGN and
the passport schemes are dropped, as news prints "Shults"), keeps its
diacritics (GOST "Šulc"), and starts with a capital.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from functools import lru_cache
from typing import Callable

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

# ---------------------------------------------------------------- Cyrillic

_IULIIA_SCHEMES = (
    ("Wikipedia", "WIKIPEDIA"),
    ("BGN/PCGN", "BGN_PCGN"),
    ("ICAO passport", "ICAO_DOC_9303"),
    ("MVD 310 passport", "MVD_310"),
    ("GOST 7.79", "GOST_779"),
    ("scientific", "SCIENTIFIC"),
)


@lru_cache(maxsize=None)
def _iuliia_schemes() -> tuple[tuple[str, object], ...]:
    import iuliia

    return tuple((label, getattr(iuliia, name)) for label, name in _IULIIA_SCHEMES)


def _russian(native: str) -> list[tuple[str, str]]:
    return [(f"Russian romanization ({label})", schema.translate(native)) for label, schema in _iuliia_schemes()]


# ---------------------------------------------------------------- katakana

# The extended katakana of foreign words, in modified Hepburn (the tables of
# Hepburn romanization for gairaigo). Pykakasi romanizes them kana by kana.
_KATAKANA_EXTENDED = {
    "ティ": "ti", "ディ": "di", "トゥ": "tu", "ドゥ": "du", "テュ": "tyu", "デュ": "dyu",
    "ウィ": "wi", "ウェ": "we", "ウォ": "wo", "ヴァ": "va", "ヴィ": "vi", "ヴェ": "ve", "ヴォ": "vo",
    "ヴュ": "vyu", "シェ": "she", "ジェ": "je", "チェ": "che", "イェ": "ye", "ツァ": "tsa",
    "ツィ": "tsi", "ツェ": "tse", "ツォ": "tso", "ファ": "fa", "フィ": "fi", "フェ": "fe",
    "フォ": "fo", "フュ": "fyu", "ズィ": "zi", "スィ": "si", "クァ": "kwa", "クィ": "kwi",
    "クェ": "kwe", "クォ": "kwo", "グァ": "gwa", "ホゥ": "hu", "キェ": "kye", "ニェ": "nye",
    "ヒェ": "hye", "リェ": "rye", "ミェ": "mye", "ビェ": "bye", "ピェ": "pye", "ギェ": "gye",
}
_KATAKANA = re.compile(r"[\u30a0-\u30ff]+")
_LONG_MARK = "ー"
_SOKUON = "ッ"


@lru_cache(maxsize=None)
def _kakasi():
    import pykakasi

    return pykakasi.kakasi()


def _kana_run(run: str) -> str:
    """Hepburn of a run of plain katakana, by pykakasi."""
    return "".join(part["hepburn"] for part in _kakasi().convert(run)) if run else ""


def katakana_hepburn(native: str) -> str:
    """Hepburn of a katakana spelling, long vowels doubled ("ロバート" -> "robaato")."""
    out: list[str] = []
    pending = ""  # plain kana not yet romanized
    double_next = False
    i = 0
    text = "".join(_KATAKANA.findall(native)).replace("・", "").replace("゠", "")
    while i < len(text):
        pair = text[i : i + 2]
        if pair in _KATAKANA_EXTENDED:
            if pending.endswith(_SOKUON):
                pending, double_next = pending[:-1], True
            out.append(_kana_run(pending))
            pending = ""
            latin = _KATAKANA_EXTENDED[pair]
            if double_next:
                latin = latin[0] + latin
                double_next = False
            out.append(latin)
            i += 2
            continue
        if text[i] == _LONG_MARK and not pending and out and out[-1]:
            out.append(out[-1][-1])  # a long mark right after an extended kana
            i += 1
            continue
        pending += text[i]
        i += 1
    out.append(_kana_run(pending))
    latin = "".join(out)
    return re.sub(r"[^a-z]", "", latin.lower())


_DOUBLE_VOWEL = re.compile(r"([aeiou])\1")


def _katakana(native: str) -> list[tuple[str, str]]:
    hepburn = katakana_hepburn(native)
    return [
        ("katakana Hepburn", hepburn),
        ("katakana Hepburn, long vowels unmarked", _DOUBLE_VOWEL.sub(r"\1", hepburn)),
        ("katakana Hepburn, l for r", hepburn.replace("r", "l")),
    ]


# ---------------------------------------------------------------- Chinese


def _chinese(native: str) -> list[tuple[str, str]]:
    from pypinyin import Style, lazy_pinyin

    han = "".join(c for c in native if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff")
    if not han:
        return []
    plain = "".join(lazy_pinyin(han)).replace("ü", "u").replace("v", "u")
    marked = "".join(lazy_pinyin(han, style=Style.TONE))
    return [("pinyin", plain), ("pinyin with tone marks", marked)]


# ---------------------------------------------------------------- Korean


@lru_cache(maxsize=None)
def _hangul_transliter():
    from hangul_romanize import Transliter
    from hangul_romanize.rule import academic

    return Transliter(academic)


def _korean(native: str) -> list[tuple[str, str]]:
    from korean_romanizer.romanizer import Romanizer

    hangul = "".join(c for c in native if "\uac00" <= c <= "\ud7a3")
    if not hangul:
        return []
    return [
        ("Revised Romanization", Romanizer(hangul).romanize()),
        ("Revised Romanization, letter by letter", _hangul_transliter().translit(hangul)),
    ]


# ---------------------------------------------------------------- Arabic and Hebrew

# Arabic (and the Persian letters news meets) as English-language news spells
# them. Vowel letters: alif a, waw u (w before or after a vowel, and first),
# ya i (y before or after a vowel, and first); the vowel signs, when written,
# give their vowel; hamza carriers give their vowel; ta marbuta a.
_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "u", "ئ": "i", "ى": "a", "ة": "a",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh",
    "ف": "f", "ق": "q", "ك": "k", "ک": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ہ": "h", "ھ": "h",
    "و": "w", "ي": "y", "ی": "y", "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ڤ": "v", "ڨ": "g",
    "\u064e": "a", "\u064f": "u", "\u0650": "i",  # fatha, damma, kasra
}
# The French-style spellings of Maghreb and Lebanese news.
_ARABIC_FRENCH = {**_ARABIC, "ج": "dj", "ش": "ch", "ق": "k", "ث": "t", "ذ": "d", "غ": "gh"}
_ARABIC_GLIDES = {"و": ("u", "ou"), "ي": ("i", "i"), "ی": ("i", "i")}

# Hebrew as news spells it: vav o (v first, vv v), yod i (y first, before or
# after a vowel), he at the end a, geresh letters j, zh, ch, th.
_HEBREW = {
    "א": "", "ב": "b", "ג": "g", "ד": "d", "ה": "h", "ו": "v", "ז": "z", "ח": "kh", "ט": "t",
    "י": "y", "כ": "k", "ך": "kh", "ל": "l", "מ": "m", "ם": "m", "נ": "n", "ן": "n", "ס": "s",
    "ע": "", "פ": "p", "ף": "f", "צ": "ts", "ץ": "ts", "ק": "k", "ר": "r", "ש": "sh", "ת": "t",
    "װ": "v", "ײ": "y",
}
_HEBREW_GERESH = {"ג": "j", "ז": "zh", "צ": "ch", "ץ": "ch", "ת": "th", "ד": "dh", "ח": "kh"}
_GERESH = "'׳’\""


def _arabic(native: str) -> list[tuple[str, str]]:
    letters = [c for c in native if c in _ARABIC]
    forms = []
    for label, table, glide in (("news", _ARABIC, 0), ("French-style", _ARABIC_FRENCH, 1)):
        out: list[str] = []
        for k, c in enumerate(letters):
            if c in _ARABIC_GLIDES:
                before = out[-1][-1:] if out and out[-1] else ""
                after = letters[k + 1] if k + 1 < len(letters) else ""
                next_vowel = after in ("ا", "أ", "إ", "آ", "ى", "ة")
                if k == 0 or before in ("a", "e", "i", "o", "u") or next_vowel:
                    out.append("w" if c == "و" else "y")
                else:
                    out.append(_ARABIC_GLIDES[c][glide])
            else:
                out.append(table[c])
        forms.append((f"Arabic romanization ({label})", "".join(out)))
    return forms


def _hebrew(native: str) -> list[tuple[str, str]]:
    letters: list[tuple[str, bool]] = []  # (letter, has geresh)
    for c in native:
        if c in _HEBREW:
            letters.append((c, False))
        elif c in _GERESH and letters:
            letters[-1] = (letters[-1][0], True)
    forms = []
    for label, vav, yod in (("news", "o", "i"), ("u and e", "u", "e")):
        out: list[str] = []
        k = 0
        while k < len(letters):
            c, geresh = letters[k]
            after = letters[k + 1][0] if k + 1 < len(letters) else ""
            before = out[-1][-1:] if out and out[-1] else ""
            last = k == len(letters) - 1
            if geresh and c in _HEBREW_GERESH:
                out.append(_HEBREW_GERESH[c])
            elif c == "ו" and after == "ו":
                out.append("v")
                k += 1
            elif c == "י" and after == "י":
                out.append("y")
                k += 1
            elif c == "ו":
                out.append("v" if k == 0 else vav)
            elif c == "י":
                out.append("y" if k == 0 or before in ("a", "e", "i", "o", "u") else yod)
            elif c == "ה" and last and k > 0:
                out.append("a")
            elif c == "א":
                out.append("" if k == 0 and after in ("ו", "י") else "a")
            elif c == "ב" and k > 0:
                out.append("v")
            elif c == "פ" and k > 0:
                out.append("f")
            else:
                out.append(_HEBREW[c])
            k += 1
        forms.append((f"Hebrew romanization ({label})", "".join(out)))
    return forms


# ---------------------------------------------------------------- the API

_ROMANIZERS: dict[str, Callable[[str], list[tuple[str, str]]]] = {
    "russian": _russian,
    "katakana": _katakana,
    "chinese": _chinese,
    "korean": _korean,
    "arabic": _arabic,
    "hebrew": _hebrew,
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
    try:
        romanize = _ROMANIZERS[script]
    except KeyError:
        raise ValueError(f"unknown script {script!r}: one of {', '.join(SCRIPTS)}") from None
    seen: set[str] = set()
    forms = []
    for label, raw in romanize(native):
        form = latin_word(raw)
        if form and form not in seen and _is_latin(form):
            seen.add(form)
            forms.append((label, form))
    return forms


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
