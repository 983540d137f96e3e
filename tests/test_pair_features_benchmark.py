"""benchmarks/pair_features.py: its logistic fit and its reading of a share of
impostors, on data whose answer is known, and the run end to end."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.pair_features import OTHER_NAME, REAL_NAME, TRUE, fit_logistic, main, true_share_at  # noqa: E402


def test_the_fit_weighs_the_column_that_separates_and_not_the_noise():
    rng = np.random.default_rng(0)
    label = rng.integers(0, 2, 2000).astype(float)
    signal = label * 3 + rng.normal(0, 1, 2000) * 10  # raw units far from 1: the weights come back in them
    noise = rng.normal(0, 5, 2000)
    weights = fit_logistic(np.c_[signal, noise], label)
    assert weights[1] > 0.02 and abs(weights[2]) < weights[1] / 3
    scores = np.c_[signal, noise] @ weights[1:] + weights[0]
    assert scores[label == 1].mean() > scores[label == 0].mean()


def test_the_true_share_is_counted_above_the_impostors_bar():
    values = np.array([5.0, 4.0, 3.0, 2.0, 1.0, 4.5, 0.5, 3.5, 2.5])
    kinds = np.array([TRUE, TRUE, TRUE, TRUE, TRUE, REAL_NAME, REAL_NAME, OTHER_NAME, OTHER_NAME])
    # The highest real-name impostor (4.5) is the bar at a share under one of two: one true pair above it.
    assert true_share_at(values, kinds, REAL_NAME, 0.0) == 1 / 5
    # Half of them let through: the bar is the next one (0.5), every true pair above it.
    assert true_share_at(values, kinds, REAL_NAME, 0.5) == 1.0
    assert true_share_at(values, kinds, OTHER_NAME, 0.0) == 2 / 5


def test_a_small_run_prints_the_three_readings(capsys):
    assert main(["--words", "3"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("| ") and not line.startswith(("| reading", "| ---"))]
    assert [row.split(" | ")[0] for row in rows] == [
        "| letter evidence (ev0)", "| the shipped score (transliteration.score)", "| fitted combination of the ten",
    ]
    assert all(len(row.split(" | ")) == 9 for row in rows)


def test_a_small_ranking_run_counts_every_form_of_every_script(capsys):
    from normalizer.measure.roundtrip import SCRIPTS

    assert main(["--words", "2", "--ranking"]) == 0
    rows = [line.strip("| ").split(" | ") for line in capsys.readouterr().out.splitlines() if line.startswith("| ")][2:]
    assert [row[0] for row in rows] == [*SCRIPTS, "all"]
    forms = [int(row[1]) for row in rows]
    assert sum(forms[:-1]) == forms[-1] > 0
    assert all(0 <= int(row[2]) <= int(row[1]) and 0.0 <= float(row[3]) <= 1.0 and 0.0 <= float(row[4]) <= 1.0 for row in rows)
