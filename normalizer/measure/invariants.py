"""What must hold for every text, whatever it is: the checks the property tests
(tests/test_properties.py, a bounded number of examples) and the long fuzz runs
(benchmarks/fuzz.py: hundreds of thousands of examples, coverage-guided fuzzing)
share.

- lossless: undoing the applied corrections gives the input back, and each
  correction's `original` is the input at its offsets, its line and column
  those of its offset;
- protected: no correction touches an ignored span;
- converged: the output, read again, gets no further applied correction.
"""

from __future__ import annotations

from typing import Sequence

from normalizer.engine import Normalizer
from normalizer.result import Result, shift_spans, undo


class Broken(AssertionError):
    """An invariant that does not hold, with the text that breaks it."""


def check(engine: Normalizer, text: str, ignore_spans: Sequence[tuple[int, int]] = ()) -> Result:
    result = engine.normalize(text, ignore_spans=ignore_spans)
    _lossless(text, result)
    _protected(result, ignore_spans)
    again = engine.normalize(result.text, ignore_spans=shift_spans(ignore_spans, result.corrections))
    if again.applied:
        raise Broken(f"not converged: a second read applies {[(c.original, c.replacement) for c in again.applied]}"
                     f" in {text!r}")
    return result


def _lossless(text: str, result: Result) -> None:
    if result.original != text or undo(result.text, result.corrections) != text:
        raise Broken(f"lossy: undoing the corrections does not give back {text!r}")
    previous_end = 0
    for c in result.corrections:
        if c.start < previous_end or text[c.start : c.end] != c.original or c.original == c.replacement:
            raise Broken(f"correction {c} is not where it says, overlaps another, or changes nothing, in {text!r}")
        line = text.count("\n", 0, c.start) + 1
        column = c.start - (text.rfind("\n", 0, c.start) + 1) + 1
        if (c.line, c.column) != (line, column):
            raise Broken(f"correction {c} reports line {c.line} column {c.column}, not {line}:{column}, in {text!r}")
        previous_end = c.end


def _protected(result: Result, ignore_spans: Sequence[tuple[int, int]]) -> None:
    for start, end in ignore_spans:
        for c in result.corrections:
            if start < end and c.start < end and start < c.end:
                raise Broken(f"correction {c} reaches into the protected span {start}-{end} of {result.original!r}")
