"""Calibrated confidence: the engine's raw score of a correction turned into the
probability that the correction is right, as measured.

The engine scores a reading additively (how alike the words are, plus or minus
each piece of evidence; `normalizer.proposal`). That score ranks readings well
but is no probability. `normalizer/data/calibration.json`, written by
`python tools/fit_calibration.py`, holds a monotone map from the raw score (as
the engine reports it, capped at 0.99) to the share of corrections found right
at that score on the garbled Wikinews corpora and the clean open-world corpus
(isotonic regression, see the tool). Between its knots the map is linear,
outside them flat; every value lies in [0.01, 0.99].

    calibrated(raw)   -> probability that a correction of raw score `raw` is right
    raw_for(p)        -> the smallest raw score whose calibrated value reaches p
                         (a threshold given as a probability, in raw units)
    apply_probability(), suggest_probability()
                      -> the measured default thresholds, as probabilities

The table is read once, on first use (stdlib json, well under a millisecond).
`raw_scores()` switches the map off (identity) for the tool that measures the
engine's raw scores to fit the next table.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left, bisect_right
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Sequence

PATH = Path(__file__).resolve().parent / "data" / "calibration.json"
LOWEST, HIGHEST = 0.01, 0.99


class Calibration:
    """A monotone piecewise-linear map through `knots` ((raw, p) pairs, raw and p
    strictly increasing), flat beyond the first and the last knot."""

    def __init__(self, knots: Sequence[Sequence[float]]):
        if not knots:
            raise ValueError("a calibration needs at least one knot")
        self.raws = [float(raw) for raw, _ in knots]
        self.probabilities = [float(p) for _, p in knots]
        pairs = list(zip(self.raws, self.probabilities))
        if any(b[0] <= a[0] or b[1] < a[1] for a, b in zip(pairs, pairs[1:])):
            raise ValueError("calibration knots must rise in raw score and never fall in probability")
        if any(not LOWEST <= p <= HIGHEST for p in self.probabilities):
            raise ValueError(f"calibrated probabilities must lie in [{LOWEST}, {HIGHEST}]")

    def calibrated(self, raw: float) -> float:
        """The probability that a correction of raw score `raw` is right."""
        raws, ps = self.raws, self.probabilities
        if raw <= raws[0]:
            return ps[0]
        if raw >= raws[-1]:
            return ps[-1]
        i = bisect_right(raws, raw)  # raws[i - 1] <= raw < raws[i]
        x0, x1, y0, y1 = raws[i - 1], raws[i], ps[i - 1], ps[i]
        return y0 + (y1 - y0) * (raw - x0) / (x1 - x0)

    def raw_for(self, probability: float) -> float:
        """The smallest raw score whose calibrated value is at least `probability`:
        `calibrated(x) >= probability` exactly when `x >= raw_for(probability)`.
        -inf when every score reaches it, +inf when none does."""
        raws, ps = self.raws, self.probabilities
        if probability <= ps[0]:
            return -math.inf
        if probability > ps[-1]:
            return math.inf
        i = bisect_left(ps, probability)  # ps[i - 1] < probability <= ps[i]
        # Interpolation rounds, so the first float that really reaches it is found by
        # halving [x0, x1] (calibrated(x0) < probability <= calibrated(x1)): at most a
        # thousand steps, where walking float by float near 0 could take 10**16.
        below, reaches = raws[i - 1], raws[i]
        while math.nextafter(below, math.inf) < reaches:
            middle = below + (reaches - below) / 2
            if not below < middle < reaches:  # two floats apart, the half rounded onto an end
                middle = math.nextafter(below, math.inf)
            if self.calibrated(middle) >= probability:
                reaches = middle
            else:
                below = middle
        return reaches


class _Identity(Calibration):
    """No calibration: the raw score is reported as is (see `raw_scores`)."""

    def __init__(self) -> None:
        pass

    def calibrated(self, raw: float) -> float:
        return raw

    def raw_for(self, probability: float) -> float:
        return probability


@lru_cache(maxsize=1)
def table() -> dict:
    """The committed table: knots, thresholds and how they were measured."""
    return json.loads(PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _fitted() -> Calibration:
    return Calibration(table()["knots"])


_override: list[Calibration] = []


def current() -> Calibration:
    return _override[-1] if _override else _fitted()


def calibrated(raw: float) -> float:
    """The probability that a correction of raw score `raw` is right."""
    return current().calibrated(raw)


def raw_for(probability: float) -> float:
    """The smallest raw score whose calibrated value reaches `probability`."""
    return current().raw_for(probability)


def apply_probability() -> float:
    """The measured default apply threshold: applied corrections right at least 98% of the time."""
    return float(table()["apply_probability"])


def suggest_probability() -> float:
    """The measured default suggestion threshold: suggestions right at least one time in three."""
    return float(table()["suggest_probability"])


@contextmanager
def raw_scores() -> Iterator[None]:
    """Within: `calibrated` and `raw_for` are the identity, so the engine reports and
    thresholds raw scores (what tools/fit_calibration.py measures). Not thread-safe."""
    _override.append(_Identity())
    try:
        yield
    finally:
        _override.pop()
