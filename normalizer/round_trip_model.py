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

Standard library only; the model is read at the first call.
"""

from __future__ import annotations

import heapq
import json
import math
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from normalizer.transliteration import model as edit_model
from normalizer.transliteration import plain

MODEL_RESOURCE = "round_trip_model.json"
END = 0  # piece id of the end of a word; the start is the history (-1, -1)
MAX_DROPPED = 2  # English letters in a row a garble may drop ("h" of "john")
BEAM = 12
SOURCES = 8  # English spellings kept per script
FORCED_BEAM = 4  # histories kept per cell when both spellings are known
LOGPROB_MEMO = 50_000  # per script: a few MB each


class ScriptModel:
    """One script's joint trigram: pieces, counts, Witten-Bell smoothing."""

    def __init__(self, data: dict):
        self.pieces: list[tuple[str, str]] = [tuple(p.split(">", 1)) for p in data["pieces"]]  # type: ignore[misc]
        # Counts after one piece and after two, keyed by piece ids, with what
        # Witten-Bell divides by: (count of the context + its types, types).
        self.unigram: dict[int, int] = {}
        self.after_one: dict[int, dict[int, int]] = {}
        self.after_two: dict[tuple[int, int], dict[int, int]] = {}
        for context, flat in data["counts"].items():
            seen = dict(zip(flat[0::2], flat[1::2]))
            if not context:
                self.unigram = seen
            elif "," in context:
                before, last = map(int, context.split(","))
                self.after_two[(before, last)] = seen
            else:
                self.after_one[int(context)] = seen
        self.unigram_total = sum(self.unigram.values())
        self.divisors = {id(seen): (sum(seen.values()) + len(seen), len(seen)) for seen in (
            *self.after_one.values(), *self.after_two.values())}
        self.vocabulary = len(self.pieces)
        self.by_garbled: dict[str, list[int]] = {}
        for piece_id, (english, garbled) in enumerate(self.pieces):
            if piece_id != END:
                self.by_garbled.setdefault(garbled, []).append(piece_id)
        self.piece_of = {piece: k for k, piece in enumerate(self.pieces) if k != END and any(piece)}
        self.longest_garbled = max(map(len, self.by_garbled), default=1)
        self.longest_english = max((len(english) for english, _ in self.pieces), default=1)
        self._logprob: dict[tuple[int, int, int], float] = {}

    def logprob(self, piece: int, before: int, last: int) -> float:
        key = (piece, before, last)
        value = self._logprob.get(key)
        if value is None:
            p = (self.unigram.get(piece, 0) + 0.5) / (self.unigram_total + 0.5 * (self.vocabulary + 1))
            for seen in (self.after_one.get(last), self.after_two.get((before, last))):
                if seen:
                    divisor, types = self.divisors[id(seen)]
                    p = (seen.get(piece, 0) + types * p) / divisor
            if len(self._logprob) >= LOGPROB_MEMO:  # a long batch meets millions of histories: bound the memo
                self._logprob.clear()
            value = self._logprob[key] = math.log(p)
        return value

    def sources(self, garbled: str, keep: int = SOURCES) -> list[tuple[str, float]]:
        """The likeliest English spellings of `garbled` (plain letters), best first."""
        size = len(garbled)
        # beams[i]: (before, last, english, dropped in a row) -> log probability
        beams: list[dict[tuple[int, int, str, int], float]] = [{} for _ in range(size + 1)]
        beams[0][(-1, -1, "", 0)] = 0.0
        dropping = self.by_garbled.get("", [])
        finished: dict[str, float] = {}
        for i in range(size + 1):
            states = _best(beams[i], BEAM)
            frontier = states
            for _ in range(MAX_DROPPED):  # pieces that write nothing stay at i
                grown = []
                for (before, last, english, dropped), score in frontier:
                    # only a drop seen after this piece in training: the drops
                    # are many, and most follow few pieces ("h" after "o" of "john")
                    after = self.after_one.get(last, {})
                    for piece in dropping:
                        if piece not in after:
                            continue
                        new = score + self.logprob(piece, before, last)
                        state = (last, piece, english + self.pieces[piece][0], dropped + 1)
                        if new > beams[i].get(state, -math.inf):
                            beams[i][state] = new
                            grown.append((state, new))
                frontier = _best(dict(grown), BEAM)
            for (before, last, english, _), score in _best(beams[i], BEAM):
                if i == size:
                    total = score + self.logprob(END, before, last)
                    if total > finished.get(english, -math.inf):
                        finished[english] = total
                    continue
                for width in range(1, min(self.longest_garbled, size - i) + 1):
                    for piece in self.by_garbled.get(garbled[i : i + width], ()):
                        new = score + self.logprob(piece, before, last)
                        state = (last, piece, english + self.pieces[piece][0], 0)
                        if new > beams[i + width].get(state, -math.inf):
                            beams[i + width][state] = new
        return sorted(finished.items(), key=lambda item: (-item[1], item[0]))[:keep]

    def joint(self, english: str, garbled: str) -> float:
        """max over cuttings into pieces of log P(english, garbled)."""
        rows, columns = len(english), len(garbled)
        piece_of = self.piece_of
        cells: list[list[dict[tuple[int, int], float] | None]] = [[None] * (columns + 1) for _ in range(rows + 1)]
        cells[0][0] = {(-1, -1): 0.0}
        for i in range(rows + 1):
            for j in range(columns + 1):
                cell = cells[i][j]
                if not cell:
                    continue
                # The pieces that fit here, looked up once for every history of the cell.
                moves = []
                for width in range(min(self.longest_english, rows - i) + 1):
                    left = english[i : i + width]
                    for length in range(min(self.longest_garbled, columns - j) + 1):
                        piece = piece_of.get((left, garbled[j : j + length]))
                        if piece is not None:
                            moves.append((piece, i + width, j + length))
                if not moves:
                    continue
                for (before, last), score in _best(cell, FORCED_BEAM):
                    for piece, row, column in moves:
                        target = cells[row][column]
                        if target is None:
                            target = cells[row][column] = {}
                        new = score + self.logprob(piece, before, last)
                        if new > target.get((last, piece), -math.inf):
                            target[(last, piece)] = new
        final = cells[rows][columns]
        if not final:
            return -math.inf
        return max(score + self.logprob(END, before, last) for (before, last), score in final.items())


