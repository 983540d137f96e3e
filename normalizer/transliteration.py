"""How names come back from other scripts: a model learned from real round trips.

`normalizer/data/transliteration.json` is learned by
`tools/learn_transliteration.py` from the train split of
`tools/data/transliteration/` (Wikidata name pairs sent back to Latin letters
by real romanizers: normalizer.measure.roundtrip). For each script (Russian,
katakana, Chinese, Korean, Arabic, Hebrew) and for all of them pooled it holds
a stochastic edit distance over letter groups in the manner of Ristad and
Yianilos (1998), trained by hard (Viterbi) EM: the cost -log P(garbled group |
English group) of rewriting an English group of up to two letters into a
garbled group of up to three ("j" -> "dzh", "er" -> "aa", "l" -> "r", "" ->
"u"), and the folding rules mined from the same alignments for lookup keys.

Two functions for the engine, standard library only, the model read at the
first call:

- `score(word, name)`: how likely the printed `word` is a round-trip garble of
  the gazetteer word `name`, as a similarity on the scale of
  normalizer.similarity.similarity, with the route that explains it best
  ("katakana round trip", "Russian romanization", ...).
- `keys(word)`: a few lookup keys; a round-trip garble and its English
  original share one as often as the model can make them.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from itertools import chain
from operator import add, itemgetter
from pathlib import Path

from normalizer.folding import strip_accents

MODEL_RESOURCE = "transliteration.json"
POOLED = "pooled"
EXACT = 1.0
# The score never reaches the key tiers of normalizer.similarity (0.95 for an
# equal MT-folded key): the learned route is evidence beside them, not above.
SCORE_CAP = 0.94
_NOT_LETTER = re.compile(r"[^a-z]")
LM_PRIOR = 2.0
JOINT_SCRIPTS = 2  # scripts the joint model is asked under, this model's best first
JOINT_FLOOR = 0.5  # measured: the round-trip corpus loses nothing above it (at 0.6, 1% of its repairs)
SOURCES_KEPT = 1024  # per script table: what align() keeps of the names it saw


class Model:
    """One loaded model file: per route, source group -> {target group: cost}."""

    def __init__(self, data: dict):
        self.max_source = data["max_source"]
        self.max_target = data["max_target"]
        self.routes: dict[str, str] = data["routes"]
        self.calibration: list[float] = data["calibration"]
        # The English-name letter model: n-gram counts, their histories' counts summed from them.
        self.lm_order: int = data["english"]["order"]
        self.lm_grams: dict[str, int] = data["english"]["grams"]
        self.lm_history: dict[str, int] = {}
        for gram, count in self.lm_grams.items():
            self.lm_history[gram[:-1]] = self.lm_history.get(gram[:-1], 0) + count
        self.tables: dict[str, dict[str, dict[str, float]]] = {}
        self.floors: dict[str, tuple[float, float, float, float]] = {}
        for script, table in data["tables"].items():
            by_source: dict[str, dict[str, float]] = {}
            for entry in table["ops"]:
                source, target, cost = entry
                by_source.setdefault(source, {})[target] = cost
            self.tables[script] = by_source
            floors = table["floors"]
            self.floors[script] = (floors["identity"], floors["substitute"], floors["delete"], floors["insert"])
        self.aligners = {script: Table(table, self.floors[script], self.max_source, self.max_target) for script, table in self.tables.items()}
        self.folds: list[tuple[re.Pattern[str], str]] = [(re.compile(p), r) for p, r in data["keys"]["rules"]]
        self.loose_folds: list[tuple[re.Pattern[str], str]] = [(re.compile(p), r) for p, r in data["keys"]["loose"]]
        self.loose_min_length: int = data["keys"]["loose_min_length"]
        self.romanization_letters = frozenset(data.get("romanization_letters", ""))
        pinyin = data.get("pinyin", {})
        self.pinyin_syllables = frozenset(pinyin.get("syllables", ()))
        self.pinyin_min_marked: int = pinyin.get("min_marked", 0)
        self.pinyin_longest = max(map(len, self.pinyin_syllables), default=0)

    def english_cost(self, word: str) -> float:
        """-log P(word) under the letter n-gram model of English-side names
        (each order interpolated with the one below by LM_PRIOR pseudo-counts)."""
        order = self.lm_order
        padded = "^" * (order - 1) + word + "$"
        grams, history = self.lm_grams, self.lm_history
        total = 0.0
        for i in range(order - 1, len(padded)):
            p = 1 / 28
            for k in range(1, order + 1):
                seen = history.get(padded[i - k + 1 : i], 0)
                if seen:
                    p = (grams.get(padded[i - k + 1 : i + 1], 0) + LM_PRIOR * p) / (seen + LM_PRIOR)
            total -= math.log(p)
        return total

    def cost(self, script: str, source: str, target: str) -> float:
        """The cost of the cheapest route of `source` (English) to `target`
        (garbled), both lowercase ASCII letters, under `script`'s table."""
        return align(source, target, self.aligners[script])[0]


