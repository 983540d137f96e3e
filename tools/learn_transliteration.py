"""Learn normalizer/data/transliteration.json from the TRAIN split of
tools/data/transliteration/ (the dev split is read only to calibrate scores
and to measure; see --measure).

    python tools/learn_transliteration.py              # rewrite the model file
    python tools/learn_transliteration.py --check      # exit 1 if the committed file differs
    python tools/learn_transliteration.py --measure    # score and key measurements on dev

What it does, deterministically (same data and romanizer versions, same bytes):

1. Pairs. For each script, the first WORDS_PER_SCRIPT train words (file
   order) whose English side is three letters or more; each word's native
   spelling is sent back to Latin letters by every scheme of
   normalizer.measure.roundtrip, giving (english, garbled) pairs.
2. Alignment model, per script and pooled: a stochastic edit distance over
   letter groups (Ristad and Yianilos 1998) trained by hard EM. Iteration 0
   aligns with single-letter edits of fixed costs; every iteration then counts
   the steps of each pair's cheapest alignment, adds the runs of adjacent
   changed steps merged into one group (up to MAX_SOURCE English letters and
   MAX_TARGET garbled letters: "j" -> "dzh", "er" -> "aa"), and sets each
   group's cost to -log(count / occurrences of the English group in the
   training words); the next iteration aligns with those costs.
3. The alternative to a garble: a letter trigram model of the English side
   of the train split (every script's words), so that a score weighs "a round
   trip of this name" against "a real name spelled as it is"
   (normalizer.transliteration.evidence).
4. Calibration: one monotone curve from that evidence to a similarity on
   normalizer.similarity's scale, from the first dev words of each script:
   true round trips, hard impostors (two different dev names with the same
   first three letters and lengths within one) and random impostors (another
   word's round trip).
5. Keys: folding rules mined greedily from the aligned groups: at each round
   the candidate rewrite (applied to both spellings) that most raises the
   train hit rate (garble and English share the key) less the rise in
   collisions (distinct English names sharing a key), until no candidate
   gains.
6. Romanization letters: the letters the romanizers write (pinyin's tone
   marks) that real names of the train split almost never hold, so that a
   word holding one is read as a round trip, not as a name spelled in its own
   language (normalizer.suspects).
7. Syllables: the pinyin syllables of the train split's Chinese spellings, and
   the syllables its Hangul spellings print one block at a time, so that the
   Chinese and Korean routes read only words those syllables spell
   (normalizer.transliteration.evidence_by_script).
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import random
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from normalizer.measure.roundtrip import ROUTES, SCRIPTS, printed_round_trips, read_pairs  # noqa: E402
from normalizer.measure.roundtrip import round_trip_forms as _round_trip_forms  # noqa: E402
from normalizer.printed import letter_cost, with_histories  # noqa: E402
from normalizer.transliteration import POOLED, SCORE_CAP, Model, align, plain  # noqa: E402

# The pairs and the romanization letters read the same train words: romanize each once.
round_trip_forms = lru_cache(maxsize=None)(_round_trip_forms)

DATA = ROOT / "tools" / "data" / "transliteration"
OUTPUT = ROOT / "normalizer" / "data" / "transliteration.json"
WORDS_PER_SCRIPT = 1000
KEY_WORDS_PER_SCRIPT = 400
DEV_WORDS_PER_SCRIPT = 600
CALIBRATION_WORDS_PER_SCRIPT = 150
HARD_IMPOSTORS = 1500
RANDOM_IMPOSTORS = 500
LM_ORDER = 3
MAX_SOURCE = 2
MAX_TARGET = 3
ITERATIONS = 3
MIN_GROUP_COUNT = 3
MIN_LENGTH = 3
INITIAL_FLOORS = (0.0, 2.0, 2.0, 2.0)  # identity, substitute, delete, insert
SEED = 12
# A letter the romanizers write this many times more often (per word) than
# real names hold it, in this many round-trip forms at least, marks a word as
# a romanization, not a name in its own spelling (see romanization_letters).
ROMANIZATION_RATIO = 100
MIN_LETTER_FORMS = 20
# A word spelled wholly in tone-marked pinyin syllables, with at least this
# many marked, is a pinyin round trip ("Túníxīyà"), though each of its letters
# (ú, í, à) is common in real names (see pinyin_syllables).
MIN_MARKED_SYLLABLES = 2
# A word spelled wholly in the letters the Cyrillic romanizers print, one of
# them a marked letter this many times likelier in their forms than in real
# names ("Tûler", "Mèdrid": GOST 7.79's ю, э), is a Cyrillic round trip;
# measured against the Russian forms alone, the ratio parts "û" (281), "è"
# (24) and "â" (37) from the Czech-like "š" (5.7) and "č" (6.1).
CYRILLIC_MARK_RATIO = 20
SMOOTHING = 2  # added to a group's occurrences: a group seen 3 times in 3 is not certain
# Words per script whose round-trip forms teach the letter model of what that
# script's round trips print (printed_letters), and the share of the dev
# split's forms its per-letter bound lets through; and the share of the dev
# split's English names the English letter model's bound lets through. A word
# costlier a letter than both bounds, unlike any round trip and unlike an
# English name ("Cgywin", "Rlvg"), is beyond what the routes can weigh.
PRINTED_WORDS_PER_SCRIPT = 4000
PRINTED_SHARE = 0.995
ENGLISH_SHARE = 0.999


def training_pairs(script: str, split: str, words: int, skip: int = 0) -> list[tuple[str, str]]:
    """(english, garbled) of the first `words` usable words of a split, after `skip`."""
    pairs: list[tuple[str, str]] = []
    taken = 0
    seen = 0
    for english, native in read_pairs(DATA / f"{script}.{split}.tsv"):
        source = plain(english)
        if len(source) < MIN_LENGTH or source != strip_plain(english):
            continue
        seen += 1
        if seen <= skip:
            continue
        forms = {plain(form) for form in round_trip_forms(script, native)}
        forms.discard("")
        if not forms:
            continue
        pairs.extend((source, form) for form in sorted(forms))
        taken += 1
        if taken >= words:
            break
    return pairs


def strip_plain(english: str) -> str:
    """The English word lowercased, accents stripped, but other characters
    kept: a word with a hyphen or an apostrophe is left out of training."""
    from normalizer.folding import strip_accents

    return strip_accents(english).lower()


# ---------------------------------------------------------------- hard EM


def substrings(words: list[str], longest: int) -> Counter:
    """How often each substring of up to `longest` letters occurs in `words`."""
    counts: Counter = Counter()
    for word in words:
        for size in range(1, longest + 1):
            for i in range(len(word) - size + 1):
                counts[word[i : i + size]] += 1
    return counts


def merged_runs(steps: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Runs of adjacent changed steps merged into groups within the size limits."""
    groups = []
    run: list[tuple[str, str]] = []
    for step in steps + [("#", "#")]:
        if step[0] != step[1]:
            run.append(step)
            continue
        if len(run) > 1:
            source = "".join(s for s, _ in run)
            target = "".join(t for _, t in run)
            if len(source) <= MAX_SOURCE and len(target) <= MAX_TARGET and source != target:
                groups.append((source, target))
        run = []
    return groups


