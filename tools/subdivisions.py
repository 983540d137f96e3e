"""First-level subdivisions of every country as place entities: subdivisions.yaml.

Source: ISO 3166-2 (pycountry) plus tools/data/subdivisions.tsv, the English
news name where it is not the ISO one (Bavaria for Bayern, Kyiv Oblast for
Kyivska oblast). The first level is what ISO lists without a parent; where its
top level only groups the real units (Indonesia's islands over its provinces)
or nests units of a top-level type (Iraq's Kurdistan governorates), the units
below count too.

One name, one entity:
- a subdivision whose name is a country's or a hand-curated entity's (Georgia,
  Crimea, Tibet, Northern Ireland) is left out: that entity already owns it;
- subdivisions of one name in several countries (Punjab of India and
  Pakistan) are one entity, placed in the most populous country's region;
- a subdivision and a city of one name (Quebec, Ontario, Berlin, Tokyo) are
  one entity with the forms of both, trusted as the more trusted of the two:
  it moves here when the subdivision is major and the city minor (Quebec,
  Ontario), and stays in cities.yaml otherwise (Berlin; Manchester, a
  Jamaican parish but an English city first);
- where the bare name belongs to a city the news means far more often, the
  table names the subdivision apart ("Washington State", "State of Mexico");
- names made only of compass and position words ("Central", "North East",
  "Western Area") are left out: they name a part of many countries, none alone;
- so are the units of countries averaging under MIN_POPULATION people a unit
  (Slovenia's 212 municipalities, Malta's 68 local councils, the parishes of
  island states): villages, not what news calls a state or province.

Trust: a lone look-alike of a small subdivision is more often a real unknown
name than a garble ("Makuei" is a South Sudanese surname, not Kenya's
Makueni). GeoNames has no population for subdivisions, so their country's
people per first-level subdivision stand in: at MAJOR_POPULATION or more
(US states, Indian states, Chinese provinces, German Lander) a subdivision
is major; the others (Kenyan counties, Turkish provinces, Slovenian
municipalities) are repaired only at MINOR_THRESHOLD, as minor cities are.
"""

from __future__ import annotations

import re
import sys

from gazetteer_forms import ascii_fold, country_population, fold_key, read_table, region_of, split_list, unique

MAJOR_POPULATION = 2_000_000
# Units averaging fewer people are municipalities and parishes of small states (Slovenia's 212,
# Malta's 68): village names whose particles ("Dol pri Ljubljani") would become known words.
MIN_POPULATION = 20_000
MINOR_THRESHOLD = 0.95
# Top-level ISO types that only group the real first-level units below them.
GROUPING_TYPES = {"Geographical unit"}
# A name made only of these words names a position, not a place ("Centre-Est", "North Western").
POSITION_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre",
    "center", "centrale", "middle", "upper", "lower", "far", "nord", "sud", "est", "ouest", "northeast",
    "northwest", "southeast", "southwest", "area", "region", "province", "district", "division",
    "governorate", "capital",
}
_CODE = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b")


def first_level() -> list:
    """ISO 3166-2 units with no parent, plus the units under a grouping-only
    parent and the units nested under a parent of a top-level type."""
    import pycountry

    units = list(pycountry.subdivisions)
    by_code = {unit.code: unit for unit in units}
    top_types = {(unit.country_code, unit.type) for unit in units if unit.parent_code is None}

    def counts(unit) -> bool:
        if unit.parent_code is None:
            return True
        parent = by_code.get(unit.parent_code)
        return parent is not None and parent.parent_code is None and (
            parent.type in GROUPING_TYPES or (unit.country_code, unit.type) in top_types)

    return [unit for unit in units if counts(unit)]


def iso_names(name: str) -> list[str]:
    """The usable names of an ISO entry: 'Catalunya [Cataluña]' -> both,
    'Sofia (stolitsa)' -> 'Sofia', 'Haute-Sangha / Mambéré-Kadéï' -> both;
    codes ('[SE-01]') and inverted forms ('Murcia, Región de') dropped."""
    name = _CODE.sub("", name.replace("[city]", ""))
    name = re.sub(r"\([^)]*\)", "", name)
    parts = re.split(r"\s*(?:\[|\]|\s/\s)\s*", name)
    return [" ".join(part.split()) for part in parts if part.strip() and "," not in part]


