"""Candidates from the intact words of a person's name: a word among them may
be the person's own name word in another romanization even when that word is
itself a correct name of someone else ("Aleksandr Syrskyi" for Oleksandr
Syrskyi, "Aleksandr" being Lukashenko's; "Abdel Fatah al-Sisi", "Fatah" being
the party's), or a word of the English lexicon, which holds many names
("Muammar Qaddafi" for Gaddafi, "Muhammad bin Salman" for Mohammed). The
fuzzy source never reads a known or an English word; this one does, for a
word of a person's name whose other words all stand intact around it, or
are unknown words read surely as the name's ("Donal’d Tramp", Дональд
Трамп romanized: Donald by its soft sign, and Trump), and only when the two
spellings are as alike as a shared key, the same consonants in order or a
sure learned route makes them, and never a woman's form of a man's name.
"""

from __future__ import annotations

import re

from normalizer.candidates import articles
from normalizer.candidates.fuzzy import READ_KNOWN, lay
from normalizer.candidates.name_parts import ANCHOR, ANCHORABLE
from normalizer.candidates.name_tokens import candidate_tokens, pair_similarity, word_similarity
from normalizer.document import Document
from normalizer.evidence.open_world import SURE_SIMILARITY, rest_intact
from normalizer.folding import fold_case, skeleton
from normalizer.gazetteer.packed import entity_and_role
from normalizer.mentions import Mentions
from normalizer.proposal import Proposal
from normalizer.similarity import ALONE_APPLIED, SAME_SKELETON_REASON, VOWELS, swapped_neighbours
from normalizer.suspects import Status

# Two romanizations of one name word share a key or a sure learned route
# (Aleksandr/Oleksandr, Fatah/Fattah, Mikhail/Mikheil at 0.91, Yusuf/Yousef
# at 0.93); two names of two relatives rarely do (Hamad/Hamid 0.85, Mario/Marco
# 0.85, Daniela/Daniel: see one_name_word).
MIN_SIMILARITY = SURE_SIMILARITY
# The words read here: correct words (fuzzy.READ_KNOWN), and the lexicon's real
# name words ("Morison" in "Sukotto Morison", スコット・モリソン), which the
# fuzzy source reads only beside an intact word of the name.
READ_BESIDE = READ_KNOWN | {Status.ENGLISH_NAME}
# A neighbour that stands for a word of the name when read surely: unknown, or
# a real name word in another romanization ("Jawad" for Javad, in "Muhammad
# Jawad Zarif"), as name_parts reads such words beside the rest of the name.
READ_SURELY = ANCHORABLE
# Beside a garble read surely as the rest of the name, the name came through
# another script, and its English-looking word with it ("Borisu Jonson":
# ジョンソン is Johnson): the level where a word alone is applied.
BESIDE_A_GARBLE = ALONE_APPLIED
# A Ukrainian h that stands for the Russian g, inside a name (Serhiy, Oleh,
# Yevhen): not the h of kh, zh, sh, ch, ph, th, gh, and not a first letter,
# where English names write h as often (Helen is no Glen).
_H_AS_G = re.compile(r"(?<=[^kzscptg])h")
# (neighbour, offset) pairs remembered (Index.memo): most hold no person's
# form, a common given name hundreds (~70 bytes each).
PEOPLE_BESIDE_REMEMBERED = 10_000


