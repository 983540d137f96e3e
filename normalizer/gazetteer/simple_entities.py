"""The entities of a gazetteer's simplest entries, checked and made all at once.

Most entries of a large gazetteer give only a canonical and a kind
(`{canonical: "Mado Orsasighara", kind: person}`): for 100,000 of them,
`loading._entity`'s checks one entry at a time and its call with 17 keyword
arguments were most of the time after the YAML. Here they are checked
together (types, kinds, lengths and control characters, each in one pass)
and each made from one dict of fields, to the very entity `_entity` makes.
Should any of them be refused, none is made here: `loading` then reads every
entry in turn, so the first problem is the one named, as before.
"""

from __future__ import annotations

from normalizer.gazetteer.loading import _CONTROL, KINDS, MAX_STRING_CHARS, Entity
from normalizer.gazetteer.reading import LINE

_SIMPLE_KEYS = frozenset({"canonical", "kind", LINE})
_KIND_SET = frozenset(KINDS)


def simple_entities(entries: list, name: str) -> list:
    """The entity of each entry that gives only a canonical and a kind, as
    `loading._entity` makes it, None for any other entry; all None when one
    of those would be refused (`_entity` then names the first problem)."""
    nothing = [None] * len(entries)
    chosen = [entry for entry in entries if _simple(entry)]
    if not chosen:
        return nothing
    canonicals = [entry["canonical"] for entry in chosen]
    kinds = [entry["kind"] for entry in chosen]
    if not {str}.issuperset(map(type, [*canonicals, *kinds])) or not _KIND_SET.issuperset(kinds):
        return nothing
    stripped = list(map(str.strip, canonicals))
    # As `loading._string`: the length as written, control characters once stripped.
    if "" in stripped or max(map(len, canonicals)) > MAX_STRING_CHARS or _CONTROL.search("".join(stripped)):
        return nothing
    made = iter([_entity(canonical, kind, f"{name}:{entry[LINE]}") for canonical, kind, entry in zip(stripped, kinds, chosen)])
    return [next(made) if _simple(entry) else None for entry in entries]


def _simple(entry) -> bool:
    """An entry that gives only a canonical and a kind."""
    return type(entry) is dict and entry.keys() == _SIMPLE_KEYS


def _entity(canonical: str, kind: str, origin: str) -> Entity:
    """`loading._new_entity` of such an entry: its three fields that are not
    the defaults set at once (a call with 17 keyword arguments cost more
    than the rest of it)."""
    entity = object.__new__(Entity)
    values = entity.__dict__
    values["canonical"], values["kind"], values["origin"] = canonical, kind, origin
    return entity


_MADE = frozenset({"canonical", "kind", "origin"})  # what `_entity` sets


def packed(entities: tuple[Entity, ...]) -> tuple:
    """`entities` as the parse cache keeps them: those that give only a canonical
    and a kind as three columns (a pickled object each cost 0.2 s to write and
    0.3 s to read back for 100,000), the others as they are."""
    simple = [type(entity) is Entity and entity.__dict__.keys() == _MADE for entity in entities]
    chosen = [entity.__dict__ for entity, made in zip(entities, simple) if made]
    columns = [[values[name] for values in chosen] for name in ("canonical", "kind", "origin")]
    return simple, *columns, [entity for entity, made in zip(entities, simple) if not made]


def unpacked(kept: tuple) -> tuple[Entity, ...]:
    """The entities `packed` kept, in order."""
    simple, canonicals, kinds, origins, others = kept
    made, rest = map(_entity, canonicals, kinds, origins), iter(others)
    return tuple([next(made) if one else next(rest) for one in simple])
