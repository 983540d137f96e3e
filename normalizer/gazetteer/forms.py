"""The spellings of each entity that an index lists, the bundled entities' kept in the cache.

An entity's forms are its canonical, aliases, adjectives, combining forms
and variants, and a person's surnames and name without its generational
suffix (normalizer.gazetteer.names), each as
(text, role, target). The bundled gazetteers' ~10,000 entities take some
0.3 s of an index build (an alias is asked whether it spells the canonical
another way, a learned round trip for some), the same for every newsroom
file they are built with: they are kept in the cache (normalizer.cache)
under the digest of the bundled files, so an index built again for an edited
newsroom file, or warmed by normalizer.gazetteer.warm_up, reads them back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from normalizer import cache
from normalizer.folding import fold_form, run_together

if TYPE_CHECKING:
    from normalizer.gazetteer.loading import Entity, Gazetteer

Forms = list[tuple[str, str, str]]  # (form text, role, target text)


def forms_of(entity: Entity, person_forms) -> Forms:
    """(form text, role, target text) for every spelling of an entity;
    `person_forms` is normalizer.gazetteer.names.person_forms (imported once
    per build)."""
    forms = [(entity.canonical, "canonical", entity.canonical)]
    if entity.aliases or entity.adjectives or entity.combining or entity.variants:  # most entities list none
        forms += [(alias, "alias", _alias_target(entity, alias)) for alias in entity.aliases]
        forms += [(adjective, "adjective", adjective) for adjective in entity.adjectives]
        forms += [(combining, "combining", combining) for combining in entity.combining]
        forms += [(variant, "variant", _variant_target(entity, variant)) for variant in entity.variants]
    if entity.kind == "person":
        forms += person_forms(entity)
    return forms


def _alias_target(entity: Entity, alias: str) -> str:
    """What a garble of an alias is repaired to: the canonical (or its
    surname) when the alias is another spelling of it word for word; else
    the alias itself, a different correct form ("Ayatollah Khamenei")."""
    from normalizer.gazetteer.names import respelled, surnames

    return respelled(alias, (entity.canonical, *(surnames(entity) if entity.kind == "person" else ()))) or alias


def _variant_target(entity: Entity, variant: str) -> str:
    """What a variant is rewritten to: the canonical, but a person's variant
    of fewer words that spells a surname another way, or writes its letters
    as one word, is rewritten to that surname ("Nawalny" -> Navalny, not
    "Alexei Navalny"; "Amirabdollahian" -> Amir-Abdollahian)."""
    if entity.kind != "person" or len(variant.split()) >= len(entity.canonical.split()):
        return entity.canonical
    from normalizer.gazetteer.names import respelled, surnames

    own = surnames(entity)
    glued = (surname for surname in own if run_together(surname) == run_together(variant))
    return respelled(variant, own) or next(glued, entity.canonical)


def entity_forms(gazetteer: Gazetteer) -> list[Forms]:
    """`forms_of` each entity of `gazetteer`, in order; the bundled ones'
    read from the cache when their files were loaded from disk."""
    from normalizer.gazetteer.names import person_forms  # here: it imports the loading of gazetteers

    bundled = [entity for entity in gazetteer.entities if entity.bundled]
    files = bundled_files(gazetteer.files)
    if not bundled or not files:
        return [forms_of(entity, person_forms) for entity in gazetteer.entities]
    kept = bundled_forms(bundled, files)
    taken = iter(kept)
    return [next(taken) if entity.bundled else forms_of(entity, person_forms) for entity in gazetteer.entities]


def bundled_forms(bundled: list[Entity], files: list[Path]) -> list[Forms]:
    """`forms_of` each of `bundled` (the entities of the bundled `files`, in
    order), kept in the cache under the files' names and bytes."""
    from normalizer.gazetteer.identity import fingerprint
    from normalizer.gazetteer.names import person_forms

    # What forms_of reads of each entity: kept beside its forms, so that
    # they are read back only for the very same entities.
    read = [(e.canonical, e.kind, e.aliases, e.adjectives, e.combining, e.variants, e.surname) for e in bundled]

    def made() -> tuple[list, list[Forms]]:
        return read, [forms_of(entity, person_forms) for entity in bundled]

    made_from, kept = cache.cached(f"bundled-forms\0{fingerprint(files)}", made)
    return kept if made_from == read else made()[1]


def bundled_files(files: Iterable[Path]) -> list[Path]:
    """Those of `files` in the folder of the bundled gazetteers, in order."""
    from normalizer.gazetteer.loading import bundled_dir

    folder = bundled_dir().resolve()
    return [path for path in files if Path(path).resolve().is_relative_to(folder)]


