"""Stage 6: decide. Keep the best non-overlapping proposals; apply those at or
above their threshold with no close rival; the rest above the suggestion
threshold are suggestions. Then turn decisions into `Correction` values."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from typing import Iterable, NamedTuple, Protocol

from normalizer.calibration import calibrated, raw_for
from normalizer.document import Document
from normalizer.evidence.likelier import set_aside
from normalizer.gazetteer.index import Index
from normalizer.options import Options
from normalizer.proposal import MAX_CONFIDENCE, Proposal
from normalizer.result import Correction
from normalizer.tokens import line_starts

# Two readings closer than this are a coin toss: report, never apply.
AMBIGUITY_MARGIN = 0.08
# Where a newsroom's own entities and the bundled ones compete for a word,
# the newsroom's reading comes first ("Organisation" over the bundled "Organization").
OWN_GAZETTEER_PRIOR = 0.05
# Room for the rounding of the same sums made in another order (Decider.floor).
ROUNDING = 1e-9


class Decision(NamedTuple):
    proposal: Proposal
    rival: tuple[str, float] | None  # the best credible different reading: replacement, confidence
    # The same words read the same way elsewhere in the text, with confidence:
    # one spelling has one outcome in one article.
    settled_by: Proposal | None = None


class Unbuilt(Protocol):
    """Proposals left out of decide's list because their confidence stays
    under Decider.floor, built as they are asked for (candidates.fuzzy)."""

    def touching(self, words: set[int]) -> Iterable[Proposal]:
        """Those over any of `words`."""


class Decider:
    def __init__(self, index: Index, options: Options):
        self.index = index
        self.options = options
        # The thresholds are probabilities; proposals carry raw scores (normalizer/calibration.py).
        self.apply_raw = raw_for(options.apply_threshold)
        self.suggest_raw = raw_for(options.suggest_threshold)
        # A proposal whose confidence stays under this changes no decision
        # but one (`unbuilt` in decide): decide passes over proposals under
        # suggest_raw, set_aside weighs them from suggest_raw - AMBIGUITY_MARGIN
        # up, an own reading and a rival need apply_raw - AMBIGUITY_MARGIN (a
        # rival suggest_raw too), and the own gazetteer's prior ranks a
        # proposal at most OWN_GAZETTEER_PRIOR above its confidence. Readings
        # that cannot reach it are not built (candidates.fuzzy.align,
        # evidence.later).
        lowest = min(self.suggest_raw - max(AMBIGUITY_MARGIN, OWN_GAZETTEER_PRIOR), self.apply_raw - AMBIGUITY_MARGIN)
        self.floor = lowest - ROUNDING

    def threshold(self, proposal: Proposal) -> float:
        """The apply threshold: one for every reading. An entity's own
        threshold is already in its score (evidence.prior), so it can only
        raise the bar, never lower it."""
        return self.apply_raw

    def _canonical(self, entity: int) -> str:
        return self.index.entities[entity].canonical.casefold()

    def prior(self, proposal: Proposal) -> float:
        return OWN_GAZETTEER_PRIOR if self.index.entities[proposal.entity].own else 0.0

    def applies(self, decision: Decision) -> bool:
        if decision.settled_by is not None:
            return True
        return self._confident(decision)

    def _confident(self, decision: Decision) -> bool:
        proposal, rival, _ = decision
        if proposal.confidence < self.threshold(proposal) or proposal.match == "echo":
            return False  # a word read only as in a full name is applied with that name (_one_outcome)
        return rival is None or rival[1] < proposal.confidence - AMBIGUITY_MARGIN

    def decide(self, proposals: list[Proposal], unbuilt: Unbuilt | None = None) -> list[Decision]:
        """The best non-overlapping proposals at or above the suggest threshold.
        `unbuilt`: the proposals left out of `proposals` because their
        confidence stays under `floor` (built as _own_first asks)."""
        # Of two close readings of the same words, the one a learned round
        # trip finds far likelier leaves the other no rival (evidence/likelier).
        proposals = set_aside(proposals, AMBIGUITY_MARGIN, self.suggest_raw - AMBIGUITY_MARGIN, self._canonical)
        ranked = sorted(proposals, key=lambda p: _rank(p, self.prior(p)))
        ranked = self._own_first(ranked, unbuilt)
        chosen: list[Decision] = []
        taken: set[int] = set()
        rivals = self._rivals(ranked)
        for proposal, rival in zip(ranked, rivals):
            if proposal.confidence < self.suggest_raw:
                # Not `break`: the own gazetteer's readings go first
                # (_own_first), so a bundled reading above the bar may
                # follow one under it, and is not left out for that.
                continue
            span = set(range(proposal.first, proposal.last + 1))
            if span & taken:
                continue
            if _writes_protected(self.index, proposal):
                continue
            taken |= span
            chosen.append(Decision(proposal, rival))
        return self._one_outcome(chosen, ranked, unbuilt)

    def _one_outcome(self, chosen: list[Decision], ranked: list[Proposal], unbuilt: Unbuilt | None) -> list[Decision]:
        """The same words repaired the same way everywhere in the text: where
        one mention is confident, the others of that spelling follow it. So
        does a word read alone as it was read inside a confident reading of
        the same name: machine translation garbles a name the same way each
        time, so "Yannu said" follows "Fride Yannu" -> Friede Giannou. A
        mention whose own best reading is another name follows too, with its
        reading as that name ("Matsotta" alone, nearer Mitsuta by its letters,
        after "Nogin Matsotta" -> Mazzotta), and one whose readings all stay
        under the suggestion bar ("Āibùlǐ" after "Xíěrdīng Āibùlǐ" -> Selden Embry)."""
        confident: dict[tuple[str, str], Proposal] = {}
        words: dict[tuple[str, str, int], Proposal] = {}  # a word rewritten inside a confident reading
        for decision in chosen:
            if self._confident(decision):
                proposal = decision.proposal
                confident.setdefault((proposal.spelling, proposal.replacement), proposal)
                for written, new in proposal.rewrites:
                    words.setdefault((written, new, proposal.entity), proposal)
        settled = []
        for d in chosen:
            p = d.proposal
            by = None
            if not self._confident(d):
                by = _settler(p, confident, words)
                if by is None and confident:
                    p, by = _settled_reading(p, confident, words, ranked, unbuilt, lambda q: _rank(q, self.prior(q)))
                    if by is not None:
                        d = Decision(p, (d.proposal.replacement, d.proposal.confidence))
            settled.append(d if by is None else d._replace(settled_by=by))
        if confident:
            settled += _unchosen_but_settled(settled, ranked, confident, words, self.index, self.floor)
        return settled

    def _own_first(self, ranked: list[Proposal], unbuilt: Unbuilt | None) -> list[Proposal]:
        """A credible reading from the newsroom's own gazetteer goes before the
        bundled readings of the same words: its spelling is the house style
        ("Organisation" over the bundled "Organization")."""
        own = [p for p in ranked if self.prior(p) and p.confidence >= self.threshold(p) - AMBIGUITY_MARGIN]
        if not own:
            return ranked
        words = {k for p in own for k in range(p.first, p.last + 1)}
        outranked = [p for p in ranked if not self.prior(p) and any(k in words for k in range(p.first, p.last + 1))]
        if not outranked:
            # An unbuilt bundled reading over those words is outranked too: it
            # puts the own readings first all the same (and itself last, where
            # it is passed over), which orders the decisions (_one_outcome's
            # settled_by). Asked only where that moves a proposal.
            if unbuilt is None or ranked[: len(own)] == own:
                return ranked
            if all(self.prior(p) for p in unbuilt.touching(words)):
                return ranked
        first = {id(p) for p in own}
        later = {id(p) for p in outranked}
        return own + [p for p in ranked if id(p) not in first | later] + outranked

    def _rivals(self, ranked: list[Proposal]) -> list[tuple[str, float] | None]:
        """For each ranked proposal, the first credible different reading of an
        overlapping span that outranks it or is not outranked by it."""
        prior = [self.prior(p) for p in ranked]
        # A reading far below its own entity's threshold (a small town that needs 0.95)
        # is no coin toss against another one, nor is one the engine would not suggest.
        credible = [p.confidence >= max(self.threshold(p) - AMBIGUITY_MARGIN, self.suggest_raw) for p in ranked]
        # Only proposals that share a word can be rivals: look at those alone.
        at_word: dict[int, list[int]] = defaultdict(list)  # word -> ranks of proposals over it
        for rank, proposal in enumerate(ranked):
            for k in range(proposal.first, proposal.last + 1):
                at_word[k].append(rank)
        spans = {(p.entity, p.first, p.last) for p in ranked}
        rivals: list[tuple[str, float] | None] = []
        for rank, proposal in enumerate(ranked):
            rival = None
            overlapping = sorted({r for k in range(proposal.first, proposal.last + 1) for r in at_word[k]})
            for r in overlapping:
                other = ranked[r]
                if r == rank or not credible[r]:
                    continue
                if other.entity == proposal.entity or other.replacement == proposal.replacement:
                    continue
                # A reading pinned by an exact neighbour ("Wilkins" beside
                # "Krisstin") is not put in doubt by a lone look-alike.
                # The newsroom's own gazetteer outranks the bundled one.
                if (proposal.anchored and not other.anchored) or prior[rank] > prior[r]:
                    continue
                # Two or more garbled words that agree on one name ("Kaixi
                # Luozeer": Kacey Rosel) are not put in doubt by a reading of
                # fewer of them ("Luozeer" alone: Rozier as well as Rosel),
                # unless that reading's entity reads all of them too: then
                # both names fit the whole, and the one word says which.
                if (
                    len(proposal.rewrites) >= 2 and _inside(other, proposal)
                    and (other.entity, proposal.first, proposal.last) not in spans
                ):
                    continue
                rival = (other.replacement, other.confidence)
                break
            rivals.append(rival)
        return rivals

    def corrections(self, doc: Document, decisions: list[Decision]) -> list[Correction]:
        text, tokens = doc.text, doc.tokens
        starts = line_starts(text)
        corrections = []
        for decision in sorted(decisions, key=lambda d: d.proposal.first):
            proposal, rival, settled_by = decision
            start, end = proposal.span(tokens)
            line = bisect_right(starts, start)
            entity = self.index.entities[proposal.entity]
            reasons = list(proposal.reasons)
            applied = self.applies(decision)
            if rival and not applied and proposal.confidence >= self.threshold(proposal):
                reasons.append(f"too close to another reading, '{rival[0]}' ({calibrated(rival[1]):.2f})")
            if settled_by is not None:
                line_of = bisect_right(starts, tokens[settled_by.first].start)
                reasons.append(f"the same words are repaired with confidence on line {line_of}")
            corrections.append(
                Correction(
                    start=start,
                    end=end,
                    line=line,
                    column=start - starts[line - 1] + 1,
                    original=text[start:end],
                    replacement=proposal.replacement,
                    entity=entity.canonical,
                    kind=entity.kind,
                    confidence=round(calibrated(min(_shown_confidence(decision), MAX_CONFIDENCE)), 4),
                    reasons=tuple(reasons),
                    applied=applied,
                )
            )
        return corrections


def _rank(p: Proposal, prior: float) -> tuple:
    """The order of `decide`, before _own_first: surer first, the own gazetteer's
    `prior` added; between equals the longer mention ("Fatem Mokhajelani" over
    "Mokhajelani"); then position and text, so the order is total."""
    return (-p.confidence - prior, p.first - p.last, p.first, p.replacement)


def _shown_confidence(decision: Decision) -> float:
    """A decision settled by a confident repair elsewhere is applied on that
    repair's strength: its own reading alone may sit far under the bar
    (a lone "Matsotta" at 0.03), and the confidence shown is the surer one."""
    proposal, _, settled_by = decision
    return proposal.confidence if settled_by is None else max(proposal.confidence, settled_by.confidence)


def _writes_protected(index, proposal: Proposal) -> bool:
    """Whether `proposal` writes a word the gazetteers protect as a name of its
    own ("Yrok" -> York, the city), which no correction may. A protected word
    is written only as a word of a name of several words read around it ("New
    Yrok" -> New York, "Elizabeth Waren" -> Elizabeth Warren): such a reading
    lists the words it rewrites (`Proposal.rewrites`)."""
    return proposal.replacement.casefold() in index.protected and not proposal.rewrites


def _unchosen_but_settled(chosen: list[Decision], ranked: list[Proposal], confident, words, index, floor: float):
    """Decisions for the words no `chosen` decision takes, where a reading of
    them, under the suggestion bar on its own but at the `floor` or above
    (under it, readings decide nothing: evidence.later), is settled by a
    confident reading elsewhere in the text; the likeliest such first."""
    taken = {k for d in chosen for k in range(d.proposal.first, d.proposal.last + 1)}
    found = []
    for proposal in ranked:
        span = range(proposal.first, proposal.last + 1)
        if proposal.confidence < floor or any(k in taken for k in span):
            continue
        if _writes_protected(index, proposal):
            continue
        by = _settler(proposal, confident, words)
        if by is not None:
            taken.update(span)
            found.append(Decision(proposal, None, settled_by=by))
    return found


def _settled_reading(chosen: Proposal, confident, words, ranked: list[Proposal], unbuilt: Unbuilt | None, rank):
    """Another reading of `chosen`'s words that a confident reading
    elsewhere settles, and that reading; else `chosen` and None. Of
    several, one of the settling reading's own entity goes first, then
    by `rank`: not by where a reading stands in the lists, which differs
    where some are left unbuilt (an unbuilt one comes after `ranked`)."""
    span = set(range(chosen.first, chosen.last + 1))
    others = [p for p in ranked if p.first == chosen.first and p.last == chosen.last]
    if unbuilt is not None:
        others += [p for p in unbuilt.touching(span) if p.first == chosen.first and p.last == chosen.last]
    found = [(p, by) for p in others if (by := _settler(p, confident, words)) is not None]
    if not found:
        return chosen, None
    return min(found, key=lambda pair: (pair[0].entity != pair[1].entity, rank(pair[0])))


def _settler(proposal: Proposal, confident: dict, words: dict) -> Proposal | None:
    """The confident reading elsewhere that repairs `proposal`'s words as it
    does: the same spelling the same way, or its one word as inside a
    confident reading of the same name."""
    by = confident.get((proposal.spelling, proposal.replacement))
    if by is None and proposal.first == proposal.last:
        by = words.get((proposal.spelling, proposal.replacement, proposal.entity))
    return by


def _inside(inner: Proposal, outer: Proposal) -> bool:
    """Whether `inner` reads some of the words `outer` reads, and fewer."""
    within = outer.first <= inner.first and inner.last <= outer.last
    return within and inner.last - inner.first < outer.last - outer.first
