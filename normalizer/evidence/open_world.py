"""The open world: a capitalized word the gazetteer does not hold is, by
default, somebody's correct name. These checks say when a reading must not
be made at all, whatever its similarity; each returns the reason, or None.

- a word inside a longer name the gazetteer does not hold ("Evika Siliņa",
  "Petteri Orpo", "Nabil Hasan al-Quaety") belongs to that name, and a
  word between two neighbouring words of a person's name it does hold is
  that person's middle name, not another person ("Ali Hosseini Khamenei");
- a person's slot (evidence/persons_slot: after an office, "Prime Minister
  Siliņa", a courtesy title, "Mr Kingham", or a real name word, "Julien
  Talavan") is not read as a place or an organization, nor is the same
  spelling anywhere else in the text;
- an acronym is spelled letter by letter and never garbled into another one
  (UNESCO is not a garble of UNSC);
- the feminine form of a Slavic, Baltic or Central Asian surname names
  another person ("Yulia Navalnaya" is not "Alexei Navalny"), and so does
  the masculine form of a woman's ("Siarhei Tsikhanouski" is not Sviatlana
  Tsikhanouskaya), and a woman's given name a man's ("Aleksandra Novack" is
  not Alexander Novak): a listed variant may say otherwise, a fuzzy reading may not;
- a word derived from a name, or the word a name is derived from, is another
  word: "Puerto Rican" is not Puerto Rico, the Sultan not the Sultanate
  (evidence/derived.py);
- a person's given name is shared by many: where the text names the person
  intact in full, the same given name beside a surname that its spelling
  alone would not repair is a namesake ("Sergei Lavrov ... Sergei Ryabkov",
  `namesake`).
"""

from __future__ import annotations

import re

from normalizer.document import Document, of_the_text
from normalizer.evidence.derived import demonym_of, deriving_word
from normalizer.evidence.persons_slot import joined, name_before, office_before, person_elsewhere
from normalizer.evidence.surname_forms import other_sex
from normalizer.folding import fold_case
from normalizer.gazetteer.index import Form
from normalizer.gazetteer.lexicon import multiword_place_names
from normalizer.gazetteer.names import PARTICLES
from normalizer.mentions import Mentions
from normalizer.similarity import ALONE_APPLIED
from normalizer.suspects import Status

# Statuses of a capitalized word that is nobody the gazetteer knows. Not
# ENGLISH_NAME: a given name as common as "Caitlin" beside a surname the
# gazetteer holds alone ("Boswell") is that person's more often than not
# (measured on the garbled corpora, whose gazetteer lists such surnames).
# After a person's word it is another name's all the same (unknown_name_beside).
_UNKNOWN = frozenset({Status.SUSPECT, Status.NAME, Status.FOREIGN, Status.MARKED})
_NOT_PEOPLE = frozenset({"place", "organization"})
# An organization and a person machine translation writes side by side.
_SIDE_BY_SIDE = {"person": "organization", "organization": "person"}
_ENGLISH = frozenset({Status.ENGLISH, Status.ENGLISH_NAME})
SURE_SIMILARITY = 0.9  # normalizer.similarity's key tiers and the learned routes' best


def namesake(doc: Document, mentions: Mentions, form: Form, scores: list[float]) -> bool:
    """The reading of a person's name whose words are intact but the last
    (`scores`: each form word's similarity, 1.0 intact), read under
    ALONE_APPLIED (where a word alone is applied), in a text that names the
    person intact in full: another person of the same given name. The last word is the surname in
    most orders and the given name in Korean ("Kim Jong Un", "Kim Jong Nam");
    either way the words kept are the ones people share. A garbled given name
    beside the intact surname ("Ahdy Warhol") is not this case."""
    return (
        len(scores) >= 2
        and scores[-1] < ALONE_APPLIED
        and all(score == 1.0 for score in scores[:-1])
        and form.entity in mentions.full_name_at
        and doc.index.entities[form.entity].kind == "person"
    )


