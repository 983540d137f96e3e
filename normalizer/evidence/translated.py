"""Evidence from the text as a whole: a text that came through another script.

Machine translation garbles the names of a text together: an article
translated from Russian or Japanese brings back most of its names through
that script. Where several different names of a text were repaired with
confidence as learned round trips, one more word that a round trip explains
is likelier a garble too than a real name spelled that way. Clean English
news seldom has even one such repair (benchmarks/open_world.py), so the
evidence stays silent there.

In such a text the engine also reads its real name words ("Beldžum",
"Anni": real spellings elsewhere, left alone in English news) as garbles,
by a learned round trip only (candidates/fuzzy.py, `opened`).
"""

from __future__ import annotations

from normalizer.evidence.likelier import explained
from normalizer.proposal import Evidence, Proposal

# Different entities repaired with confidence as round trips before the text
# counts as translated. Measured on the round-trip and open-world corpora
# (BENCHMARKS.md): 3 moves round-trip recall, and no clean article reaches it.
MIN_ROUND_TRIPS = 2
TRANSLATED_BONUS = 0.05


def came_through_another_script(confident: list[Proposal]) -> bool:
    """The `confident` repairs of a text make it a translated one."""
    return len(_round_trip_entities(confident)) >= MIN_ROUND_TRIPS


def _round_trip_entities(confident: list[Proposal]) -> set[int]:
    return {p.entity for p in confident if p.round_trip}


def through_another_script(confident: list[Proposal], proposals: list[Proposal]) -> list[Proposal] | None:
    """`proposals` with the evidence of a translated text for each round-trip
    reading not yet among the `confident` repairs; None when none moves."""
    entities = _round_trip_entities(confident)
    if len(entities) < MIN_ROUND_TRIPS:
        return None
    sure = {id(p) for p in confident}
    # Another reading of the words a confident repair reads gains nothing: it
    # would overtake the repair on evidence that speaks for both ("Guriisu":
    # Greeks over Greece).
    repaired = {(p.first, p.last): p.replacement for p in confident}
    moved, changed = [], False
    for proposal in proposals:
        others = len(entities - {proposal.entity})
        rival = repaired.get((proposal.first, proposal.last), proposal.replacement) != proposal.replacement
        # A round trip's reading, or one a fold found that a learned route explains as well
        # ("Indonesiia": Indonesia's folded key, and the route's 0.94; else only the demonyms,
        # found by the route, gained this and outranked the place). Asked last: it may score.
        if id(proposal) not in sure and not rival and others >= MIN_ROUND_TRIPS and explained(proposal):
            reason = f"{others} other names in the text came back through another script"
            proposal = proposal.with_evidence(Evidence(TRANSLATED_BONUS, (reason,)))
            changed = True
        moved.append(proposal)
    return moved if changed else None
