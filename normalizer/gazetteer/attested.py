"""Round trips attested by real data: how the real romanizers print the
spelling another language really writes for a common name word ("Bler" for
Blair, from Блэр; "Geitsu" for Gates, from ゲイツ; "Zhak" for Jacques, from
Жак). The learned model grades such forms from their letters, and some of
the commonest lower than a reader would; the pairs say outright which word
they print. The table (normalizer/data/attested_round_trips.tsv, made by
tools/generate_attested_round_trips.py from the train split of the Wikidata
pairs) is read while an index is built: each name token of the gazetteers
that it lists gets its printed forms (Index.attested), and a word of the
text printed so is read as that token at ATTESTED (name_tokens)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from normalizer.transliteration import plain
from normalizer.model_files import table_rows
from normalizer.wordmap import grouped

if TYPE_CHECKING:
    from normalizer.wordmap import WordMap

PATH = Path(__file__).resolve().parent.parent / "data" / "attested_round_trips.tsv"


@lru_cache(maxsize=1)
def attested_forms() -> dict[str, tuple[tuple[str, str], ...]]:
    """An English name word (plain) -> its printed forms (plain), each with the
    script that prints it so (the table's shares are its generator's filter)."""
    table = {}
    for english, forms in table_rows(PATH):
        table[english] = tuple((form, script) for form, _, script in (item.split(" ") for item in forms.split(";")))
    return table


def attested_readings(token_keys) -> "WordMap | dict":
    """For the name token keys the table knows: a map printed form -> the
    token keys it attests, each as "key script" (`reading` splits one),
    packed as the index's other maps are."""
    table = attested_forms()
    forms, readings = [], []
    for key in token_keys:
        for form, script in table.get(plain(key), ()):
            forms.append(form)
            readings.append(f"{key} {script}")
    return grouped(forms, readings)


def reading(entry: str) -> tuple[str, str]:
    """(token key, script) of an entry of attested_readings' map."""
    key, script = entry.rsplit(" ", 1)
    return key, script