def veto(
    doc: Document, form: Form, first: int, last: int, garbled: list[int], similarity: float = 0.0,
    sure_round_trips: bool = False,
) -> str | None:
    """Why the reading of tokens `first`..`last` as `form` must not be made
    (`garbled`: the form positions read fuzzily, the least alike at
    `similarity`; `sure_round_trips`: each of them a word no lexicon knows,
    read surely by a learned round trip, in a text that came through another
    script), or None."""
    # A person's surname, read with a shared key or a sure learned route, may
    # follow a given name the gazetteer lacks ("Hamdullah Mohibu"); nothing
    # else may stand inside an unknown name ("Evika Siliņa", "Kwok Ka-chun"),
    # unless it is a sure round trip in a translated text: there the longer
    # name came through the other script too ("Rinkorun Chafee" is Lincoln
    # Chafee, whoever the gazetteer's Lincoln is), and only its word is respelled.
    kind = doc.index.entities[form.entity].kind
    after_only = form.role == "surname" and kind == "person" and similarity >= SURE_SIMILARITY
    if not sure_round_trips:
        beside = unknown_name_beside(doc, first, last, not after_only, True, kind)
    else:  # a title opens a name: one read after an unknown name word is that name's word ("Rajya Sabxa")
        beside = unknown_name_beside(doc, first, last, True, False) if kind == "honorific" else None
    if beside is not None:
        return f"part of the name '{beside}', which the gazetteer does not hold"
    if any(_is_acronym(form.tokens[q]) for q in garbled):
        return "an acronym is not garbled into another"
    written = [first + q for q in garbled if first + q <= last]
    if any(_acronym_in_prose(doc, k) for k in written):
        return "an acronym in running text is spelled letter by letter, not garbled"
    derived = _derived(doc, form, kind, written, first)
    if derived is not None:
        return derived
    place = None if doc.index.entities[form.entity].own else _in_a_real_place(doc, form, written)
    if place is not None:
        return f"a word of '{place}', a real place of that name"
    if kind == "person":
        around = known_name_around(doc, first, last, form.entity)
        if around is not None:
            return f"a middle name of '{around}', named around it"
        relative = _relative(doc, form, first, last, garbled, similarity)
        if relative is not None:
            return relative
        # Against the form laid and the word it is replaced by: "Putina" is
        # no feminine of the variant "Poutine", but it is of its target Putin.
        targets = form.target if len(form.target) == len(form.keys) else form.tokens
        for q in (q for q in garbled if first + q <= last):
            names = (form.keys[q], fold_case(targets[q]))
            other = other_sex(doc.tokens[first + q].text, doc.keys[first + q], names, given=q < len(form.keys) - 1)
            if other is not None:
                return other
    # A person's slot holds a person, but a sure round trip there is still that
    # route's garble of the word ("Senator Iudzhin" came through Russian from Eugene).
    if kind in _NOT_PEOPLE and not sure_round_trips:
        office = office_before(doc, first)
        if office is not None:
            return f"after '{office}', a person's name, not a {kind}"
        given = name_before(doc, first)
        if given is not None:
            return f"after the name '{given}', a person's name, not a {kind}"
        for q in garbled:
            elsewhere = person_elsewhere(doc, first + q) if first + q <= last else None
            if elsewhere is not None:
                return f"the text names a person '{elsewhere}', not a {kind}"
    return None


def _derived(doc: Document, form: Form, kind: str, written: list[int], first: int) -> str | None:
    """A written word that is a demonym of the place word it is read as, or
    an English word the name word is derived from (evidence/derived.py)."""
    for k in written:
        word, name = doc.keys[k], form.keys[k - first]
        if kind == "place" and demonym_of(word, name):
            return f"'{doc.tokens[k].text}' names the people of '{form.tokens[k - first]}', not the place"
        if doc.status[k] in _ENGLISH and deriving_word(word, name):
            return f"'{doc.tokens[k].text}' is a word of its own, not '{form.tokens[k - first]}'"
    return None