def is_position(name: str) -> bool:
    return all(word in POSITION_WORDS for word in re.split(r"[\s-]+", name.casefold()) if word)


def build_subdivisions(taken: set[str], cities: list[dict]) -> tuple[list[dict], list[dict]]:
    """(subdivision entities, the cities left in cities.yaml). `taken`: folded
    forms of countries and hand-curated entities. `cities` entities may gain
    the forms of a subdivision of their name, or move into the subdivisions."""
    table = {row[0]: row for row in read_table("subdivisions.tsv")}
    units = first_level()
    per_country: dict[str, int] = {}
    for unit in units:
        per_country[unit.country_code] = per_country.get(unit.country_code, 0) + 1
    units = [unit for unit in units if country_population(unit.country_code) / per_country[unit.country_code] >= MIN_POPULATION]
    units.sort(key=lambda unit: (-country_population(unit.country_code), unit.code))
    unknown = sorted(set(table) - {unit.code for unit in first_level()})
    if unknown:
        raise SystemExit(f"tools/data/subdivisions.tsv: codes that are no first-level subdivision: {', '.join(unknown)}")

    city_of = {fold_key(form): city for city in cities
               for form in [city["canonical"], *city.get("aliases", []), *city.get("variants", [])]}
    owned = set(taken) | set(city_of)
    entity_of: dict[str, dict] = {}  # folded form -> the entity (subdivision or city) that owns it
    subdivisions: list[dict] = []
    moved: set[int] = set()  # ids of cities now written with the subdivisions
    left_out, nameless = [], []
    for unit in units:
        row = table.get(unit.code, [])
        names = iso_names(unit.name)
        canonical = row[1] if len(row) > 1 else (ascii_fold(names[0]) if names else "")
        if not canonical:
            nameless.append(f"{unit.code} ({unit.name})")
            continue
        key = fold_key(canonical)
        if is_position(canonical) or (key in taken and key not in entity_of):
            left_out.append(canonical)
            continue
        wanted = split_list(row[2]) if len(row) > 2 else []
        wanted += [form for name in names for form in (name, ascii_fold(name))]
        major = country_population(unit.country_code) / per_country[unit.country_code] >= MAJOR_POPULATION
        entity = entity_of.get(key)
        if entity is None and key in city_of:
            entity = city_of[key]
            if major and "threshold" in entity:  # a minor city: the subdivision is what news means (Quebec)
                entity["region"] = region_of(unit.country_code)
                moved.add(id(entity))
                subdivisions.append(entity)
        elif entity is None:
            entity = {"canonical": canonical, "kind": "place", "region": region_of(unit.country_code)}
            if not major:
                entity["threshold"] = MINOR_THRESHOLD
            subdivisions.append(entity)
        if major:
            entity.pop("threshold", None)
        forms = [entity["canonical"], *entity.get("aliases", []), *entity.get("variants", [])]
        aliases = unique(wanted, own=tuple(forms), taken=owned - {fold_key(form) for form in forms})
        aliases = [alias for alias in aliases if not is_position(alias)]
        if aliases:
            entity["aliases"] = entity.get("aliases", []) + aliases
        for form in [canonical, *aliases]:
            entity_of[fold_key(form)] = entity
            owned.add(fold_key(form))
    if nameless:
        raise SystemExit(f"tools/data/subdivisions.tsv lacks an English name for: {', '.join(nameless)}")
    if left_out:
        print(f"subdivisions left out, their name belongs to another entity or to no place alone: "
              f"{', '.join(sorted(set(left_out)))}", file=sys.stderr)
    kept = [city for city in cities if id(city) not in moved]
    return sorted(subdivisions, key=lambda e: (e["canonical"].casefold(), e["canonical"])), kept
