"""The prior of an entity: how cheap a near miss of it is.

A gazetteer sets `threshold` on entities whose look-alikes are common: the
5,959 cities of cities.yaml make a near-miss cheap, so the small towns among
them need more than a head of state. That threshold is kept as a score offset
below the default apply threshold, so every reading is weighed on one scale
(and one calibration) and a suggestion of a small town needs as much more as
its repair."""

from __future__ import annotations

from normalizer.gazetteer.index import Index
from normalizer.options import ENTITY_THRESHOLD_BASE
from normalizer.proposal import NO_EVIDENCE, Evidence, Proposal


def entity_prior(index: Index, proposal: Proposal) -> Evidence:
    offset = entity_offset(index, proposal.entity)
    if not offset or proposal.match == "variant":
        return NO_EVIDENCE
    own = index.entities[proposal.entity].threshold
    return Evidence(offset, (f"'{index.entities[proposal.entity].canonical}' needs more evidence ({own:.2f})",))


def entity_offset(index: Index, entity: int) -> float:
    """What `entity_prior` takes off a reading of `entity` that is no listed
    variant: 0.0, or less (a reading's ceiling counts it: evidence.later)."""
    own = index.entities[entity].threshold
    if own is None or own <= ENTITY_THRESHOLD_BASE:
        return 0.0
    return ENTITY_THRESHOLD_BASE - own