def with_context(steps: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A lone insertion or deletion joined to the step before it and to the
    step after it: the groups it may belong to ("t" -> "to" from "t" -> "t"
    then "" -> "o")."""
    groups = []
    for k, (source, target) in enumerate(steps):
        if source and target:
            continue
        joined = []
        if k:
            joined.append((steps[k - 1][0] + source, steps[k - 1][1] + target))
        if k + 1 < len(steps):
            joined.append((source + steps[k + 1][0], target + steps[k + 1][1]))
        for group in joined:
            if 0 < len(group[0]) <= MAX_SOURCE and len(group[1]) <= MAX_TARGET and group[0] != group[1]:
                groups.append(group)
    return groups


def train(pairs: list[tuple[str, str]]) -> dict:
    """Hard-EM group edit model of (english, garbled) pairs; "counts" are the
    last iteration's step counts, "occurrences" and "insert_chances" what they
    were divided by."""
    occurrences = substrings([english for english, _ in pairs], MAX_SOURCE)
    insert_chances = sum(len(english) + 1 for english, _ in pairs)
    table: dict[str, dict[str, float]] = {}
    floors = INITIAL_FLOORS
    for _ in range(ITERATIONS):
        counts: Counter = Counter()
        for english, garbled in pairs:
            _, steps = align(english, garbled, table, floors, MAX_SOURCE, MAX_TARGET, trace=True)
            counts.update(steps)
            counts.update(merged_runs(steps))
            counts.update(with_context(steps))
        table, floors, ops = costs(counts, occurrences, insert_chances)
    return model_of(counts, occurrences, insert_chances)


def model_of(counts: Counter, occurrences: Counter, insert_chances: int) -> dict:
    table, floors, ops = costs(counts, occurrences, insert_chances)
    return {
        "ops": ops,
        "floors": dict(zip(("identity", "substitute", "delete", "insert"), floors)),
        "table": table,
        "counts": counts,
        "occurrences": occurrences,
        "insert_chances": insert_chances,
    }


def pooled_model(models: list[dict]) -> dict:
    """All scripts at once: the scripts' last alignments counted together."""
    counts: Counter = Counter()
    occurrences: Counter = Counter()
    chances = 0
    for part in models:
        counts.update(part["counts"])
        occurrences.update(part["occurrences"])
        chances += part["insert_chances"]
    return model_of(counts, occurrences, chances)


def costs(counts: Counter, occurrences: Counter, insert_chances: int):
    table: dict[str, dict[str, float]] = defaultdict(dict)
    ops = []
    worst = {"identity": 0.0, "substitute": 0.0, "delete": 0.0, "insert": 0.0}
    for (source, target), count in sorted(counts.items()):
        single = len(source) <= 1 and len(target) <= 1
        if not single and count < MIN_GROUP_COUNT:
            continue
        chances = occurrences[source] if source else insert_chances
        if not chances:
            continue
        cost = round(-math.log(count / (chances + SMOOTHING)), 2) + 0.0
        table[source][target] = cost
        ops.append([source, target, cost])
        if single:
            kind = "identity" if source == target else "insert" if not source else "delete" if not target else "substitute"
            worst[kind] = max(worst[kind], cost)
    # A single edit the data never showed costs a little more than the rarest it did.
    floors = (
        round(worst["identity"] + 1, 2),
        round(worst["substitute"] + 1, 2),
        round(worst["delete"] + 1, 2),
        round(worst["insert"] + 1, 2),
    )
    return dict(table), floors, ops


# ---------------------------------------------------------------- calibration


def per_letter(english: str, garbled: str, model: dict) -> float:
    cost, _ = align(english, garbled, model["table"], tuple(model["floors"].values()), MAX_SOURCE, MAX_TARGET)
    return cost / max(len(english), 1)


def impostors(pairs: list[tuple[str, str]], rng: random.Random) -> list[tuple[str, str]]:
    """Each English word against a garbled form of another word of its length."""
    by_length: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for english, garbled in pairs:
        by_length[len(english)].append((english, garbled))
    out = []
    for english, _ in pairs:
        pool = by_length[len(english)]
        for _ in range(5):
            other_english, other = pool[rng.randrange(len(pool))]
            if other_english != english:
                out.append((english, other))
                break
    return out


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(q * (len(ordered) - 1) + 0.5)))]


