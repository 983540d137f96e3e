"""Whole names written by a strict romanizer of Cyrillic: "Šikkard Gogenloè",
"Smolâninov Èndikott" (GOST 7.79 and the scientific scheme print я, ю, э,
ш, ж as â, û, è, š, ž).

A word with such letters is by default a correct foreign spelling (suspects.
Status.FOREIGN): Czech writes "Babiš", French "Molière", and neither is a
garble; one no real name is spelled with (Status.MARKED: "Gogenloè") is read
with evidence as a real name word is, and here too. One word alone cannot
tell a romanizer's spelling from a name's own. A run of two or more
unknown capitalized words that a learned round trip reads, every one of
them, as the words of ONE gazetteer name can: two real names that happen to
be both round trips of the same person's two names are rare. So such a run
is read as that name, each foreign-lettered word by a learned route only
(candidates.fuzzy.lay with the foreign-lettered opened), and nothing is read where a word
of the run is known or written intact. Each later mention of a word so read
("Later, Gogenloè met reporters") is read as that word of the name, and
follows the full name where its reading is confident (Decider._one_outcome).

A foreign-lettered word outside such runs is read too where the text names
intact the entity a learned route reads it as ("Bangladesh ... Bangladeš's
Institute"; "Tiang Kai Šek" beside the intact "Kai"): a real foreign name is
not a round trip of a name the same text writes.
"""

from __future__ import annotations

from normalizer.candidates.fuzzy import align
from normalizer.candidates.name_tokens import round_trip_name_tokens, similar_name_tokens
from normalizer.document import Document
from normalizer.mentions import Mentions
from normalizer.proposal import Proposal
from normalizer.suspects import FOREIGN_LETTERED, Status
from normalizer.transliteration import as_wikipedia_prints

_OPENED = FOREIGN_LETTERED
_UNKNOWN = frozenset({*FOREIGN_LETTERED, Status.SUSPECT})


def propose(doc: Document, mentions: Mentions) -> list[Proposal]:
    found: list[Proposal] = []
    read: dict[str, tuple[int, int]] = {}  # a foreign word read in a run -> its reading's entity and form word
    for first, last in _runs(doc, mentions):
        for i in range(first, last + 1):
            if doc.status[i] not in FOREIGN_LETTERED:
                continue
            for form_id, start in _forms_over(doc, i, first, last):
                proposal = align(doc, mentions, form_id, start, opened=_OPENED)
                if isinstance(proposal, Proposal) and proposal.first < proposal.last:
                    found.append(proposal)
                    form = doc.index.forms[form_id]
                    for k in range(proposal.first, proposal.last + 1):
                        read.setdefault(doc.tokens[k].text, (form.entity, form.keys[k - start]))
    if read:
        found += _later_mentions(doc, mentions, read, _words_of(found))
    found += _named_intact(doc, mentions, _words_of(found))
    found += _beside_its_name(doc, mentions, _words_of(found))
    return found


def _words_of(proposals: list[Proposal]) -> set[int]:
    """The tokens the proposals so far read: a later pass leaves them alone."""
    return {k for p in proposals for k in range(p.first, p.last + 1)}


def _runs(doc: Document, mentions: Mentions):
    """(first, last) of each run of two or more adjacent capitalized unknown
    words, one of them foreign-lettered."""
    i, n = 0, len(doc)
    while i < n:
        j = i
        while j < n and _unknown(doc, mentions, j) and (j == i or doc.gap_ok(j - 1, j)):
            j += 1
        if j - i >= 2 and any(doc.status[k] in FOREIGN_LETTERED for k in range(i, j)):
            yield i, j - 1
        i = max(j, i + 1)


def _unknown(doc: Document, mentions: Mentions, k: int) -> bool:
    return doc.status[k] in _UNKNOWN and doc.tokens[k].text[:1].isupper() and not mentions.covered[k]


def _forms_over(doc: Document, i: int, first: int, last: int, size: int = 2):
    """(form id, first token) of each name of `size` words or more that a
    word alike to token `i` belongs to, laid wholly inside `first`..`last`."""
    word = doc.tokens[i].text
    keys = {**similar_name_tokens(doc, word), **round_trip_name_tokens(doc, word)}
    if (wider := as_wikipedia_prints(word)) != word:  # "Andželes" as "Andzheles": a strict scheme's letters
        keys = {**round_trip_name_tokens(doc, wider), **keys}
    seen = set()
    for key in sorted(keys):
        for form_id, position in doc.index.token_forms.get(key, ()):
            start = i - position
            words = len(doc.index.forms[form_id].keys)
            if words >= size and first <= start and start + words - 1 <= last and (form_id, start) not in seen:
                seen.add((form_id, start))
                yield form_id, start


def _lone_foreign_words(doc: Document, mentions: Mentions, taken: set[int]):
    """Each capitalized, uncovered foreign-lettered word outside `taken`."""
    status = doc.status
    return (k for k in range(len(doc)) if k not in taken and status[k] in FOREIGN_LETTERED and _unknown(doc, mentions, k))


def _named_intact(doc: Document, mentions: Mentions, taken: set[int]):
    """A foreign-lettered word outside the runs, read, by a learned route
    only, as a word of a form of an entity the text names intact elsewhere
    (the form laid over the words around it: "Ben Qián" as Ben Chan)."""
    for k in _lone_foreign_words(doc, mentions, taken):
        for form_id, start in _forms_over(doc, k, 0, len(doc) - 1, size=1):
            if mentions.seen.get(doc.index.forms[form_id].entity):
                proposal = align(doc, mentions, form_id, start, opened=_OPENED)
                if isinstance(proposal, Proposal):
                    yield proposal


def _beside_its_name(doc: Document, mentions: Mentions, taken: set[int]):
    """A foreign-lettered word read, by a learned route only, as a word of a
    name of several words whose other words stand intact and capitalized
    beside it ("Los Andželes", Лос-Анджелес in GOST 7.79): as a real name
    word is read beside a word of its name (candidates.fuzzy.lay)."""
    for k in _lone_foreign_words(doc, mentions, taken):
        for form_id, start in _forms_over(doc, k, 0, len(doc) - 1):
            form = doc.index.forms[form_id]
            if _intact_beside(doc, form.keys, start, k):
                proposal = align(doc, mentions, form_id, start, opened=_OPENED)
                if isinstance(proposal, Proposal):
                    yield proposal


def _intact_beside(doc: Document, keys: tuple[str, ...], start: int, k: int) -> bool:
    """Whether a neighbour of token `k` is the name's own word there, capitalized."""
    return any(
        start <= j < start + len(keys) and doc.keys[j] == keys[j - start] and doc.tokens[j].text[:1].isupper()
        for j in (k - 1, k + 1)
    )


def _later_mentions(doc: Document, mentions: Mentions, read: dict[str, tuple[int, int]], taken: set[int]):
    """A foreign word read in a run, written again alone: read as the one-word
    form of the same name word (a surname), by a learned route only."""
    for k, token in enumerate(doc.tokens):
        if k in taken or doc.status[k] not in FOREIGN_LETTERED or mentions.covered[k] or token.text not in read:
            continue
        for form_id in doc.index.one_word_forms(*read[token.text]):
            proposal = align(doc, mentions, form_id, k, opened=_OPENED)
            if isinstance(proposal, Proposal):
                yield proposal