def propose(doc: Document, mentions: Mentions) -> list[Proposal]:
    index = doc.index
    proposals: list[Proposal] = []
    tried: set[tuple[object, int]] = set()  # (form laid, first token)
    named_alone: set[int] | None = None  # made at the first covered word asked about
    for i in range(len(doc)):
        if doc.status[i] not in READ_BESIDE or not _capitalized(doc.tokens[i].text):
            continue
        if mentions.covered[i]:
            if named_alone is None:
                named_alone = _named_alone(doc, mentions)
            if i not in named_alone:
                continue
        word = doc.tokens[i].text
        for j, step, key in _neighbours(doc, i):
            # A real name word of the lexicon beside an intact word is read by the fuzzy
            # source already (the neighbour implies it): here only beside a garble.
            if doc.status[i] == Status.ENGLISH_NAME and doc.keys[j] == key:
                continue
            beside = _people_beside(index, key, step)
            # Beside a garbled word, a given name that is the very word of a form the garble reads as is
            # correct as written: "Kristin Uilkins" is Kristin Wilkins, not Kristen Wilkins of the same
            # gazetteer, and "Qasem Soleymani" keeps the alias's Qasem (the surname alone is read).
            if doc.keys[j] != key and any(index.forms[f].keys[q] == doc.keys[i] for f, q in beside):
                continue
            for form_id, q in beside:
                if _own_word(index, doc.keys[i], index.forms[form_id].entity):
                    continue  # "Abu Mohammad al-Jolani": each word is one of the person's aliases', as written
                for form, start in _laid(doc, index.forms[form_id], i, q):
                    at = i - start  # where word i stands in the laid form
                    if (form, start) in tried or not _rest_read(doc, form, start, at):
                        continue
                    tried.add((form, start))
                    bar = BESIDE_A_GARBLE if doc.keys[j] != key else MIN_SIMILARITY
                    if not one_name_word(index, word, form.tokens[at], bar):
                        continue
                    proposal = lay(doc, mentions, form, start, read_known=frozenset({at}))
                    if proposal is not None:
                        proposals.append(proposal)  # its lone mentions elsewhere: candidates/echoes
    return proposals


def _own_word(index, key: str, entity: int) -> bool:
    """`key` is a word of one of `entity`'s correct forms: its own spelling, not a garble of another."""
    return any(index.forms[f].entity == entity and not index.forms[f].is_variant for f, _ in index.token_forms.get(key, ()))


def _named_alone(doc: Document, mentions: Mentions) -> set[int]:
    """The words that are an intact one-word name of a place or body, and
    nothing more: "Georgia" before "Meloni" may still be Giorgia, the given
    name a place's name is one letter from (a typist's "Georgia Meloni")."""
    index = doc.index
    return {
        mention.start
        for mention in mentions.found
        if mention.length == 1
        and all(index.entities[index.forms[f].entity].kind != "person" for f in mention.correct)
    }


def _neighbours(doc: Document, i: int) -> list[tuple[int, int, str]]:
    """The words next to word `i` in a name, with the step from them to it in
    the name (-1 or 1) and the name token each stands for: a known word
    beside it or beyond an Arabic article beside it ("Muammar al-Qaddafi"
    for Muammar Gaddafi), or an unknown capitalized word beside it that
    reads surely as a name token ("Donal’d Tramp": Donald by its soft sign)."""
    found = []
    for step in (1, -1):
        j = i - step
        if not 0 <= j < len(doc):
            continue
        if doc.status[j] == Status.KNOWN:
            found.append((j, step, doc.keys[j]))
        elif doc.status[j] in READ_SURELY and doc.tokens[j].text[:1].isupper() and doc.gap_ok(min(i, j), max(i, j)):
            found += [(j, step, key) for key, score in candidate_tokens(doc, j).items() if score >= ANCHOR]
        if doc.keys[j] in articles.ARTICLES and doc.gap_ok(min(i, j), max(i, j)):
            j -= step
            if 0 <= j < len(doc) and doc.status[j] == Status.KNOWN:
                found.append((j, step, doc.keys[j]))
    return found


def _rest_read(doc: Document, form, start: int, at: int) -> bool:
    """Every word of `form` laid from `start` but the one at `at` is in the
    text as the form has it, or unknown and read surely as the form's word
    ("Donal’d" as Donald), and the word at `at` is not the form's."""
    if rest_intact(doc, form, start, at):
        return True
    if start < 0 or start + len(form.keys) > len(doc) or doc.keys[start + at] == form.keys[at]:
        return False
    for q, key in enumerate(form.keys):
        k = start + q
        if q == at or doc.keys[k] == key:
            continue
        if doc.status[k] not in READ_SURELY or pair_similarity(doc.index, doc.tokens[k].text, form.tokens[q])[0] < ANCHOR:
            return False
    return True


