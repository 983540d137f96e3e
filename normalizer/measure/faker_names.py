"""Real given names and surnames of many languages, and real towns: the lists
Faker (MIT; the `test` and `generate` extras) keeps for each locale of its
`person` and `address` providers. Read by tools/generate_marked_name_words.py
(real spellings with marks), benchmarks/unknown_people.py (real people no
gazetteer holds) and tools/generate_gazetteers.py (real places' names)."""

from __future__ import annotations

import importlib
import pkgutil


def given_names_and_surnames() -> tuple[list[str], list[str]]:
    """Every locale's given names and surnames (each sorted, once): the
    provider attributes named first_names... and last_names..., tuples or
    dicts of names and their weights."""
    given: set[str] = set()
    surnames: set[str] = set()
    for attribute, names in _person_lists():
        if attribute.startswith("first_names"):
            given |= names
        elif attribute.startswith("last_names"):
            surnames |= names
    return sorted(given), sorted(surnames)


def given_names_by_sex() -> tuple[list[str], list[str]]:
    """Every locale's women's and men's given names (each sorted, once): the
    provider attributes first_names_female... and first_names_male... (and
    their romanized lists)."""
    women: set[str] = set()
    men: set[str] = set()
    for attribute, names in _person_lists():
        if attribute.startswith("first_") and attribute.endswith("_female"):
            women |= names
        elif attribute.startswith("first_") and attribute.endswith("_male"):
            men |= names
    return sorted(women), sorted(men)


def _person_lists():
    """(attribute, its names) for each list of names of each locale's person provider."""
    import faker.providers.person as person  # lazy: an extra, and only the tools and benchmarks read it

    for module in sorted(found.name for found in pkgutil.iter_modules(person.__path__)):
        provider = importlib.import_module(f"{person.__name__}.{module}").Provider
        for attribute in dir(provider):
            listed = getattr(provider, attribute)
            if isinstance(listed, (list, tuple, dict)):
                yield attribute, {name for name in listed if isinstance(name, str)}


# The address providers' lists of a locale's towns ("cities" in most, "city_names" or "towns" in some).
TOWN_LISTS = ("cities", "city_names", "towns")


def town_names() -> list[str]:
    """Every locale's towns, as its address provider lists them (sorted, once):
    Italy's 16,559 localities, Belgium's, the Netherlands', Slovakia's
    municipalities and others, in whatever script the locale writes."""
    import faker.providers.address as address  # lazy: an extra

    towns: set[str] = set()
    for module in sorted(found.name for found in pkgutil.iter_modules(address.__path__)):
        provider = importlib.import_module(f"{address.__name__}.{module}").Provider
        for attribute in TOWN_LISTS:
            listed = getattr(provider, attribute, ())
            if isinstance(listed, (list, tuple)):
                towns |= {name for name in listed if isinstance(name, str)}
    return sorted(towns)
