"""The compiled loops make the joint model's new rows in C
(normalizer/_row_maker.h, reading the packed counts as
normalizer/_wordmap.h does): the memo they leave behind, over a long run of
searches and grids that clears it at its bound many times, is the one the
Python loops leave, entry for entry: the rows and their log-probabilities,
the histories that share their last piece's row, the last pieces'
contexts, and the memo's count."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

from normalizer import round_trip_model, round_trip_search
from normalizer.transliteration import plain
from normalizer.wordmap import WordMap

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tools" / "data" / "transliteration"

needs_compiled = pytest.mark.skipif(
    round_trip_search.compiled_search is None or round_trip_model.compiled_joint is None,
    reason="the compiled loops are not built here",
)


def dev_names(script: str, count: int, seed: int) -> list[str]:
    names = [plain(line.split("\t")[0]) for line in (PAIRS / f"{script}.dev.tsv").read_text(encoding="utf-8").splitlines()]
    return random.Random(seed).sample([name for name in names if name.isalpha()], count)


def forget(model) -> None:
    model.forget_rows()
    model._after.clear()
    model.drops.clear()  # drops_after fills _after too


def memo(model) -> tuple:
    """All the model remembers, in the order it was stored; which rows are shared."""
    rows = [(key, dict(row), row.smoothing, row is model._last_rows.get(key[1])) for key, row in model._rows.items()]
    last_rows = [(last, dict(row), row.smoothing) for last, row in model._last_rows.items()]
    return model.memoized, rows, last_rows, list(model._after.items())


def run(model, words: list[str], names: list[str], compiled: bool) -> tuple:
    """Searches for each word and grids of each (name, word), by the compiled loops or the Python ones."""
    forget(model)
    answers = []
    with pytest.MonkeyPatch.context() as patch:
        if not compiled:
            patch.setattr(round_trip_search, "compiled_search", None)
            patch.setattr(round_trip_model, "compiled_joint", None)
        for word, name in zip(words, names):
            answers.append(round_trip_search.beam_search(model, word, round_trip_model.SOURCES, -math.inf))
            answers.append(model.joint(name, word))
    return answers, memo(model)


@needs_compiled
@pytest.mark.parametrize("script", sorted(round_trip_model.model().scripts))
def test_the_memo_left_behind_is_the_python_loops(script, monkeypatch):
    monkeypatch.setattr(round_trip_model, "LOGPROB_MEMO", 700)  # cleared many times over the run
    model = round_trip_model.model().scripts[script]
    assert isinstance(model.counts, WordMap)  # the packed counts the C reads
    names = dev_names(script, 30, seed=5)
    words = [name[:-1] + "u" if k % 2 else name for k, name in enumerate(names)]
    compiled = run(model, words, names, compiled=True)
    assert compiled == run(model, words, names, compiled=False)
    forget(model)


@needs_compiled
def test_the_bound_clears_the_memo_as_the_python_row_does(monkeypatch):
    model = round_trip_model.model().scripts["russian"]
    counts = []
    monkeypatch.setattr(round_trip_model, "LOGPROB_MEMO", 50)
    for compiled in (True, False):
        forget(model)
        seen = []
        if not compiled:
            monkeypatch.setattr(round_trip_search, "compiled_search", None)
        for word in dev_names("russian", 12, seed=9):
            round_trip_search.beam_search(model, word, round_trip_model.SOURCES, -math.inf)
            seen.append(model.memoized)
        counts.append(seen)
    assert counts[0] == counts[1]
    assert any(later < earlier for earlier, later in zip(counts[0], counts[0][1:]))  # the memo was cleared
    forget(model)


@needs_compiled
def test_a_stand_in_row_method_is_asked():
    """A model whose row is not ScriptModel.row is asked for every new row (tests' stand-ins)."""
    model = round_trip_model.model().scripts["katakana"]
    forget(model)
    asked = []

    def row(before, last):
        asked.append((before, last))
        return round_trip_model.ScriptModel.row(model, before, last)

    model.row = row
    try:
        model.joint("robert", "robaato")
    finally:
        del model.row
    assert asked and len(asked) == len(set(asked)) == len(model._rows)
    forget(model)
