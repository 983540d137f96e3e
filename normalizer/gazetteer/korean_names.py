"""Korean names as other writers spell them: "Han Deok-su" and "Mun Jae-in"
(the Revised Romanization and McCune-Reischauer, which outlets print) for
Han Duck-soo and Moon Jae-in, and "Kim Chen Yn", "Yun Sok Yol" for Kim Jong
Un and Yoon Suk Yeol, as they come back from Russian (the Kontsevich system:
Ким Чен Ын, Юн Сок Ёль). No fold or edit distance leads from one spelling to
the other (eo -> u, j -> chzh, eu -> y), and each word alone is too short to
read.

The table (tools/generate_korean_names.py) gives each Hangul syllable of
names the spellings English writes it in and its Russian ones, romanized.
A person of a gazetteer whose name is a one-syllable surname and a
two-syllable given name, each syllable a spelling of the table ("Moon
Jae-in", "Kim Jong Un"), is read back into Hangul (문재인; every reading,
where a spelling is ambiguous: "Un" is 운 or 은), and gets each reading's
other spellings as variants, matched where written whole (forms.add_table_variants).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import islice, product
from pathlib import Path
from typing import NamedTuple

from normalizer.model_files import table_rows

PATH = Path(__file__).resolve().parent.parent / "data" / "korean_syllables.tsv"
GIVEN_SYLLABLES = 2  # the given name of nearly every Korean: with one, too many other names parse
MOST_READINGS = 16  # Hangul readings of one name taken, a system's before a custom's
MOST_SPELLINGS = 160  # spellings added to one name, at most (three syllables, six schemes: a few dozen)


class Syllables(NamedTuple):
    read: dict[str, tuple[str, ...]]  # a spelling -> the syllables it writes
    printed: dict[str, tuple[str, ...]]  # a syllable -> its Revised Romanization and McCune-Reischauer spellings
    russian_first: dict[str, tuple[str, ...]]  # ... -> its Russian spellings romanized, first in a name
    russian_after: dict[str, tuple[str, ...]]  # ... after another syllable


@lru_cache(maxsize=1)
def syllables() -> Syllables:
    rows = list(table_rows(PATH))
    read: dict[str, list[str]] = {}
    # A spelling's syllables by a system first ("un": 운 and 은), then by custom (언, whose "eo" names write "u").
    for column in (2, 1):
        for row in rows:
            for spelling in row[column].split(";"):
                if row[0] not in read.setdefault(spelling, []):
                    read[spelling].append(row[0])
    printed, first, after = ({row[0]: tuple(row[column].split(";")) for row in rows} for column in (2, 3, 4))
    return Syllables({k: tuple(v) for k, v in read.items()}, printed, first, after)


def korean_spellings(name: str) -> list[tuple[str, str]]:
    """`name`'s other spellings, each with what it is ("printed", "russian"),
    or [] when the name is not a Korean name written in syllables."""
    table = syllables()
    words = name.split()
    if not 2 <= len(words) <= GIVEN_SYLLABLES + 1:
        return []
    parts = [words[0], *(part for word in words[1:] for part in word.split("-"))]
    if len(parts) != GIVEN_SYLLABLES + 1 or not all(p.isascii() and p.isalpha() for p in parts):
        return []
    readings = [table.read.get(part.lower()) for part in parts]
    if not all(readings):
        return []
    spellings: dict[str, tuple[str, str]] = {}  # casefolded -> the spelling, what it is
    for surname, *given in islice(product(*readings), MOST_READINGS):
        for spelled in product(table.printed[surname], *(table.printed[s] for s in given)):
            _add(spellings, spelled, "printed")
        either = [tuple(dict.fromkeys(table.russian_first[s] + table.russian_after[s])) for s in given]
        for spelled in product(table.russian_first[surname], *either):
            _add(spellings, spelled, "russian")
    spellings.pop(" ".join(parts).casefold(), None)
    return list(spellings.values())[:MOST_SPELLINGS]


def _add(spellings: dict[str, tuple[str, str]], words: tuple[str, ...], kind: str) -> None:
    # Written as words of their own: a form is matched by its words, and a
    # hyphen ("Deok-su") or a space between them is the same name.
    spelled = " ".join(word.capitalize() for word in words)
    spellings.setdefault(spelled.casefold(), (spelled, kind))


def korean_variants(entities) -> list[tuple[int, list[tuple[str, str]]]]:
    """For each person of `entities` whose name is Korean: its number, and its
    other spellings, each with the reason a repair shows (forms.add_table_variants
    adds them)."""
    read = syllables().read
    reasons = {
        "printed": "'{form}' is another romanization of the Korean name '{name}'",
        "russian": "'{form}' is the Russian spelling of '{name}', romanized",
    }
    return [
        (number, [(form, reasons[kind].format(form=form, name=entity.canonical)) for form, kind in found])
        for number, entity in enumerate(entities)
        if entity.kind == "person"
        and entity.canonical.split(" ", 1)[0].lower() in read  # most names stop here
        and (found := korean_spellings(entity.canonical))
    ]
