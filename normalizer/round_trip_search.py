"""The English spellings a round-trip garble may have come from: a beam search.

normalizer.round_trip_model's `ScriptModel.sources` asks this search for
the likeliest English spellings of a printed word under one script's joint
trigram of letter-group pieces: left to right over the printed letters, each
state an English spelling so far and its last two pieces, the BEAM best kept
per position, with branch and bound (exact: the same answer as the plain
beam, found with fewer states). The states are kept in C where
normalizer/_search.c was built (`pip install .`), else by `search_in_python`.
"""

from __future__ import annotations

import heapq
import math
from operator import itemgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from normalizer.round_trip_model import ScriptModel

try:  # the states in C, built by `pip install .` where a compiler is (hatch_build.py)
    from normalizer._search import search as compiled_search
except ImportError:  # pragma: no cover - a machine with no compiler: search_in_python below
    compiled_search = None

END = 0  # piece id of the end of a word (the model file's); the start is the history (-1, -1)
MAX_DROPPED = 2  # English letters in a row a garble may drop ("h" of "john")
BEAM = 12


def beam_search(model: "ScriptModel", garbled: str, keep: int, floor: float) -> list[tuple[str, float]]:
    """ScriptModel.sources: a beam search over the pieces, left to right.
    A state under `floor` is never kept: no piece adds to a score, so
    nothing it leads to reaches the floor. Every state at or above it is
    kept or dropped as without the floor: leaving out states under it only
    leaves the beams' other states under it more room."""
    size = len(garbled)
    english_of = model.english_of
    # The pieces that write garbled[i:i + width], per i, width first, that
    # reach a position the word's end can be reached from (a state anywhere
    # else never finishes: leaving it out is exact, and a word no pieces
    # cover is not searched): (pieces, where each reaches, the English each writes).
    alive = ends_reachable(model, garbled)
    if not alive[0]:
        return []
    moves = []
    for i in range(size):
        here = [(piece, i + width) for width in range(1, min(model.longest_garbled, size - i) + 1) if alive[i + width] for piece in model.by_garbled.get(garbled[i : i + width], ())]
        moves.append((tuple(piece for piece, _ in here), [reach for _, reach in here], [english_of[piece] for piece, _ in here]))
    if compiled_search is not None:
        finished = compiled_search(model, moves, floor, BEAM, MAX_DROPPED, END)
    else:
        finished = search_in_python(model, moves, floor)
    return sorted(finished.items(), key=lambda item: (-item[1], item[0]))[:keep]


def search_in_python(model: "ScriptModel", moves: list, floor: float) -> dict[str, float]:
    """The search over `moves` (beam_search's pieces per position): each
    finished English spelling with its log probability, at `floor` or above
    (normalizer/_search.c is the same search, compiled)."""
    size = len(moves)
    minus_inf = -math.inf
    english_of, row = model.english_of, model.row
    # beams[i]: (before, last, english, dropped in a row) -> log probability
    beams: list[dict[tuple[int, int, str, int], float]] = [{} for _ in range(size + 1)]
    beams[0][(-1, -1, "", 0)] = 0.0
    # Branch and bound, exact: per position, the BEAM best scores its
    # states had when they were put there (a min-heap; a state's score
    # only grows) and their least, `floors`. A new state below it is
    # never among the BEAM kept, and is not put there, when no other
    # state could put it there later (the states expanded at a position
    # differ in their last piece or their English); a position that
    # left some out is always sorted, as the full beam would have been.
    heaps: list[list[float]] = [[] for _ in range(size + 1)]
    floors = [minus_inf] * (size + 1)
    left_out = [False] * (size + 1)
    finished: dict[str, float] = {}
    for i in range(size + 1):
        beam = beams[i]
        frontier = best_states(beam, BEAM, left_out[i])
        for _ in range(MAX_DROPPED):  # pieces that write nothing stay at i
            grown = []
            for (before, last, english, dropped), score in frontier:
                drops = model.drops.get(last)
                if drops is None:
                    drops = model.drops_after(last)
                if not drops:
                    continue
                for piece, logprob in zip(drops, row(before, last).values(drops)):
                    new = score + logprob
                    if new < floor:
                        left_out[i] = True
                        continue
                    state = (last, piece, english + english_of[piece], dropped + 1)
                    if new > beam.get(state, minus_inf):
                        beam[state] = new
                        grown.append((state, new))
            frontier = best_states(dict(grown), BEAM)
        expanded = best_states(beam, BEAM, left_out[i])
        if i == size:
            for (before, last, english, _), score in expanded:
                total = score + row(before, last)[END]
                if total >= floor and total > finished.get(english, minus_inf):
                    finished[english] = total
            break
        pieces, reaches, writes = moves[i]
        bound = len({(last, english) for (_, last, english, _), _ in expanded}) == len(expanded)
        reached = sorted(set(reaches))
        for (before, last, english, _), score in expanded:
            # No piece adds to a score (log-probabilities are < 0): a
            # state under every floor it reaches leaves all its pieces out.
            if reached and (score < floor or (bound and score < min([floors[reach] for reach in reached]))):
                for reach in reached:
                    left_out[reach] = True
                continue
            for piece, reach, written, logprob in zip(pieces, reaches, writes, row(before, last).values(pieces)):
                new = score + logprob
                if new < floor or (new < floors[reach] and bound):
                    left_out[reach] = True
                    continue
                state = (last, piece, english + written, 0)
                ahead = beams[reach]
                old = ahead.get(state)
                if old is None:
                    ahead[state] = new
                    heap = heaps[reach]
                    if len(heap) < BEAM:
                        heapq.heappush(heap, new)
                        if len(heap) == BEAM:
                            floors[reach] = heap[0]
                    elif new > heap[0]:
                        heapq.heapreplace(heap, new)
                        floors[reach] = heap[0]
                elif new > old:
                    ahead[state] = new
    return finished


def ends_reachable(model: "ScriptModel", garbled: str) -> list[bool]:
    """Per position of `garbled` (and its end), whether the script's pieces
    can write the rest of the word from there."""
    size = len(garbled)
    alive = [False] * size + [True]
    for i in range(size - 1, -1, -1):
        alive[i] = any(alive[i + width] and garbled[i : i + width] in model.by_garbled for width in range(1, min(model.longest_garbled, size - i) + 1))
    return alive


def best_states(states: dict, size: int, ranked: bool = False) -> list:
    """The `size` best (state, score) pairs, best first, the earlier of a tie
    first: heapq.nlargest's order, sorted (faster for these few); as they
    come if there are no more than `size`, unless `ranked`."""
    if len(states) <= size and not ranked:
        return list(states.items())
    return sorted(states.items(), key=itemgetter(1), reverse=True)[:size]
