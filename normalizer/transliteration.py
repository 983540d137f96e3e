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
Beside them, a letter model of what each script's round trips print, which
keeps a route from words unlike both those prints and an English name
(normalizer.printed).

Two functions for the engine, the model read at the first call (from the
cache: normalizer.model_files):

- `score(word, name)`: how likely the printed `word` is a round-trip garble of
  the gazetteer word `name`, as a similarity on the scale of
  normalizer.similarity.similarity, with the route that explains it best
  ("katakana round trip", "Russian romanization", ...).
- `keys(word)`: a few lookup keys; a round-trip garble and its English
  original share one as often as the model can make them.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from operator import itemgetter

from jellyfish import damerau_levenshtein_distance

from normalizer import pronunciation
from normalizer.alignment import Table, align, cheapest, pieces
from normalizer.folding import strip_accents
from normalizer.model_files import load_model
from normalizer.printed import PrintedLetters, letter_cost, may_print, packed_counts, syllables_allow
from normalizer.scheme_letters import as_wikipedia_prints

MODEL_RESOURCE = "transliteration.json"
POOLED = "pooled"
EXACT = 1.0
# The score never reaches the key tiers of normalizer.similarity (0.95 for an
# equal MT-folded key): the learned route is evidence beside them, not above.
SCORE_CAP = 0.94
_NOT_LETTER = re.compile(r"[^a-z]")
_NOT_LETTER_OR_LINE = re.compile(r"[^a-z\n]")
ENGLISH_COSTS_KEPT = 4096  # words whose english_cost is kept, about 100 bytes each
JOINT_SCRIPTS = 2  # scripts the joint model is asked under, this model's best first
JOINT_FLOOR = 0.5  # measured: the round-trip corpus loses nothing above it (at 0.6, 1% of its repairs)


class Model:
    """One loaded model file: per route, source group -> {target group: cost}."""

    def __init__(self, data: dict):
        self.max_source = data["max_source"]
        self.max_target = data["max_target"]
        self.routes: dict[str, str] = data["routes"]
        self.calibration: list[float] = data["calibration"]
        # The English-name letter model: n-gram counts, their histories' counts summed from them.
        # Packed: a cached model maps the 11,732 grams from disk instead of
        # unpickling a dict of them (half the model's load), and a cold start
        # reads the hundred it asks for (packed.Single remembers them, bounded).
        self.lm_order: int = data["english"]["order"]
        self.lm_counts = packed_counts(data["english"]["grams"])
        self._english_costs: dict[str, float] = {}  # english_cost by word: a word is weighed against many names
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
        # One alignment under it bounds every script's cost from below (score_above),
        # which says something only through a curve that falls as the cost grows.
        self.cheapest = cheapest(list(self.aligners.values())) if _falls(self.calibration) else None
        self.folds: list[tuple[re.Pattern[str], str]] = [(re.compile(p), r) for p, r in data["keys"]["rules"]]
        self.loose_folds: list[tuple[re.Pattern[str], str]] = [(re.compile(p), r) for p, r in data["keys"]["loose"]]
        self.loose_min_length: int = data["keys"]["loose_min_length"]
        self.romanization_letters = frozenset(data.get("romanization_letters", ""))
        pinyin = data.get("pinyin", {})
        self.pinyin_syllables = frozenset(pinyin.get("syllables", ()))
        self.pinyin_min_marked: int = pinyin.get("min_marked", 0)
        self.pinyin_longest = max(map(len, self.pinyin_syllables), default=0)
        # The same syllables without their tone marks: what a Chinese round trip prints, cut into pieces.
        self.plain_pinyin = frozenset(plain(syllable) for syllable in self.pinyin_syllables) - {""}
        # What a Korean round trip prints, one Hangul block at a time.
        self.korean_syllables = frozenset(data.get("korean", {}).get("syllables", ()))
        cyrillic = data.get("cyrillic", {})
        self.cyrillic_letters = frozenset(cyrillic.get("letters", ""))
        self.cyrillic_marks = frozenset(cyrillic.get("marks", ""))
        # What each script's round trips print (normalizer.printed).
        self.printed = PrintedLetters(data.get("printed", {}))

    def english_like(self, letters: str) -> bool:
        """Whether `letters` (plain) cost no more a letter as an English-side
        name than nearly every real one does (the model's English bound)."""
        return self.english_cost(letters) <= self.printed.english_bound * (len(letters) + 1)

    def english_cost(self, word: str) -> float:
        """-log P(word) under the letter n-gram model of English-side names
        (each order interpolated with the one below by LM_PRIOR pseudo-counts)."""
        found = self._english_costs.get(word)
        if found is None:
            if len(self._english_costs) >= ENGLISH_COSTS_KEPT:
                self._english_costs.clear()
            found = self._english_costs[word] = self._english_cost(word)
        return found

    def _english_cost(self, word: str) -> float:
        return letter_cost(word, self.lm_counts.get, self.lm_order)

    def cost(self, script: str, source: str, target: str) -> float:
        """The cost of the cheapest route of `source` (English) to `target`
        (garbled), both lowercase ASCII letters, under `script`'s table."""
        return align(source, target, self.aligners[script])[0]


