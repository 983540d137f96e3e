"""benchmarks/real_typos.py: codespell's real misspellings of names, read by the engine."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

pytest.importorskip("codespell_lib")

from benchmarks import real_typos  # noqa: E402
from normalizer import Normalizer  # noqa: E402


def test_the_misspellings_are_codespells_of_one_capitalized_word():
    found = real_typos.misspellings()
    assert len(found) > 300
    assert ("Afganistan", "Afghanistan") in found
    assert all(fix[:1].isupper() and fix.isalpha() and typo.casefold() != fix.casefold() for typo, fix in found)


def test_each_outcome_is_told_apart():
    engine = Normalizer.load()
    assert real_typos.gazetteer_word(engine, "Afghanistan") and not real_typos.gazetteer_word(engine, "Wednesday")
    assert real_typos.outcome(engine, "Afghanistan", "Afghanistan") == ("left alone", "")
    what, replacement = real_typos.outcome(engine, "Afganistan", "Afghanistan")
    assert (what, replacement) == ("repaired", "Afghanistan")
