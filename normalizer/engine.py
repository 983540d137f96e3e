"""The one engine every front door calls: load a gazetteer once, normalize many texts."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Sequence

from normalizer.cache import cached
from normalizer.errors import NormalizerError
from normalizer.gazetteer.loading import fingerprint, gazetteer_files, load_files
from normalizer.gazetteer.index import Index, build_index
from normalizer.matching import MAX_CONFIDENCE, Matcher, Proposal
from normalizer.result import Correction, Result, apply_corrections
from normalizer.tokens import line_starts, tokenize

# Set on measured precision (see BENCHMARKS.md), not taste.
DEFAULT_APPLY_THRESHOLD = 0.80
DEFAULT_SUGGEST_THRESHOLD = 0.6
# Two readings closer than this are a coin toss: report, never apply.
AMBIGUITY_MARGIN = 0.08
OWN_GAZETTEER_PRIOR = 0.05


class Normalizer:
    """A loaded gazetteer and its compiled index; reusable and thread-safe.

    `normalize` reads only immutable state, so one instance can serve many
    threads; it pickles, so it can be shipped to worker processes.
    """

    def __init__(self, index: Index, apply_threshold: float | None = None, suggest_threshold: float | None = None):
        self.index = index
        self.apply_threshold = DEFAULT_APPLY_THRESHOLD if apply_threshold is None else apply_threshold
        self.suggest_threshold = DEFAULT_SUGGEST_THRESHOLD if suggest_threshold is None else suggest_threshold
        if not 0 < self.apply_threshold <= 1 or not 0 < self.suggest_threshold <= 1:
            raise NormalizerError("thresholds must be numbers in (0, 1]")
        self.suggest_threshold = min(self.suggest_threshold, self.apply_threshold)

    @classmethod
    def load(
        cls,
        gazetteers: Iterable[str | Path] = (),
        bundled: bool = True,
        apply_threshold: float | None = None,
        suggest_threshold: float | None = None,
        ignore_words: Iterable[str] = (),
    ) -> "Normalizer":
        files = gazetteer_files(gazetteers, bundled=bundled)
        words = tuple(ignore_words)
        # The compiled index is cached on disk, keyed by the bytes of every
        # gazetteer file and the protected words (the cache adds the code
        # version); on a hit no YAML is parsed at all.
        key = f"index\0{fingerprint(files)}\0" + "\0".join(sorted(set(words)))
        index = cached(key, lambda: build_index(load_files(files), words))
        return cls(index, apply_threshold, suggest_threshold)

    def normalize(self, text: str, ignore_spans: Sequence[tuple[int, int]] = ()) -> Result:
        """Find and repair garbled names in `text`; never touch `ignore_spans`."""
        tokens = tokenize(text)
        ignored = _ignored_tokens(tokens, ignore_spans)
        matcher = Matcher(self.index, text, tokens, ignored)
        proposals = matcher.exact_pass()
        candidates = matcher.fuzzy_pass()
        chosen = self._decide(proposals + candidates)
        # Entities repaired with confidence count as seen: a second garble of
        # the same name ("Araguchi" after "Abbas Aragut") gains that evidence.
        # The same spelling repaired elsewhere is no new evidence ("Rohingya"
        # read as "Rohini" three times is one reading, not three).
        repaired = [p for p in chosen if self._applies(p)]
        boosted = [
            p for p in candidates
            if any(r.entity == p.entity and not r.overlaps(p) and matcher.spelling(r) != matcher.spelling(p) for r in repaired)
        ]
        if boosted:
            for proposal in boosted:
                matcher.add_document_evidence(proposal)
            chosen = self._decide(proposals + candidates)
        corrections = self._corrections(text, tokens, chosen)
        return Result(text, apply_corrections(text, corrections), tuple(corrections))

    # ----- deciding ---------------------------------------------------------
    def _threshold(self, proposal: Proposal) -> float:
        own = self.index.entities[proposal.entity].threshold
        return own if own is not None else self.apply_threshold

    def _decide(self, proposals: list[Proposal]) -> list[Proposal]:
        """Keep the best non-overlapping proposals at or above the suggest threshold."""
        # Surer first; between equals the longer mention ("Fatem Mokhajelani"
        # over "Mokhajelani"); then position and text, so the order is total.
        ranked = sorted(proposals, key=lambda p: (-p.confidence - self._own_prior(p), p.first - p.last, p.first, p.replacement))
        prior = [self._own_prior(p) for p in ranked]
        # A reading far below its own entity's threshold (a small town that
        # needs 0.95) is no coin toss against another one.
        credible = [p.confidence >= self._threshold(p) - AMBIGUITY_MARGIN for p in ranked]
        # Only proposals that share a word can be rivals: look at those alone.
        at_word: dict[int, list[int]] = defaultdict(list)  # word -> ranks of proposals over it
        for rank, proposal in enumerate(ranked):
            for k in range(proposal.first, proposal.last + 1):
                at_word[k].append(rank)
        for rank, proposal in enumerate(ranked):
            proposal.rival = None
            own = prior[rank]
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
                if (proposal.anchored and not other.anchored) or own > prior[r]:
                    continue
                proposal.rival = (other.replacement, other.confidence)
                break
        chosen: list[Proposal] = []
        taken: set[int] = set()
        for proposal in ranked:
            if proposal.confidence < self.suggest_threshold:
                break
            span = set(range(proposal.first, proposal.last + 1))
            if span & taken:
                continue
            if proposal.replacement.casefold() in self.index.protected:
                continue
            taken |= span
            chosen.append(proposal)
        return chosen

    def _own_prior(self, proposal: Proposal) -> float:
        """Where a newsroom's own entities and the bundled ones compete for a
        word, the newsroom's reading comes first ("Organisation" over the
        bundled "Organization")."""
        return OWN_GAZETTEER_PRIOR if self.index.entities[proposal.entity].own else 0.0

    def _applies(self, proposal: Proposal) -> bool:
        if proposal.confidence < self._threshold(proposal):
            return False
        rival = proposal.rival
        return rival is None or rival[1] < proposal.confidence - AMBIGUITY_MARGIN

    def _corrections(self, text: str, tokens, chosen: list[Proposal]) -> list[Correction]:
        starts = line_starts(text)
        corrections = []
        for proposal in sorted(chosen, key=lambda p: p.first):
            start, end = tokens[proposal.first].start, tokens[proposal.last].end
            line = bisect_right(starts, start)
            entity = self.index.entities[proposal.entity]
            reasons = list(proposal.reasons)
            if proposal.rival and not self._applies(proposal) and proposal.confidence >= self._threshold(proposal):
                reasons.append(f"too close to another reading, '{proposal.rival[0]}' ({proposal.rival[1]:.2f})")
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
                    confidence=round(min(proposal.confidence, MAX_CONFIDENCE), 4),
                    reasons=tuple(reasons),
                    applied=self._applies(proposal),
                )
            )
        return corrections


def _ignored_tokens(tokens, spans: Sequence[tuple[int, int]]) -> list[bool]:
    """For each token, whether it overlaps one of `spans`."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [start for start, _ in merged]
    ignored = []
    for token in tokens:
        k = bisect_right(starts, token.end - 1) - 1  # the last span starting inside or before
        ignored.append(k >= 0 and merged[k][1] > token.start)
    return ignored