def calibration_curve(true_costs: list[float], false_costs: list[float]) -> list[float]:
    """A decreasing cost -> similarity curve (cost = minus the evidence) through
    anchors: the most garble-like 0.5% of impostors at 0.8 (the engine's apply
    threshold), 5% at 0.6 (a suggestion), half at 0.3, 95% at 0; the median
    true pair at SCORE_CAP and its 25th percentile at 0.88 when they are
    cheaper than the 0.8 anchor (an anchor out of order is dropped)."""
    false_anchors = [
        (quantile(false_costs, 0.005), 0.8),
        (quantile(false_costs, 0.05), 0.6),
        (quantile(false_costs, 0.5), 0.3),
        (quantile(false_costs, 0.95), 0.0),
    ]
    true_anchors = [(quantile(true_costs, 0.5), SCORE_CAP), (quantile(true_costs, 0.75), 0.88)]
    limit = false_anchors[0][0]
    anchors = sorted((x, y) for x, y in true_anchors if x < limit) + false_anchors
    curve: list[float] = []
    last_x = -math.inf
    for x, y in anchors:
        x = round(max(x, last_x + 0.01), 3)
        curve += [x, y]
        last_x = x
    return curve


def hard_impostors(words: list[str], limit: int) -> list[tuple[str, str]]:
    """Pairs of different names spelled nearly alike (same first three letters,
    lengths within one): a real name that a garble score must not take for
    a round trip of the other."""
    by_start: dict[str, list[str]] = defaultdict(list)
    for word in sorted(set(words)):
        by_start[word[:3]].append(word)
    pairs = []
    for group in by_start.values():
        for a, b in zip(group, group[1:]):
            if abs(len(a) - len(b)) <= 1:
                pairs.append((a, b))
    return pairs[:limit]


