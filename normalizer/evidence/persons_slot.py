"""A person's slot: the words before a word that say a person's name stands
there ("Prime Minister Siliņa", "Mr Kingham", "Julien Talavan"), so that
the word is not read as a place or an organization (evidence.open_world),
nor a table's other spelling of a place applied there (candidates.exact)."""

from __future__ import annotations

from normalizer.document import Document, of_the_text
from normalizer.gazetteer.name_words import a_real_name_or_given_name, census_given_names
from normalizer.gazetteer.names import PARTICLES
from normalizer.suspects import Status
from normalizer.tokens import is_name_gap

# Statuses of a real name word that opens a person's slot where a name list holds it.
_NAME_BEFORE = frozenset({Status.ENGLISH, Status.ENGLISH_NAME, Status.NAME, Status.FOREIGN, Status.MARKED})
# A name's particle is no given name: after "El", "La", "Van" or "De" comes
# the rest of a name, a place's as often as a person's ("El Paso", "La Paz",
# "Van Nuys", "Des Moines"). Not the Arabic and Hebrew ones that name a
# person's father ("bin", "Abu") nor "Al", a given name too ("Al Gore").
_OPENS_NO_SLOT = PARTICLES - {"al", "bin", "ben", "ibn", "bint", "abu"}
# English courtesy titles: a person's name follows ("Mr Kingham" of ABC news is no garbled
# Qinghai). Not Lord and Lady, which open places too (Lord Howe Island, Lady Bird Lake).
COURTESY_TITLES = frozenset({"mr", "mrs", "ms", "mx", "dr", "sir", "dame"})


def joined(doc: Document, k: int, neighbour: int) -> bool:
    """Token k exists and may be a word of one name with its neighbour."""
    return 0 <= k < len(doc) and doc.gap_ok(min(k, neighbour), max(k, neighbour))


def capitalized_before(doc: Document, first: int, particles: frozenset[str]) -> int | None:
    """Token `first - 1`, where it is a capitalized word (no acronym, none of
    `particles`) joined to token `first` as words of one name are; else None."""
    k = first - 1
    if not joined(doc, k, first):
        return None
    word = doc.tokens[k].text
    if not word[:1].isupper() or word.isupper() or doc.keys[k] in particles:
        return None
    return k


@of_the_text
def name_before(doc: Document, first: int) -> str | None:
    """A real name word right before token `first` that the gazetteer gives
    nobody ("Julien" of "Julien Talavan"; the English lexicon holds such
    names too, and a census given name counts: "Tom" of "Tom Kinton"), or
    the given name of a gazetteer person ("Mike" of "Mike Maturen"): the
    word after it is in a person's slot."""
    k = capitalized_before(doc, first, _OPENS_NO_SLOT)
    if k is None:
        return None
    word = doc.tokens[k].text
    if doc.status[k] in _NAME_BEFORE and a_real_name_or_given_name(doc.keys[k]):
        return word
    if doc.status[k] == Status.KNOWN and (
        opens_a_persons_name(doc.index, doc.keys[k])
        # a gazetteer's surname that is a census given name too ("Martin" of Micheál Martin):
        # not where the word alone names a place or an organization ("Georgia", "Jordan")
        or (doc.keys[k] in census_given_names() and not _names_a_thing_alone(doc.index, doc.keys[k]))
    ):
        return word
    return None


def _names_a_thing_alone(index, key: str) -> bool:
    """Whether `key` alone is a gazetteer form of a place or an organization."""
    return any(
        len(index.forms[form_id].keys) == 1 and index.entities[index.forms[form_id].entity].kind != "person"
        for form_id, _position in index.token_forms.get(key, ())
    )


def opens_a_persons_name(index, key: str) -> bool:
    """`key` opens a person's name in the gazetteer ("Mike" of Mike Pompeo):
    a given name, whoever's name follows it in the text."""
    return any(
        position == 0 and len(index.forms[form_id].keys) > 1 and index.entities[index.forms[form_id].entity].kind == "person"
        for form_id, position in index.token_forms.get(key, ())
    )


@of_the_text
def office_before(doc: Document, first: int) -> str | None:
    """The office word right before token `first` ("Minister" of "Prime
    Minister Siliņa"): a word of a person's context phrase, capitalized; or
    a courtesy title, with its period or without ("Mr Kingham", "Dr. Leete")."""
    k = first - 1
    if k < 0:
        return None
    word = doc.tokens[k].text
    if not word[:1].isupper():
        return None
    if doc.keys[k] in COURTESY_TITLES and is_name_gap(doc.gap(k, first).removeprefix(".")):
        return word
    if joined(doc, k, first) and doc.keys[k] in doc.index.office_words:
        return word
    return None


def person_elsewhere(doc: Document, k: int) -> str | None:
    """Where the text writes the word at `k` in a person's slot, after a
    real given name or an office ("Mike Maturen" two paragraphs up): one
    spelling in one text names one thing, so the lone "Maturen" is that
    person too, not a place spelled alike."""
    for p in doc.positions.get(doc.keys[k], ()):
        before = None if p == k else name_before(doc, p) or office_before(doc, p)
        if before is not None:
            return f"{before} {doc.tokens[p].text}"
    return None
