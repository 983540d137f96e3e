"""The last step of an index build: its per-entity tables packed (normalizer.gazetteer.packed).

The entities, the forms and the maps over their words (`exact`,
`token_forms`, `spelling`, ...) become a few byte strings each, so that a
cached index loads without an object per entity, form or word. With
100,000 entities that is some 2 s of the build, and nothing else the build
does reads the packed tables: so for a large gazetteer it runs in a forked
child (normalizer.forked_call) beside the rest of the build, on the other
CPU, and only its byte strings come back (from index.FORK_ENTITIES entities).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping

from normalizer.gazetteer.packed import pack_exact, pack_numbers, pack_pair_columns, pack_rows, pack_single, pack_texts
from normalizer.wordset import WordSet

if TYPE_CHECKING:
    from normalizer.gazetteer.index import Index


def packed_tables(index: Index, exact: Mapping[tuple[str, ...], list[int]], token_columns: tuple) -> dict[str, object]:
    """The packed value of each Index field named, from the built `index`'s
    lists and dicts, its `exact` (form keys -> form ids) and `token_columns`
    (each token key, form id and position of every indexed form:
    packed.pack_pair_columns)."""
    plain = plain_tables(exact)
    return {
        "entities": pack_rows(index.entities, "entities"),
        "forms": pack_rows(index.forms, "forms"),
        "exact": pack_exact(plain["exact"]),
        "lengths_by_head": pack_numbers(plain["lengths_by_head"]),
        "token_forms": pack_pair_columns(*token_columns),
        "spelling": pack_single(index.spelling),
        "correct_tokens": WordSet(index.correct_tokens),
        "place_forms": pack_numbers(index.place_forms),
        "context_sharing": pack_numbers(index.context_sharing),
        "table_variants": pack_texts(index.table_variants),
    }


def plain_tables(exact: Mapping[tuple[str, ...], list[int]]) -> dict[str, object]:
    """`exact` and `lengths_by_head` as a dict each, unpacked."""
    # The exact pass tries only the lengths of forms that start with the word at hand.
    lengths: dict[str, set[int]] = {}
    for form_keys in exact:
        lengths.setdefault(form_keys[0], set()).add(len(form_keys))
    by_head = {  # most heads start forms of one length: no sort
        head: (*sizes,) if len(sizes) == 1 else tuple(sorted(sizes, reverse=True)) for head, sizes in lengths.items()
    }
    return {"exact": dict(exact), "lengths_by_head": by_head}
