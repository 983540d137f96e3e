"""The romanizers of normalizer.measure.roundtrip that are libraries from the
package index: Cyrillic (iuliia), katakana (pykakasi, with the extended
katakana of foreign words in Hepburn; and cutlet), Chinese (pypinyin) and Hangul
(korean-romanizer, hangul-romanize). Each `*_forms(native)` gives
(scheme label, raw Latin form) pairs; roundtrip.round_trips cleans them.
The libraries are imported at first use."""

from __future__ import annotations

import re
from functools import lru_cache

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


def russian_forms(native: str) -> list[tuple[str, str]]:
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


def _katakana_of(native: str) -> str:
    """The katakana of a spelling, without the middle dots between its words."""
    return "".join(_KATAKANA.findall(native)).replace("・", "").replace("゠", "")


def katakana_hepburn(native: str) -> str:
    """Hepburn of a katakana spelling, long vowels doubled ("ロバート" -> "robaato")."""
    out: list[str] = []
    pending = ""  # plain kana not yet romanized
    double_next = False
    i = 0
    text = _katakana_of(native)
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


@lru_cache(maxsize=None)
def _cutlet():
    import cutlet

    # Its romaji of the kana as written, not the English spelling it knows
    # for a loanword (which would be the answer, not a garble of it).
    romanizer = cutlet.Cutlet()
    romanizer.use_foreign_spelling = False
    return romanizer


def katakana_cutlet(native: str) -> str:
    """Cutlet's romaji of a katakana spelling: another real romanizer, which
    writes what the Hepburn tables do not (ウィリアム -> "iriamu", no w; some
    final long vowels unmarked, ミー -> "mi")."""
    text = _katakana_of(native)
    return re.sub(r"[^a-z]", "", _cutlet().romaji(text).lower()) if text else ""


_DOUBLE_VOWEL = re.compile(r"([aeiou])\1")


def katakana_forms(native: str) -> list[tuple[str, str]]:
    hepburn = katakana_hepburn(native)
    # cutlet last: where it writes the Hepburn form, round_trips keeps the Hepburn label
    return [
        ("katakana Hepburn", hepburn),
        ("katakana Hepburn, long vowels unmarked", _DOUBLE_VOWEL.sub(r"\1", hepburn)),
        ("katakana Hepburn, l for r", hepburn.replace("r", "l")),
        ("katakana cutlet", katakana_cutlet(native)),
    ]


# ---------------------------------------------------------------- Chinese


def chinese_forms(native: str) -> list[tuple[str, str]]:
    from pypinyin import lazy_pinyin

    han = _han(native)
    if not han:
        return []
    plain = "".join(lazy_pinyin(han)).replace("ü", "u").replace("v", "u")
    marked = "".join(pinyin_syllables(native))
    return [("pinyin", plain), ("pinyin with tone marks", marked)]


def pinyin_syllables(native: str) -> list[str]:
    """The tone-marked pinyin syllables of the Chinese characters of `native`, one a character."""
    from pypinyin import Style, lazy_pinyin

    han = _han(native)
    return lazy_pinyin(han, style=Style.TONE) if han else []


def _han(native: str) -> str:
    """The Chinese characters of `native` (CJK unified and compatibility ideographs)."""
    return "".join(c for c in native if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff")


# ---------------------------------------------------------------- Korean


@lru_cache(maxsize=None)
def _hangul_transliter():
    from hangul_romanize import Transliter
    from hangul_romanize.rule import academic

    return Transliter(academic)


def korean_syllables(native: str) -> list[str]:
    """Each Hangul syllable of `native` romanized alone, by both schemes of `korean_forms`."""
    return [syllable for block in _hangul(native) for _, syllable in korean_forms(block)]


def _hangul(native: str) -> str:
    """The Hangul syllables of `native` (the precomposed blocks)."""
    return "".join(c for c in native if "\uac00" <= c <= "\ud7a3")


def korean_forms(native: str) -> list[tuple[str, str]]:
    from korean_romanizer.romanizer import Romanizer

    hangul = _hangul(native)
    if not hangul:
        return []
    return [
        ("Revised Romanization", Romanizer(hangul).romanize()),
        ("Revised Romanization, letter by letter", _hangul_transliter().translit(hangul)),
    ]
