"""README's table of options states the default thresholds the calibration
measured (normalizer/data/calibration.json): refitting it moves them, and the
README must move with it."""

from __future__ import annotations

import re
from pathlib import Path

from normalizer.calibration import apply_probability, suggest_probability

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_states_the_measured_default_thresholds():
    line = next(line for line in README.read_text(encoding="utf-8").splitlines() if line.startswith("| `--min-confidence X`"))
    stated = re.search(r"calibration\.json`, ([0-9.]+) now; suggestions start at ([0-9.]+)\)", line)
    assert stated, line
    assert (float(stated.group(1)), float(stated.group(2))) == (apply_probability(), suggest_probability())
