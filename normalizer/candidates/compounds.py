"""Candidates from two places glued into a compound: "Russoilania" -> "Russia-Iran"."""

from __future__ import annotations

from normalizer.candidates.glued import long_suspects
from normalizer.candidates.name_tokens import similar_name_tokens
from normalizer.document import Document
from normalizer.evidence.derived import only_a_demonym
from normalizer.evidence.open_world import unknown_name_beside
from normalizer.mentions import Mentions
from normalizer.proposal import Proposal
from normalizer.similarity import similarity
from normalizer.tokens import apply_case_style

MIN_TAIL_SIMILARITY = 0.85  # the garbled half must be close to its place
MIN_PART_LENGTH = 3


def propose(doc: Document, mentions: Mentions) -> list[Proposal]:
    proposals = []
    for i, word in long_suspects(doc, mentions):
        if unknown_name_beside(doc, i, i):
            continue
        # Remembered across texts (a word and a small tuple: the default bound):
        # every cut looks its tail up (Index.fuzzy_tokens, not memoized).
        splits = doc.index.memo("_compound_splits")
        if word not in splits:
            splits[word] = best_split(doc, word)
        best = splits[word]
        # Two names glued must read the word better than one name does: "Indonesiia"
        # is Indonesia (0.95), not "Indo" + "nesiia" ~ Persia (0.85).
        if best and best[0] > max(similar_name_tokens(doc, word).values(), default=0.0):
            confidence, left, right, reasons = best
            if not (mentions.seen[left] or mentions.seen[right]):
                # Two places joined are news of both, and the text names one of them intact
                # ("Russoilania" beside "Iranian"); an unknown word that merely opens with a
                # place's short name is a name of its own ("Montalcino" is no Mon State-Teresina).
                continue
            entities = doc.index.entities
            replacement = f"{entities[left].canonical}-{entities[right].canonical}"
            replacement = apply_case_style(word, replacement)
            proposals.append(Proposal(i, i, replacement, right, confidence, reasons, "compound", spelling=word.casefold()))
    return proposals


def best_split(doc: Document, word: str):
    """(score, left entity, right entity, reasons) of the best reading of
    `word` as an intact place followed by a garbled one; None if none."""
    index = doc.index
    best = None
    for cut in range(MIN_PART_LENGTH, len(word) - MIN_PART_LENGTH + 1):
        head, tail = word[:cut], word[cut:]
        for left in index.place_forms.get(head.casefold(), ()):
            if index.entities[left].threshold is not None:
                continue  # a small town (it carries its own bar) is no half of a compound
            if only_a_demonym(index, (head.casefold(),), left):
                continue  # "Danes" + "havari" is no "Denmark-Hawaii"
            for key in sorted(index.fuzzy_tokens(tail)):
                for right in index.place_forms.get(key, ()):
                    if right == left or index.entities[right].threshold is not None:
                        continue
                    score, why = similarity(tail, index.spelling[key])
                    if score < MIN_TAIL_SIMILARITY or (best and score <= best[0]):
                        continue
                    names = (index.entities[left].canonical, index.entities[right].canonical)
                    reasons = (f"glued compound: '{head}' is '{names[0]}', '{tail}' ~ '{index.spelling[key]}' ({why})",)
                    best = (score, left, right, reasons)
    return best
