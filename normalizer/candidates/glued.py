"""Candidates from one name glued into one word: "Losangeles" -> "Los Angeles"."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from normalizer.candidates.fuzzy import MIN_SIMILARITY
from normalizer.candidates.render import written_target
from normalizer.document import Document
from normalizer.evidence.context import context
from normalizer.evidence.neighbours import lone_word
from normalizer.evidence.open_world import veto
from normalizer.mentions import Mentions
from normalizer.proposal import Proposal
from normalizer.similarity import similarity
from normalizer.suspects import Status
from normalizer.tokens import apply_case_style, fold_case

MIN_GLUED_LENGTH = 7  # shorter words are too short to be two words run together


def long_suspects(doc: Document, mentions: Mentions) -> Iterator[tuple[int, str]]:
    """(position, word) of each uncovered suspect long enough to hold two
    words glued together: one name's ("Losangeles") or two places' ("Russoilania")."""
    for i, status in enumerate(doc.status):
        word = doc.tokens[i].text
        if status == Status.SUSPECT and not mentions.covered[i] and len(word) >= MIN_GLUED_LENGTH:
            yield i, word


def propose(doc: Document, mentions: Mentions) -> list[Proposal]:
    index = doc.index
    proposals = []
    for i, word in long_suspects(doc, mentions):
        memo = index.memo("_glued_forms")
        if word not in memo:
            memo[word] = sorted(index.glued_forms(word))
        for form_id in memo[word]:
            form = index.forms[form_id]
            if _first_word_before(doc, i, form):
                continue  # "Li Keqiang" is no glued "Li Qiang": the text would read "Li Li Qiang"
            score, why = similarity(word, "".join(form.tokens))
            if score < MIN_SIMILARITY or veto(doc, form, i, i, list(range(len(form.tokens)))):
                continue
            reason = f"'{word}' ~ '{' '.join(form.tokens)}' written as one word: {why}"
            proposals.append(reading(doc, i, i, word, form, score, reason))
    return proposals


def reading(doc: Document, first: int, last: int, word: str, form, score: float, reason: str) -> Proposal:
    """The reading of tokens `first`..`last`, their letters run together as
    `word`, as `form` written otherwise than the text parts its words: one
    name glued ("Losangeles") or split ("Ahmadi-Nejad", candidates/split),
    with the evidence of a lone word and of the context."""
    alone, lost_capitals = lone_word(doc, first, form, form.tokens[0])
    replacement = apply_case_style(word, _written(doc.index, form))
    spelling = doc.words(first, last)
    proposal = Proposal(first, last, replacement, form.entity, score, (reason,), "glued", spelling=spelling)
    proposal = proposal.with_evidence(alone).with_evidence(context(doc, form.entity, first, last))
    return replace(proposal, lost_capitals=lost_capitals)


def _first_word_before(doc: Document, i: int, form) -> bool:
    """Whether the word before `i` is already the first word of `form`: the
    glued word is then the rest of a name written apart, never the whole of it."""
    return i > 0 and doc.keys[i - 1] == form.keys[0]


def _written(index, form) -> str:
    """What a glued reading of `form` writes: its target as the canonical
    joins its words, but the canonical where that is the same letters as
    one word ("Viiatnam", read by the alias "Viet Nam", is Vietnam: the
    garble was one word, as the name is)."""
    canonical = index.entities[form.entity].canonical
    if " " not in canonical and fold_case(canonical) == fold_case("".join(form.target)):
        return canonical
    return written_target(index, form.entity, form.target)
