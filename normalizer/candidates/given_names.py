"""Candidates from an intact surname: the word before it may be the person's
given name in another romanization even when that word is itself a correct
name of someone else ("Aleksandr Syrskyi" for Oleksandr Syrskyi, "Aleksandr"
being Lukashenko's). The fuzzy source never reads a known word; this one does,
for the given name of a person whose other words stand intact after it, and
only when the two spellings are as alike as a shared key or a sure learned
route makes them.
"""

from __future__ import annotations

from normalizer.candidates.fuzzy import align
from normalizer.document import Document
from normalizer.mentions import Mentions
from normalizer.proposal import Proposal
from normalizer.similarity import similarity
from normalizer.suspects import Status

# Two romanizations of one given name share a key or a sure learned route
# (Aleksandr/Oleksandr, Sergey/Serhiy); two names of two relatives rarely do.
MIN_GIVEN_NAME_SIMILARITY = 0.94
GIVEN_NAME = frozenset({0})


def propose(doc: Document, mentions: Mentions) -> list[Proposal]:
    index = doc.index
    proposals: list[Proposal] = []
    for i in range(len(doc) - 1):
        if doc.status[i] != Status.KNOWN or mentions.covered[i] or not doc.tokens[i].text[:1].isupper():
            continue
        for form_id, position in index.token_forms.get(doc.keys[i + 1], ()):
            form = index.forms[form_id]
            if position != 1 or form.role == "variant" or index.entities[form.entity].kind != "person":
                continue
            if similarity(doc.tokens[i].text, form.tokens[0])[0] < MIN_GIVEN_NAME_SIMILARITY:
                continue
            proposal = align(doc, mentions, form_id, i, read_known=GIVEN_NAME)
            if proposal is not None:
                proposals.append(proposal)
    return proposals
