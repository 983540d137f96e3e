"""Evaluation arithmetic on tiny hand-made pairs, checked by hand."""

from dataclasses import dataclass

import pytest

from normalizer.result import undo
from normalizer.measure.evaluate import (
    CLEAN,
    BadInput,
    Counts,
    Pair,
    evaluate,
    find_edits,
    load_jsonl,
    main,
    score_text,
)


@dataclass
class FakeCorrection:
    start: int
    end: int
    original: str
    replacement: str
    applied: bool = True


def test_find_edits_splits_equal_length_replacements_and_keeps_offsets():
    edits = find_edits("Fatem Mokhajelani said", "Fatemeh Mohajerani said")
    assert [(e.start, e.end, e.original, e.replacement) for e in edits] == [
        (0, 5, "Fatem", "Fatemeh"),
        (6, 17, "Mokhajelani", "Mohajerani"),
    ]


def test_find_edits_one_word_to_a_hyphenated_pair_is_one_edit():
    edits = find_edits("the Russoilania’s deal", "the Russia-Iran’s deal")
    assert [(e.original, e.replacement) for e in edits] == [("Russoilania", "Russia-Iran")]


def test_true_false_miss_and_broken_clean_token():
    garbled = "Aragut met Obama in Tehlan today"
    reference = "Araghchi met Obama in Tehran today"
    # fixes Aragut (true), breaks Obama (false on a clean token), misses Tehlan
    output = "Araghchi met Osama in Tehlan today"
    score = score_text(Pair("t", garbled, reference), output)
    total = Counts()
    for counts in score.by_category.values():
        total.add(counts)
    assert (total.gold, total.true, total.false, total.miss) == (2, 1, 1, 1)
    assert score.by_category[CLEAN].false == 1
    assert score.clean_broken == 1
    assert score.clean_tokens == 4  # met, Obama, in, today
    assert score.tokens == 6
    assert total.precision == pytest.approx(0.5)
    assert total.recall == pytest.approx(0.5)
    assert total.f1 == pytest.approx(0.5)


def test_wrong_fix_of_a_garble_is_both_false_and_miss():
    score = score_text(Pair("t", "Aragut spoke", "Araghchi spoke"), "Arafat spoke")
    counts = score.by_category["other"]
    assert (counts.gold, counts.true, counts.false, counts.miss) == (1, 0, 1, 1)
    assert score.clean_broken == 0
    assert {f.kind for f in score.findings} == {"false", "miss"}


def test_categories_come_from_garble_spans():
    pair = Pair("t", "Aragut and Tehlan", "Araghchi and Tehran", garbles=((0, 6, "vowel"), (11, 17, "rl")))
    score = score_text(pair, "Araghchi and Tehlan")
    assert score.by_category["vowel"].true == 1
    assert score.by_category["rl"].miss == 1


def test_a_correction_must_give_exactly_the_reference_text():
    score = score_text(Pair("t", "Russoilania said", "Russia-Iran said"), "Russia–Iran said")  # en dash
    counts = score.by_category["other"]
    assert (counts.true, counts.false, counts.miss) == (0, 1, 1)


def test_lossy_output_is_detected_from_corrections():
    garbled = "Aragut said, ok"
    output_lossless = "Araghchi said, ok"
    fix = FakeCorrection(0, 6, "Aragut", "Araghchi")
    assert not score_text(Pair("t", garbled, output_lossless), output_lossless, [fix]).lossy
    # a comma dropped outside any correction: same words, not the same text
    lossy_output = "Araghchi said ok"
    assert score_text(Pair("t", garbled, output_lossless), lossy_output, [fix]).lossy
    # without corrections (a baseline) the word edits are reapplied instead
    assert score_text(Pair("t", garbled, output_lossless), lossy_output, None).lossy
    assert not score_text(Pair("t", garbled, output_lossless), output_lossless, None).lossy


def test_undo_ignores_suggestions_and_rejects_misplaced_corrections():
    fix = FakeCorrection(4, 10, "Aragut", "Araghchi")
    hint = FakeCorrection(15, 21, "Tehlan", "Tehran", applied=False)
    assert undo("Mr. Araghchi in Tehlan", [fix, hint]) == "Mr. Aragut in Tehlan"
    assert undo("Mr. Arafat in Tehlan", [fix]) is None


def test_report_totals_and_rates():
    pairs = [Pair("a", "Aragut said", "Araghchi said"), Pair("b", "clean words here", "clean words here")]
    report = evaluate("x", pairs, [("Araghchi said", None), ("clean word here", None)])
    assert report.overall.true == 1 and report.overall.false == 1
    assert report.texts == 2 and report.tokens == 5
    assert report.false_per_10k_tokens == pytest.approx(2000.0)
    assert report.broken_share == pytest.approx(1 / 4)


def test_no_corrections_leaves_precision_undefined_not_perfect():
    counts = Counts(gold=3, miss=3)
    assert counts.precision is None and counts.recall == 0 and counts.f1 == 0


def test_bad_jsonl_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"garbled": "x"}\n', encoding="utf-8")
    with pytest.raises(BadInput, match="bad.jsonl:1"):
        load_jsonl(path)


def test_command_exit_codes(tmp_path, capsys):
    good = tmp_path / "c.jsonl"
    good.write_text('{"id": "a", "garbled": "Aragut said", "reference": "Araghchi said"}\n', encoding="utf-8")
    assert main([str(good), "--identity", "--format", "json"]) == 0
    assert '"miss": 1' in capsys.readouterr().out
    assert main([str(tmp_path / "missing.jsonl"), "--identity"]) == 2
    (tmp_path / "g").mkdir()
    (tmp_path / "r").mkdir()
    (tmp_path / "g" / "x.txt").write_text("text", encoding="utf-8")
    assert main([str(tmp_path / "g"), str(tmp_path / "r"), "--identity"]) == 2