def english_grams(order: int = LM_ORDER) -> dict[str, int]:
    """Letter n-gram counts (n <= order) of the English side of every train file."""
    words: set[str] = set()
    for script in SCRIPTS:
        for english, _ in read_pairs(DATA / f"{script}.train.tsv"):
            source = strip_plain(english)
            if source.isascii() and source.isalpha():
                words.add(source)
    return letter_grams(sorted(words), order)


def letter_grams(words: list[str], order: int = LM_ORDER) -> dict[str, int]:
    """Letter n-gram counts (n <= order) of `words`, each padded as normalizer.printed.letter_cost reads it."""
    grams: Counter = Counter()
    for word in words:
        padded = "^" * (order - 1) + word + "$"
        for i in range(order - 1, len(padded)):
            for k in range(1, order + 1):
                grams[padded[i - k + 1 : i + 1]] += 1
    return dict(sorted(grams.items()))


# ---------------------------------------------------------------- keys


# Rewrites every key learner may try besides the learned groups: the folds
# that need a pattern rather than a literal.
GENERIC_RULES = (
    (r"(?<=.)[aeiou]", ""),  # vowels after the first letter
    (r"(?<=.)[aeiouy]", ""),
    (r"(.)\1+", r"\1"),  # doubled letters
    (r"[aeiou]$", ""),  # a final vowel
    (r"(?<=[aeiou])h$", ""),  # a final h after a vowel
    (r"y", "i"),
)
KEY_CANDIDATE_COUNT = 20  # a group must have been aligned this often to be tried as a rule
# What one colliding name costs against one pair brought together: the strict
# key first, then the loose key that continues it (used only when long).
KEY_COLLISION_WEIGHT = 3.0
LOOSE_KEY_COLLISION_WEIGHT = 0.5
LOOSE_KEY_MIN_LENGTH = 4
KEY_MIN_GAIN = 0.002
KEY_MAX_RULES = 40


def key_candidates(counts: Counter) -> list[tuple[str, str]]:
    """Literal rewrites from the aligned groups, both ways, and the generic folds."""
    candidates: set[tuple[str, str]] = set()
    for (source, target), count in counts.items():
        if count < KEY_CANDIDATE_COUNT or source == target:
            continue
        if source:
            candidates.add((re.escape(source), target))
        if target:
            candidates.add((re.escape(target), source))
    return sorted(candidates) + list(GENERIC_RULES)


