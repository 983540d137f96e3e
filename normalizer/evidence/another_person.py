"""A surname read alone after another person's given name.

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
"""

from __future__ import annotations

from normalizer.document import Document
from normalizer.gazetteer.index import Form
from normalizer.gazetteer.name_words import name_words
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
    """The word right before a person's surname read alone, where it is a
    given name other than every one the gazetteer gives that person
    (see the module), or None. Not where the text names the person intact:
    the word may be a relative's given name and the surname theirs ("Melania
    Trmup" in an article about Donald Trump); not where the surname reads as
    a round trip through one script clearly ("Maria Woluonuofu", Voronov
    through pinyin: a name no language writes so); and not where the word is
    alike to the person's own given name, which the full name's reading
    takes (candidates.fuzzy)."""
    from normalizer.candidates.name_tokens import MIN_SIMILARITY, word_similarity  # the candidates import this module
    from normalizer.similarity import names_a_script

    k = first - 1
    if first != last or len(form.keys) != 1 or k < 0 or not doc.gap_ok(k, first):
        return None
    index = doc.index
    if index.entities[form.entity].kind != "person" or mentions.seen.get(form.entity):
        return None
    word = doc.tokens[k].text
    if doc.status[k] not in GIVEN_NAME_WORD or not word[:1].isupper() or word.isupper() or doc.keys[k] in PARTICLES:
        return None
    given = _given_names(index, form.entity, form.keys[0])
    if not given or names_a_script(word_similarity(index, doc.tokens[first].text, form.tokens[0])[1]):
        return None
    if any(word_similarity(index, word, name)[0] >= MIN_SIMILARITY for name in given):
        return None
    return word


def _given_names(index, entity: int, surname: str) -> set[str]:
    """The words the gazetteer writes right before `surname` in the
    entity's full names (canonical and aliases), but for English words that
    are no real name's: its given names ("Edi" of Edi Rama; not "Ambassador"
    of Ambassador Mohib). An English word that opens the full names of two
    people or more is a given name too: the real-name list leaves out the
    commonest ("David" of David Lammy and David Cameron)."""
    found = set()
    for form_id, position in index.token_forms.get(surname, ()):
        form = index.forms[form_id]
        if form.entity == entity and position >= 1 and form.role in ("canonical", "alias"):
            key = form.keys[position - 1]
            if key not in index.english or key in name_words() or _opens_names_of_people(index, key):
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
