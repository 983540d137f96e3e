"""Candidates from a name written with an apostrophe inside a word: "Sana'a"
and "Ma'rib" for Sanaa and Marib. Romanizations of Arabic mark the ʿayn or
the hamza so, and a newsroom's gazetteer writes the same letters without it.
Where the word's letters alone spell one correct form of a single entity,
the word is that name in another spelling, read like a listed variant. In
the 501 clean Wikinews articles, 19 words have such an apostrophe
("O'Rourke", "D'Souza", "Qa’ida"), and none spells a form of the bundled
gazetteers without it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from normalizer.candidates.exact import VARIANT_CONFIDENCE
from normalizer.document import Document
from normalizer.mentions import Mentions
from normalizer.proposal import Proposal
from normalizer.suspects import UNCHANGEABLE
from normalizer.tokens import apply_case_style, fold_case

# An apostrophe between two letters: not a possessive's, which stays outside the token.
_INNER_APOSTROPHE = re.compile(r"(?<=[^\W\d_])['’ʼ](?=[^\W\d_])")


def propose(doc: Document, mentions: Mentions) -> list[Proposal]:
    index = doc.index
    proposals = []
    # One scan of the text, not a look at every token: most texts have no such word.
    found = [apostrophe.start() for apostrophe in _INNER_APOSTROPHE.finditer(doc.text)]
    if not found:
        return []
    starts = [token.start for token in doc.tokens]
    for i in sorted({bisect_right(starts, position) - 1 for position in found} - {-1}):
        word = doc.tokens[i].text
        if mentions.covered[i] or doc.status[i] in UNCHANGEABLE or not _INNER_APOSTROPHE.search(word):
            continue  # (or the apostrophe stood outside the token: in markup, say)
        letters = _INNER_APOSTROPHE.sub("", word)
        correct = [f for f in index.exact.get((fold_case(letters),), ()) if not index.forms[f].is_variant]
        if len({index.forms[f].entity for f in correct}) != 1:
            continue  # no name, or two: leave it alone
        form = index.forms[correct[0]]
        spelled = form.tokens[0]
        reason = f"'{word}' is '{spelled}' written with an apostrophe"
        replacement = apply_case_style(word, spelled)
        proposals.append(
            Proposal(i, i, replacement, form.entity, VARIANT_CONFIDENCE, (reason,), "variant", spelling=word.casefold())
        )
    return proposals
