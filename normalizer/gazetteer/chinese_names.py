"""Chinese names as they come back from Russian: "Si Tszinpin", "Li Tsyan",
"Van I" for Xi Jinping, Li Qiang, Wang Yi. Russian writes a Chinese name by
the Palladius system (Си Цзиньпин), and a romanization of the Cyrillic
brings it back in letters no fold or edit distance leads from the pinyin
(x -> s, j -> tsz, q -> ts). The table (tools/generate_chinese_names_russian.py,
from pypinyin's Palladius and iuliia's schemes) gives each pinyin syllable's
Russian spelling romanized by each scheme; each person of a gazetteer whose
name is written in pinyin syllables gets, per scheme, its name so spelled as
a variant, read while an index is built.

A name is taken as pinyin where its surname is one syllable and each given
name one or two ("Xi Jinping", "Wang Yi", "Hu Jintao"), with no hyphen (a
Korean name, or Wade-Giles: "Moon Jae-in", "Chiang Kai-shek"). An English name
that happens to be spelled so ("Ben Chan") mostly comes back as it is
written, and a spelling some entity already has is never added.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from normalizer.model_files import table_rows

PATH = Path(__file__).resolve().parent.parent / "data" / "chinese_syllables_russian.tsv"
MAX_GIVEN_SYLLABLES = 2


@lru_cache(maxsize=1)
def syllables() -> dict[str, tuple[str, ...]]:
    """A pinyin syllable -> its Russian spelling romanized, one per scheme (in the table's order)."""
    table = {}
    for plain, _cyrillic, forms in table_rows(PATH):
        table[plain] = tuple(forms.split(";"))
    return table


def russian_spellings(name: str) -> list[str]:
    """`name`'s Russian spellings, romanized (one per scheme, in letters only,
    each once), or [] when it is not written in pinyin syllables."""
    words = name.split()
    table = syllables()
    if not 2 <= len(words) <= 3 or not all(w.isascii() and w.isalpha() for w in words):
        return []
    cut = [pinyin_syllables(w.lower(), table) for w in words]
    if any(parts is None for parts in cut) or len(cut[0]) != 1 or any(len(p) > MAX_GIVEN_SYLLABLES for p in cut[1:]):
        return []
    spellings: list[str] = []
    for scheme in range(len(next(iter(table.values())))):
        spelled = " ".join("".join(table[s][scheme] for s in parts).capitalize() for parts in cut)
        if spelled.replace(" ", "").isalpha() and spelled not in spellings and spelled != name:
            spellings.append(spelled)
    return spellings


def pinyin_syllables(word: str, table: dict) -> list[str] | None:
    """`word` cut into the fewest pinyin syllables (the reading pinyin's own
    rules give where an apostrophe is not written: "xian" is one), or None."""
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):  # no syllable is longer than six letters
            before = best[start]
            if before is not None and word[start:end] in table:
                if best[end] is None or len(before) + 1 < len(best[end]):
                    best[end] = [*before, word[start:end]]
    return best[len(word)]


def chinese_variants(entities) -> list[tuple[int, list[tuple[str, str]]]]:
    """For each person of `entities` whose name is pinyin: its number, and its
    Russian spellings, each with the reason a repair shows (forms.add_table_variants
    adds them)."""
    table = syllables()
    return [
        (number, [(form, f"'{form}' is the Russian spelling of '{entity.canonical}', romanized") for form in found])
        for number, entity in enumerate(entities)
        if entity.kind == "person"
        and entity.canonical.split(" ", 1)[0].lower() in table  # most names stop here: no dictionary look-ups
        and (found := russian_spellings(entity.canonical))
    ]
