"""The most the engine's evidence after `candidates.fuzzy.align` can still add
to a fuzzy reading: a ceiling on its final confidence, so a reading that can
never reach the decider's floor need not be built at all (most lone-word
readings of a batch: the decider would drop them).

Every place that moves a garble's confidence after align, and what it adds
at most (tests/test_later_evidence.py pins this list against the code):

    engine._one_pass      across_the_text: corroboration (CORROBORATION_BONUS)
                          and the entity named intact (seen_elsewhere)
                          entity_prior: never more than 0 (counted exactly)
    engine._repaired_elsewhere
                          seen_elsewhere, given once: only where a reading of
                          the same entity is applied, so only where the text
                          has another reading of it (the engine then builds
                          the reading: `unbuilt_where_needed`)
    engine._one_pass      through_another_script: TRANSLATED_BONUS, to a reading a
                          learned route found or explains (which a fold's reading
                          may be: asked only of a translated text's readings, so
                          counted for every reading here)
    decision.set_aside    reasons only
    decision.decide       OWN_GAZETTEER_PRIOR, in the ranking only (Decider.floor)
"""

from __future__ import annotations

from normalizer.evidence.elsewhere import CORROBORATION_BONUS, DOCUMENT_BONUS, SURNAME_AFTER_FULL_NAME_BONUS
from normalizer.evidence.neighbours import LOST_CAPITALS_PENALTY
from normalizer.evidence.prior import entity_offset
from normalizer.evidence.translated import TRANSLATED_BONUS
from normalizer.gazetteer.index import Index
from normalizer.mentions import Mentions

# seen_elsewhere at most: the entity named, a lowercase look-alike's half
# penalty given back, and a surname after the full name.
SEEN_ELSEWHERE_MOST = DOCUMENT_BONUS + LOST_CAPITALS_PENALTY / 2 + SURNAME_AFTER_FULL_NAME_BONUS


def most_later_evidence(index: Index, mentions: Mentions, entity: int, surname: bool, lost_capitals: bool) -> float:
    """The most every later piece of evidence together can add to a fuzzy
    reading of `entity` in a text with no other reading of that entity (the
    engine builds the readings of an entity that has one, see the module
    docstring), given the reading's flags."""
    most = CORROBORATION_BONUS  # another unbuilt reading of the entity, spelled otherwise
    if mentions.seen.get(entity):
        most += DOCUMENT_BONUS
        if lost_capitals:
            most += LOST_CAPITALS_PENALTY / 2
        if surname:
            most += SURNAME_AFTER_FULL_NAME_BONUS
    # A text that came through another script (any reading may be one a route explains).
    most += TRANSLATED_BONUS
    return most + entity_offset(index, entity)
