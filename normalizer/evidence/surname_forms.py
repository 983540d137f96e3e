"""A name's form for a woman or for a man: another person, not a garble.

Slavic, Baltic and Central Asian surnames change their ending by sex
("Yulia Navalnaya" is not "Alexei Navalny", "Siarhei Tsikhanouski" is not
Sviatlana Tsikhanouskaya), and so do given names in many languages
("Aleksandra" of Alexander, "Viktoria" of Viktor, "Daniela" of Daniel):
evidence.open_world vetoes a fuzzy reading of one as the other; a listed
variant may still say otherwise.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from normalizer.gazetteer.name_words import name_words
from normalizer.model_files import table_rows

WOMENS_NAMES = Path(__file__).resolve().parent.parent / "data" / "womens_given_names.txt"

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


def womans_given_name(word: str, name: str) -> bool:
    """`word` (a token key) is a woman's given name where the man's `name` is
    read (Aleksandra / Alexander, Viktoria / Viktor, Daniela / Daniel): a
    name only women bear, by Faker's lists of every locale
    (normalizer/data/womens_given_names.txt, tools/generate_womens_names.py),
    and `name` ends in neither "-a" nor "-h" ("Hamza" / Hamzah is one name).
    A round trip's "-a" is none of them ("Rojaa", ロジャー, for Roger)."""
    return word.endswith("a") and not name.endswith(("a", "h")) and word in _womens_names()


@lru_cache(maxsize=1)
def _womens_names() -> frozenset[str]:
    return frozenset(name for name, in table_rows(WOMENS_NAMES))


def other_sex(text: str, key: str, names: tuple[str, ...], given: bool) -> str | None:
    """Why the word `text` (key `key`) read as one of `names` (the form's
    word, and the word it is replaced by) names another person, a woman for
    a man or a man for a woman, or None. `given`: the word stands where the
    name has a given name (a word before the last)."""
    for name in names:
        if feminine_of(key, name):
            return f"'{text}' is the feminine form of '{name}', another person"
        # and the other way round: "Siarhei Tsikhanouski" is Tsikhanouskaya's husband
        if masculine_of(key, name):
            return f"'{text}' is the masculine form of '{name}', another person"
    if given and womans_given_name(key, names[0]):
        return f"'{text}' is a woman's name, '{names[0]}' a man's: another person"
    return None
