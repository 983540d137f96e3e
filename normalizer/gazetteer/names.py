"""How news refers to a person: the forms derived from a full name.

A person is mentioned by full name once and by surname after; the index adds
those derived forms so that a garbled surname alone is recognised.

The surname is the entity's `surname` field when the gazetteer gives one
(East Asian order: "Kim" of "Kim Jong Un"; "Lula"; "Suu Kyi"); otherwise the
last word of the name with the particles before it ("Al Thani", "bin Salman",
"de Gaulle", "von der Leyen"), a generational suffix set aside ("Marcos" of
"Ferdinand Marcos Jr."). A monarch or pope ("King Abdullah II") has none by
default.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from normalizer.folding import fold_case
from normalizer.tokens import tokenize

if TYPE_CHECKING:
    from normalizer.gazetteer.loading import Entity

# Words that belong to the surname after them: Arabic nasab, kunya and article,
# and the nobiliary and family particles of European names. Compared casefolded.
PARTICLES = frozenset({
    "al", "el", "bin", "ben", "ibn", "bint", "abu",
    "de", "da", "di", "do", "dos", "das", "du", "del", "della", "der", "den", "des",
    "la", "le", "van", "von", "ter", "zu",
})
# The Arabic article as English news prints it (al-, or el- after the
# Egyptian reading): written or left out by outlet (candidates/articles).
ARTICLES = frozenset({"al", "el"})
# The same article before a "sun letter", whose sound it takes ("as-Sadr",
# "az-Zawahiri", "ad-Din", "ash-Shabab"; "es-", "ez-" in the Egyptian reading):
# an article only so written, joined by a hyphen to a word of that sound (else
# "as", "an", "at" are English words). Article -> the sound it takes.
SUN_ARTICLES = {
    f"{vowel}{sound}": sound
    for vowel in "ae"
    for sound in ("t", "th", "d", "dh", "r", "z", "s", "sh", "n")
}
_GENERATION = re.compile(r"(?i:jr|sr)\.?")  # "Jr.": set aside, the surname is before it
# A regnal number marks a monarch or a pope, who has no surname: the regnal
# name alone ("Mohammed", "Abdullah") would be any namesake's.
_REGNAL = re.compile(r"[IVX]+")


def default_surname(name: str) -> str | None:
    """The surname of a full name by the default rule, or None when it has none.

    >>> default_surname("Tamim bin Hamad Al Thani")
    'Al Thani'
    """
    words = name.split()
    while len(words) > 1 and _GENERATION.fullmatch(words[-1]):
        words.pop()
    if len(words) < 2 or _REGNAL.fullmatch(words[-1]):
        return None
    start = len(words) - 1
    while start > 0 and words[start - 1].casefold() in PARTICLES:
        # A first word is a given name ("Al Gore", "Ben Wallace"), except the
        # kunya "Abu": "Abu Mazen" is one name, with no shorter form.
        if start == 1 and words[0].casefold() != "abu":
            break
        start -= 1
    return " ".join(words[start:]) if start > 0 else None


def person_forms(entity: Entity) -> list[tuple[str, str, str]]:
    """(form, role, target) for the shorter forms news writes a person by:
    the surnames and their garbles, the name without its generational suffix
    or its first given name, and a Japanese name surname first."""
    from normalizer.gazetteer.japanese_names import surname_first_forms  # its table: read at an index build only

    ordered = [] if entity.surname else surname_first_forms(entity.canonical)  # a `surname` field says the order
    return surname_forms(entity) + unsuffixed_forms(entity) + without_first_name_forms(entity) + ordered


def without_generation(name: str) -> str | None:
    """`name` without its generational suffix ("Ferdinand Marcos" of
    "Ferdinand Marcos Jr.", "Ken Griffey, Jr."), or None when it has none."""
    if not name.endswith(("r", "R", ".")):  # most names: an index build asks this of every person
        return None
    words = name.split()
    if len(words) < 3 or not _GENERATION.fullmatch(words[-1]):
        return None
    return " ".join(words[:-1]).rstrip(",")


def unsuffixed_forms(entity: Entity) -> list[tuple[str, str, str]]:
    """(form, role, target) for a person's canonical and aliases without
    their generational suffix: news drops it as often as it prints it
    ("President Ferdinand Marcos"), and a garble of the shorter name
    ("Ferdinand Markos") is read beside its intact given name. Correct
    forms, written back as they are: a repair never adds the suffix."""
    found = {}
    for name in (entity.canonical, *entity.aliases):
        shorter = without_generation(name)
        if shorter is not None:
            found.setdefault(fold_case(shorter), (shorter, "alias", shorter))
    return list(found.values())


def without_first_name_forms(entity: Entity) -> list[tuple[str, str, str]]:
    """(form, role, target) for a person's canonical without its first given
    name, where two given names or more stand before the surname ("Tayyip
    Erdogan", "Hamdan Dagalo", "Fattah el-Sisi"): news writes such names so,
    and a garble of the rest is read beside its intact words even where the
    first given name is another spelling that closes it ("Rajab Tayyib
    Erdogan"). A correct form, written back as it is. Not for a name with a
    `surname` field (its order is not given-names-first) or a Korean name,
    nor where the rest would open with an initial ("W. Bush") or a particle
    ("El Abidine Ben Ali")."""
    if entity.surname:
        return []
    name = without_generation(entity.canonical) or entity.canonical
    surname = default_surname(name)
    words = name.split()
    # (the Korean table last: most names have one given name)
    if surname is None or len(words) - len(surname.split()) < 2 or _is_korean(entity.canonical):
        return []
    rest = words[1:]
    if rest[0].endswith(".") or len(rest[0]) < 2 or rest[0].casefold() in PARTICLES:
        return []
    shorter = " ".join(rest)
    return [(shorter, "alias", shorter)]


def surnames(entity: Entity) -> tuple[str, ...]:
    """The short forms of a person: the `surname` field, else the default rule,
    or for a Korean name, the first word ("Moon" of "Moon Jae-in": a Korean
    name puts the surname first). A Chinese name does too, but one of two
    pinyin syllables is as often an English name ("Ben Chan")."""
    if entity.surname:
        return entity.surname
    if entity.kind == "person" and _is_korean(entity.canonical):
        return (entity.canonical.split()[0],)
    found = default_surname(entity.canonical)
    return (found,) if found else ()


def _is_korean(name: str) -> bool:
    from normalizer.gazetteer.korean_names import korean_spellings  # its table: read at an index build only

    return bool(korean_spellings(name))


def surname_forms(entity: Entity) -> list[tuple[str, str, str]]:
    """(form, role, target) for the surnames of a person and their garbles.

    Surnames are correct forms. A variant's surname ("Araqchi" of "Abbas
    Araqchi") is a variant of the canonical's. With an explicit `surname`, the
    field is the whole list (aliases add none), and a variant word for word
    like the canonical gives the words at the surname's place ("Kimm" of
    "Kimm Jong Un").
    """
    own = [s for s in surnames(entity) if fold_case(s) != fold_case(entity.canonical)]
    derived = [(surname, "surname", surname) for surname in own]
    if entity.surname:
        for variant in entity.variants:
            for surname in own:
                garbled = _same_place(entity.canonical, surname, variant)
                if garbled and fold_case(garbled) != fold_case(surname):
                    derived.append((garbled, "variant", surname))
        return derived
    for alias in entity.aliases:
        found = default_surname(alias)
        if found and fold_case(found) != fold_case(alias):
            # A garble of an alias's surname is repaired to the canonical's,
            # when the two are spellings of one name ("Zelenskiy", "Zelenskyy").
            derived.append((found, "surname", respelled(found, own) or found))
    if own:
        for variant in entity.variants:
            found = default_surname(variant)
            if found and fold_case(found) != fold_case(own[0]):
                derived.append((found, "variant", own[0]))
    return derived


def _same_place(name: str, part: str, other: str) -> str | None:
    """The words of `other` at the place `part` holds in `name`, when `other`
    has as many words as `name` and `part` starts or ends it; else None."""
    words, other_words = tokenize(name), tokenize(other)
    span = _edge_span(words, part)
    if span is None or len(other_words) != len(words):
        return None
    first, last = span
    return other[other_words[first].start : other_words[last].end]


def name_with_surname(entity: Entity, surname: str, garbled: str) -> str | None:
    """The canonical with its `surname` spelled as `garbled` ("Abbas Aragut"
    from "Aragut" for "Araghchi"); None when the surname does not start or end
    the canonical."""
    words = tokenize(entity.canonical)
    span = _edge_span(words, surname)
    if span is None:
        return None
    first, last = span
    return entity.canonical[: words[first].start] + garbled + entity.canonical[words[last].end :]


def _edge_span(words: list, part: str) -> tuple[int, int] | None:
    """(first, last) token positions of `part` at the end of `words`, else at
    the start; None when it is at neither (a surname in mid-name: "Lula")."""
    keys, part_keys = [w.key for w in words], [w.key for w in tokenize(part)]
    size = len(part_keys)
    if not part_keys or size > len(keys):
        return None
    if keys[-size:] == part_keys:
        return len(keys) - size, len(keys) - 1
    if keys[:size] == part_keys:
        return 0, size - 1
    return None


# A word this alike another (normalizer.similarity) is another spelling of it.
SAME_WORD_SIMILARITY = 0.8


def respelled(form: str, candidates) -> str | None:
    """The first of `candidates` that spells `form` another way, word for word
    ("Volodymyr Zelenskiy" / "Volodymyr Zelenskyy"), or None."""
    words = [t.text for t in tokenize(form)]
    for candidate in candidates:
        other = [t.text for t in tokenize(candidate)]
        if len(other) == len(words) and _alike(list(zip(words, other))):
            return candidate
    return None


def _alike(pairs: list[tuple[str, str]]) -> bool:
    """Whether the similarity of each pair is at least SAME_WORD_SIMILARITY.
    A pair's learned round trip costs a millisecond (an index build asks a
    few hundred), so it is asked only when no pair fails on its spelling
    alone: similarity never reads a pair lower than its spelling does."""
    from normalizer.similarity import similarity, spelling_decides, spelling_similarity

    spelled = [spelling_similarity(a, b) for a, b in pairs]
    if any(
        score < SAME_WORD_SIMILARITY and spelling_decides(a, b, score, why) for (a, b), (score, why) in zip(pairs, spelled)
    ):
        return False
    return all(score >= SAME_WORD_SIMILARITY or similarity(a, b)[0] >= SAME_WORD_SIMILARITY for (a, b), (score, _) in zip(pairs, spelled))
