"""A surname read alone after another person's given name, and the rest of
a person's name read after another given name than the one it lacks.

The fuzzy reading of a person's surname alone allows a given name the
gazetteer lacks before it: "Hamdullah Mohibu" is the GUM gazetteer's
"Ambassador Mohib", whose given name it does not give. Where the gazetteer
gives the person's given name, a given name before the word that is none of
the person's names is somebody else's: "Angelo Luoma" is not Edi Rama,
"Wayland Viira" not Mauro Vieira (benchmarks/unknown_people.py: real names
of many languages, whose surnames are one learned reading from a gazetteer
person's more often than a lexicon can tell). That holds of a given name no
list knows too ("Elifnur Kiiru" is not Salva Kiir, "Tatyanna Dudik" not
Milorad Dodik), as long as no reading, learned ones included, takes it for
one of the person's: a given name garbled beyond the lists ("Balakeu
Obamu", Barack Obama through Korean) still reads as Barack.

The same holds of a person's name without its first given name ("Wali
Mehsud" of Noor Wali Mehsud, gazetteer/names.without_first_name_forms):
after another given name it is the end of another person's name, "Ahmad
Wali Masood" (the Lee corpus of ABC news) is not Noor Wali Mehsud. A given
name a gazetteer person's name opens with counts there too, though the
gazetteer knows it ("Ahmad").
"""

from __future__ import annotations

from normalizer.document import Document
from normalizer.evidence.persons_slot import capitalized_before, joined, opens_a_persons_name
from normalizer.gazetteer.index import Form
from normalizer.gazetteer.name_words import a_real_name_or_given_name, census_given_names
from normalizer.gazetteer.names import PARTICLES
from normalizer.mentions import Mentions
from normalizer.suspects import Status

# Statuses of a word that may be a given name: a real name's word, spelled as
# it is, or a word in no list (an office, "President", is ENGLISH; a marked
# spelling no real name has, MARKED, is a garble's). A word in no list was
# left out at first, as the person's own given name garbled maybe; but the
# reading below tells those apart: of 5,000 real people (unknown_people.py,
# seed 8) it kept 4 more surnames from a gazetteer person's, and no corpus
# lost a repair.
GIVEN_NAME_WORD = frozenset({Status.NAME, Status.ENGLISH_NAME, Status.FOREIGN, Status.SUSPECT})


def another_given_name(doc: Document, mentions: Mentions, form: Form, first: int, last: int) -> str | None:
    """The word right before a person's surname read alone, or before the rest
    of a name read without its first given name, where it is a given name
    other than every one the gazetteer gives that person (see the module),
    or None. One spelling names one person in one text: the same words
    written elsewhere after such a given name count too ("Ahmad Wali
    Masood ... Wali Masood said"). Not where the text names the person
    intact: the word may be a relative's given name and the surname theirs
    ("Melania Trmup" in an article about Donald Trump); not where a garbled
    word reads as a round trip through one script clearly ("Maria
    Woluonuofu", Voronov through pinyin: a name no language writes so); and
    not where the word is alike to the person's own given name, which the
    full name's reading takes (candidates.fuzzy)."""
    from normalizer.candidates.name_tokens import word_similarity  # the candidates import this module
    from normalizer.similarity import names_a_script

    index = doc.index
    if last - first + 1 != len(form.keys) or index.entities[form.entity].kind != "person":
        return None
    if mentions.seen.get(form.entity):
        return None
    given = _given_names(index, form.entity, form.keys[0])
    if not given:
        return None
    garbled = [q for q in range(len(form.keys)) if doc.keys[first + q] != form.keys[q]]
    if any(names_a_script(word_similarity(index, doc.tokens[first + q].text, form.tokens[q])[1]) for q in garbled):
        return None
    written = doc.keys[first : last + 1]
    for start in doc.positions.get(written[0], ()):
        if _written_at(doc, start, written):
            word = _given_name_before(doc, start, given)
            if word is not None:
                return word
    return None


def _written_at(doc: Document, start: int, keys: list[str]) -> bool:
    """Whether the text writes `keys` from token `start` as the words of one name."""
    end = start + len(keys)
    return doc.keys[start:end] == keys and all(doc.gap_ok(j, j + 1) for j in range(start, end - 1))


def _given_name_before(doc: Document, start: int, given: set[str]) -> str | None:
    """The capitalized given name right before token `start`, joined to it,
    that is alike to none of `given`, or None. Not a middle name: one after a
    word alike to one of `given` ("Omar Hassan al-Beshir" is Omar al-Bashir)."""
    from normalizer.candidates.name_tokens import MIN_SIMILARITY, word_similarity  # the candidates import this module

    k = capitalized_before(doc, start, PARTICLES)
    if k is None:
        return None
    word = doc.tokens[k].text
    index = doc.index
    if not (
        doc.status[k] in GIVEN_NAME_WORD
        or (doc.status[k] == Status.ENGLISH and doc.keys[k] in census_given_names())
        or (
            doc.status[k] == Status.KNOWN
            and a_real_name_or_given_name(doc.keys[k])
            and opens_a_persons_name(index, doc.keys[k])
        )
    ):
        return None
    if any(word_similarity(index, word, name)[0] >= MIN_SIMILARITY for name in given):
        return None
    if joined(doc, k - 1, k):
        before = doc.tokens[k - 1].text
        if any(word_similarity(index, before, name)[0] >= MIN_SIMILARITY for name in given):
            return None
    return word


def _given_names(index, entity: int, surname: str) -> set[str]:
    """The words the gazetteer writes right before `surname` in the
    entity's full names (canonical and aliases), but for English words that
    are neither a real name's nor a census given name ("Hillary" is one):
    its given names ("Edi" of Edi Rama; not "Ambassador" of Ambassador
    Mohib). An English word that opens the full names of two people or more
    is a given name too ("Peter": both lists leave it out, as an English word)."""
    found = set()
    for form_id, position in index.token_forms.get(surname, ()):
        form = index.forms[form_id]
        if form.entity == entity and position >= 1 and form.role in ("canonical", "alias"):
            key = form.keys[position - 1]
            if key not in index.english or a_real_name_or_given_name(key) or _opens_names_of_people(index, key):
                found.add(form.tokens[position - 1])
    return found


def _opens_names_of_people(index, key: str) -> bool:
    """Whether `key` is the first word of the full names of two people of the gazetteers or more."""
    people = set()
    for form_id, position in index.token_forms.get(key, ()):
        form = index.forms[form_id]
        if position == 0 and len(form.keys) >= 2 and form.role in ("canonical", "alias"):
            if index.entities[form.entity].kind == "person":
                people.add(form.entity)
    return len(people) >= 2