def add_table_variants(
    entities, forms_of: list[Forms], words, additions: tuple[list, list] | None = None
) -> tuple[dict[str, tuple[str, str]], set[str]]:
    """The variants the tables of normalizer/data add to `forms_of`: a post-Soviet
    place's Russian names (gazetteer.russian_names), a place's Russian and
    Japanese names (gazetteer.exonyms), a city's other spellings in GeoNames
    (gazetteer.place_spellings), a Chinese person's name
    spelled in Russian (gazetteer.chinese_names), a Korean person's name
    as outlets and Russian spell it (gazetteer.korean_names), an East Asian
    given name's syllables as another convention writes them
    (gazetteer.given_name_syllables) and a name
    with an Arabic compound given name run together (gazetteer.compound_names).
    Returns each added form (table_key) -> its canonical and the reason a repair shows, and the forms
    matched only where written whole, never laid over other words: a bundled place's Russian
    names, a place's Russian and Japanese names and other spellings (every scheme's spelling is listed, and a near
    one is another word: "Brazillian" is no "Braziliia") and a Chinese name's
    Russian spellings, whose syllables ("Cjan") would draw real names ("Keqiang"),
    as would a Korean name's ("Mun", "Yn"). `additions`: table_additions(entities), if made already."""
    anywhere, whole = additions if additions is not None else table_additions(entities)
    # The keys of every entity's spellings, gathered once for both calls (each
    # adds those it gives): a walk of 160,000 forms with 100,000 entities, 0.15 s.
    spelled = {words[text][1] for forms in forms_of for text, _, _ in forms} if anywhere or whole else set()
    added = _add_variants(entities, forms_of, words, anywhere, spelled)
    whole_only = _add_variants(entities, forms_of, words, whole, spelled)
    return {**added, **whole_only}, set(whole_only)


def table_additions(entities) -> tuple[list, list]:
    """What the tables give `entities` (add_table_variants): the forms matched
    anywhere, then those matched only where written whole, each list of
    (entity number, [(form, reason[, written as]), ...]). Reads the entities
    alone, not their forms: for a large gazetteer it is made in a forked
    child beside entity_forms (index), 0.6 s with 100,000 entities."""
    from normalizer.gazetteer.chinese_names import chinese_variants
    from normalizer.gazetteer.compound_names import compound_variants
    from normalizer.gazetteer.exonyms import exonym_variants
    from normalizer.gazetteer.given_name_syllables import given_name_variants
    from normalizer.gazetteer.korean_names import korean_variants
    from normalizer.gazetteer.place_spellings import place_spelling_variants
    from normalizer.gazetteer.russian_names import russian_variants

    own_places, bundled_places = russian_variants(entities)
    anywhere = own_places + compound_variants(entities)
    whole = [
        *bundled_places, *exonym_variants(entities), *place_spelling_variants(entities),
        *chinese_variants(entities), *korean_variants(entities), *given_name_variants(entities),
    ]
    return anywhere, whole


def _add_variants(entities, forms_of: list[Forms], words, additions, spelled: set) -> dict[str, tuple[str, str]]:
    """Give each entity of `additions` ((number, [(form, reason), ...]), in
    order; a third item, the name a form is written as, where not the
    canonical) those forms as variants, in `forms_of` (an index build's lists),
    unless some entity already has that spelling (`spelled`: the keys of all
    of `forms_of`, kept so here), correct or not, or the
    additions give it to two places. Returns
    each added form (table_key) -> the entity's canonical and the reason."""
    if not additions:
        return {}
    wanted: set[tuple[str, ...]] = set()  # the keys of the forms to add
    claimed: dict[tuple[str, ...], set[str]] = {}  # ... of a place's, -> the places given them, by canonical
    for number, found in additions:
        place = entities[number].kind == "place"
        for form, *_ in found:
            wanted.add(keys := words[form][1])
            if place:
                claimed.setdefault(keys, set()).add(entities[number].canonical)
    taken = {keys for keys in wanted if keys in spelled}
    # A spelling the tables give two places says neither ("Brazilia": Бразилия romanized,
    # Brazil, and GeoNames' Brasília; "Meksyk": Polish for Mexico, and GeoNames' Mexico
    # City): it is left to the other readings.
    taken.update(keys for keys, names in claimed.items() if len(names) > 1)
    added: dict[str, tuple[str, str]] = {}
    for number, found in additions:
        canonical = entities[number].canonical
        for form, reason, *written_as in found:  # written as the canonical, unless a table says otherwise
            keys = words[form][1]
            if keys and keys not in taken:
                taken.add(keys)
                spelled.add(keys)
                forms_of[number] = [*forms_of[number], (form, "variant", written_as[0] if written_as else canonical)]
                added[table_key(words[form][0])] = (canonical, reason)
    return added


def table_key(tokens) -> str:
    """The key of a table's variant in Index.table_variants: its words, as the
    form laid over a text has them (a hyphen, as in "al-Baghdadi", is no word)."""
    return fold_form(" ".join(tokens))
