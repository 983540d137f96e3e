"""A surname's form for a woman or for a man: another person, not a garble.

Slavic, Baltic and Central Asian surnames change their ending by sex
("Yulia Navalnaya" is not "Alexei Navalny", "Siarhei Tsikhanouski" is not
Sviatlana Tsikhanouskaya): evidence.open_world vetoes a fuzzy reading of
one as the other; a listed variant may still say otherwise.
"""

from __future__ import annotations

from normalizer.gazetteer.name_words import name_words

# Feminine endings of surnames and the masculine endings they replace:
# Navalny/Navalnaya, Zelensky/Zelenskaya, Landsbergis/Landsbergienė; a plain
# -a after a consonant too (Ivanov/Ivanova, Putin/Putina).
_FEMININE_ENDINGS = ("skaya", "tskaya", "aya", "iene", "yte", "ute", "aite")
_MASCULINE_ENDINGS = ("skiy", "skyy", "sky", "ski", "tskiy", "tsky", "iy", "yy", "y", "i", "is", "ys", "as", "us")
_MIN_STEM = 3
# Polish, Ukrainian, Czech and Slovak surnames change their ending by sex:
# Nawrocki / Nawrocka, Zelenskyi / Zelenska, Novotný / Novotná, and a Czech
# woman takes -ová after a consonant (Babiš / Babišová). Keys: accents folded away.
_PAIRED_ENDINGS = (
    ("ska", ("ski", "sky", "skyi", "skyy", "skiy", "skij")),
    ("cka", ("cki", "cky")),
    ("dzka", ("dzki",)),
    ("na", ("ny",)),
    ("ova", ("",)),
)
# Surnames whose "-a" form is a woman's whether or not a list holds it.
_SLAVIC_MASCULINE = ("ov", "ev", "in", "yn")


def feminine_of(word: str, name: str) -> bool:
    """`word` (a token key) is the feminine form of the surname `name`."""
    if word[:1] != name[:1]:
        return False
    if word == name + "a" and name[-1:] not in "aeiouy":
        # Ivanova, Putina; but "Scholza", "Macrona", no one's name, are the
        # genitive a translation from a Slavic language left in the text.
        return name.endswith(_SLAVIC_MASCULINE) or word in name_words()
    for feminine, masculines in _PAIRED_ENDINGS:
        stem = word[: -len(feminine)]
        if not word.endswith(feminine) or len(stem) < _MIN_STEM or not name.startswith(stem):
            continue
        ending = name[len(stem) :]
        if ending in masculines and (ending or name[-1:] not in "aeiouy"):  # -ová after a consonant only
            return True
    for feminine in _FEMININE_ENDINGS:
        stem = word[: -len(feminine)]
        if not word.endswith(feminine) or len(stem) < _MIN_STEM:
            continue
        for masculine in _MASCULINE_ENDINGS:
            if name.endswith(masculine) and name[: -len(masculine)] in (stem, stem + feminine[:-3]):
                return True
    return False


def masculine_of(word: str, name: str) -> bool:
    """`word` (a token key) is the masculine form of the woman's surname
    `name` (Tsikhanouski of Tsikhanouskaya, Putin of Putina). Of a plain "-a",
    only after a Slavic masculine stem: "Obam" is no man's form of Obama."""
    if name == word + "a":
        return word.endswith(_SLAVIC_MASCULINE)
    return feminine_of(name, word)
