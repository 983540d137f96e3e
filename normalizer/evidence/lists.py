""""Sdan, Iran, Libya": an item of a list whose neighbour in the list is an
intact name of the same kind (countries beside countries)."""

from __future__ import annotations

import re

from normalizer.document import Document, of_the_text
from normalizer.mentions import Mentions
from normalizer.proposal import NO_EVIDENCE, Evidence

LIST_NEIGHBOUR_BONUS = 0.06
# Between two items of a list: "Iran, Libya", "Iran / Libya" ("and", "or" are words).
_LIST_SEPARATOR = re.compile(r"\s*[,/;]\s*")
_CONJUNCTIONS = frozenset({"and", "or"})
_SPACES = (" ", "\u00a0")  # two words side by side on a line


def list_neighbour(doc: Document, mentions: Mentions, entity: int, first: int, last: int) -> Evidence:
    kind = doc.index.entities[entity].kind
    for neighbour in _list_neighbours(doc, first, last):
        if mentions.intact_kinds.get(neighbour) == {kind}:  # "Paris" the city or Valeska Paris: no evidence
            return Evidence(LIST_NEIGHBOUR_BONUS, (f"in a list beside '{doc.tokens[neighbour].text}', a {kind} too",))
    return NO_EVIDENCE


@of_the_text  # every reading of a word asks about the same span
def _list_neighbours(doc: Document, first: int, last: int) -> list[int]:
    """The words next to `first`..`last` across a list separator: "and"/"or"
    (with or without a comma before it), or a comma, slash or semicolon when
    the list goes on beyond ("Sdan, Iran, Libya"), not a lone comma
    between clauses ("On board the Freewinds, Paris claims")."""
    found, commas = [], []
    for step, edge in ((-1, first), (1, last)):
        k = edge + step
        if not _separated(doc, edge, k):
            continue
        if doc.keys[k] in _CONJUNCTIONS:
            if _separated(doc, k, k + step, conjunction_ok=False) or doc.between(k, k + step) in _SPACES:
                found.append(k + step)
        else:
            commas.append((k, k + step))
    for neighbour, beyond in commas:
        if len(commas) == 2 or _separated(doc, neighbour, beyond):
            found.append(neighbour)
    return found


def _separated(doc: Document, a: int, b: int, conjunction_ok: bool = True) -> bool:
    """Tokens a and b (adjacent) are split by a list separator, or b is "and"/"or"."""
    gap = doc.between(a, b)
    if gap is None:
        return False
    if conjunction_ok and doc.keys[b] in _CONJUNCTIONS and gap in _SPACES:
        return True
    return _LIST_SEPARATOR.fullmatch(gap) is not None