def _best(states: dict, size: int) -> list:
    if len(states) <= size:
        return list(states.items())
    return heapq.nlargest(size, states.items(), key=itemgetter(1))


class Model:
    """The model file: a ScriptModel per script, and the curve from evidence
    to a similarity (normalizer.transliteration.calibrated) fitted on dev."""

    def __init__(self, data: dict):
        self.scripts = {script: ScriptModel(one) for script, one in data["scripts"].items()}
        self.calibration: list[float] = data.get("calibration", [])


@lru_cache(maxsize=1)
def model() -> Model:
    text = (Path(__file__).resolve().parent / "data" / MODEL_RESOURCE).read_text(encoding="utf-8")
    return Model(json.loads(text))


def sources(word: str) -> tuple[tuple[str, str, float], ...]:
    """(English spelling, script, log probability) of the likeliest sources of
    `word` under every script, best first. Not memoized here: the index
    remembers what they proposed (Index.round_trip_tokens)."""
    target = plain(word)
    if not target:
        return ()
    found = [(english, script, score) for script, one in model().scripts.items() for english, score in one.sources(target)]
    return tuple(sorted(found, key=lambda item: (-item[2], item[0], item[1])))


def evidence(word: str, name: str, scripts: tuple[str, ...] = ()) -> tuple[float, str]:
    """log P(word, name) of the best script (of `scripts`; all by default)
    less log P(word) and log P(name) by the English letter model, in nats,
    and that script. Not memoized here: transliteration.score is."""
    every = model().scripts
    return evidence_under({s: every[s] for s in scripts} if scripts else every, word, name)


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