def _relative(doc: Document, form: Form, first: int, last: int, garbled: list[int], similarity: float) -> str | None:
    """A given name common enough to be a word of the English lexicon, in a
    person's name whose other words stand intact ("Errol Musk", "Hunter
    Biden"), names a relative, unless the two spellings are as alike as a
    shared key or a sure learned route makes them ("Aleksandr Syrskyi"), or
    are one name word by given_names.one_name_word ("Andrei Shevchenko": the
    same consonants in order, Андрей and Андрій). A
    rarer real name word is left to the evidence: the garbles of the project's
    corpora make such words ("Brien" for Brian, "Nabi" for Nabil); so is the
    surname ("Barack Obam")."""
    # Relatives share the surname, the last word, and differ in the given name, the first:
    # a middle word between the two is the person's ("Andres Manuel Lopes Obrador").
    if len(garbled) != 1 or garbled[0] != 0 or len(form.keys) == 1 or similarity >= SURE_SIMILARITY:
        return None
    k = first + garbled[0]
    if last - first + 1 != len(form.keys) or doc.status[k] != Status.ENGLISH_NAME:
        return None
    if not rest_intact(doc, form, first, garbled[0]):
        return None
    # here: given_names reads this module
    from normalizer.candidates.given_names import one_name_word

    if one_name_word(doc.index, doc.tokens[k].text, form.tokens[garbled[0]], SURE_SIMILARITY):
        return None  # the same consonants in order: Russian and Ukrainian forms ("Andrei" / Andriy)
    return f"'{doc.tokens[k].text}' is a real name beside the rest of '{' '.join(form.tokens)}': another person"


def _in_a_real_place(doc: Document, form: Form, written: list[int]) -> str | None:
    """The whole name of a real place of several words (GeoNames' cities)
    that a garbled word of the reading stands in, where it is not the form's
    own: "Río Blanco" (Mexico) is no garbled Rio Branco, "Bela Vista" (Brazil)
    no Bella Vista. Its words are that place's, spelled right. Asked of the
    bundled entities only, whose places GeoNames names as it names its cities
    (another of its names is another place); a newsroom may spell the very
    city otherwise ("Khan Younis" for GeoNames' Khān Yūnis)."""
    names, lengths_by_first, longest = multiword_place_names()
    own = " ".join(form.keys)
    keys = doc.keys
    for k in written:
        for start in range(max(0, k - longest + 1), k + 1):
            for length in lengths_by_first.get(keys[start], ()):
                end = start + length - 1
                if end < k or end >= len(doc):
                    continue
                name = " ".join(keys[start : end + 1])
                if name in names and name != own and all(doc.gap_ok(j, j + 1) for j in range(start, end)):
                    return doc.text[doc.tokens[start].start : doc.tokens[end].end]
    return None


def rest_intact(doc: Document, form: Form, start: int, q: int) -> bool:
    """Every word of `form` laid from `start` but the one at `q` is in the
    text as the form has it, and the word at `q` is not."""
    keys = form.keys
    end = start + len(keys)
    if start < 0 or end > len(doc.keys):
        return False
    written = doc.keys[start:end]
    return written[q] != keys[q] and tuple(written[:q]) == keys[:q] and tuple(written[q + 1 :]) == keys[q + 1 :]


# A word with a capital inside it after four lower-case letters or more
# ("SoftBank", "ByteDance", "ExxonMobil") is a brand's name: no person of the
# bundled gazetteers has such a word in a name (Mc-, Mac-, De-, Le-, Di-
# prefixes are shorter: "McDonald", "LeBron", "DiCaprio"), six organizations do.
_BRAND = re.compile(r"[A-Z][a-z]{3,}[A-Z][a-z]+\Z")


@of_the_text
def unknown_name_beside(
    doc: Document, first: int, last: int, before: bool = True, after: bool = True, kind: str | None = None
) -> str | None:
    """The words of a longer name around `first`..`last` that nobody in the
    gazetteer bears: a capitalized unknown word joined to it as name words are
    (before it unless `before` is False, after it unless `after` is). With
    the `kind` of the name read there, a word that reads surely as the name
    of an organization beside a person, or of a person beside an
    organization, is that name, not a word of this one: machine translation
    writes "Leader of Hisbollah Hasan Nasrala" without the "'s"."""
    sides = ((first - 1, first, -1),) * before + ((last + 1, last, 1),) * after
    for k, neighbour, step in sides:
        if not joined(doc, k, neighbour):
            continue
        if doc.keys[k] in PARTICLES and joined(doc, k + step, k):
            # "Hasan al-Quaety", "Ahmed bin Ali": a name particle joins the
            # next word to the same name.
            k += step
        word = doc.tokens[k].text
        if kind == "person" and _BRAND.match(word):
            continue  # "The founder of SoftBank Masayosi Son": a brand's name beside a person's
        # After a person's word, a real name of the English lexicon is somebody
        # else's name too ("Lulla Ernst" is not Lula; "Hagia Sophia" not Haniyeh).
        # After a place it may open the next name: machine translation runs an
        # office's place into its officer's ("First Minister of Skotlan Nicola
        # Sturgeon"; the unseen round trips lost that repair when places were asked).
        after_a_person = step == 1 and kind == "person" and doc.status[k] == Status.ENGLISH_NAME
        if word[:1].isupper() and (doc.status[k] in _UNKNOWN or after_a_person) and not (
            kind and _reads_as_another_kind(doc, word, kind)
        ):
            lo, hi = min(k, first), max(k, last)
            return doc.text[doc.tokens[lo].start : doc.tokens[hi].end]
    return None


