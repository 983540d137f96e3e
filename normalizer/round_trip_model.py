"""Which English name a round-trip spelling came from: a joint model of both spellings.

normalizer.transliteration scores a pair (printed word, gazetteer word) with
a memoryless edit model; it cannot say which English spellings a garble may
have come from, and it ranks close names poorly. This module holds, per script,
a joint trigram model of letter-group pieces (English group, garbled group),
in the manner of joint-sequence grapheme-to-phoneme models (Bisani and Ney
2008): "dzhonson" is j>dzh o>o hn>n s>s o>o n>n, each piece's probability
conditioned on the two pieces before it. It is learned from the train split
of tools/data/transliteration/ by tools/learn_transliteration.py (the pieces
are the alignments of normalizer.transliteration's model) and stored in
normalizer/data/round_trip_model.json.

- `sources(word)`: the likeliest English spellings of a printed word, by beam
  search over each script's pieces: a garble's candidates ("Bureiku" ->
  "blake") where no fold or edit distance finds them.
- `evidence(word, name)`: log P(word, name) under the best script, less what
  the English letter model gives each spelling alone: above 0, the pair is
  better explained as a round trip than as two unrelated names.

The model is read at the first call (from the cache: normalizer.model_files).
"""

from __future__ import annotations

import heapq
import math
from functools import lru_cache
from itertools import repeat
from operator import add, mul, truediv
from typing import Iterable

from normalizer.model_files import load_model
from normalizer.round_trip_search import END, beam_search, best_states
from normalizer.transliteration import model as edit_model
from normalizer.transliteration import plain
from normalizer.wordmap import compact

try:  # joint's grid in C, built by `pip install .` where a compiler is (hatch_build.py)
    from normalizer._joint import joint as compiled_joint
except ImportError:  # pragma: no cover - a machine with no compiler: the Python loop below
    compiled_joint = None

MODEL_RESOURCE = "round_trip_model.json"
SOURCES = 8  # English spellings kept per script
FORCED_BEAM = 4  # histories kept per cell when both spellings are known
LOGPROB_MEMO = 20_000  # per script: ~60 bytes each, so ~1.2 MB a script, 7 MB in all


