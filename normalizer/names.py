"""How news refers to a person: the forms derived from a full name.

A person is mentioned by full name once and by surname after; the index adds
those derived forms so that a garbled surname alone is recognised.
"""

from __future__ import annotations

from .gazetteer import Entity
from .text import fold_case


def surname_forms(entity: Entity) -> list[tuple[str, str, str]]:
    """A person is also mentioned by the last word of a name ("Araghchi")."""
    canonical_words = entity.canonical.split()
    if len(canonical_words) < 2:
        return []
    surname = canonical_words[-1]
    derived = [(surname, "surname", surname)]
    for alias in entity.aliases:
        words = alias.split()
        if len(words) >= 2:
            derived.append((words[-1], "surname", words[-1]))
    for variant in entity.variants:
        words = variant.split()
        if len(words) >= 2 and fold_case(words[-1]) != fold_case(surname):
            derived.append((words[-1], "variant", surname))
    return derived
