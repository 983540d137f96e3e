"""The fast alignment of normalizer.transliteration gives what the plain
dynamic program gives: the same cost (to 1e-9), the same steps (ties broken
alike), the same evidence and score, on generated tables and words and on
real pairs."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer import printed, similarity, transliteration
from normalizer.alignment import cheapest

MODEL_FILE = Path(transliteration.__file__).resolve().parent / "data" / transliteration.MODEL_RESOURCE

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tools" / "data" / "transliteration"
ROUNDTRIP = ROOT / "benchmarks" / "corpus" / "wikinews-roundtrip.jsonl"


def reference_align(source, target, table, floors, max_source, max_target):
    """The textbook version: from each cell in row-major order, every source
    group against every target group; a cell keeps the first cheapest step."""
    identity, substitute, delete, insert = floors
    n, m = len(source), len(target)
    best = [[math.inf] * (m + 1) for _ in range(n + 1)]
    back = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if best[i][j] == math.inf:
                continue
            for a in range(min(max_source, n - i) + 1):
                for b in range(min(max_target, m - j) + 1):
                    piece, garbled = source[i : i + a], target[j : j + b]
                    cost = (table.get(piece) or {}).get(garbled)
                    if cost is None and a == b == 1:
                        cost = identity if piece == garbled else substitute
                    elif cost is None and a + b == 1:
                        cost = delete if a else insert
                    if cost is None or a + b == 0:
                        continue
                    if best[i][j] + cost < best[i + a][j + b]:
                        best[i + a][j + b] = best[i][j] + cost
                        back[i + a][j + b] = (i, j)
    steps = []
    i, j = n, m
    while best[n][m] < math.inf and (i or j):
        i0, j0 = back[i][j]
        steps.append((source[i0:i], target[j0:j]))
        i, j = i0, j0
    return best[n][m], steps[::-1]


def reference_syllables(letters, syllables):
    """Whether `letters` is a string of `syllables` (by recursion)."""
    return not letters or any(letters.startswith(s) and reference_syllables(letters[len(s):], syllables) for s in syllables)


def reference_prints(letters, script):
    """Whether `letters` cost no more a letter than the script's bound under
    its letter model, read from the model file's counts (plain dicts)."""
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))["printed"]
    entry, order = data["scripts"][script], data["order"]
    grams = entry["grams"]
    history = {}
    for gram, count in grams.items():
        history[gram[:-1]] = history.get(gram[:-1], 0) + count
    padded = "^" * (order - 1) + letters + "$"
    cost = 0.0
    for i in range(order - 1, len(padded)):
        p = 1 / 28
        for k in range(1, order + 1):
            if history.get(padded[i - k + 1 : i], 0):
                p = (grams.get(padded[i - k + 1 : i + 1], 0) + printed.LM_PRIOR * p) / (history[padded[i - k + 1 : i]] + printed.LM_PRIOR)
        cost -= math.log(p)
    return cost <= entry["bound"] * (len(letters) + 1)


def one_edit_apart(a, b):
    """Whether one substitution, insertion, deletion or swap of neighbours turns `a` into `b`."""
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        return len(differ) <= 1 or (len(differ) == 2 and differ[1] == differ[0] + 1
                                     and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]])
    shorter, longer = sorted((a, b), key=len)
    return len(longer) == len(shorter) + 1 and any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def reference_may_print(letters, script, slip=False):
    """Whether a route reads `letters`: the Chinese and Korean only a string of
    their syllables; a word unlike an English name, unless a slip of the name
    itself, only where the script's letter model lets it print it; the pooled
    one what some script may print (a slip: always)."""
    loaded = transliteration.model()
    if script == transliteration.POOLED:
        return slip or any(reference_may_print(letters, one) for one in loaded.printed.scripts)
    if script == printed.CHINESE and not reference_syllables(letters, loaded.plain_pinyin):
        return False
    if script == printed.KOREAN and not reference_syllables(letters, loaded.korean_syllables):
        return False
    if slip:
        return True
    english_like = loaded.english_cost(letters) <= loaded.printed.english_bound * (len(letters) + 1)
    return english_like or reference_prints(letters, script)


def reference_evidence(word, name):
    loaded = transliteration.model()
    source, target = transliteration.plain(name), transliteration.plain(word)
    alone = loaded.english_cost(target)
    best, best_script = -math.inf, transliteration.POOLED
    slip = one_edit_apart(source, target)
    for script, table in loaded.tables.items():
        if not reference_may_print(target, script, slip):
            continue
        cost, _ = reference_align(source, target, table, loaded.floors[script], loaded.max_source, loaded.max_target)
        if alone - cost > best:
            best, best_script = alone - cost, script
    return best, best_script


def reference_score(word, name):
    source, target = transliteration.plain(name), transliteration.plain(word)
    if not source or not target:
        return 0.0, "empty"
    if source == target:
        return transliteration.EXACT, "exact"
    loaded = transliteration.model()
    value, script = reference_evidence(word, name)
    if value == -math.inf:  # no script prints the word
        return round(transliteration.calibrated(math.inf, loaded.calibration), 4), loaded.routes[transliteration.POOLED]
    similarity = transliteration.calibrated(-value, loaded.calibration)
    # The script is named only where it leads every other by the margin.
    alone = loaded.english_cost(target)
    values = sorted(
        (alone - reference_align(source, target, table, loaded.floors[s], loaded.max_source, loaded.max_target)[0]
         for s, table in loaded.tables.items() if reference_may_print(target, s, one_edit_apart(source, target))),
        reverse=True,
    )
    clear = len(values) < 2 or values[0] - values[1] >= transliteration.NAMED_ROUTE_MARGIN
    return round(min(similarity, transliteration.SCORE_CAP), 4), loaded.routes[script if clear else transliteration.POOLED]


