"""Places as Russian and Japanese name them, romanized: "Frantsiya"
(Франция), "Vengriya" (Венгрия), "Vena" (Вена); "Itaria" (イタリア),
"Berugii" (ベルギー), "Wiin" (ウィーン) for France, Hungary, Vienna, Italy,
Belgium; and as twelve languages in Latin letters name them ("Moskau",
"Kijów", "Niemcy"), which machine translation from them may leave. A text
romanized from those languages, not translated, writes a place by the
language's own name, and most such names are no spelling of the
English one (Hungary is Венгрия): no fold, edit distance or learned route of
name words reaches them. The table (normalizer/data/exonyms.tsv, made by
tools/generate_exonyms.py from the Unicode CLDR's names of countries and
time-zone cities, pycountry's of states and provinces, GeoNames' katakana
names of larger cities and their names in Russian letters ("Myunkhen",
Мюнхен), and the real romanizers) is read while an index is built:
a place that it knows, by its canonical or an alias, gets the forms as
variants. The bundled places too, unlike the Russian place names
(gazetteer.russian_names, which name the place otherwise than its canonical
does): a form names the place whichever spelling of it a gazetteer prefers,
and without it a learned route read "Pkhenyan" (Пхеньян) alone as Nikol
Pashinyan. Over the 477 open-world articles and 5,000 real people's names
in sentences (benchmarks/unknown_people.py) the bundled places' forms change
nothing."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from normalizer.folding import fold_form
from normalizer.model_files import table_rows

PATH = Path(__file__).resolve().parent.parent / "data" / "exonyms.tsv"
# The table's columns after the English name: two romanized, then CLDR's names in Latin letters as written.
ROMANIZED = ("Russian", "Japanese")
LANGUAGES = (*ROMANIZED, "German", "French", "Spanish", "Italian", "Portuguese", "Polish", "Dutch", "Turkish",
             "Czech", "Romanian", "Hungarian", "Swedish")


@lru_cache(maxsize=1)
def exonyms() -> dict[str, tuple[tuple[str, ...], ...]]:
    """A place's English name (fold_form) -> its forms, one tuple per language of LANGUAGES."""
    table = {}
    for name, *columns in table_rows(PATH):
        table[fold_form(name)] = tuple(tuple(filter(None, column.split(";"))) for column in columns)
    return table


def crossed_a_script(reason: str) -> bool:
    """Whether a table's reason for a form (Index.table_reason) says the form
    came back through another script: not a name in Latin letters of this
    table ("'Moskau' is the German name of 'Moscow'"), which a translation
    left as it was (evidence/translated counts round trips)."""
    return not any(f" is the {language} name of '" in reason for language in LANGUAGES[len(ROMANIZED):])


def exonym_variants(entities) -> list[tuple[int, list[tuple[str, str]]]]:
    """For each place of `entities` the table knows: its number, and the
    forms of its name in the table's languages, each with the reason a repair
    shows and the name it is written as (forms.add_table_variants adds them)."""
    table = exonyms()
    found = []
    for number, entity in enumerate(entities):
        if entity.kind != "place":
            continue
        names = (entity.canonical, *entity.aliases)
        known = next(((name, table[key]) for name in names if (key := fold_form(name)) in table), None)
        if known is not None:
            # Written as the name the table knows: an alias ("Plateau" of Plateau State) is the
            # place's name in the text that writes the romanized one, as much as the canonical.
            name, columns = known
            found.append((number, [
                (form, f"'{form}' is the {language} name of '{name}'" + (", romanized" if language in ROMANIZED else ""),
                 name)
                for language, column in zip(LANGUAGES, columns) for form in column
            ]))
    return found
