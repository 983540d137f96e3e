"""The values that flow between the stages: a proposed correction and a piece
of evidence. Both are immutable; evidence makes a new proposal."""

from __future__ import annotations

from dataclasses import dataclass, replace

# Reported confidences stop here; ranking uses the raw sum.
MAX_CONFIDENCE = 0.99


@dataclass(frozen=True)
class Evidence:
    """What one kind of evidence says of a proposal: a change of confidence
    and the reasons shown to the user (either may be empty)."""

    delta: float = 0.0
    reasons: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.delta or self.reasons)


NO_EVIDENCE = Evidence()


@dataclass(frozen=True)
class Proposal:
    """A possible correction of tokens `first`..`last` (inclusive)."""

    first: int
    last: int
    replacement: str
    entity: int
    confidence: float
    reasons: tuple[str, ...]
    match: str  # variant | capitals | fuzzy | glued | compound | echo (candidates/echoes: read as in a full name)
    anchored: bool = False  # pinned by a distinctive exact neighbour of the same name
    lost_capitals: bool = False  # lowercase word, capitalized name
    surname: bool = False  # read as a person's surname alone
    seen_elsewhere: bool = False  # has had the evidence of its entity elsewhere in the text
    spelling: str = ""  # the words it replaces, case set aside
    round_trip: bool = False  # a word of it is read as a learned round trip through another script
    # Of a reading of a name of several words: each word it rewrites, case set aside, and what it writes
    # there (Decider._one_outcome: the same garbled word alone elsewhere follows a confident full name).
    rewrites: tuple[tuple[str, str], ...] = ()
    # Characters after the last word the correction also takes away: the soft sign's apostrophe
    # a romanization of Cyrillic prints after a name's last word ("Merkel’", Меркель; tokens.soft_sign_after).
    soft_sign: int = 0

    def span(self, tokens) -> tuple[int, int]:
        """The characters it rewrites in the text of `tokens`: its words, and the soft sign after them."""
        return tokens[self.first].start, tokens[self.last].end + self.soft_sign

    def overlaps(self, other: "Proposal") -> bool:
        """True when the two proposals touch at least one common word."""
        return self.first <= other.last and other.first <= self.last

    def with_evidence(self, evidence: Evidence, **changes) -> "Proposal":
        """This proposal moved by `evidence` (and with `changes` to its flags)."""
        if not evidence and not changes:
            return self  # most evidence is silent: no copy (dataclasses.replace is slow)
        return replace(
            self, confidence=self.confidence + evidence.delta, reasons=self.reasons + evidence.reasons, **changes
        )