# Few letters and few distinct costs: many groups match and many routes tie.
words = st.text(alphabet="abc", max_size=7)
costs = st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0, 3.25, 9.0])
tables = st.dictionaries(
    st.text(alphabet="abc", max_size=3),  # groups past max_source too: never used
    st.dictionaries(st.text(alphabet="abc", max_size=4), costs, max_size=6),
    max_size=12,
)


@settings(max_examples=600, deadline=None)
@given(words, words, tables, st.tuples(costs, costs, costs, costs), st.integers(0, 3), st.integers(0, 3))
def test_align_is_the_plain_dynamic_program(source, target, table, floors, max_source, max_target):
    expected_cost, expected_steps = reference_align(source, target, table, floors, max_source, max_target)
    cost, steps = transliteration.align(source, target, table, floors, max_source, max_target, trace=True)
    if expected_cost == math.inf:
        assert (cost, steps) == (math.inf, [])
    else:
        assert math.isclose(cost, expected_cost, rel_tol=0, abs_tol=1e-9)
        assert steps == expected_steps
        assert transliteration.align(source, target, table, floors, max_source, max_target)[0] == cost


def test_a_table_is_indexed_once_and_can_be_given_indexed():
    table = {"a": {"b": 0.5}, "ab": {"c": 0.25}}
    floors = (0.0, 2.0, 2.0, 2.0)
    indexed = transliteration.Table(table, floors, 2, 3)
    for source, target in [("ab", "c"), ("aab", "bc"), ("", "abc"), ("abc", "")]:
        assert transliteration.align(source, target, indexed, trace=True) == transliteration.align(
            source, target, table, floors, 2, 3, trace=True
        ) == (reference_align(source, target, table, floors, 2, 3))


def real_pairs(count: int, seed: int = 11) -> list[tuple[str, str]]:
    """(word, name): round trips of the Wikinews corpus with their names, and
    dev English names against other dev names of about their length."""
    pairs = []
    for line in ROUNDTRIP.read_text(encoding="utf-8").splitlines():
        for garble in json.loads(line)["garbles"]:
            pairs += [(trip["form"], trip["word"]) for trip in garble.get("round_trips", [])]
    names = []
    for path in sorted(PAIRS.glob("*.dev.tsv")):
        names += [line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()[:300]]
    rng = random.Random(seed)
    by_length: dict[int, list[str]] = {}
    for name in names:
        by_length.setdefault(len(name), []).append(name)
    for name in rng.sample(names, count):
        pairs.append((rng.choice(by_length[len(name)]), name))
    return sorted(set(pairs))


def test_evidence_and_score_are_the_plain_ones_on_real_pairs():
    pairs = real_pairs(400)
    assert len(pairs) > 700
    for word, name in pairs:
        value, script = transliteration.evidence(word, name)
        expected_value, expected_script = reference_evidence(word, name)
        assert math.isclose(value, expected_value, rel_tol=0, abs_tol=1e-9), (word, name)
        assert script == expected_script, (word, name)
        # The reading of the printed letters (score also reads a strict Cyrillic scheme's letters wider: tests/test_scheme_letters.py).
        got, expected = transliteration._score(word, name), reference_score(word, name)
        if transliteration.JOINT_FLOOR <= expected[0] < transliteration.SCORE_CAP:
            # the joint model's reading (its own route) may only raise it
            assert got[0] >= expected[0] and (got[0] > expected[0] or got == expected), (word, name)
        else:
            assert got == expected, (word, name)


def test_steps_are_the_plain_ones_on_real_pairs():
    loaded = transliteration.model()
    for word, name in real_pairs(100, seed=12)[::3]:
        source, target = transliteration.plain(name), transliteration.plain(word)
        for script, table in loaded.tables.items():
            expected = reference_align(source, target, table, loaded.floors[script], loaded.max_source, loaded.max_target)
            assert transliteration.align(source, target, loaded.aligners[script], trace=True) == expected, (word, name)
            assert transliteration.explain(word, name, script) == expected[1]


@settings(max_examples=300, deadline=None)
@given(words, words, st.lists(st.tuples(tables, st.tuples(costs, costs, costs, costs)), min_size=1, max_size=4), st.integers(1, 3), st.integers(1, 3))
def test_no_alignment_costs_more_under_the_cheapest_table(source, target, scripts, max_source, max_target):
    indexed = [transliteration.Table(table, floors, max_source, max_target) for table, floors in scripts]
    bound = transliteration.align(source, target, cheapest(indexed))[0]
    assert all(bound <= transliteration.align(source, target, table)[0] for table in indexed)


def test_score_above_is_score_where_it_is_above_the_floor():
    assert transliteration.model().cheapest is not None  # the shortcut is on: the fitted curve falls
    # The floors similarity.similarity gives (spelling scores), and others.
    for word, name in real_pairs(300, seed=13):
        expected = transliteration.score(word, name)
        for floor in (-math.inf, 0.0, 0.3, 0.45, 0.5, similarity.spelling_similarity(word, name)[0], 0.7, expected[0], 0.9):
            assert transliteration.score_above(word, name, floor) == (expected if expected[0] > floor else None), (word, name, floor)
