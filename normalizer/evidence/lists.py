""""Sdan, Iran, Libya": an item of a list whose neighbour in the list is an
intact name of the same kind (countries beside countries). And "and" does
not join one entity to itself: "Sergei Lavrov and Sergei Ryabkov met" names
two people, whatever "Ryabkov" is nearest."""

from __future__ import annotations

import re

from normalizer.document import Document, of_the_text
from normalizer.mentions import Mentions
from normalizer.proposal import NO_EVIDENCE, Evidence
from normalizer.suspects import REAL_NAMES, Status

LIST_NEIGHBOUR_BONUS = 0.06
# Between two items of a list: "Iran, Libya", "Iran / Libya" ("and", "or" are words).
_LIST_SEPARATOR = re.compile(r"\s*[,/;]\s*")
_CONJUNCTIONS = frozenset({"and", "or"})
_SPACES = (" ", "\u00a0")  # two words side by side on a line


def list_neighbour(doc: Document, mentions: Mentions, entity: int, first: int, last: int) -> Evidence:
    kind = doc.index.entities[entity].kind
    for neighbour in list_neighbours(doc, first, last):
        if mentions.intact_kinds.get(neighbour) == {kind}:  # "Paris" the city or Valeska Paris: no evidence
            return Evidence(LIST_NEIGHBOUR_BONUS, (f"in a list beside '{doc.tokens[neighbour].text}', a {kind} too",))
    return NO_EVIDENCE


def listed_beside_itself(doc: Document, mentions: Mentions, entity: int, first: int, last: int) -> bool:
    """Tokens `first`..`last`, with the capitalized words of `entity`'s name
    around them ("Sergei" before a lone surname read), and an intact mention
    of `entity` itself stand on the two sides of an "and". ("or" may restate
    the same entity: "the Liberal Democratic Party or LDP".)"""
    if not mentions.seen.get(entity):
        return False  # no intact mention of it to stand beside (most readings)
    while first > 0 and doc.between(first - 1, first) in _SPACES and _word_of(doc, first - 1, entity):
        first -= 1
    while last + 1 < len(doc) and doc.between(last, last + 1) in _SPACES and _word_of(doc, last + 1, entity):
        last += 1
    sides = []
    if first >= 2 and _and_between(doc, first - 2, first):
        sides.append(first - 2)
    if last + 2 < len(doc) and _and_between(doc, last, last + 2):
        sides.append(last + 2)
    forms = doc.index.forms
    return any(
        mention.start <= k < mention.start + mention.length
        and any(forms[f].entity == entity for f in mention.correct)
        and not _after_another_name(doc, mention.start, entity)
        for k in sides
        for mention in mentions.found
    )


def _after_another_name(doc: Document, start: int, entity: int) -> bool:
    """The mention at `start` follows a name word (real, or another gazetteer
    name's) that is no word of `entity`'s names: "Jill Biden and Joe Bidn"
    joins two Bidens, and the intact one is not the person read."""
    before = start - 1
    return (
        before >= 0
        and doc.between(before, start) in _SPACES
        and (doc.status[before] in REAL_NAMES or doc.status[before] == Status.KNOWN)
        and not _word_of(doc, before, entity)
    )


def _word_of(doc: Document, k: int, entity: int) -> bool:
    """Token k is a capitalized word of one of `entity`'s names."""
    if not doc.tokens[k].text[:1].isupper():
        return False
    forms = doc.index.forms
    return any(forms[f].entity == entity for f, _ in doc.index.token_forms.get(doc.keys[k], ()))


def _and_between(doc: Document, a: int, b: int) -> bool:
    """Token a, "and", token b: "Lavrov and Ryabkov", "Lavrov, and Ryabkov"."""
    return doc.keys[a + 1] == "and" and _separated(doc, a, a + 1) and doc.between(a + 1, b) in _SPACES


@of_the_text  # every reading of a word asks about the same span
def list_neighbours(doc: Document, first: int, last: int) -> list[int]:
    """The words next to `first`..`last` across a list separator: "and"/"or",
    with a comma before it only where the list has a third item ("Sudan,
    Iran, and Libya"; "around Australia, and Austar is letting 400 go" joins
    two clauses), or a comma, slash or semicolon when the list goes on
    beyond ("Sdan, Iran, Libya"), not a lone comma between clauses ("On
    board the Freewinds, Paris claims")."""
    found, commas = [], []
    for step, edge in ((-1, first), (1, last)):
        k = edge + step
        if not _separated(doc, edge, k):
            continue
        if doc.keys[k] in _CONJUNCTIONS:
            neighbour = k + step
            if not (_separated(doc, k, neighbour, conjunction_ok=False) or doc.between(k, neighbour) in _SPACES):
                continue
            # The comma of ", and" stands before the conjunction: after the neighbour
            # (step -1) or after the word read (step 1); a third item lies before that one.
            comma_after, item = (neighbour, neighbour) if step == -1 else (edge, first)
            item = _name_start(doc, item)
            if doc.between(comma_after, comma_after + 1) in _SPACES or (item > 0 and _separated(doc, item - 1, item)):
                found.append(neighbour)
        else:
            commas.append((k, k + step))
    for neighbour, beyond in commas:
        if len(commas) == 2 or _separated(doc, neighbour, beyond):
            found.append(neighbour)
    return found


def _name_start(doc: Document, k: int) -> int:
    """The first of the capitalized words, one space apart, that end at token k
    ("Harry" of "Harry Kane"): where a list item of several words starts."""
    while k > 0 and doc.between(k - 1, k) in _SPACES and doc.tokens[k - 1].text[:1].isupper():
        k -= 1
    return k


def _separated(doc: Document, a: int, b: int, conjunction_ok: bool = True) -> bool:
    """Tokens a and b (adjacent) are split by a list separator, or b is "and"/"or"."""
    gap = doc.between(a, b)
    if gap is None:
        return False
    if conjunction_ok and doc.keys[b] in _CONJUNCTIONS and gap in _SPACES:
        return True
    return _LIST_SEPARATOR.fullmatch(gap) is not None
