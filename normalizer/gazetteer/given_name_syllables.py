"""East Asian given names with their two syllables written another way:
"Xi Jin-ping" or "Xi Jin Ping" for Xi Jinping, "Moon Jaein" for Moon Jae-in,
"Kim Jongun" for Kim Jong Un, "Tsai Ingwen" for Tsai Ing-wen.

Each convention writes a given name of two syllables its own way: pinyin as
one word (GB/T 28039-2011: "Wang Jianguo"), Wade-Giles and the spellings of
Taiwan and Hong Kong with a hyphen ("Chiang Kai-shek", "Ma Ying-jeou"), the
Revised Romanization of Korean as one word with a hyphen allowed (its
Article 4: "Han Boknam (Han Bok-nam)"), and English news all of them. A
writer used to one convention respells a name of another in it. Each person
of a gazetteer whose name is a one-word surname and a given name of two
syllables gets the name as the other conventions write it, as a variant
matched where written whole (forms.add_table_variants):

- two pinyin syllables written as one word ("Jinping") are also written
  hyphenated, which matches them written apart as well ("Jin Ping"), unless
  the word is one of the English lexicon (the "Caine" of Dan Caine parses as
  pinyin's "cai" and "ne");
- two syllables hyphenated, a small letter after the hyphen ("Jae-in",
  "Ing-wen"), or written apart where both are Korean syllables ("Jong Un"),
  are also written as one word.
"""

from __future__ import annotations

from normalizer.gazetteer.chinese_names import pinyin_syllables, syllables as pinyin_table
from normalizer.gazetteer.korean_names import korean_spellings
from normalizer.gazetteer.lexicon import english_words

MAX_SYLLABLE = 6  # letters of the longest syllable of pinyin ("zhuang") or Wade-Giles ("chuang")


def respelled_given_name(name: str) -> tuple[str, str] | None:
    """`name` with its given name's syllables written the other way, and how
    ("syllable by syllable", "as one word"), or None when `name` is not a
    surname and a given name of two syllables."""
    words = name.split()
    # The cheap tests first: an index build asks this of every person.
    if not 2 <= len(words) <= 3 or not name.isascii() or not _syllable(words[0]):
        return None
    surname, given = words[0], words[1:]
    if len(given) == 1 and "-" not in given[0]:
        if surname.lower() not in pinyin_table() or not given[0][:1].isupper():
            return None
        cut = pinyin_syllables(given[0].lower(), pinyin_table())
        if cut is None or len(cut) != 2 or given[0].lower() in english_words():
            return None
        first, second = cut
        return f"{surname} {first.capitalize()}-{second}", "syllable by syllable"
    parts = given[0].split("-") if len(given) == 1 else given
    hyphenated = len(given) == 1 and parts[1][:1].islower()
    korean = len(given) == 2 and bool(korean_spellings(name))  # a Korean name in syllables: "Jong Un"
    if len(parts) != 2 or not (hyphenated or korean) or not all(_syllable(part) for part in (surname, *parts)):
        return None
    return f"{surname} {parts[0].capitalize()}{parts[1].lower()}", "as one word"


def _syllable(word: str) -> bool:
    return word.isalpha() and len(word) <= MAX_SYLLABLE


def given_name_variants(entities) -> list[tuple[int, list[tuple[str, str]]]]:
    """For each person of `entities` whose canonical or alias is such a name:
    its number, and the name respelled, each with the reason a repair shows
    (forms.add_table_variants adds them)."""
    found = []
    for number, entity in enumerate(entities):
        if entity.kind != "person":
            continue
        forms = []
        for name in (entity.canonical, *entity.aliases):
            respelled = respelled_given_name(name)
            if respelled is not None and respelled[0] not in (form for form, _ in forms):
                form, how = respelled
                forms.append((form, f"'{form}' writes the given name of '{name}' {how}"))
        if forms:
            found.append((number, forms))
    return found