class KeyLearner:
    """Greedy choice of folding rules: each round adds the rule that most
    raises (pairs whose two sides share the key) / pairs less
    KEY_COLLISION_WEIGHT * (names sharing their key with another) / names."""

    def __init__(self, pairs: list[tuple[str, str]], names: list[str]):
        strings = sorted({s for pair in pairs for s in pair} | set(names))
        self.index = {s: i for i, s in enumerate(strings)}
        self.keys = list(strings)
        self.pairs = [(self.index[e], self.index[g]) for e, g in pairs]
        self.names = sorted({self.index[n] for n in names})
        self.is_name = set(self.names)
        self.pairs_of: dict[int, list[int]] = defaultdict(list)
        for k, (e, g) in enumerate(self.pairs):
            self.pairs_of[e].append(k)
            self.pairs_of[g].append(k)
        self.bucket: Counter = Counter(self.keys[i] for i in self.names)
        self.weight = KEY_COLLISION_WEIGHT

    def hits(self) -> int:
        return sum(self.keys[e] == self.keys[g] for e, g in self.pairs)

    def collided(self) -> int:
        return sum(1 for i in self.names if self.bucket[self.keys[i]] > 1)

    def changes(self, pattern: re.Pattern[str], replacement: str) -> dict[int, str]:
        changed = {}
        literal = pattern.pattern if pattern.pattern.isalpha() else None
        for i, key in enumerate(self.keys):
            if literal is not None:
                if literal not in key:
                    continue
                new = key.replace(literal, replacement)
            else:
                new = pattern.sub(replacement, key)
            if new != key:
                changed[i] = new
        return changed

    def gain(self, changed: dict[int, str]) -> float:
        keys = self.keys
        touched = {k for i in changed for k in self.pairs_of.get(i, ())}
        before = sum(keys[self.pairs[k][0]] == keys[self.pairs[k][1]] for k in touched)
        after = sum(
            changed.get(e, keys[e]) == changed.get(g, keys[g]) for e, g in (self.pairs[k] for k in touched)
        )
        moved = [i for i in changed if i in self.is_name]
        delta: Counter = Counter()
        for i in moved:
            delta[keys[i]] -= 1
            delta[changed[i]] += 1
        involved = set(delta)
        old = sum(self.bucket[k] for k in involved if self.bucket[k] > 1)
        new = sum(self.bucket[k] + delta[k] for k in involved if self.bucket[k] + delta[k] > 1)
        return (after - before) / len(self.pairs) - self.weight * (new - old) / len(self.names)

    def apply(self, changed: dict[int, str]) -> None:
        for i, new in changed.items():
            if i in self.is_name:
                self.bucket[self.keys[i]] -= 1
                self.bucket[new] += 1
            self.keys[i] = new

    def learn(self, candidates: list[tuple[str, str]]) -> list[list[str]]:
        """Lazy greedy: a rule's gain only shrinks as rules are added (mostly),
        so the stale gains order the candidates and only the head is re-scored."""
        rules: list[list[str]] = []
        compiled = {(p, r): re.compile(p) for p, r in candidates}
        stale = [(-math.inf, p, r) for p, r in candidates]  # (-gain, pattern, replacement)
        heapq.heapify(stale)
        fresh: set[tuple[str, str]] = set()
        while stale and len(rules) < KEY_MAX_RULES:
            negative, text, replacement = heapq.heappop(stale)
            if (text, replacement) in fresh:
                if -negative < KEY_MIN_GAIN:
                    break
                self.apply(self.changes(compiled[text, replacement], replacement))
                rules.append([text, replacement])
                fresh.clear()
                heapq.heappush(stale, (0.0, text, replacement))  # may gain again after later rules
                continue
            changed = self.changes(compiled[text, replacement], replacement)
            value = self.gain(changed) if changed else -1.0
            fresh.add((text, replacement))
            heapq.heappush(stale, (-value, text, replacement))
        return rules


def learn_keys(pairs_by_script: dict[str, list[tuple[str, str]]], models: dict) -> dict:
    """Folding rules from the first KEY_WORDS_PER_SCRIPT words of each script."""
    pairs = []
    for script in SCRIPTS:
        words: list[str] = []
        for english, garbled in pairs_by_script[script]:
            if english not in words[-1:]:
                words.append(english)
            if len(words) > KEY_WORDS_PER_SCRIPT:
                break
            if english != garbled:
                pairs.append((english, garbled))
    names = sorted({e for e, _ in pairs})
    learner = KeyLearner(pairs, names)
    candidates = key_candidates(models[POOLED]["counts"])
    strict = learner.learn(candidates)
    learner.weight = LOOSE_KEY_COLLISION_WEIGHT
    loose = learner.learn(candidates)
    return {"rules": strict, "loose": loose, "loose_min_length": LOOSE_KEY_MIN_LENGTH}


# ---------------------------------------------------------------- the file


