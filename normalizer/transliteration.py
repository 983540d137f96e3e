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

import importlib.resources
import json
import math
import re
from functools import lru_cache

from normalizer.folding import strip_accents

MODEL_RESOURCE = "transliteration.json"
POOLED = "pooled"
EXACT = 1.0
# The score never reaches the key tiers of normalizer.similarity (0.95 for an
# equal MT-folded key): the learned route is evidence beside them, not above.
SCORE_CAP = 0.94
_NOT_LETTER = re.compile(r"[^a-z]")
LM_PRIOR = 2.0


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
        self.folds: list[tuple[re.Pattern[str], str]] = [(re.compile(p), r) for p, r in data["keys"]["rules"]]
        self.loose_folds: list[tuple[re.Pattern[str], str]] = [(re.compile(p), r) for p, r in data["keys"]["loose"]]
        self.loose_min_length: int = data["keys"]["loose_min_length"]
        self.romanization_letters = frozenset(data.get("romanization_letters", ""))

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
        return align(source, target, self.tables[script], self.floors[script], self.max_source, self.max_target)[0]


def plain(word: str) -> str:
    """Lowercase ASCII letters of a word ("Šulc" -> "sulc", "O'Neill" -> "oneill")."""
    return _NOT_LETTER.sub("", strip_accents(word).lower())


def align(
    source: str,
    target: str,
    table: dict[str, dict[str, float]],
    floors: tuple[float, float, float, float],
    max_source: int,
    max_target: int,
    trace: bool = False,
) -> tuple[float, list[tuple[str, str]]]:
    """The cheapest segmentation of `source` -> `target` into group rewrites.

    Each step rewrites source[i:i+a] (a <= max_source) into target[j:j+b]
    (b <= max_target); a group the table knows costs its learned cost; a
    single letter unknown to the table costs the floor of its kind
    (identity, substitution, deletion, insertion). Returns the total cost and,
    with `trace`, the steps.
    """
    identity_floor, substitute_floor, delete_floor, insert_floor = floors
    n, m = len(source), len(target)
    inf = math.inf
    width = m + 1
    best = [inf] * ((n + 1) * width)
    back: list[tuple[int, int, int] | None] = [None] * ((n + 1) * width) if trace else []
    best[0] = 0.0
    targets = [[target[j : j + b] for b in range(max_target + 1)] for j in range(m + 1)]
    for i in range(n + 1):
        sources = [source[i : i + a] for a in range(min(max_source, n - i) + 1)]
        for j in range(m + 1):
            here = best[i * width + j]
            if here == inf:
                continue
            row = targets[j]
            top_b = min(max_target, m - j)
            for a, piece in enumerate(sources):
                options = table.get(piece)
                for b in range(top_b + 1):
                    if a == 0 and b == 0:
                        continue
                    garbled = row[b]
                    cost = options.get(garbled) if options else None
                    if cost is None:
                        if a == 1 and b == 1:
                            cost = identity_floor if piece == garbled else substitute_floor
                        elif a == 1 and b == 0:
                            cost = delete_floor
                        elif a == 0 and b == 1:
                            cost = insert_floor
                        else:
                            continue
                    total = here + cost
                    cell = (i + a) * width + j + b
                    if total < best[cell]:
                        best[cell] = total
                        if trace:
                            back[cell] = (i, j, a * 16 + b)
    total = best[n * width + m]
    steps: list[tuple[str, str]] = []
    if trace and total < inf:
        cell = n * width + m
        while cell:
            i, j, ab = back[cell]  # type: ignore[misc]
            a, b = divmod(ab, 16)
            steps.append((source[i : i + a], target[j : j + b]))
            cell = i * width + j
        steps.reverse()
    return total, steps


@lru_cache(maxsize=1)
def model() -> Model:
    """The packaged model, read once."""
    text = importlib.resources.files("normalizer.data").joinpath(MODEL_RESOURCE).read_text(encoding="utf-8")
    return Model(json.loads(text))


def romanization_letters() -> frozenset[str]:
    """Letters the romanizers write that real names almost never hold
    (pinyin's tone marks "ǎ", "ǐ"): learned from the train split."""
    return model().romanization_letters


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
    loaded = model()
    source, target = plain(name), plain(word)
    alone = loaded.english_cost(target)
    best, best_script = -math.inf, POOLED
    for script in loaded.tables:
        value = alone - loaded.cost(script, source, target)
        if value > best:
            best, best_script = value, script
    return best, best_script


@lru_cache(maxsize=262144)
def score(word: str, name: str) -> tuple[float, str]:
    """How likely `word` (as printed) is a round-trip garble of the gazetteer
    word `name`: a similarity in [0, 1] on the scale of
    normalizer.similarity.similarity (1.0 equal ignoring case and accents),
    and the label of the route that explains it best.

    The evidence (log-likelihood ratio of "a round trip of `name`" against "a
    real name spelled as it is", `evidence`) is mapped by a curve fitted on
    the dev split: hard impostors (different real names of nearly the same
    spelling) reach the engine's apply threshold 0.8 in about 0.5% of cases.
    """
    source, target = plain(name), plain(word)
    if not source or not target:
        return 0.0, "empty"
    if source == target:
        return EXACT, "exact"
    loaded = model()
    value, script = evidence(word, name)
    similarity = calibrated(-value, loaded.calibration)
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
