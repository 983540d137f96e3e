"""The compiled grid of the round trip's joint model (normalizer/_joint.c,
built by hatch_build.py) gives the Python loop's log-probability, double
for double: on real pairs under every script, on pairs no cutting writes,
and on histories that tie."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

from normalizer import round_trip_model
from normalizer.transliteration import plain

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tools" / "data" / "transliteration"

needs_compiled = pytest.mark.skipif(round_trip_model.compiled_joint is None, reason="normalizer._joint is not built here")


def real_pairs(per_script: int, seed: int = 3) -> list[tuple[str, str, str]]:
    """(script, English name, printed word): each dev word's native spelling
    is not romanized here, so the printed side is another dev word of about
    its length, or the name itself with a letter changed: near and far pairs."""
    rng = random.Random(seed)
    pairs = []
    for script in round_trip_model.model().scripts:
        path = PAIRS / f"{script}.dev.tsv"
        if not path.exists():
            continue
        names = [plain(line.split("\t")[0]) for line in path.read_text(encoding="utf-8").splitlines()[:400]]
        names = [name for name in names if name.isalpha()]
        for name in rng.sample(names, per_script):
            other = rng.choice(names)
            k = rng.randrange(len(name))
            pairs += [(script, name, other), (script, name, name[:k] + rng.choice("aeioukhs") + name[k + 1 :]), (script, name, name)]
    return pairs


def with_fresh_rows(model, joint, english: str, garbled: str) -> tuple:
    """joint(english, garbled) on an empty memo of rows, and what it left in the memo."""
    model.forget_rows()
    value = joint(english, garbled)
    return value, model.memoized, {key: dict(row) for key, row in model._rows.items()}


@needs_compiled
def test_the_compiled_grid_gives_the_python_loops_log_probability():
    scripts = round_trip_model.model().scripts
    pairs = real_pairs(60)
    finite = 0
    for k, (script, english, garbled) in enumerate(pairs):
        model = scripts[script]
        expected = model.joint_in_python(english, garbled)
        assert model.joint(english, garbled) == expected, (script, english, garbled)
        finite += expected > -math.inf
        if k % 5 == 0:  # the rows made and the log-probabilities worked out in them, double for double
            compiled = with_fresh_rows(model, model.joint, english, garbled)
            assert compiled == with_fresh_rows(model, model.joint_in_python, english, garbled), (script, english, garbled)
    assert finite > len(pairs) // 2  # most pairs have a cutting: the grid was walked


@needs_compiled
def test_no_cutting_and_empty_words():
    model = round_trip_model.model().scripts["russian"]
    for english, garbled in [("", ""), ("a", ""), ("", "a"), ("q" * 3, "zzzzzzzz"), ("ab", "a" * 40)]:
        assert model.joint(english, garbled) == model.joint_in_python(english, garbled)


class TiedRows:
    """Every piece equally likely after every history: the beam's ties
    decide which histories go on, in the order they arrived."""

    def __init__(self):
        self.asked = []

    def __call__(self, before, last):
        self.asked.append((before, last))
        return {piece: -1.0 for piece in range(8)}


def tied_model(by_english: dict, rows: TiedRows) -> round_trip_model.ScriptModel:
    """A ScriptModel of `by_english`'s pieces whose rows are `rows`' (plain dicts, asked every time)."""
    model = round_trip_model.ScriptModel.__new__(round_trip_model.ScriptModel)
    model.by_english, model.longest_english, model.longest_garbled = by_english, 2, 2
    model.row, model._rows, model.unigram_p, model.memoized = rows, {}, [0.1] * 8, 0
    return model


@needs_compiled
def test_ties_are_broken_as_the_python_loop_breaks_them(monkeypatch):
    monkeypatch.setattr(round_trip_model, "FORCED_BEAM", 2)  # cells of more histories than the beam keeps
    by_english = {"": {"h": 1}, "a": {"a": 2, "": 3, "ah": 4}, "b": {"b": 5, "p": 6}, "ab": {"p": 7}}
    # The Python loop asks for rows in its order: the same order from the compiled grid
    # means the same histories were kept, each time.
    for english, garbled in [("ab", "ahp"), ("abab", "ahpap"), ("aab", "hahb")]:
        compiled_rows, python_rows = TiedRows(), TiedRows()
        compiled = tied_model(by_english, compiled_rows).joint(english, garbled)
        assert compiled == tied_model(by_english, python_rows).joint_in_python(english, garbled)
        assert compiled_rows.asked == python_rows.asked


@needs_compiled
def test_bad_arguments_raise_errors_not_crashes():
    joint = round_trip_model.compiled_joint
    with pytest.raises(ValueError):
        joint(tied_model({}, TiedRows()), "ab", "ab", 0, 0)  # no beam
    with pytest.raises(TypeError):
        joint(tied_model({"a": ["a"]}, TiedRows()), "ab", "ab", 0, 4)  # pieces of the wrong shape
    with pytest.raises(TypeError):
        joint(tied_model({"a": {"a": "x"}}, TiedRows()), "ab", "ab", 0, 4)  # a piece id that is no number
    with pytest.raises(KeyError):
        joint(tied_model({"a": {"a": 99}}, TiedRows()), "a", "a", 0, 4)  # a piece the rows do not know
    with pytest.raises(AttributeError):
        joint(object(), "a", "a", 0, 4)  # no model
