"""A context phrase of the entity near the mention ("Foreign Minister" near "Aragut")."""

from __future__ import annotations

from normalizer.document import Document
from normalizer.proposal import NO_EVIDENCE, Evidence

CONTEXT_NEAR_BONUS = 0.10  # a context phrase within NEAR tokens
CONTEXT_FAR_BONUS = 0.05  # ... within WINDOW tokens
NEAR, WINDOW = 3, 25
# A phrase this many entities list or fewer names someone ("Chilean
# President"); "President" (68 people) or "spokesman" names nobody in particular.
MAX_SHARING_FOR_SPECIFIC = 3


def context(doc: Document, entity: int, first: int, last: int) -> Evidence:
    # A context word inside the mention is part of the name ("Health" in
    # "World Health Organization"), not context.
    found = [(p, phrase) for p, phrase in doc.context_phrases(entity) if not first <= p <= last]
    if not found:
        return NO_EVIDENCE
    by_distance = sorted((min(abs(p - first), abs(p - last)), phrase) for p, phrase in found)
    distance, phrase = by_distance[0]
    canonical = doc.index.entities[entity].canonical
    near = [phrase for d, phrase in by_distance if d <= NEAR]
    if any(_specific(doc, phrase) for phrase in near):
        return Evidence(CONTEXT_NEAR_BONUS, (f"context word of '{canonical}' next to it",))
    if near:
        # "President" before a surname says an office holder is named, not which of the 68.
        return Evidence(CONTEXT_FAR_BONUS, (f"context word of '{canonical}' and of others next to it ('{phrase}')",))
    if distance <= WINDOW:
        return Evidence(CONTEXT_FAR_BONUS, (f"context word of '{canonical}' nearby ('{phrase}')",))
    return NO_EVIDENCE


def _specific(doc: Document, phrase) -> bool:
    """Few entities list `phrase` (MAX_SHARING_FOR_SPECIFIC or fewer; the
    index counts each phrase as context_phrases spells it)."""
    return doc.index.context_sharing.get(phrase, (0,))[0] <= MAX_SHARING_FOR_SPECIFIC


def specific_context_near(doc: Document, entity: int, first: int, last: int) -> bool:
    """A context phrase of `entity` within NEAR tokens that few entities
    share: the text points at this one, not at any holder of an office."""
    for p, phrase in doc.context_phrases(entity):
        if first <= p <= last or min(abs(p - first), abs(p - last)) > NEAR:
            continue
        if _specific(doc, phrase):
            return True
    return False