def romanization_letters() -> str:
    """Letters ROMANIZATION_RATIO times likelier in a round-trip form than in
    a real name (share of forms holding the letter against share of train
    English names holding it, plus one), seen in MIN_LETTER_FORMS forms.
    Each form as its romanizer prints it: the prime of ALA-LC and the
    scientific scheme for the soft sign ("Igorʹ") is a letter (Unicode's
    modifier letter) that the forms themselves drop."""
    in_forms: Counter = Counter()
    forms = 0
    for script in SCRIPTS:
        for _, native in read_pairs(DATA / f"{script}.train.tsv")[:WORDS_PER_SCRIPT]:
            for form in printed_round_trips(script, native):
                forms += 1
                in_forms.update(_marked_letters(form))
    return "".join(likelier_in_forms(in_forms, forms, ROMANIZATION_RATIO))


def cyrillic_spelling(words: int = 3 * WORDS_PER_SCRIPT) -> dict[str, str]:
    """The letters of the Russian round trips as the romanizers print them
    (NFC, small), and their marked letters CYRILLIC_MARK_RATIO times likelier
    in a form than in a real name, seen in MIN_LETTER_FORMS forms: the share
    of Russian forms holding the letter against the share of train English
    names (every script) holding it, plus one."""
    letters: set[str] = set()
    in_forms: Counter = Counter()
    forms = 0
    for _, native in read_pairs(DATA / "russian.train.tsv")[:words]:
        for form in printed_round_trips("russian", native):
            lower = unicodedata.normalize("NFC", form.lower())
            forms += 1
            letters.update(c for c in lower if c.isalpha())
            in_forms.update(_marked_letters(lower))
    marks = likelier_in_forms(in_forms, forms, CYRILLIC_MARK_RATIO)
    return {"letters": "".join(sorted(letters)), "marks": "".join(marks)}


def likelier_in_forms(in_forms: Counter, forms: int, ratio: float) -> list[str]:
    """The marked letters of `in_forms` (how many of `forms` round-trip forms
    hold each) seen in MIN_LETTER_FORMS forms and `ratio` times likelier in a
    form than in a real name: the share of forms holding the letter against
    the share of train English names (every script) holding it, plus one. Sorted."""
    in_names, names = marked_letters_of_names()
    return sorted(
        letter
        for letter, count in in_forms.items()
        if count >= MIN_LETTER_FORMS and (count / forms) / ((in_names[letter] + 1) / names) >= ratio
    )


@lru_cache(maxsize=1)
def marked_letters_of_names() -> tuple[Counter, int]:
    """How many train English names (every script) hold each marked letter, and how many names there are."""
    in_names: Counter = Counter()
    names = 0
    for script in SCRIPTS:
        for english, _ in read_pairs(DATA / f"{script}.train.tsv"):
            names += 1
            in_names.update(_marked_letters(english))
    return in_names, names


def _marked_letters(word: str) -> set[str]:
    """The letters of `word`, small, that are not ASCII."""
    return {c for c in word.lower() if not c.isascii() and c.isalpha()}


def printed_letters(english_counts: dict[str, int]) -> dict:
    """Per script, the letter n-gram counts of its round trips' forms (the
    train split's first PRINTED_WORDS_PER_SCRIPT words) and the per-letter
    cost under them that PRINTED_SHARE of the dev split's forms (the words
    the calibration reads, DEV_WORDS_PER_SCRIPT) stay within; and the cost
    a letter under the English letter model (`english_counts`, its n-grams)
    that ENGLISH_SHARE of the dev split's English names stay within."""
    scripts = {}
    for script in SCRIPTS:
        train_forms = sorted({g for e, g in training_pairs(script, "train", PRINTED_WORDS_PER_SCRIPT) if e != g})
        grams = letter_grams(train_forms)
        counts = with_histories(grams)
        dev_forms = [g for e, g in training_pairs(script, "dev", DEV_WORDS_PER_SCRIPT) if e != g]
        per_letter = [letter_cost(form, counts.get, LM_ORDER) / (len(form) + 1) for form in dev_forms]
        scripts[script] = {"grams": grams, "bound": round(quantile(per_letter, PRINTED_SHARE), 4)}
    english = with_histories(english_counts)
    names = sorted({e for script in SCRIPTS for e, _ in training_pairs(script, "dev", DEV_WORDS_PER_SCRIPT)})
    english_bound = quantile([letter_cost(name, english.get, LM_ORDER) / (len(name) + 1) for name in names], ENGLISH_SHARE)
    return {"order": LM_ORDER, "share": PRINTED_SHARE, "scripts": scripts,
            "english_share": ENGLISH_SHARE, "english_bound": round(english_bound, 4)}


