"""Places the news long wrote by their Russian names ("Kharkov", "Lugansk",
"Chernigov" for Kharkiv, Luhansk, Chernihiv): the table that
tools/generate_russian_place_names.py makes from GeoNames, read while an index
is built. A place of the newsroom's own gazetteer that the table knows gets
its Russian forms as variants, so its "Kharkiv" rewrites "Kharkov" with or
without the bundled gazetteers. Not a bundled place: its canonical is
GeoNames' name, not a newsroom's choice, and English news still writes
"Gomel" and "Karaganda" for GeoNames' Homyel' and Karagandy (the bundled
gazetteers list the Russian forms English news dropped by hand:
tools/data/cities.tsv). Where the newsroom spells such a city otherwise than
GeoNames, GeoNames' own romanization is a variant too ("Mykolayiv" of the
newsroom's Mykolaiv)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from normalizer.folding import fold_form

PATH = Path(__file__).resolve().parent.parent / "data" / "russian_place_names.tsv"


@lru_cache(maxsize=1)
def russian_place_names() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """A city's name (fold_form; each of the names the table gives it) -> its
    Russian forms, and GeoNames' own romanization of it where that may be a
    variant ("Mykolayiv" of Mykolaiv). A name two cities share says nothing:
    it is left out."""
    table: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    shared: set[str] = set()
    for line in PATH.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        names, forms, spellings = line.split("\t")
        found = (tuple(filter(None, forms.split(";"))), tuple(filter(None, spellings.split(";"))))
        for name in {fold_form(n) for n in names.split(";")}:
            if name in table:
                shared.add(name)
            table[name] = found
    for name in shared:
        del table[name]
    return table


def add_russian_names(entities, forms_of: list[list[tuple[str, str, str]]], words) -> dict[str, tuple[str, str]]:
    """Give each own place of `entities` the Russian forms of its name, and
    GeoNames' other romanization of it, as variants (in `forms_of`, an index
    build's (text, role, target) lists), unless some entity already has that
    spelling, correct or not. Returns each added form (fold_form) -> the
    canonical it is written as and the reason shown."""
    table = russian_place_names()
    places = [  # (entity number, its Russian forms, GeoNames' spellings)
        (number, *table[name])
        for number, entity in enumerate(entities)
        if entity.kind == "place" and not entity.bundled and (name := fold_form(entity.canonical)) in table
    ]
    if not places:
        return {}
    # Of every entity's spellings, only those of the forms to add are asked about.
    wanted = {words[form][1] for _, russian, spellings in places for form in (*russian, *spellings)}
    taken = {keys for forms in forms_of for text, _, _ in forms if (keys := words[text][1]) in wanted}
    added: dict[str, tuple[str, str]] = {}
    for number, russian, spellings in places:
        canonical = entities[number].canonical
        for form, reason in [
            *((form, f"'{form}' is the Russian name of '{canonical}', romanized") for form in russian),
            *((form, f"'{form}' is another romanization of '{canonical}' (GeoNames' spelling)") for form in spellings),
        ]:
            keys = words[form][1]
            if keys and keys not in taken:
                taken.add(keys)
                forms_of[number] = [*forms_of[number], (form, "variant", canonical)]
                added[fold_form(form)] = (canonical, reason)
    return added