class ScriptModel:
    """One script's joint trigram: pieces, counts, Witten-Bell smoothing.

    The counts stay packed (a WordMap) until a context is first asked about:
    a batch meets a few thousand of the 30,000 contexts, and a cached model
    maps them from disk (unpickled as strings: a tenth of a cold start)."""

    def __init__(self, data: dict):
        self.pieces: list[tuple[str, str]] = [tuple(p.split(">", 1)) for p in data["pieces"]]  # type: ignore[misc]
        self.counts = compact({context: text.split() for context, text in data["counts"].items()}, numbers=True)  # piece, count, ...
        self.vocabulary = len(self.pieces)
        unigram = _counts(self.counts.get("", ()))
        unigram_total = sum(unigram.values())
        # P(piece) before any context, as logprob has always computed it.
        self.unigram_p = [(unigram.get(piece, 0) + 0.5) / (unigram_total + 0.5 * (self.vocabulary + 1)) for piece in range(self.vocabulary)]
        self.english_of = [english for english, _ in self.pieces]
        self.by_garbled: dict[str, list[int]] = {}
        for piece_id, (english, garbled) in enumerate(self.pieces):
            if piece_id != END:
                self.by_garbled.setdefault(garbled, []).append(piece_id)
        self.piece_of = {piece: k for k, piece in enumerate(self.pieces) if k != END and any(piece)}
        # english group -> {garbled group: piece}, for the pieces that fit a cell of `joint`.
        self.by_english: dict[str, dict[str, int]] = {}
        for (english, garbled), piece_id in self.piece_of.items():
            self.by_english.setdefault(english, {})[garbled] = piece_id
        self.longest_garbled = max(map(len, self.by_garbled), default=1)
        self.longest_english = max((len(english) for english, _ in self.pieces), default=1)
        self._after: dict[int, tuple[dict[int, int], int, int] | None] = {}  # by last piece: at most one a piece
        # By history: the log-probabilities after it. Most histories a word
        # meets were never seen in training, and smooth as their last piece
        # alone: they share that piece's row (`_last_rows`).
        self._rows: dict[tuple[int, int], _Row] = {}
        self._last_rows: dict[int, _Row] = {}
        self.drops: dict[int, list[int]] = {}  # drops_after by last piece, read by the search in its loop
        self.memoized = 0  # log-probabilities and histories the rows hold, bounded by LOGPROB_MEMO

    def _context(self, key: str) -> tuple[dict[int, int], int, int] | None:
        """A context's counts, with what Witten-Bell divides by (count of the
        context + its types) and its types; None if never seen."""
        seen = _counts(self.counts.get(key, ()))
        return (seen, sum(seen.values()) + len(seen), len(seen)) if seen else None

    def _after_one(self, last: int) -> tuple[dict[int, int], int, int] | None:
        found = self._after.get(last, False)
        if found is False:
            found = self._after[last] = self._context(str(last))
        return found

    def row(self, before: int, last: int) -> "_Row":
        """log P(piece | before, last) by piece, filled in as pieces are asked for."""
        found = self._rows.get((before, last))
        if found is None:
            if self.memoized >= LOGPROB_MEMO:  # a long batch meets millions of histories: bound the memo
                self.forget_rows()
            after_two = self._context(f"{before},{last}")
            if after_two:
                found = _Row(self, tuple(c for c in (self._after_one(last), after_two) if c))
            else:
                found = self._last_rows.get(last)
                if found is None:
                    after_one = self._after_one(last)
                    found = self._last_rows[last] = _Row(self, (after_one,) if after_one else ())
            self._rows[(before, last)] = found
            self.memoized += 1
        return found

    def forget_rows(self) -> None:
        """Empty the memo of rows (what `row` does at its bound; normalizer/_row_maker.h too)."""
        self._rows.clear()
        self._last_rows.clear()
        self.memoized = 0

    def logprob(self, piece: int, before: int, last: int) -> float:
        return self.row(before, last)[piece]

    def drops_after(self, last: int) -> list[int]:
        """The pieces that write nothing seen after `last` in training, in the
        order of by_garbled[""]: the drops are many, and most follow few
        pieces ("h" after "o" of "john")."""
        found = self.drops.get(last)
        if found is None:
            context = self._after_one(last)
            after = context[0] if context else {}
            found = self.drops[last] = [piece for piece in self.by_garbled.get("", ()) if piece in after]
        return found

    def sources(self, garbled: str, keep: int = SOURCES, floor: float = -math.inf) -> list[tuple[str, float]]:
        """The likeliest English spellings of `garbled` (plain letters), best
        first; of those, only the ones scored `floor` or more (a caller that
        keeps only spellings that good: the search leaves the rest out early)."""
        return beam_search(self, garbled, keep, floor)

    def writes(self, english: str, garbled: str) -> bool:
        """Whether some cutting of both spellings into this script's pieces exists (`joint` is
        -inf exactly where none does): `joint`'s cells without the histories, a fraction of its work."""
        rows, columns = len(english), len(garbled)
        english_groups, garbled_groups = self._groups(english, garbled)
        reached = [[False] * (columns + 1) for _ in range(rows + 1)]
        reached[0][0] = True
        for i in range(rows + 1):
            for j in range(columns + 1):
                if reached[i][j]:  # read as the row fills: a piece of no English letters reaches along it
                    for width, options in english_groups[i]:
                        for length, group in garbled_groups[j]:
                            if group in options:
                                reached[i + width][j + length] = True
        return reached[rows][columns]

    def _groups(self, english: str, garbled: str) -> tuple[list, list]:
        """The groups that can start at each letter: of the English spelling
        (width, its pieces by garbled group), of the garbled one (length, group)."""
        rows, columns = len(english), len(garbled)
        by_english = self.by_english
        english_groups = [
            [(width, by_english[english[i : i + width]]) for width in range(min(self.longest_english, rows - i) + 1) if english[i : i + width] in by_english]
            for i in range(rows + 1)
        ]
        garbled_groups = [[(length, garbled[j : j + length]) for length in range(min(self.longest_garbled, columns - j) + 1)] for j in range(columns + 1)]
        return english_groups, garbled_groups

    def joint(self, english: str, garbled: str) -> float:
        """max over cuttings into pieces of log P(english, garbled)."""
        if compiled_joint is not None:
            return compiled_joint(self, english, garbled, END, FORCED_BEAM)
        return self.joint_in_python(english, garbled)

    def joint_in_python(self, english: str, garbled: str) -> float:
        """`joint` by the Python loop (normalizer/_joint.c is the same grid, compiled)."""
        rows, columns = len(english), len(garbled)
        minus_inf = -math.inf
        row_of = self.row
        cells: list[list[dict[tuple[int, int], float]]] = [[{} for _ in range(columns + 1)] for _ in range(rows + 1)]
        cells[0][0][(-1, -1)] = 0.0
        english_groups, garbled_groups = self._groups(english, garbled)
        for i in range(rows + 1):
            starting = english_groups[i]
            here = cells[i]
            for j in range(columns + 1):
                cell = here[j]
                if not cell:
                    continue
                # The pieces that fit here, looked up once for every history of the cell.
                moves = []
                for width, options in starting:
                    ahead = cells[i + width]
                    for length, group in garbled_groups[j]:
                        piece = options.get(group)
                        if piece is not None:
                            moves.append((piece, ahead[j + length]))
                if not moves:
                    continue
                for (before, last), score in best_states(cell, FORCED_BEAM):
                    logprobs = row_of(before, last)
                    for piece, target in moves:
                        new = score + logprobs[piece]
                        if new > target.get((last, piece), minus_inf):
                            target[(last, piece)] = new
        final = cells[rows][columns]
        if not final:
            return -math.inf
        return max(score + row_of(before, last)[END] for (before, last), score in final.items())