def _laid(doc: Document, form, i: int, q: int) -> list:
    """`form` laid with its word `q` on token `i`: as it is, and with the
    article the text writes or leaves out (candidates/articles), each with
    its first token."""
    return [(form, i - q), *articles.readings(doc, form, i, q)]


def _people_beside(index, neighbour: str, offset: int) -> list[tuple[int, int]]:
    """The forms of people's own names (no variants) that hold the word
    `neighbour` and another word `offset` words from it: (form id, where that
    other word stands in the form), in the index's order.
    Remembered across texts: the same names stand beside the same words."""
    memo = index.memo("_people_beside", PEOPLE_BESIDE_REMEMBERED)
    found = memo.get((neighbour, offset))
    if found is None:
        found = []
        for form_id, position in index.token_forms.get(neighbour, ()):
            q = position + offset
            if q < 0:
                continue
            entity, role = entity_and_role(index.forms, form_id)  # most forms are no person's: not decoded
            if role != "variant" and index.entities[entity].kind == "person" and q < len(index.forms[form_id].keys):
                found.append((form_id, q))
        memo[(neighbour, offset)] = found
    return found


def one_name_word(index, word: str, name: str, bar: float = MIN_SIMILARITY) -> bool:
    """Two spellings of one name word: a shared key, a sure learned route or
    a round trip the pairs attest of `index`'s names ("Braun" / Brown), the
    same consonants in order ("Vladimir" / Volodymyr, "Dmitry" / Dmytro:
    Russian and Ukrainian forms), or a typist's swap, but never a feminine
    form of a masculine name ("Alexandra" / Alexander: a relative)."""
    if _swapped(word, name):
        return True
    if word.casefold().endswith("a") != name.casefold().endswith("a") or _another_languages_form(word, name):
        return False
    score, why = word_similarity(index, word, name)
    return score >= bar or why == SAME_SKELETON_REASON or _ukrainian_h(word, name)


def _another_languages_form(word: str, name: str) -> bool:
    """`word` is `name` with a final o or i another language's name adds
    ("Roberto" / Robert, "Alberto" / Albert, "Antonio" / Anton): a name of
    its own, as the feminine -a is. In the Wikidata pairs' train split, of
    2,420 name words spelled in one script beside that word plus o, 2,365
    are spelled otherwise there (98%; plus i 99%, plus a 99%; but a silent
    plus e 68%, and a final y for i, Sergey / Sergei, 46%): the scripts hold
    them for two names. Not a Russian form beside a Ukrainian one, which drops the o
    ("Kirill" for Kyrylo, "Pyotr" for Petro): the word written is the shorter."""
    written, own = fold_case(word), fold_case(name)
    return len(written) > len(own) and written[-1] in "oi" and own[-1] not in VOWELS and skeleton(written) == skeleton(own)


def _ukrainian_h(word: str, name: str) -> bool:
    """The Russian and Ukrainian forms of one given name where Ukrainian
    writes h for the Russian g (Г is [g] in Russian, [ɦ] in Ukrainian):
    Sergei / Serhiy, Oleg / Oleh, Igor / Ihor, Gleb / Hlib, Yevgeny / Yevhen.
    The same consonants in order once that h is read as g."""
    read = skeleton(_H_AS_G.sub("g", word.casefold())), skeleton(_H_AS_G.sub("g", name.casefold()))
    return read[0] == read[1] and skeleton(word) != skeleton(name)


def _swapped(word: str, name: str) -> bool:
    """Two neighbouring letters typed in the wrong order ("Kier" for Keir,
    "Niel" for Neil): a typist's slip beside the person's intact surname,
    though the slip is itself somebody's given name."""
    a = word.casefold()
    return len(a) >= 4 and swapped_neighbours(a, name.casefold())


def _capitalized(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()
