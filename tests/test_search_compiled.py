"""The compiled beam search of the round trip's model (normalizer/_search.c,
built by hatch_build.py) finds the Python loop's spellings with its scores,
double for double, and leaves the model's memo of rows as the Python loop
leaves it: on printed words near and far from real names, under every
script, with and without a floor."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

from normalizer import round_trip_model, round_trip_search
from normalizer.transliteration import plain

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tools" / "data" / "transliteration"

needs_compiled = pytest.mark.skipif(round_trip_search.compiled_search is None, reason="normalizer._search is not built here")


def printed_words(count: int, seed: int = 4) -> list[str]:
    """Dev names as they are, and with letters changed as a round trip changes them."""
    rng = random.Random(seed)
    names = []
    for path in sorted(PAIRS.glob("*.dev.tsv")):
        names += [plain(line.split("\t")[0]) for line in path.read_text(encoding="utf-8").splitlines()[:200]]
    names = [name for name in names if name.isalpha()]
    words = []
    for name in rng.sample(names, count):
        words.append(name)
        words.append("".join(rng.choice("aeioukhstrnlmy") if rng.random() < 0.25 else c for c in name))
    return words


def both(model, word: str, floor: float) -> tuple[list, list]:
    """The search's answer compiled, then by the Python loop, each on a fresh memo of rows."""
    answers = []
    for compiled in (round_trip_search.compiled_search, None):
        model.forget_rows()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(round_trip_search, "compiled_search", compiled)
            found = round_trip_search.beam_search(model, word, round_trip_model.SOURCES, floor)
        answers.append((found, model.memoized, {key: dict(row) for key, row in model._rows.items()}))
    return answers[0], answers[1]


@needs_compiled
def test_the_compiled_search_finds_the_python_loops_spellings():
    scripts = round_trip_model.model().scripts
    searched = 0
    for k, word in enumerate(printed_words(40)):
        script = list(scripts)[k % len(scripts)]
        for floor in (-math.inf, -14.0):
            compiled, python = both(scripts[script], word, floor)
            assert compiled == python, (script, word, floor)  # spellings, scores, the rows made and what they hold
            searched += bool(compiled[0])
    assert searched > 40  # most searches found spellings


@needs_compiled
def test_words_no_script_writes_and_the_empty_word():
    scripts = round_trip_model.model().scripts
    for word in ["", "q", "xqxq", "aaaaaaaaaaaaaaaaaaaa"]:
        for script, model in scripts.items():
            compiled, python = both(model, word, -math.inf)
            assert compiled == python, (script, word)


@needs_compiled
def test_bad_arguments_raise_errors_not_crashes():
    model = round_trip_model.model().scripts["russian"]
    search = round_trip_search.compiled_search
    good_move = ((1,), [1], ["a"])

    def run(moves, beam=12):
        return search(model, moves, -math.inf, beam, 2, 0)

    assert isinstance(run([good_move]), dict)
    with pytest.raises(ValueError):
        run([good_move], beam=0)
    with pytest.raises(ValueError):
        run([((1,), [5], ["a"])])  # a piece reaching past the word
    with pytest.raises(ValueError):
        run([((1, 2), [1], ["a"])])  # fewer reaches than pieces
    with pytest.raises(TypeError):
        run([([1], [1], ["a"])])  # pieces not a tuple
    with pytest.raises(AttributeError):
        search(object(), [good_move], -math.inf, 12, 2, 0)  # no model
