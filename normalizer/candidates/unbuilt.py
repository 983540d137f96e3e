"""The readings `candidates.fuzzy.align` leaves unbuilt (fuzzy.Unbuilt: no
later evidence can lift them to the decider's floor, evidence.later), built
where they may still count: beside another reading of their entity
(`built_for`), or as the decider asks (`BuiltOnDemand`)."""

from __future__ import annotations

from typing import Iterator

from normalizer.candidates.fuzzy import Unbuilt
from normalizer.document import Document
from normalizer.mentions import Mentions
from normalizer.proposal import Proposal


def built_for(
    doc: Document, mentions: Mentions, readings: list[Proposal | Unbuilt], entities: set[int]
) -> tuple[list[Proposal], list[Unbuilt]]:
    """`readings` with the unbuilt readings of `entities` built in their
    place (those `align` refuses left out), and the other unbuilt ones."""
    built, left = [], []
    for reading in readings:
        if isinstance(reading, Unbuilt):
            if reading.entity not in entities:
                left.append(reading)
                continue
            reading = reading.build(doc, mentions)
            if reading is None:
                continue
        built.append(reading)
    return built, left


class BuiltOnDemand:
    """Unbuilt readings as proposals, each built the first time it is asked
    for (most never are), in their order."""

    def __init__(self, doc: Document, mentions: Mentions, readings: list[Unbuilt]):
        self.doc, self.mentions = doc, mentions
        self.readings = readings
        self.built: dict[int, Proposal | None] = {}  # reading's place -> its proposal

    def touching(self, words: set[int]) -> Iterator[Proposal]:
        """Those over any of `words` (only readings laid over one are built)."""
        for k, reading in enumerate(self.readings):
            if any(w in words for w in range(reading.start, reading.last + 1)):
                proposal = self._build(k)
                if proposal is not None and any(w in words for w in range(proposal.first, proposal.last + 1)):
                    yield proposal

    def of(self, entities: set[int]) -> list[Proposal]:
        """The proposals of the readings of `entities`."""
        found = (self._build(k) for k, reading in enumerate(self.readings) if reading.entity in entities)
        return [p for p in found if p is not None]

    def _build(self, k: int) -> Proposal | None:
        if k not in self.built:
            self.built[k] = self.readings[k].build(self.doc, self.mentions)
        return self.built[k]