def plain(word: str) -> str:
    """Lowercase ASCII letters of a word ("Šulc" -> "sulc", "O'Neill" -> "oneill")."""
    return _NOT_LETTER.sub("", strip_accents(word).lower())


@lru_cache(maxsize=1)
def model() -> Model:
    """The packaged model, read once."""
    return load_model(MODEL_RESOURCE, Model)


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
    as a round trip of `name` than as a real name spelled as it is; -inf
    where no script may print `word`."""
    found = evidence_by_script(word, name)
    return max(found, key=itemgetter(0)) if found else (-math.inf, POOLED)  # the first script of a tie


def evidence_by_script(word: str, name: str) -> list[tuple[float, str]]:
    """`evidence` under each script's route (and the pooled one) that may
    print the word (normalizer.printed): the tables score letters alone, and
    read "Ngcamu" (a Zulu surname) as N'Tam through Chinese at 0.93, a
    typist's "Cgywin" as Ogun through Korean. A slip of the name itself, one
    edit, is read by every route its syllables allow."""
    loaded = model()
    source, target = plain(name), plain(word)
    alone = loaded.english_cost(target)
    at = pieces(target, loaded.max_target)
    # A typist's slip of the name ("Trmup"): the slip, not a script, made its letters unlike English.
    allowed = syllables_allow if damerau_levenshtein_distance(source, target) <= 1 else may_print
    return [
        (alone - align(source, target, table, at=at)[0], script)
        for script, table in loaded.aligners.items()
        if allowed(target, script)
    ]


# Nats by which a script must explain a pair better than every other script
# and the pooled model before a correction's reason names it (e^2: about 7
# times likelier). On round-trip Wikinews, with the script of each garble
# known, 2 names the right script 223 times and a wrong one never (at 0: 314
# right, 16 wrong); on the garbled, held-out and MT corpora, whose garbles
# crossed no script, a script is named 46 times instead of 192 ("'Zelenksyy'
# ~ 'Zelenskyy': Korean romanization" for a typist's swap).
# `python benchmarks/route_labels.py` measures it.
NAMED_ROUTE_MARGIN = 2.0


# A pair, its score and its route take ~250 bytes in the cache: ~4 MB. A
# batch asks again mostly about the pairs of its recurring unknown words
# (2,000 articles with the bundled gazetteers: 15,000 pairs).
SCORES_REMEMBERED = 16_384


@lru_cache(maxsize=SCORES_REMEMBERED)
def score(word: str, name: str) -> tuple[float, str]:
    """`spelled_score`, or the reading of a name written by ear ("Bajden",
    Байден, for Biden) by its pronunciation (normalizer.pronunciation) where
    that is the higher."""
    found = spelled_score(word, name)
    heard = pronunciation.score(plain(word), plain(name)) if found[0] < SCORE_CAP else None
    # The label stays the letters': the script the spelling shows ("'Banama' ~ 'Panama': Arabic
    # romanization"), a claim evidence.another_person relies on; the sound says only how likely.
    return (heard, found[1]) if heard is not None and heard > found[0] else found


@lru_cache(maxsize=SCORES_REMEMBERED)
def spelled_score(word: str, name: str) -> tuple[float, str]:
    """How likely `word` (as printed) is a round-trip garble of the gazetteer
    word `name`, as a similarity on normalizer.similarity's scale, and the
    label of the route that explains it best. The evidence (`evidence`) is
    mapped by a curve fitted on the dev split: hard impostors (real names of
    nearly the same spelling) reach the apply threshold 0.8 in about 0.5%.
    A word with the marked letters of a strict Cyrillic scheme is also read
    as the Wikipedia scheme prints the same Cyrillic ("Tûmèn" as "Tyumen"):
    the better reading is kept."""
    found = _score(word, name)
    wider = as_wikipedia_prints(word)
    if wider != word and (other := _score(wider, name))[0] > found[0]:
        # Spelled letter for letter as that scheme prints the name: a Russian romanization, as sure as a route reads.
        return (SCORE_CAP, model().routes["russian"]) if other[1] == "exact" else other
    return found


def _score(word: str, name: str) -> tuple[float, str]:
    source, target = plain(name), plain(word)
    if not source or not target:
        return 0.0, "empty"
    if source == target:
        return EXACT, "exact"
    loaded = model()
    by_script = sorted(evidence_by_script(word, name), key=lambda pair: -pair[0])
    if not by_script:  # no script's round trips print the word: none reads it
        return _unread(loaded)
    value, script = by_script[0]
    similarity = calibrated(-value, loaded.calibration)
    # The joint model (round_trip_model, its own curve) sees true round trips
    # as likelier; asked under the two best scripts, where this model finds
    # the pair not unlike (JOINT_FLOOR). Below the cap the better reading is kept.
    if JOINT_FLOOR <= similarity:
        from normalizer import round_trip_model  # lazy: a 1 MB model, read only when a pair gets here

        scripts = tuple(s for _, s in by_script if s != POOLED)[:JOINT_SCRIPTS]
        if similarity < SCORE_CAP:
            joint, joint_script = round_trip_model.evidence(word, name, scripts)
            writes = joint > -math.inf
            if joint_script and (joint_similarity := calibrated(-joint, round_trip_model.model().calibration)) > similarity:
                similarity, script = joint_similarity, joint_script
        else:
            writes = round_trip_model.writes(word, name, scripts)  # at the cap only whether, not how likely
        if not writes:
            # No cutting of the two spellings into pieces those scripts write: no
            # round trip makes the pair. This model's evidence is its cost less the
            # word's cost as an English name, so a word unlike English reaches the
            # cap on a poor alignment ("Abqaiq", a Saudi town, as Abbas through
            # pinyin); of 1,700 real round-trip pairs at 0.5 or more, none is here.
            return _unread(loaded)
    # The reason names a script only where it explains the pair clearly
    # better than every other one; else the plain "transliteration".
    runner_up = by_script[1][0] if len(by_script) > 1 else -math.inf
    clear = script == by_script[0][1] and value - runner_up >= NAMED_ROUTE_MARGIN
    return round(min(similarity, SCORE_CAP), 4), loaded.routes[script if clear else POOLED]


def _unread(loaded: Model) -> tuple[float, str]:
    """The score of a pair no route reads: the floor of the curve."""
    return round(calibrated(math.inf, loaded.calibration), 4), loaded.routes[POOLED]


# A similarity this far under a floor or more rounds (to 4 places) to no more than it.
ROUNDING = 1e-4


def score_above(word: str, name: str, floor: float, by_ear: bool = True) -> tuple[float, str] | None:
    """`score(word, name)` if its similarity is above `floor`, else None:
    normalizer.similarity needs the learned reading of a pair only where it
    beats the spelling's. Most pairs it is asked about are far from a round
    trip, and one alignment under the cheapest steps of all the scripts
    shows it (their similarity below `floor` and below JOINT_FLOOR: no joint
    reading either) instead of one under each script."""
    loaded = model()
    source, target = plain(name), plain(word)
    if loaded.cheapest is not None and source and target and source != target and as_wikipedia_prints(word) == word:
        best = loaded.english_cost(target) - align(source, target, loaded.cheapest)[0]
        if calibrated(-best, loaded.calibration) < min(JOINT_FLOOR, floor - ROUNDING) and not (
            by_ear and pronunciation.may_reach(target, source, floor - ROUNDING)
        ):
            return None
    found = score(word, name) if by_ear else spelled_score(word, name)
    return found if found[0] > floor else None


def _falls(curve: list[float]) -> bool:
    """Whether a calibration curve never rises as the cost grows (a fitted one does not)."""
    points = list(zip(curve[0::2], curve[1::2]))
    return all(x1 > x0 and y1 <= y0 for (x0, y0), (x1, y1) in zip(points, points[1:]))


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


# A word and its one or two keys take ~250 bytes in the cache: ~4 MB. The
# index asks for the keys of the unknown words only.
KEYS_REMEMBERED = 16_384


@lru_cache(maxsize=KEYS_REMEMBERED)
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
    return _keys_of(strict, loose, loaded.loose_min_length)


def _keys_of(strict: str, loose: str, loose_min_length: int) -> list[str]:
    """The keys of a word from its strict and loose foldings (`keys`)."""
    if not strict:
        return []
    if loose != strict and len(loose) >= loose_min_length:
        return [strict, "~" + loose]
    return [strict]


# A learned rule that cannot match or make a line break (letters, groups,
# back-references, lookarounds, repeats, anchors, classes that are not
# negated) rewrites each line of several words joined one a line as it
# rewrites each word alone: `keys_of_all` applies such rules once to all.
_LINE_SAFE_PATTERN = re.compile(r"(?:[a-z().|+*?{},0-9^$]|\\[1-9]|\(\?(?:<?[=!]|:)|\[(?!\^)[a-z-]*\])*")
_LINE_SAFE_REPLACEMENT = re.compile(r"(?:[a-z]|\\[1-9])*")


def keys_of_all(words: list[str]) -> list[list[str]]:
    """`keys` of each word, each rule applied once to them all, one a line
    (building the index keys 100,000 words; one at a time, the rule calls
    cost more than the folding). Word by word when a rule is not line-safe."""
    loaded = model()
    rules = [*loaded.folds, *loaded.loose_folds]
    text = "\n".join(words)
    if text.count("\n") != max(len(words) - 1, 0) or not all(
        _LINE_SAFE_PATTERN.fullmatch(pattern.pattern) and _LINE_SAFE_REPLACEMENT.fullmatch(replacement)
        for pattern, replacement in rules
    ):
        return [keys(word) for word in words]
    if not text.isascii():
        text = "\n".join([strip_accents(word) for word in words])
    text = _NOT_LETTER_OR_LINE.sub("", text.lower())
    for pattern, replacement in loaded.folds:
        text = re.sub(pattern.pattern, replacement, text, flags=re.MULTILINE)
    strict = text.split("\n") if words else []
    for pattern, replacement in loaded.loose_folds:
        text = re.sub(pattern.pattern, replacement, text, flags=re.MULTILINE)
    loose = text.split("\n") if words else []
    return [_keys_of(one, other, loaded.loose_min_length) for one, other in zip(strict, loose)]
