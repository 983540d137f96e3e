"""Real given names and surnames of many languages: the lists Faker (MIT; the
`test` and `generate` extras) keeps for each locale of its `person` providers.
Read by tools/generate_marked_name_words.py (real spellings with marks) and
benchmarks/unknown_people.py (real people no gazetteer holds)."""

from __future__ import annotations

import importlib
import pkgutil


def given_names_and_surnames() -> tuple[list[str], list[str]]:
    """Every locale's given names and surnames (each sorted, once): the
    provider attributes named first_names... and last_names..., tuples or
    dicts of names and their weights."""
    import faker.providers.person as person  # lazy: an extra, and only these two read it

    given: set[str] = set()
    surnames: set[str] = set()
    for module in sorted(found.name for found in pkgutil.iter_modules(person.__path__)):
        provider = importlib.import_module(f"{person.__name__}.{module}").Provider
        for attribute in dir(provider):
            listed = getattr(provider, attribute)
            if not isinstance(listed, (list, tuple, dict)):
                continue
            names = {name for name in listed if isinstance(name, str)}
            if attribute.startswith("first_names"):
                given |= names
            elif attribute.startswith("last_names"):
                surnames |= names
    return sorted(given), sorted(surnames)
