"""A context phrase of the entity near the mention ("Foreign Minister" near "Aragut")."""

from __future__ import annotations

from normalizer.document import Document
from normalizer.proposal import NO_EVIDENCE, Evidence

CONTEXT_NEAR_BONUS = 0.10  # a context phrase within NEAR tokens
CONTEXT_FAR_BONUS = 0.05  # ... within WINDOW tokens
NEAR, WINDOW = 3, 25


def context(doc: Document, entity: int, first: int, last: int) -> Evidence:
    # A context word inside the mention is part of the name ("Health" in
    # "World Health Organization"), not context.
    found = [(p, phrase) for p, phrase in doc.context_phrases(entity) if not first <= p <= last]
    if not found:
        return NO_EVIDENCE
    distance, phrase = min((min(abs(p - first), abs(p - last)), phrase) for p, phrase in found)
    canonical = doc.index.entities[entity].canonical
    if distance <= NEAR:
        return Evidence(CONTEXT_NEAR_BONUS, (f"context word of '{canonical}' next to it",))
    if distance <= WINDOW:
        return Evidence(CONTEXT_FAR_BONUS, (f"context word of '{canonical}' nearby ('{phrase}')",))
    return NO_EVIDENCE
