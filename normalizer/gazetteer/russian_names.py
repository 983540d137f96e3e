"""Places the news long wrote by their Russian names ("Kharkov", "Lugansk",
"Chernigov" for Kharkiv, Luhansk, Chernihiv): the table that
tools/generate_russian_place_names.py makes from GeoNames, read while an index
is built. A place of the newsroom's own gazetteer that the table knows gets
its Russian forms as variants, so its "Kharkiv" rewrites "Kharkov" with or
without the bundled gazetteers. A bundled place only in Ukraine: elsewhere
its canonical is GeoNames' name, not a newsroom's choice, and English news
still writes "Gomel" and "Karaganda" for GeoNames' Homyel' and Karagandy;
Ukraine's cities English news has written by their Ukrainian names since
AP and Reuters took them (2019-2022), as GeoNames does: "Gorlovka",
"Zhitomir", "Krivoy Rog" -> Horlivka, Zhytomyr, Kryvyi Rih with the bundled
gazetteers alone. Where the newsroom spells such a city otherwise than
GeoNames, GeoNames' own romanization is a variant too ("Mykolayiv" of the
newsroom's Mykolaiv). A Russian form that also names a person or another
place ("Nikolaev", "Odessa") is read as the city only where the text writes
a place ("in Nikolaev", "Nikolaev and Kherson"; not "Odessa, Texas")."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from normalizer.folding import fold_form
from normalizer.model_files import table_rows

PATH = Path(__file__).resolve().parent.parent / "data" / "russian_place_names.tsv"


# The reason of a Russian form that names something else too ("Odessa", "Lvov"):
# read as the city only where the text writes a place (candidates.exact, evidence.as_a_place).
WRITTEN_AS_A_PLACE = "written here as a place"
UKRAINE = "UA"  # the country whose bundled places take the Russian forms


@lru_cache(maxsize=1)
def russian_place_names() -> dict[str, tuple]:
    """A city's name (fold_form; each of the names the table gives it) -> its
    Russian forms, GeoNames' own romanization of it where that may be a
    variant ("Mykolayiv" of Mykolaiv), its Russian forms that name something
    else too ("Nikolaev"), and its country's ISO code. A name two cities
    share says nothing: it is left out."""
    table: dict[str, tuple] = {}
    shared: set[str] = set()
    for names, *columns, country in table_rows(PATH):
        found = (*(tuple(filter(None, column.split(";"))) for column in columns), country)
        for name in {fold_form(n) for n in names.split(";")}:
            if name in table:
                shared.add(name)
            table[name] = found
    for name in shared:
        del table[name]
    return table


def russian_variants(entities) -> tuple[list[tuple[int, list[tuple[str, str]]]], list]:
    """For each place of `entities` the table knows, own or bundled in
    Ukraine: its number, and the Russian forms of its name and (own places)
    GeoNames' other romanization of it, each with the reason a repair shows
    (forms.add_table_variants adds them). The own places' first, then the
    bundled ones', which are matched only where written whole: the bundled
    gazetteers add them unasked, and a garble near "Dnepr" is no more
    Dnipro's than it was."""
    table = russian_place_names()
    found: list = []
    bundled: list = []
    for number, entity in enumerate(entities):
        if entity.kind != "place" or (row := table.get(fold_form(entity.canonical))) is None:
            continue
        russian, spellings, as_a_place, country = row
        if entity.bundled:
            if country != UKRAINE:
                continue
            spellings = ()  # GeoNames' own spelling is the bundled canonical's or its alias
        canonical = entity.canonical
        russian_reason = f"is the Russian name of '{canonical}', romanized"
        geonames_reason = f"is another romanization of '{canonical}' (GeoNames' spelling)"
        (bundled if entity.bundled else found).append((number, [
            *((form, f"'{form}' {russian_reason}") for form in russian),
            *((form, f"'{form}' {geonames_reason}") for form in spellings),
            *((form, f"'{form}' {russian_reason}, {WRITTEN_AS_A_PLACE}") for form in as_a_place),
        ]))
    return found, bundled


def read_only_as_a_place(reason: str) -> bool:
    """Whether a table variant's `reason` is that of a form naming something
    else too, read as the city only where the text writes a place."""
    return reason.endswith(WRITTEN_AS_A_PLACE)