def pinyin_syllables() -> list[str]:
    """The pinyin syllables, tone-marked as pypinyin writes them, of the train
    split's Chinese spellings (a neutral tone has no mark)."""
    from normalizer.measure.romanizers import pinyin_syllables as syllables_of

    seen = set()
    for _, native in read_pairs(DATA / "chinese.train.tsv"):
        seen.update(syllables_of(native))
    return sorted(seen)


def korean_syllables() -> list[str]:
    """The syllables, plain and small, that the train split's Hangul spellings
    print one block at a time (normalizer.measure.romanizers.korean_syllables)."""
    from normalizer.measure.romanizers import korean_syllables as syllables_of

    seen = set()
    for _, native in read_pairs(DATA / "korean.train.tsv"):
        seen.update(plain(syllable.lower()) for syllable in syllables_of(native))
    return sorted(seen - {""})


def build(verbose: bool = False) -> dict:
    started = time.time()
    pairs_by_script = {script: training_pairs(script, "train", WORDS_PER_SCRIPT) for script in SCRIPTS}
    if verbose:
        print(f"pairs: {sum(map(len, pairs_by_script.values()))} in {time.time() - started:.1f}s", file=sys.stderr)
    tables = {}
    for script, pairs in pairs_by_script.items():
        tables[script] = train(pairs)
        if verbose:
            print(f"{script}: {len(tables[script]['ops'])} ops, {time.time() - started:.1f}s", file=sys.stderr)
    tables[POOLED] = pooled_model([tables[script] for script in SCRIPTS])
    if verbose:
        print(f"pooled: {len(tables[POOLED]['ops'])} ops, {time.time() - started:.1f}s", file=sys.stderr)
    grams = english_grams()
    rng = random.Random(SEED)
    scorer = Model(
        {
            "max_source": MAX_SOURCE, "max_target": MAX_TARGET, "routes": {}, "calibration": [],
            "english": {"order": LM_ORDER, "grams": grams},
            "tables": {script: {"floors": t["floors"], "ops": t["ops"]} for script, t in tables.items()},
            "keys": {"rules": [], "loose": [], "loose_min_length": 0},
        }
    )

    def cost(english: str, garbled: str) -> float:
        alone = scorer.english_cost(garbled)
        return -max(alone - scorer.cost(script, english, garbled) for script in scorer.tables)

    true_pairs, random_pairs, dev_words = [], [], []
    for script in SCRIPTS:
        dev = [(e, g) for e, g in training_pairs(script, "dev", DEV_WORDS_PER_SCRIPT) if e != g]
        dev_words += [e for e, _ in dev]
        words = sorted({e for e, _ in dev})[:CALIBRATION_WORDS_PER_SCRIPT]
        chosen = set(words)
        true_pairs += [(e, g) for e, g in dev if e in chosen]
        random_pairs += impostors(dev, rng)
    rng.shuffle(random_pairs)
    false_pairs = hard_impostors(dev_words, HARD_IMPOSTORS) + random_pairs[:RANDOM_IMPOSTORS]
    calibration = calibration_curve([cost(e, g) for e, g in true_pairs], [cost(e, g) for e, g in false_pairs])
    if verbose:
        print(f"calibrated on {len(true_pairs)} true, {len(false_pairs)} impostor pairs, {time.time() - started:.1f}s", file=sys.stderr)
    key_rules = learn_keys(pairs_by_script, tables)
    return {
        "about": "learned by tools/learn_transliteration.py from tools/data/transliteration/*.train.tsv; do not edit",
        "max_source": MAX_SOURCE,
        "max_target": MAX_TARGET,
        "words_per_script": WORDS_PER_SCRIPT,
        "routes": {**ROUTES, POOLED: "transliteration"},
        "calibration": calibration,
        "english": {"order": LM_ORDER, "grams": grams},
        "tables": {script: {"floors": t["floors"], "ops": t["ops"]} for script, t in tables.items()},
        "keys": key_rules,
        "romanization_letters": romanization_letters(),
        "pinyin": {"syllables": pinyin_syllables(), "min_marked": MIN_MARKED_SYLLABLES},
        "korean": {"syllables": korean_syllables()},
        "cyrillic": cyrillic_spelling(),
        "printed": printed_letters(grams),
    }