def plain(word: str) -> str:
    """Lowercase ASCII letters of a word ("Šulc" -> "sulc", "O'Neill" -> "oneill")."""
    return _NOT_LETTER.sub("", strip_accents(word).lower())


class Table:
    """One script's costs indexed for `align`: the single-letter steps apart
    (they fill every cell, so they are looked up per letter), and the group
    steps (rare: a few per pair) by where they can start in a source word.
    The table dict is read-only once given here."""

    def __init__(self, table: dict[str, dict[str, float]], floors: tuple[float, ...], max_source: int, max_target: int):
        self.table, self.floors = table, tuple(floors)
        self.max_source, self.max_target = max_source, max_target
        self.inserts = {t: c for t, c in table.get("", {}).items() if len(t) == 1} if max_target else {}
        self.insert_floor = floors[3] if max_target else math.inf
        # The "" group (multi-letter insertions) is the same at every row.
        self.in_row = {t: c for t, c in table.get("", {}).items() if 2 <= len(t) <= max_target}
        self.groups: dict[str, dict[str, float]] = {}
        for group, options in table.items():
            if 1 <= len(group) <= max_source:
                low = 2 if len(group) == 1 else 0
                kept = {t: c for t, c in options.items() if low <= len(t) <= max_target}
                if kept:
                    self.groups[group] = kept
        self.letters: dict[str, tuple[float, dict[str, float]]] = {}
        self.sources: dict[str, tuple] = {}

    def letter(self, c: str) -> tuple[float, dict[str, float]]:
        """The deletion cost of `c` and its 1x1 costs by garbled letter (a
        dict that fills in the floors as letters are asked for)."""
        found = self.letters.get(c)
        if found is None:
            identity, substitute, delete, _ = self.floors
            options = (self.table.get(c) or {}) if self.max_source else {}
            if not self.max_source:
                delete = identity = substitute = math.inf
            if not self.max_target:
                identity = substitute = math.inf
            singles = {t: cost for t, cost in options.items() if len(t) == 1} if self.max_target else {}
            found = self.letters[c] = (options.get("", delete), _Floors(identity, substitute, c, singles))
        return found

    def source(self, source: str) -> tuple[list[tuple[int, int, dict[str, float]]], list]:
        """Per source word: its groups that have group steps (row, letters,
        their steps by garbled piece), and per row its letter's costs. Kept
        for the last SOURCES_KEPT words (names recur), about 1 kB each."""
        found = self.sources.get(source)
        if found is None:
            n, groups = len(source), self.groups
            spans = [(i, a) for i in range(n) for a in range(1, min(self.max_source, n - i) + 1)]
            with_steps = [(i, a, groups[source[i : i + a]]) for i, a in spans if source[i : i + a] in groups]
            if len(self.sources) >= SOURCES_KEPT:
                self.sources.clear()
            found = self.sources[source] = (with_steps, [self.letter(c) for c in source])
        return found


class _Floors(dict):
    """1x1 costs of one source letter: learned where the table has one, else the floor."""

    def __init__(self, identity: float, substitute: float, letter: str, learned: dict[str, float]):
        super().__init__(learned)
        self.identity, self.substitute, self.letter = identity, substitute, letter

    def __missing__(self, t: str) -> float:
        cost = self[t] = self.identity if t == self.letter else self.substitute
        return cost


def pieces(target: str, max_target: int) -> dict[str, list[int]]:
    """Where each substring of `target` of up to `max_target` letters starts."""
    found: dict[str, list[int]] = {}
    for b in range(max_target + 1):
        for j in range(len(target) - b + 1):
            found.setdefault(target[j : j + b], []).append(j)
    return found


_tables: dict[int, Table] = {}


