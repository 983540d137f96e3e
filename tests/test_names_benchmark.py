"""benchmarks/names.py --commonest: the dev words with the most Wikidata
labels are the ones tested, the next ones the real names left alone."""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.names import build_script, dev_words, label_counts  # noqa: E402


def test_the_commonest_words_are_tested_and_the_next_ones_left_alone():
    counts = label_counts("korean")
    cases, gazetteer = build_script("korean", 10, 5, ["zzyzx"], random.Random(1), commonest=True)
    tested = {case.expect.lower() for case in cases if case.expect}
    reals = [case.word.lower() for case in cases if case.expect is None]
    assert len(tested) == 10 and len(reals) == 5
    # Every tested word has at least as many labels as every real name after it.
    assert min(counts[word] for word in tested) >= max(counts[word] for word in reals)
    assert not {word.lower() for word in gazetteer} & set(reals)
    # A seeded sample instead: not the commonest.
    sampled, _ = build_script("korean", 10, 5, ["zzyzx"], random.Random(1))
    assert {case.expect.lower() for case in sampled if case.expect} != tested


def test_label_counts_sum_a_word_over_its_pairs():
    counts = label_counts("russian")
    words = {english for english, _ in dev_words("russian")}
    assert words <= set(counts) and all(count >= 1 for count in counts.values())
