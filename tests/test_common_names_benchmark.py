"""benchmarks/common_names.py: the Census names in their order, e2k's katakana
by the name's sound, the cases it builds, and a small run end to end."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.common_names import cases_and_gazetteer, census_names, katakana, main  # noqa: E402

KATAKANA = re.compile(r"[\u30a0-\u30ff]+")


def test_the_census_lists_are_interleaved_commonest_first_each_name_once():
    names = census_names()
    # Rank 1 of the male, female and surname lists, then rank 2 ...
    assert names[:6] == ["james", "mary", "smith", "john", "patricia", "johnson"]
    assert len(names) == len(set(names)) > 90_000


def test_katakana_is_written_from_the_sound_where_the_dictionary_has_it():
    # By its letters e2k writes "michael" as ミチェル; said "M AY1 K AH0 L", as Japanese writes it.
    assert katakana("michael").startswith("マイ")
    assert KATAKANA.fullmatch(katakana("zbigniewski"))  # no pronunciation: by its letters, still katakana


def test_each_tested_name_gets_its_round_trips_and_the_next_names_stay_outside():
    cases, gazetteer = cases_and_gazetteer(words=4, negatives=3, distractors=50, rng=random.Random(1))
    tested = {case.expect for case in cases if case.expect}
    assert tested == {"James", "Mary", "Smith", "John"}
    assert all(name in gazetteer for name in tested) and len(gazetteer) == 54
    reals = [case.word for case in cases if case.expect is None]
    assert reals == ["Patricia", "Johnson", "Robert"]
    assert not set(reals) & set(gazetteer)
    assert all(case.word.lower() != case.expect.lower() for case in cases if case.expect)


def test_a_small_run_prints_every_method(capsys):
    assert main(["--words", "5", "--negatives", "3", "--distractors", "40", "--methods", "symspell,engine", "--breakdown"]) == 0
    out = capsys.readouterr().out
    assert "| symspell |" in out and "| engine |" in out
    assert "| repaired to its name |" in out