def align(
    source: str,
    target: str,
    table: dict[str, dict[str, float]] | Table,
    floors: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0),
    max_source: int = 0,
    max_target: int = 0,
    trace: bool = False,
    at: dict[str, list[int]] | None = None,
) -> tuple[float, list[tuple[str, str]]]:
    """The cheapest segmentation of `source` -> `target` into group rewrites.

    Each step rewrites source[i:i+a] (a <= max_source) into target[j:j+b]
    (b <= max_target); a group the table knows costs its learned cost; a
    single letter unknown to the table costs the floor of its kind
    (identity, substitution, deletion, insertion). Returns the total cost and,
    with `trace`, the steps (of equally cheap routes, the one whose earlier
    steps end first, row by row). `table` is a table dict with the floors and
    sizes, or a Table; `at` is pieces(target) if known.
    """
    if not isinstance(table, Table):
        known = _tables.get(id(table))  # the learner aligns thousands of pairs per table
        if known is None or known.table is not table or known.floors != tuple(floors) or (known.max_source, known.max_target) != (max_source, max_target):
            if len(_tables) >= 16:
                _tables.clear()
            known = _tables[id(table)] = Table(table, floors, max_source, max_target)
        table = known
    n, m = len(source), len(target)
    inf = math.inf
    at = pieces(target, table.max_target) if at is None else at
    with_steps, letters = table.source(source)
    # This pair's group steps (a few), by the row they reach: (row, column, from row, from column, cost).
    jumps = sorted(
        [(i + a, j + len(piece), i, j, steps[piece]) for i, a, steps in with_steps for piece in steps.keys() & at.keys() for j in at[piece]]
    )
    jumps.append((n + 1, 0, 0, 0, 0.0))
    in_row: dict[int, list[tuple[int, float]]] = {}  # multi-letter insertions, by the column they reach
    for piece in table.in_row.keys() & at.keys():
        for j in at[piece]:
            in_row.setdefault(j + len(piece), []).append((j, table.in_row[piece]))
    inserts = table.inserts
    ins = [0.0] + [inserts.get(t, table.insert_floor) for t in target]
    nothing = [inf] * (m + 1)
    rows: list[list[float]] = []
    above, delete, kept = nothing, inf, nothing  # nothing above row 0
    k = 0
    for i in range(n + 1):
        arriving = [0.0] + nothing[1:] if i == 0 else nothing
        while jumps[k][0] == i:
            _, end, i0, start, cost = jumps[k]
            if arriving is nothing:
                arriving = nothing[:]
            if rows[i0][start] + cost < arriving[end]:
                arriving[end] = rows[i0][start] + cost
            k += 1
        # Each cell: the cheapest of a deletion and a 1x1 step from the row
        # above, a group step arriving, an insertion from the cell before.
        row: list[float] = []
        here = inf
        if not in_row:
            for x, z, y, c in zip(above, kept, arriving, ins):
                here += c
                x += delete
                if x < here:
                    here = x
                if z < here:
                    here = z
                if y < here:
                    here = y
                row.append(here)
        else:
            for j, (x, z, y, c) in enumerate(zip(above, kept, arriving, ins)):
                here = min(here + c, x + delete, z, y, *[row[start] + cost for start, cost in in_row.get(j, ())])
                row.append(here)
        rows.append(row)
        if i < n:
            delete, sub = letters[i]
            # 1x1 steps into the next row, lazily (no list): column 0 has none.
            above, kept = row, chain((inf,), map(add, row, map(sub.__getitem__, target)))
    total = rows[n][m]
    return total, _trace(source, target, table, rows) if trace and total < inf else []


def _trace(source: str, target: str, table: Table, rows: list[list[float]]) -> list[tuple[str, str]]:
    """The steps back from the end: at each cell the step from the earliest
    cell (row, then column) whose cost plus the step's gives the cell's cost,
    the step a forward pass keeping the first of equal costs would record."""
    identity, substitute, delete, insert = table.floors
    steps: list[tuple[str, str]] = []
    i, j = len(source), len(target)
    while i or j:
        for a in range(min(table.max_source, i), -1, -1):
            piece = source[i - a : i]
            options = table.table.get(piece) or {}
            for b in range(min(table.max_target, j), -1, -1):
                garbled = target[j - b : j]
                cost = options.get(garbled)
                if cost is None and a + b == 1:
                    cost = insert if not a else delete
                elif cost is None and a == b == 1:
                    cost = identity if piece == garbled else substitute
                if cost is not None and a + b and rows[i - a][j - b] + cost == rows[i][j]:
                    break
            else:
                continue
            break
        steps.append((piece, garbled))
        i, j = i - a, j - b
    steps.reverse()
    return steps


