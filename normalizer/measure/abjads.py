"""The romanizers of normalizer.measure.roundtrip for the scripts that leave
most vowels unwritten, Arabic (and the Persian letters news meets) and
Hebrew: letter tables of the news romanizations, reading the vowel letters
(alif, waw, ya; aleph, vav, yod) as vowels. Each `*_forms(native)` gives
(scheme label, raw Latin form) pairs."""

from __future__ import annotations

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


def arabic_forms(native: str) -> list[tuple[str, str]]:
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


def hebrew_forms(native: str) -> list[tuple[str, str]]:
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