class _Row(dict):
    """log P(piece | one context) by piece id, each computed at its first asking."""

    __slots__ = ("model", "smoothing")

    def __init__(self, model: ScriptModel, smoothing: tuple):
        super().__init__()
        self.model, self.smoothing = model, smoothing

    def values(self, pieces: tuple[int, ...] | list[int]) -> list[float]:
        """The log-probabilities of `pieces`, those not yet known computed
        together (the same operations as __missing__, in C loops)."""
        missing = [piece for piece in pieces if piece not in self]
        if missing:
            p: Iterable[float] = map(self.model.unigram_p.__getitem__, missing)
            for seen, divisor, types in self.smoothing:
                p = map(truediv, map(add, map(seen.get, missing, repeat(0)), map(mul, repeat(types), p)), repeat(divisor))
            self.update(zip(missing, map(math.log, p)))
            self.model.memoized += len(missing)
        return list(map(self.__getitem__, pieces))

    def __missing__(self, piece: int) -> float:
        # Witten-Bell, unigram first, then the last piece, then the last two.
        p = self.model.unigram_p[piece]
        for seen, divisor, types in self.smoothing:
            p = (seen.get(piece, 0) + types * p) / divisor
        self.model.memoized += 1
        value = self[piece] = math.log(p)
        return value


def _counts(flat: tuple[int, ...]) -> dict[int, int]:
    return dict(zip(flat[0::2], flat[1::2]))


class Model:
    """The model file: a ScriptModel per script, and the curve from evidence
    to a similarity (normalizer.transliteration.calibrated) fitted on dev."""

    def __init__(self, data: dict):
        self.scripts = {script: ScriptModel(one) for script, one in data["scripts"].items()}
        self.calibration: list[float] = data.get("calibration", [])


@lru_cache(maxsize=1)
def model() -> Model:
    """The packaged model, read once."""
    return load_model(MODEL_RESOURCE, Model)


def sources(word: str, limit: int | None = None) -> tuple[tuple[str, str, float], ...]:
    """(English spelling, script, log probability) of the likeliest sources of
    `word` under every script, best first; the first `limit` of them if given.
    Not memoized here: the candidates remember what they proposed
    (candidates.name_tokens.round_trip_name_tokens, candidates.nearest.nearest_name_tokens)."""
    target = plain(word)
    if not target:
        return ()
    found: list[tuple[str, str, float]] = []
    best: list[float] = []  # a min-heap of the `limit` best scores so far, of any script
    for script, one in model().scripts.items():
        # A later script's spelling under the `limit` best found so far is
        # never among the first `limit` (one that ties may be): not searched for.
        floor = best[0] if limit is not None and len(best) >= limit else -math.inf
        for english, score in one.sources(target, floor=floor):
            found.append((english, script, score))
            if limit is not None:
                if len(best) < limit:
                    heapq.heappush(best, score)
                elif score > best[0]:
                    heapq.heapreplace(best, score)
    return tuple(sorted(found, key=lambda item: (-item[2], item[0], item[1]))[:limit])


def evidence(word: str, name: str, scripts: tuple[str, ...] = ()) -> tuple[float, str]:
    """log P(word, name) of the best script (of `scripts`; all by default)
    less log P(word) and log P(name) by the English letter model, in nats,
    and that script. Not memoized here: transliteration.score is."""
    every = model().scripts
    return evidence_under({s: every[s] for s in scripts} if scripts else every, word, name)


def writes(word: str, name: str, scripts: tuple[str, ...]) -> bool:
    """Whether a round trip through one of `scripts` can write `name` as `word` at all
    (`evidence` is -inf exactly where none can)."""
    source, target = plain(name), plain(word)
    every = model().scripts
    return bool(source and target) and any(every[script].writes(source, target) for script in scripts)


def evidence_under(scripts: dict[str, ScriptModel], word: str, name: str) -> tuple[float, str]:
    source, target = plain(name), plain(word)
    if not source or not target:
        return -math.inf, ""
    letters = edit_model()
    alone = -letters.english_cost(target) - letters.english_cost(source)
    best, best_script = -math.inf, ""
    for script, one in scripts.items():
        value = one.joint(source, target)
        if value > best:
            best, best_script = value, script
    return best - alone, best_script
