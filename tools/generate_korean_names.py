"""Regenerate normalizer/data/korean_syllables.tsv: each Hangul syllable of Korean names with the
spellings English writes it in, and its Russian spelling (the Kontsevich system) romanized back by
the Cyrillic schemes English writers use.

    python tools/generate_korean_names.py             # writes normalizer/data/korean_syllables.tsv
    python tools/generate_korean_names.py --out FILE  # writes FILE

What the table is for: one Korean name reaches English news in several spellings. Outlets print the
Revised Romanization or McCune-Reischauer ("Han Deok-su", "Mun Jae-in", "Kim Jong-eun") where the
person's own spelling is another ("Han Duck-soo", "Moon Jae-in", "Kim Jong Un"); Russian writes the
name by the Kontsevich system (Ким Чен Ын, Юн Сок Ёль), and machine translation from Russian brings
it back as "Kim Chen Yn", "Yun Sok Yol". No fold or edit distance leads from one to the other, and the
learned models of normalizer/data are learned from names of the English side. The engine reads a
person's name of a gazetteer written in Korean syllables back into Hangul and gives it those
spellings as variants (normalizer.gazetteer.korean_names).

Inputs: korean-romanizer (Revised Romanization) and ko-pron (McCune-Reischauer, Wiktionary's
module) for the spellings of each syllable; the Kontsevich letters (the system's table, below: no
library on the package index writes it) through iuliia's schemes (those of
normalizer.measure.romanizers, which the garbler's Russian round trips use).

Output: one syllable a line, `hangul<TAB>read<TAB>printed<TAB>russian first<TAB>russian after`:
- read: the spellings a gazetteer's name may write the syllable in, `;`-separated: the two
  systems' and the customary spellings of English-language names (NAME_VOWELS, below);
- printed: the two systems' spellings only, which outlets print;
- russian first, russian after: the syllable's Kontsevich spellings, first in a name and after
  another syllable, each romanized by every scheme of SCHEMES, `;`-separated.
Sorted; same inputs, same bytes (tests/test_korean_names.py checks the committed file).
"""

from __future__ import annotations

import sys
import unicodedata
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "normalizer" / "data" / "korean_syllables.tsv"
# Those of normalizer.measure.romanizers (its _IULIIA_SCHEMES), in its order.
SCHEMES = ("WIKIPEDIA", "BGN_PCGN", "ICAO_DOC_9303", "MVD_310", "GOST_779", "SCIENTIFIC")

# The syllables of names: the initials other than the tense and the aspirated stops (ㄲ ㄸ ㅃ ㅆ ㅉ ㅋ ㅌ ㅍ,
# rare in names; without them "Kim" is 김 alone, not also 킴), every vowel, and the finals a name's
# syllable ends in (none, ㄱ ㄴ ㄹ ㅁ ㅂ ㅇ).
INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"  # Unicode's order: the index is the code's
VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ", "ㅁ", "ㅂ", "ㅄ",
          "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")
NAME_INITIALS = "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅎ"
NAME_FINALS = ("", "ㄱ", "ㄴ", "ㄹ", "ㅁ", "ㅂ", "ㅇ")

# How English-language names customarily spell a vowel where neither system does: "oo" for u
# (Moon, Yoon, Soo; "woo" alone), "u" for eo (Suk, Duck, Sung), "yu" for yeo (Myung, Hyun), "ee" for
# a final i (Lee), "ck" for a final k after u (Duck), and "l" for an initial r (Lee, Lim). Used to read
# a gazetteer's name, never printed.
NAME_VOWELS = {"ㅜ": {"u": "oo"}, "ㅠ": {"yu": "yoo"}, "ㅓ": {"eo": "u"}, "ㅕ": {"yeo": "yu"}, "ㅣ": {"i": "ee"}}

# The Kontsevich system (Концевич, the Russian standard for Korean): a stop is voiceless first in a
# word and voiced after a vowel or a sonorant; Russian writes a given name's syllables as words of
# their own and takes either form for them ("Пак Кын Хе", "Пан Ги Мун"). ㅓ is о, or е in the
# older spelling of North Korean names (Ким Ир Сен, Ким Чен Ын). The surname 이/리 is Ли (Ли Мён Бак).
KONTSEVICH_FIRST = {"ㄱ": ("к",), "ㄴ": ("н",), "ㄷ": ("т",), "ㄹ": ("р", "л"), "ㅁ": ("м",), "ㅂ": ("п",), "ㅅ": ("с",),
                    "ㅇ": ("",), "ㅈ": ("ч",), "ㅊ": ("чх",), "ㅎ": ("х",)}
