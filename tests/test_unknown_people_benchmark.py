"""benchmarks/unknown_people.py: real names of many languages in news sentences."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

pytest.importorskip("faker")

from benchmarks import unknown_people  # noqa: E402


def test_the_names_are_real_words_of_latin_letters_of_many_languages():
    given, surnames = unknown_people.faker_names()
    assert len(given) > 10_000 and len(surnames) > 10_000
    assert {"Erdoğan", "Siliņa"} <= set(surnames) and "Angelo" in given
    assert all(name.isalpha() and name[:1].isupper() for name in given + surnames)
    assert not any("\u0400" <= c <= "\u04ff" for name in surnames for c in name)  # no Cyrillic


def test_the_measure_is_seeded_and_counts_every_change():
    first = unknown_people.measure(people=40, seed=3)
    again = unknown_people.measure(people=40, seed=3)
    assert first["tokens"] == again["tokens"] > 40 * 5
    changes = [(name, c.original, c.replacement) for name, c in first["applied"] + first["suggested"]]
    assert changes == [(name, c.original, c.replacement) for name, c in again["applied"] + again["suggested"]]
    assert all(c.original != c.replacement for _, c in first["applied"])
