"""Evidence across the article: the entity named intact elsewhere, repaired
elsewhere, or garbled another way elsewhere."""

from __future__ import annotations

from collections import defaultdict

from normalizer.document import Document
from normalizer.evidence.neighbours import LOST_CAPITALS_PENALTY
from normalizer.mentions import Mentions
from normalizer.proposal import Evidence, Proposal

# The entity appears intact (or repaired) elsewhere. Measured on the labelled
# corrections (tools/fit_calibration.py): of those scored 0.74-0.82, the ones
# with this evidence were right 45 times in 61, the others 19 in 109; 0.10
# (was 0.06) moved garbled recall 0.87 -> 0.90 with the same open-world count.
DOCUMENT_BONUS = 0.10
SURNAME_AFTER_FULL_NAME_BONUS = 0.04  # ... a surname, after the full name
# The reason given for DOCUMENT_BONUS. Not "elsewhere": the intact mention
# may be the surname right beside the repaired word ("Barakk Obama").
NAMED_INTACT = "is named intact in the text"
# ... where what the text holds is another garble of it, repaired with confidence.
REPAIRED_ELSEWHERE = "is repaired with confidence elsewhere in the text"
CORROBORATION_BONUS = 0.04  # another garble elsewhere points at the same entity


class OtherSpellings:
    """For a proposal, whether another of `proposals` reads a different spelling
    as the same entity without touching its words.

    Kept per entity and spelling as the span the spelling's proposals leave
    free (lowest last word, highest first word), so each question costs about
    one look per spelling, not one per proposal: pairwise, an article naming
    one garbled person 2,000 times took half a minute."""

    def __init__(self, proposals: list[Proposal]):
        self.spans: dict[int, dict[str, list[int]]] = defaultdict(dict)
        for proposal in proposals:
            span = self.spans[proposal.entity].get(proposal.spelling)
            if span is None:
                self.spans[proposal.entity][proposal.spelling] = [proposal.last, proposal.first]
            else:
                span[0], span[1] = min(span[0], proposal.last), max(span[1], proposal.first)

    def elsewhere(self, proposal: Proposal) -> bool:
        # A proposal misses this one when it ends before it or starts after it.
        return any(
            spelling != proposal.spelling and (lowest_last < proposal.first or highest_first > proposal.last)
            for spelling, (lowest_last, highest_first) in self.spans.get(proposal.entity, {}).items()
        )


def corroboration(proposals: list[Proposal]) -> list[Evidence]:
    """For each proposal, whether another garble points at the same entity.

    Only a different spelling corroborates: the same garble repeated is one
    piece of evidence, not two, and a reading of the same words ("Mokhajelani"
    inside "Fatem Mokhajelani") is no evidence at all."""
    others = OtherSpellings(proposals)
    return [
        Evidence(CORROBORATION_BONUS, ("another garble in the text points at the same name",))
        if others.elsewhere(proposal) else Evidence()
        for proposal in proposals
    ]


def seen_elsewhere(doc: Document, mentions: Mentions, proposal: Proposal, repaired: bool = False) -> Proposal:
    """`proposal` with the evidence of its entity elsewhere in the text
    (given once; a listed variant needs none): named intact, or `repaired`
    there, which the reason says."""
    if proposal.seen_elsewhere or proposal.match == "variant":
        return proposal
    proposal = proposal.with_evidence(Evidence(DOCUMENT_BONUS), seen_elsewhere=True)
    if proposal.lost_capitals:
        # The name is in the text, capitalized: this lowercase look-alike
        # is more likely the name than an unknown ordinary word.
        proposal = proposal.with_evidence(Evidence(LOST_CAPITALS_PENALTY / 2))
    canonical = doc.index.entities[proposal.entity].canonical
    if proposal.surname and mentions.full_name_at.get(proposal.entity, len(doc)) < proposal.first:
        # News names a person in full, then by surname: a surname-like
        # word after the full name most likely refers back to it.
        return proposal.with_evidence(
            Evidence(SURNAME_AFTER_FULL_NAME_BONUS, (f"'{canonical}' is named in full earlier in the text",))
        )
    if repaired:
        reason = f"'{canonical}' {REPAIRED_ELSEWHERE}"
    else:
        reason = f"'{canonical}' {NAMED_INTACT}{_as_written(doc, mentions, proposal.entity, canonical)}"
    return proposal.with_evidence(Evidence(0.0, (reason,)))


def _as_written(doc: Document, mentions: Mentions, entity: int, canonical: str) -> str:
    """How the text names the entity intact, where that is not its canonical
    spelling: an editor told "'Recep Tayyip Erdogan' is named intact" looks
    for the full name, and the text may hold only "Erdogan"."""
    mention = mentions.first_intact.get(entity)
    if mention is None:
        return ""
    tokens = doc.tokens
    # One line, however the text breaks the name across lines.
    written = " ".join(doc.text[tokens[mention.start].start : tokens[mention.start + mention.length - 1].end].split())
    return "" if written == canonical else f" (as '{written}')"


def across_the_text(doc: Document, mentions: Mentions, proposals: list[Proposal]) -> list[Proposal]:
    """Corroboration, then the entity named intact elsewhere, for every proposal."""
    moved = []
    for proposal, evidence in zip(proposals, corroboration(proposals)):
        if evidence:
            proposal = proposal.with_evidence(evidence)
        if mentions.seen.get(proposal.entity):
            proposal = seen_elsewhere(doc, mentions, proposal)
        moved.append(proposal)
    return moved