KONTSEVICH_AFTER = {**KONTSEVICH_FIRST, "ㄱ": ("г", "к"), "ㄷ": ("д", "т"), "ㅂ": ("б", "п"), "ㅈ": ("чж", "ч")}
KONTSEVICH_VOWELS = {"ㅏ": ("а",), "ㅐ": ("э",), "ㅑ": ("я",), "ㅒ": ("йя",), "ㅓ": ("о", "е"), "ㅔ": ("е",), "ㅕ": ("ё",),
                     "ㅖ": ("е",), "ㅗ": ("о",), "ㅘ": ("ва",), "ㅙ": ("вэ",), "ㅚ": ("ве",), "ㅛ": ("ё",), "ㅜ": ("у",),
                     "ㅝ": ("во",), "ㅞ": ("ве",), "ㅟ": ("ви",), "ㅠ": ("ю",), "ㅡ": ("ы",), "ㅢ": ("ый",), "ㅣ": ("и",)}
KONTSEVICH_FINALS = {"": "", "ㄱ": "к", "ㄴ": "н", "ㄹ": "ль", "ㅁ": "м", "ㅂ": "п", "ㅇ": "н"}


def name_syllables() -> list[tuple[str, str, str, str]]:
    """(syllable, initial, vowel, final) of every name syllable, in code order."""
    found = []
    for initial in NAME_INITIALS:
        for v, vowel in enumerate(VOWELS):
            for final in NAME_FINALS:
                code = 0xAC00 + (INITIALS.index(initial) * 21 + v) * 28 + FINALS.index(final)
                found.append((chr(code), initial, vowel, final))
    return sorted(found)


def printed(syllable: str) -> list[str]:
    """The syllable as the two systems print it: Revised Romanization, and McCune-Reischauer first
    in a word and after a vowel ("chŏng", "jŏng"), its breves and apostrophes left out."""
    from ko_pron import romanise
    from korean_romanizer.romanizer import Romanizer

    mr_first = romanise(syllable, "mr")
    mr_after = romanise("아" + syllable, "mr")[1:]  # after the vowel a: a stop is voiced
    forms = [Romanizer(syllable).romanize(), mr_first, mr_after]
    plain = [form.lower().replace("ŏ", "o").replace("ŭ", "u").replace("'", "").replace("’", "") for form in forms]
    return list(dict.fromkeys(form for form in plain if form.isascii() and form.isalpha()))


def customary(vowel: str, final: str, spellings: list[str]) -> list[str]:
    """`spellings` and the customary name spellings of the syllable (NAME_VOWELS and below)."""
    found = list(spellings)
    for spelling in spellings:
        for plain, other in NAME_VOWELS.get(vowel, {}).items():
            # The systems spell the initial and the final with consonants only: the vowel's
            # letters are found once ("eo" of "seok").
            if plain in spelling and (vowel != "ㅣ" or not final):
                found.append(spelling.replace(plain, other, 1))
    found += ["l" + f[1:] for f in found if f.startswith("r")]
    found += ["w" + f for f in found if f.startswith("oo")]  # Woo
    found += [f[:-1] + "ck" for f in found if final == "ㄱ" and f.endswith("uk")]
    return list(dict.fromkeys(found))


def russian(initial: str, vowel: str, final: str, first: bool) -> list[str]:
    """The syllable's Kontsevich spellings, first in a name or after another syllable."""
    consonants = (KONTSEVICH_FIRST if first else KONTSEVICH_AFTER)[initial]
    return [c + sound + KONTSEVICH_FINALS[final] for c in consonants for sound in KONTSEVICH_VOWELS[vowel]]


def romanized(cyrillic: list[str]) -> list[str]:
    import iuliia

    schemes = [getattr(iuliia, name) for name in SCHEMES]
    # Composed ("ž" of GOST's чжэ comes as z and a combining caron); BGN/PCGN's
    # "·" between zh and e ("Chzh·e") is inside the word, as it prints it.
    found = [unicodedata.normalize("NFC", scheme.translate(word)).lower() for word in cyrillic for scheme in schemes]
    return list(dict.fromkeys(form for form in found if form.replace("·", "").isalpha()))


def rows() -> list[tuple[str, list[str], list[str], list[str], list[str]]]:
    found = []
    for syllable, initial, vowel, final in name_syllables():
        spellings = printed(syllable)
        found.append((
            syllable,
            customary(vowel, final, spellings),
            spellings,
            romanized(russian(initial, vowel, final, first=True)),
            romanized(russian(initial, vowel, final, first=False)),
        ))
    return found


def render() -> str:
    versions = (f"korean-romanizer {metadata.version('korean-romanizer')}, ko-pron {metadata.version('ko-pron')},"
                f" iuliia {metadata.version('iuliia')}")
    lines = [
        "# hangul, read, printed, russian first, russian after: see tools/generate_korean_names.py; schemes "
        + ", ".join(SCHEMES),
        f"# made by tools/generate_korean_names.py from {versions}",
    ]
    lines += ["\t".join([syllable, *(";".join(column) for column in columns)]) for syllable, *columns in rows()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    from table_file import write_table  # beside this script (tools/): run as one, it is on the path

    return write_table(__doc__, render, OUT, argv)


if __name__ == "__main__":
    sys.exit(main())
