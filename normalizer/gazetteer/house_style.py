"""House style: the newsroom's own gazetteer's spellings win over the bundled
ones for the same person or place (`own_spelling_wins`, called while the index
is built, before any form is indexed). A file that sets `house_style: true`
claims them under the bundled entry's own canonical too."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from normalizer.gazetteer.loading import Entity

_RESPELLABLE = frozenset({"canonical", "alias", "variant", "surname"})
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")  # between two letters: "Jong-il", "al-Assad"


def own_spelling_wins(entities: list[Entity], forms_of: list[list[tuple[str, str, str]]], words) -> None:
    """House style: where the newsroom's own gazetteer names a bundled entity's
    person or place under another canonical (same kind, a correct form in
    common: an own "Volodymyr Zelensky", the bundled "Volodymyr Zelenskyy"
    with "Volodymyr Zelensky" among its aliases), the bundled entity's other
    spellings of the newsroom's canonical, word for word ("Volodymyr
    Zelenskyy", "Volodymyr Zelenskiy"), become the newsroom entity's
    variants, written as its canonical. Other correct forms stay the bundled
    entity's (an own "United States of America" does not make "US" wrong),
    and a namesake with the same canonical only extends the bundled
    entity, as `add-variant` and review make it (README), unless its file
    sets `house_style: true`: then the bundled entry's other spellings of the
    name ("Naim Kassem", AP's, beside the newsroom's and the bundled "Naim
    Qassem") are the newsroom's variants all the same."""
    if all(entity.bundled for entity in entities) or not any(entity.bundled for entity in entities):
        return  # one side only: nothing to reconcile
    # Only the (kind, keys) a bundled entity names are looked up below: the
    # newsroom's other names (most of a large gazetteer) are not kept.
    bundled_named = {
        (entity.kind, words[text][1])
        for entity, forms in zip(entities, forms_of)
        if entity.bundled
        for text, role, _ in forms
        if role in ("canonical", "alias")
    }
    bundled_keys = {keys for _, keys in bundled_named}  # asked first: cheaper than a (kind, keys) pair a form
    own_named: dict[tuple[str, tuple[str, ...]], int] = {}  # (kind, keys of a correct form) -> own entity
    for number, (entity, forms) in enumerate(zip(entities, forms_of)):
        if not entity.bundled:
            for text, role, _ in forms:
                if role in ("canonical", "alias") and (keys := words[text][1]) in bundled_keys:
                    if (entity.kind, keys) in bundled_named:
                        own_named.setdefault((entity.kind, keys), number)
    if not own_named:
        return
    from normalizer.gazetteer.names import respelled

    for number, (entity, forms) in enumerate(zip(entities, forms_of)):
        if not entity.bundled:
            continue
        correct = [text for text, role, _ in forms if role in ("canonical", "alias")]
        owner = next((own_named[(entity.kind, words[t][1])] for t in correct if (entity.kind, words[t][1]) in own_named), None)
        if owner is None:
            continue
        house = entities[owner].canonical
        if words[house][1] == words[entity.canonical][1] and not entities[owner].house_style:
            continue  # a namesake: the newsroom extends the bundled entity, its aliases stay correct
        own_spellings = {words[text][1] for text, role, _ in forms_of[owner] if role != "variant"}
        own_surnames = [text for text, role, _ in forms_of[owner] if role == "surname"]
        moved: dict[str, str] = {}  # a bundled spelling -> the newsroom's form it is written as
        for text, role, _ in forms:
            # An adjective or combining form is another word, not a spelling;
            # a form the newsroom calls correct stays correct.
            if role not in _RESPELLABLE or words[text][1] in own_spellings:
                continue
            # Word for word: a surname alone ("Zelenskyy") is written as the newsroom's surname.
            target = respelled(text, (house, *own_surnames))
            if target is not None:
                moved[text] = target
        if moved:
            forms_of[owner] = forms_of[owner] + [(text, "variant", moved[text]) for text in sorted(moved)]
            forms_of[number] = [form for form in forms if form[0] not in moved]


def house_separators(entities: list[Entity], forms_of: list[list[tuple[str, str, str]]]) -> None:
    """A file that sets `house_style: true` decides how its names are joined
    too: each of its canonicals with hyphens, written with spaces for them
    ("Kim Jong Il" for Kim Jong-il, "Bashar al Assad" for Bashar al-Assad),
    is its variant, rewritten where written whole (candidates/exact.py reads
    a variant spelled apart). Unless the entity calls that spelling correct."""
    for number, entity in enumerate(entities):
        if not entity.house_style or "-" not in entity.canonical:
            continue
        apart = _HYPHEN.sub(" ", entity.canonical)
        if apart != entity.canonical and all(text != apart for text, _, _ in forms_of[number]):
            forms_of[number] = [*forms_of[number], (apart, "variant", entity.canonical)]
