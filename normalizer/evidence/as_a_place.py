"""Whether the text writes a word as a place: "in Nikolaev", "the port of
Odessa", "Nikolaev and Kherson". A city's Russian form that also names a
person or another place (gazetteer.russian_names: "Nikolaev" is a surname,
"Odessa" a city in Texas) is read as the city only there: "Prince Lvov" and
"Nikolaev said" name people, and "Odessa, Texas" names its region, which
says the place is another one."""

from __future__ import annotations

import re

from normalizer.document import Document
from normalizer.evidence.lists import list_neighbours
from normalizer.mentions import Mentions

# The words that put a place after them ("shelled targets in Nikolaev"). Not
# those that put a person there as often: "according to Nikolaev", "a call
# from Nikolaev", "looked at Nikolaev".
PLACE_PREPOSITIONS = frozenset({
    "in", "near", "into", "outside", "around", "across", "of", "toward", "towards", "through", "via", "inside",
})
_SPACES = re.compile(r"[ \u00a0]+")
_COMMA = re.compile(r"[ \u00a0]*,[ \u00a0]*")
_CLAUSE_END = re.compile(r"[ \u00a0]*[,.;:!?)]")
# A comma, maybe "and"/"or", before a capitalized word: the list goes on ("Odesa, Kherson").
_BEFORE_NEXT_ITEM = re.compile(r"[ \u00a0]*,[ \u00a0]*(?:(?:and|or)[ \u00a0]+)?")


def written_as_a_place(doc: Document, mentions: Mentions, i: int) -> bool:
    """Token `i` follows a preposition of place or stands in a list beside
    another place, and is not "X, Region" (a capitalized word after a comma
    that ends its clause: "Odessa, Texas, sent aid"; not one the list goes
    on after: "Nikolaev, Odesa, Kherson and Kyiv")."""
    if _region_after(doc, i):
        return False
    before = i - 1
    if before >= 0 and doc.keys[before] in PLACE_PREPOSITIONS and _SPACES.fullmatch(doc.gap(before, i)):
        return True
    return any(_names_a_place(doc, mentions, k) for k in list_neighbours(doc, i, i))


def _region_after(doc: Document, i: int) -> bool:
    after = i + 1
    if after >= len(doc) or not _COMMA.fullmatch(doc.gap(i, after)) or not doc.tokens[after].text[:1].isupper():
        return False
    rest = doc.text[doc.tokens[after].end :]
    return not rest.strip() or (_CLAUSE_END.match(rest) is not None and not _list_goes_on(rest))


def _list_goes_on(rest: str) -> bool:
    """`rest` (the text after a word) goes on with another item of a list."""
    found = _BEFORE_NEXT_ITEM.match(rest)
    return found is not None and rest[found.end() : found.end() + 1].isupper()


def _names_a_place(doc: Document, mentions: Mentions, k: int) -> bool:
    """A mention of a place, intact or by a listed variant ("Kharkov"), covers token k."""
    if mentions.intact_kinds.get(k) == {"place"}:
        return True
    entities, forms = doc.index.entities, doc.index.forms
    return any(
        mention.start <= k < mention.start + mention.length
        and all(entities[forms[f].entity].kind == "place" for f in mention.form_ids)
        for mention in mentions.found
    )
