"""Which words a learned route may read: what each script's round trips print.

normalizer.transliteration weighs a printed word against a gazetteer word
under each script's route, its evidence the route's cost less the word's cost
as an English-side name. Some words no round trip through a script prints,
and the routes' tables, scoring letters alone, would read them anyway:

- a Chinese or Korean round trip prints syllables only (pinyin's, or Hangul
  blocks' one at a time: "Telangpu", te-lang-pu, for Trump), so those routes
  read only a word cut wholly into them (`_in_syllables`);
- a word unlike an English name ("Cgywin", a typist's Cygwin; "AfCFTA") costs
  so much as one that whatever name a route finds least unlike it "explains"
  it ("Jaffa" through Russian at 0.94). Such a word is read only by a script
  whose round trips print words like it: a letter model of each script's
  forms (the train split's) and a per-letter bound most of its dev forms stay
  within say so (`_printed`; `tools/learn_transliteration.py` writes both).

A typist's slip of the very name (one edit) is read by every route its
syllables allow: the slip, not a script, made its letters unlike English
("Trmup" for Trump).
"""

from __future__ import annotations

import math
from functools import lru_cache

from normalizer.gazetteer.chinese_names import pinyin_syllables
from normalizer.gazetteer.packed import Single
from normalizer.wordmap import compact

CHINESE = "chinese"
KOREAN = "korean"
LM_PRIOR = 2.0  # pseudo-counts by which each order of a letter model leans on the one below
HISTORY = "|"  # marks a history's count in a letter model's counts (its n-grams hold letters, "^" and "$")
# Words whose cut into a script's syllables, or whose likeness to its prints, is remembered (~100 bytes each).
WORDS_REMEMBERED = 16_384


def with_histories(grams: dict[str, int]) -> dict[str, int]:
    """A letter model's n-gram counts and, marked HISTORY, their histories' counts summed from them."""
    counts = dict(grams)
    for gram, count in grams.items():
        counts[HISTORY + gram[:-1]] = counts.get(HISTORY + gram[:-1], 0) + count
    return counts


def packed_counts(grams: dict[str, int]) -> Single:
    """`with_histories(grams)`, packed: a cached model maps them from disk instead of unpickling a dict."""
    return Single(compact({key: (count,) for key, count in with_histories(grams).items()}, numbers=True))


def letter_cost(word: str, count, order: int) -> float:
    """-log P(word) under the letter n-gram model whose counts `count(key)`
    gives (0 or None where unseen), of an n-gram and of a history marked
    HISTORY (each order interpolated with the one below by LM_PRIOR pseudo-counts)."""
    padded = "^" * (order - 1) + word + "$"
    total = 0.0
    for i in range(order - 1, len(padded)):
        p = 1 / 28
        for k in range(1, order + 1):
            seen = count(HISTORY + padded[i - k + 1 : i])
            if seen:
                p = ((count(padded[i - k + 1 : i + 1]) or 0) + LM_PRIOR * p) / (seen + LM_PRIOR)
        total -= math.log(p)
    return total


class PrintedLetters:
    """The model file's `printed` entry: per script, the letter model of its
    round trips' forms (packed) and the most a letter its dev forms cost; and
    the most a letter the dev split's English names cost."""

    def __init__(self, data: dict):
        self.order: int = data.get("order", 0)
        self.english_bound: float = data.get("english_bound", math.inf)
        self.scripts: dict[str, tuple[Single, float]] = {
            script: (packed_counts(entry["grams"]), entry["bound"])
            for script, entry in data.get("scripts", {}).items()
        }

    def prints(self, letters: str, script: str) -> bool:
        """Whether `letters` (plain) cost no more a letter under `script`'s
        letter model than its dev forms do; True for a script with none."""
        found = self.scripts.get(script)
        if found is None:
            return True
        counts, bound = found
        return letter_cost(letters, counts.get, self.order) <= bound * (len(letters) + 1)


def may_print(letters: str, script: str) -> bool:
    """Whether a round trip through `script` may print `letters` (plain): its
    syllables allow it (`syllables_allow`), and it is like an English name or
    like what the script prints (`_printed`). The pooled route, what any script may."""
    from normalizer.transliteration import POOLED, model

    if script == POOLED:
        scripts = model().printed.scripts
        return any(may_print(letters, one) for one in scripts) if scripts else True
    return syllables_allow(letters, script) and _printed(letters, script)


def syllables_allow(letters: str, script: str) -> bool:
    """Whether `script`'s syllables may print `letters`: a Chinese or Korean
    round trip prints only its syllables; any other script, and the pooled route, any."""
    return script not in (CHINESE, KOREAN) or _in_syllables(letters, script)


@lru_cache(maxsize=WORDS_REMEMBERED)
def _printed(letters: str, script: str) -> bool:
    """Whether `letters` are like an English name or like what `script`'s round trips print."""
    from normalizer.transliteration import model

    loaded = model()
    return not letters or loaded.english_like(letters) or loaded.printed.prints(letters, script)


@lru_cache(maxsize=WORDS_REMEMBERED)
def _in_syllables(letters: str, script: str) -> bool:
    """`letters` (plain) cut wholly into the syllables the train split's names
    print through `script`: pinyin's, tone marks set aside (not pypinyin's
    interjections "ng", "hm"), or Hangul blocks'. True where the model holds none."""
    from normalizer.transliteration import model

    loaded = model()
    syllables = loaded.plain_pinyin if script == CHINESE else loaded.korean_syllables
    return not syllables or not letters.isalpha() or pinyin_syllables(letters, syllables) is not None
