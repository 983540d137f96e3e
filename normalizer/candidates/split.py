"""Candidates from a one-word name written as two words joined by a hyphen:
"Ahmadi-Nejad" -> "Ahmadinejad", "Shang-hai" -> "Shanghai".

GeoNames lists such spellings for 162 of its 20,742 one-word cities of 15,000
people or more ("Shang-hai", "Cwm-bran", "Dehra Dun", "San Remo"). Written
apart with a space, two capitalized words are as often two names of their
own: in the 477 clean Wikinews articles, "South West", "Press TV", "Ali
Reza" and "Space X" would each be read as one bundled name. A hyphen inside
a name joins its parts; only that is read here.
"""

from __future__ import annotations

from typing import Iterator

from normalizer.candidates.fuzzy import MIN_SIMILARITY
from normalizer.candidates.glued import MIN_GLUED_LENGTH, reading
from normalizer.candidates.name_tokens import similar_name_tokens, word_similarity
from normalizer.document import Document
from normalizer.evidence.open_world import veto
from normalizer.mentions import Mentions
from normalizer.proposal import Proposal
from normalizer.suspects import Status
from normalizer.tokens import HYPHENS

# Words that may be half of a one-word name: any word not settled as something else
# (a correct name's token, an English word, an acronym, an ignored span).
_HALVES = frozenset({Status.SUSPECT, Status.NAME, Status.ENGLISH_NAME})


def propose(doc: Document, mentions: Mentions) -> list[Proposal]:
    index = doc.index
    proposals = []
    for i, joined in _hyphenated_pairs(doc, mentions):
        for key, score in similar_name_tokens(doc, joined).items():
            if score < MIN_SIMILARITY:
                continue
            for form_id in index.exact.get((key,), ()):  # the forms of that one word: a surname, a city
                form = index.forms[form_id]
                if veto(doc, form, i, i + 1, [0]):
                    continue
                written = doc.text[doc.tokens[i].start : doc.tokens[i + 1].end]
                why = word_similarity(index, joined, index.spelling[key])[1]
                reason = f"'{written}' ~ '{form.tokens[0]}' written as two words: {why}"
                proposals.append(reading(doc, i, i + 1, joined, form, score, reason))
    return proposals


def _hyphenated_pairs(doc: Document, mentions: Mentions) -> Iterator[tuple[int, str]]:
    """(first token, the two words run together) of each capitalized word
    joined by a hyphen to the next, neither a correct name's word, long
    enough together to be one name ("Ahmadi-Nejad")."""
    text, tokens, status = doc.text, doc.tokens, doc.status
    for i in range(len(doc) - 1):
        first, second = tokens[i], tokens[i + 1]
        if (
            second.start - first.end == 1
            and text[first.end] in HYPHENS
            and status[i] in _HALVES
            and status[i + 1] in _HALVES
            and not mentions.covered[i]
            and not mentions.covered[i + 1]
            and first.text[:1].isupper()
            and len(first.text) + len(second.text) >= MIN_GLUED_LENGTH
        ):
            yield i, first.text + second.text
