"""The compiled cell loop of normalizer.alignment (normalizer/_alignment.c,
built by hatch_build.py) gives the Python loop's totals, double for double:
on generated tables (ties, group steps, multi-letter insertions, unreachable
ends) and on real pairs under every learned table. tests/test_transliteration_speed.py
compares both with the textbook dynamic program."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizer import alignment, transliteration

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tools" / "data" / "transliteration"

needs_compiled = pytest.mark.skipif(alignment.compiled_fill is None, reason="normalizer._alignment is not built here")


def in_python(*args, **kwargs) -> float:
    """align's total by its Python loop."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(alignment, "compiled_fill", None)
        return alignment.align(*args, **kwargs)[0]


# Few letters and few distinct costs: many groups match and many routes tie;
# the "" group holds multi-letter insertions.
words = st.text(alphabet="abc", max_size=8)
costs = st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0, 3.25, 9.0, 0.1, 0.2, 0.7])
tables = st.dictionaries(
    st.text(alphabet="abc", max_size=3),
    st.dictionaries(st.text(alphabet="abc", max_size=4), costs, max_size=6),
    max_size=12,
)
floor_costs = st.sampled_from([0.0, 0.3, 1.0, 2.5, math.inf])


@needs_compiled
@settings(max_examples=800, deadline=None)
@given(words, words, tables, st.tuples(floor_costs, floor_costs, floor_costs, floor_costs), st.integers(0, 3), st.integers(0, 3))
def test_the_compiled_loop_gives_the_python_loops_total(source, target, table, floors, max_source, max_target):
    indexed = alignment.Table(table, floors, max_source, max_target)
    compiled = alignment.align(source, target, indexed)[0]
    assert compiled == in_python(source, target, indexed)  # equal doubles, inf included


@needs_compiled
@pytest.mark.parametrize(
    "source, target, table, expected",
    [
        ("a", "abb", {"": {"bb": 0.25}}, 0.25),  # a multi-letter insertion, cheaper than two single ones
        ("ab", "xyz", {"ab": {"xyz": 0.5}}, 0.5),  # a group step
        ("ab", "c", {}, 5.0 + 5.0),  # a substitution and a deletion at the floors
        ("", "ab", {"": {"ab": 1.5}}, 1.5),
        ("a", "", {}, 5.0),
    ],
)
def test_each_kind_of_step_in_the_compiled_loop(source, target, table, expected):
    indexed = alignment.Table(table, (0.0, 5.0, 5.0, 5.0), 2, 3)
    assert alignment.align(source, target, indexed)[0] == expected == in_python(source, target, indexed)


@needs_compiled
def test_the_same_totals_on_real_pairs_under_every_learned_table():
    loaded = transliteration.model()
    tables = [*loaded.aligners.values(), loaded.cheapest]
    rng = random.Random(5)
    pairs = []
    for path in sorted(PAIRS.glob("*.dev.tsv")):
        english = [line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()[:200]]
        pairs += [(rng.choice(english), name) for name in english[:60]]
    compared = 0
    for word, name in pairs:
        source, target = transliteration.plain(name), transliteration.plain(word)
        for table in tables:
            assert alignment.align(source, target, table)[0] == in_python(source, target, table), (word, name)
            compared += 1
    assert compared > 2000


@needs_compiled
def test_bad_arguments_raise_errors_not_crashes():
    table = alignment.Table({"a": {"bb": 0.5}}, (0.0, 1.0, 1.0, 1.0), 1, 2)
    ins, in_row, first = table.target("ab", alignment.pieces("ab", 2))
    fill = alignment.compiled_fill
    good = ["a", "ab", table.groups, table.by_letter, 1, first, ins, in_row, alignment.pieces("ab", 2)]
    assert fill(*good) == alignment.align("a", "ab", table)[0]
    for place, bad, error in [
        (5, first[:-1], ValueError),  # a row of the wrong length
        (6, [0.0, "x", 1.0], TypeError),  # a cost that is no number
        (8, {"bb": [5]}, ValueError),  # a piece outside the word
        (3, {"a": ("nothing", {})}, TypeError),  # a letter's costs of the wrong shape
        (7, {1: "x"}, TypeError),  # insertions of the wrong shape
    ]:
        arguments = list(good)
        arguments[place] = bad
        with pytest.raises(error):
            fill(*arguments)