@lru_cache(maxsize=1)
def model() -> Model:
    """The packaged model, read once."""
    # A plain path, as calibration.py reads its table: importlib.resources
    # costs more to import than the model costs to read.
    text = (Path(__file__).resolve().parent / "data" / MODEL_RESOURCE).read_text(encoding="utf-8")
    return Model(json.loads(text))


def calibrated(cost: float, curve: list[float]) -> float:
    """A similarity in [0, SCORE_CAP] from a cost (lower is likelier), by the
    piecewise-linear curve [cost, similarity, cost, similarity, ...] fitted on
    the dev split."""
    points = list(zip(curve[0::2], curve[1::2]))
    if cost <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if cost <= x1:
            return y0 + (y1 - y0) * (cost - x0) / (x1 - x0)
    return points[-1][1]


def evidence(word: str, name: str) -> tuple[float, str]:
    """log P(word | name, best route) - log P(word as an English-side name),
    in nats, and the best route's script: above 0, `word` is better explained
    as a round trip of `name` than as a real name spelled as it is."""
    return max(evidence_by_script(word, name), key=itemgetter(0))  # the first script of a tie


def evidence_by_script(word: str, name: str) -> list[tuple[float, str]]:
    """`evidence` under each script's route (and the pooled one)."""
    loaded = model()
    source, target = plain(name), plain(word)
    alone = loaded.english_cost(target)
    at = pieces(target, loaded.max_target)
    return [(alone - align(source, target, table, at=at)[0], script) for script, table in loaded.aligners.items()]


@lru_cache(maxsize=262144)
def score(word: str, name: str) -> tuple[float, str]:
    """How likely `word` (as printed) is a round-trip garble of the gazetteer
    word `name`, as a similarity on normalizer.similarity's scale, and the
    label of the route that explains it best. The evidence (`evidence`) is
    mapped by a curve fitted on the dev split: hard impostors (real names of
    nearly the same spelling) reach the apply threshold 0.8 in about 0.5%."""
    source, target = plain(name), plain(word)
    if not source or not target:
        return 0.0, "empty"
    if source == target:
        return EXACT, "exact"
    loaded = model()
    by_script = sorted(evidence_by_script(word, name), key=lambda pair: -pair[0])
    value, script = by_script[0]
    similarity = calibrated(-value, loaded.calibration)
    # The joint model (round_trip_model, its own curve) sees true round trips
    # as likelier; asked under the two best scripts, where this model finds
    # the pair neither unlike (JOINT_FLOOR) nor sure. The better reading kept.
    if JOINT_FLOOR <= similarity < SCORE_CAP:
        from normalizer import round_trip_model  # lazy: a 1 MB model, read only when a pair gets here

        scripts = tuple(s for _, s in by_script if s != POOLED)[:JOINT_SCRIPTS]
        joint, joint_script = round_trip_model.evidence(word, name, scripts)
        if joint_script and (joint_similarity := calibrated(-joint, round_trip_model.model().calibration)) > similarity:
            similarity, script = joint_similarity, joint_script
    return round(min(similarity, SCORE_CAP), 4), loaded.routes[script]


def explain(word: str, name: str, script: str) -> list[tuple[str, str]]:
    """The group rewrites of the cheapest route of `name` to `word` under `script`."""
    loaded = model()
    return align(
        plain(name), plain(word), loaded.tables[script], loaded.floors[script],
        loaded.max_source, loaded.max_target, trace=True,
    )[1]


def fold_key(word: str, rules: list[tuple[re.Pattern[str], str]] | None = None) -> str:
    """The learned strict folding of a word: the mined rewrite rules, in order."""
    key = plain(word)
    for pattern, replacement in model().folds if rules is None else rules:
        key = pattern.sub(replacement, key)
    return key


@lru_cache(maxsize=65536)
def keys(word: str) -> list[str]:
    """Lookup keys of a word: its strict learned folding, and the loose one
    that continues it when that is long enough to be specific. A round-trip
    garble and the English spelling it came from share a key as often as the
    mined rules manage (hit rate and collisions on dev:
    tools/learn_transliteration.py --measure)."""
    loaded = model()
    strict = fold_key(word, loaded.folds)
    if not strict:
        return []
    loose = strict
    for pattern, replacement in loaded.loose_folds:
        loose = pattern.sub(replacement, loose)
    if loose != strict and len(loose) >= loaded.loose_min_length:
        return [strict, "~" + loose]
    return [strict]
