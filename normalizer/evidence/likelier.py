"""Two close readings of the same words, weighed by the learned round trip.

A round trip's garble is often near two gazetteer names at once ("Saxara":
Sahara and Tahara; "Khatum": Hatoum and Hatum). normalizer.similarity puts
both on its capped scale, where they land within the decider's ambiguity
margin, and neither is applied. The learned model (normalizer.transliteration)
still tells them apart: `evidence(word, name)` is log P(word | name) less a
constant of the word, so the difference of two names' evidence for the same
printed words is the log-odds of one name over the other.

Where a reading of a span that a learned route explains (found by one,
Proposal.round_trip, or found by a fold and scored by the learned model at
the apply level: "Rakovskiy" has Rakowski's folded key and is a Russian
round trip of it too) is likelier than a close reading of the same span by
MIN_LOG_ODDS or more, the less likely one is set aside: it is no rival and
no choice. Readings far apart on the similarity scale are left to it; a
reading pinned by an exact word of its name beside it is never set aside by
one that is not, nor is the reading of a name the text writes intact
elsewhere by one of a name it never writes.

A word is weighed by its sound too (normalizer.pronunciation), as
transliteration.score reads a pair by the better of the two routes, where
the sound reads it as one of the two names only ("Richaado": Richard said,
Ricardo only spelled alike). Names said alike ("Kristen", "Kristin") are
told apart by their letters alone.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Callable

from normalizer import pronunciation
from normalizer.proposal import Evidence, Proposal
from normalizer.transliteration import evidence, plain, score

# Log-odds (nats) a reading needs over a close reading of the same words to
# set it aside. Fitted on the calibration dev words of benchmarks/names.py
# (150 of the first SKIP_DEV per script, never measured; 900 real names of
# the train split, not in the gazetteer, as negatives): at 3.0 the repairs
# it adds are right 96% of the time (165 right, 7 wrong, no false repair),
# above the engine's apply probability (0.95); at 2.0, 95% (183 right, 10
# wrong); at 4.0 it adds a sixth fewer.
MIN_LOG_ODDS = 3.0
SHOWN_RIVALS = 3  # names a reason lists of the readings a repair outweighs
# A reading a fold found is explained by a learned route when the model
# scores each of its changed words at least this high: the engine's apply
# level on the similarity scale ("Assadi" for Assad scores 0.62).
EXPLAINED = 0.8
# Pairs weighed are remembered: a batch meets its garbles again.
PAIRS_REMEMBERED = 4_096


def set_aside(
    proposals: list[Proposal], close: float, lowest: float, canonical: Callable[[int], object] = lambda entity: entity
) -> list[Proposal]:
    """`proposals` less the fuzzy readings that another fuzzy reading of the
    same span, at most `close` below it or above it, outweighs by
    MIN_LOG_ODDS; the readings that outweigh one say so. Only readings at or
    above `lowest` are weighed (the others decide nothing). `canonical`
    names an entity (the index's canonical): two entities of one name are
    one name to the text."""
    by_span: dict[tuple[int, int], list[int]] = {}
    for k, proposal in enumerate(proposals):
        if proposal.match == "fuzzy" and proposal.confidence >= lowest:
            by_span.setdefault((proposal.first, proposal.last), []).append(k)
    dropped: set[int] = set()
    outweighs: dict[int, dict[str, None]] = {}  # kept reading -> the names it outweighs, in order, once each
    for ranks in by_span.values():
        if len(ranks) < 2:
            continue
        for k in ranks:
            weaker = proposals[k]
            for j in ranks:
                stronger = proposals[j]
                if j == k or stronger.replacement == weaker.replacement:
                    continue
                if stronger.confidence < weaker.confidence - close:
                    continue  # far below: the similarity scale decides
                if not explained(stronger) or (weaker.anchored and not stronger.anchored):
                    # The model weighs round trips: a reading it does not
                    # explain ("Assadi" one vowel from Assad) gets no say, and an
                    # exact word of the name beside a reading outweighs it.
                    continue
                only_the_weaker_named = weaker.seen_elsewhere and not stronger.seen_elsewhere
                if only_the_weaker_named and canonical(weaker.entity) != canonical(stronger.entity):
                    # Nor does it overrule the article: a name the text
                    # writes intact elsewhere is the likelier reading of a
                    # look-alike than another name it never writes. (Two
                    # forms of one name, "Brazilian" and "Brazil", the
                    # model still weighs, whichever gazetteer lists them.)
                    continue
                if far_likelier(weaker.spelling, stronger.replacement, weaker.replacement):
                    dropped.add(k)
                    outweighs.setdefault(j, {})[weaker.replacement] = None
                    break
    if not dropped:
        return proposals
    kept = []
    for k, proposal in enumerate(proposals):
        if k in dropped:
            continue
        if k in outweighs:
            # The likeliest few: a long garble in a translated text may outweigh twenty look-alikes.
            names = list(outweighs[k])
            others = ", ".join(f"'{name}'" for name in names[:SHOWN_RIVALS])
            if len(names) > SHOWN_RIVALS:
                others += f" and {len(names) - SHOWN_RIVALS} other names"
            proposal = proposal.with_evidence(Evidence(0.0, (f"a round trip explains it better than {others}",)))
        kept.append(proposal)
    return kept


def explained(proposal: Proposal) -> bool:
    """A learned route found the reading, or explains each changed word of it."""
    if proposal.round_trip:
        return True
    words, names = proposal.spelling.split(), proposal.replacement.split()
    if len(words) != len(names):
        return False
    return all(score(w, n)[0] >= EXPLAINED for w, n in zip(words, names) if w.casefold() != n.casefold())


def far_likelier(spelling: str, name: str, other: str) -> bool:
    """Whether the learned round trip reads `spelling` as `name` MIN_LOG_ODDS
    or more likelier than as `other` (as many words each)."""
    odds = log_odds(spelling, name, other)
    return odds is not None and odds >= MIN_LOG_ODDS


def log_odds(spelling: str, name: str, other: str) -> float | None:
    """log P(spelling | name) - log P(spelling | other) under the learned
    round trip, word by word; None when the three do not have as many words."""
    words, ours, theirs = spelling.split(), name.split(), other.split()
    if not len(words) == len(ours) == len(theirs):
        return None
    pairs = [(w, a, b) for w, a, b in zip(words, ours, theirs) if a.casefold() != b.casefold()]
    return sum(_word_odds(w, a, b) for w, a, b in pairs)


def _word_odds(word: str, name: str, other: str) -> float:
    """The log-odds of `name` over `other` for one printed word: by its
    letters; and by the likelier of its letters and its sound
    (normalizer.pronunciation) where the sound reads the word as one of the
    two names only, as transliteration.score reads a pair by the better
    route. Where it reads both, they are said alike ("Kristen" and
    "Kristin", "Dallas" and "Dulles"): the sound cannot tell them apart and
    the letters decide."""
    ours, theirs = _evidence(word, name), _evidence(word, other)
    heard_ours, heard_theirs = _heard(word, name), _heard(word, other)
    if heard_ours > -math.inf and heard_theirs > -math.inf:
        return ours - theirs
    return max(ours, heard_ours) - max(theirs, heard_theirs)


@lru_cache(maxsize=PAIRS_REMEMBERED)
def _heard(word: str, name: str) -> float:
    return pronunciation.evidence(plain(word), plain(name))


@lru_cache(maxsize=PAIRS_REMEMBERED)
def _evidence(word: str, name: str) -> float:
    return evidence(word, name)[0]