def _reads_as_another_kind(doc: Document, word: str, kind: str) -> bool:
    """Read as a person's name (`kind`), `word` reads surely (SURE_SIMILARITY,
    by its spelling) as an organization's name and nothing else; read as an
    organization's, as a person's and nothing else. Machine translation sets
    an organization and its people side by side ("Leader of Hisbollah Hasan
    Nasrala"). Not other pairs: a given name beside a garble reads as some
    gazetteer person's ("Nickey" as Nicky) and is still a word of the unknown
    person's name around it ("Nickey Iyambo" is not Yambol), and an unknown
    word reads surely as one of the bundled gazetteers' thousands of cities
    by chance ("Balakeu", Barack through Korean, is 0.94 from Parakou)."""
    from normalizer.candidates.name_tokens import similar_name_tokens  # the candidates import this module

    other = _SIDE_BY_SIDE.get(kind)
    if other is None:
        return False
    index = doc.index
    kinds = {
        index.entities[index.forms[form_id].entity].kind
        for key, score in similar_name_tokens(doc, word).items()
        if score >= SURE_SIMILARITY
        for form_id, _ in index.token_forms.get(key, ())
    }
    return kinds == {other}


@of_the_text
def known_name_around(doc: Document, first: int, last: int, entity: int) -> str | None:
    """Another gazetteer person whose name the text writes around
    `first`..`last`, two neighbouring words of one form on either side:
    the words between are that person's middle name ("Sayyid Ali Hosseini
    Khamenei" of the clean Wikinews, "Barack Hussein Obama"), not a garble
    of another person's name. (A title may stand there: "Ayatollah Sayyed
    Ali Khamenei".)"""
    before, after = first - 1, last + 1
    if not (joined(doc, before, first) and joined(doc, after, last)):
        return None
    return _person_writing(doc, doc.keys[before], doc.keys[after], entity)


def known_name_continued(doc: Document, i: int) -> str | None:
    """A gazetteer person whose name the text writes intact up to token `i`,
    two words or more, and goes on at `i`: the word there is that name's next
    word, maybe garbled ("Gibran Rakabuming Rakka" for Gibran Rakabuming Raka),
    not another entity's name."""
    if not (joined(doc, i - 1, i) and joined(doc, i - 2, i - 1)):
        return None
    return _person_writing(doc, doc.keys[i - 2], doc.keys[i - 1], words_after=1)


def _person_writing(
    doc: Document, first_key: str, second_key: str, entity: int | None = None, words_after: int = 0
) -> str | None:
    """A gazetteer person other than `entity` with a form that writes
    `first_key` and `second_key` side by side and at least `words_after`
    words after them: that form's words."""
    index = doc.index
    for form_id, position in index.token_forms.get(first_key, ()):
        form = index.forms[form_id]
        if (
            form.entity != entity
            and position + 1 + words_after < len(form.keys)
            and form.keys[position + 1] == second_key
            and index.entities[form.entity].kind == "person"
        ):
            return " ".join(form.tokens)
    return None


def _is_acronym(token: str) -> bool:
    return len(token) > 1 and token.isupper()


def _acronym_in_prose(doc: Document, k: int) -> bool:
    """Token k is ALL CAPS beside a word that is not: an acronym ("MSNBC"),
    not a word of an ALL-CAPS headline."""
    if not _is_acronym(doc.tokens[k].text):
        return False
    return any(0 <= j < len(doc) and not doc.tokens[j].text.isupper() for j in (k - 1, k + 1))