# ---------------------------------------------------------------- measuring on dev


def percentiles(values: list[float], points=(0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99)) -> dict[str, float]:
    return {f"p{round(q * 100)}": round(quantile(values, q), 3) for q in points}


def measure(words: int = 1000, skip: int = DEV_WORDS_PER_SCRIPT, names: int = 5000, seed: int = 7) -> dict:
    """Score and keys on dev words the calibration did not see (after the
    first `skip` usable dev words of each script): true pairs (a word and its
    round trip) against impostors (the round trip of another dev word of
    about the same length, and a different real name as printed); key hit
    rate and collisions among `names` distinct dev names, beside the
    engine's folds (mt_fold, skeleton) as keys."""
    from normalizer import transliteration
    from normalizer.folding import mt_fold, skeleton

    rng = random.Random(seed)
    report: dict = {"scripts": {}}
    all_true: list[float] = []
    all_false: list[float] = []
    all_names: list[str] = []
    key_functions = {
        "keys": transliteration.keys,
        "mt_fold": lambda w: [mt_fold(w)],
        "skeleton": lambda w: [skeleton(w)],
    }
    for script in SCRIPTS:
        dev = [(e, g) for e, g in training_pairs(script, "dev", words, skip=skip) if e != g]
        true_scores = [transliteration.score(g, e)[0] for e, g in dev]
        garbled_impostors = [transliteration.score(g, e)[0] for e, g in impostors(dev, rng)]
        english = sorted({e for e, _ in dev})
        shuffled = english[:]
        rng.shuffle(shuffled)
        name_impostors = [transliteration.score(other, e)[0] for e, other in zip(english, shuffled) if e != other]
        all_true += true_scores
        all_false += garbled_impostors
        all_names += english
        entry = {
            "pairs": len(dev),
            "true": percentiles(true_scores),
            "impostor garbles": percentiles(garbled_impostors),
            "impostor names": percentiles(name_impostors),
            "true >= 0.8": round(sum(v >= 0.8 for v in true_scores) / len(true_scores), 3),
            "impostor >= 0.8": round(sum(v >= 0.8 for v in garbled_impostors + name_impostors) / (len(garbled_impostors) + len(name_impostors)), 4),
        }
        for label, function in key_functions.items():
            entry[f"{label} hit rate"] = round(sum(bool(set(function(e)) & set(function(g))) for e, g in dev) / len(dev), 3)
        report["scripts"][script] = entry
    pool = sorted(set(all_names))
    rng.shuffle(pool)
    pool = pool[:names]
    for label, function in key_functions.items():
        owners: dict[str, set[str]] = defaultdict(set)
        for name in pool:
            for key in function(name):
                owners[key].add(name)
        shared = sum(1 for name in pool if any(len(owners[k]) > 1 for k in function(name)))
        report[f"{label} collisions"] = {"names": len(pool), "sharing a key": shared, "rate": round(shared / len(pool), 3)}
    report["all true"] = percentiles(all_true)
    report["all impostor garbles"] = percentiles(all_false)
    return report


def serialize(model: dict) -> str:
    return json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed model differs")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("--measure", action="store_true", help="measure the committed model on dev words and exit")
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(), indent=1))
        return 0
    return write_or_check(args.output, serialize(build(verbose=args.verbose)), args.check)


def write_or_check(output: Path, text: str, check: bool) -> int:
    """Write a learned file, or with `check` say whether the committed one is it (exit 1 if not)."""
    if check:
        same = output.read_text(encoding="utf-8") == text
        print("same" if same else f"{output} differs from a fresh build")
        return 0 if same else 1
    output.write_text(text, encoding="utf-8")
    print(f"wrote {output} ({len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
