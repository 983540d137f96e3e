"""Real round trips: every script's romanizers give Latin words."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

pytest.importorskip("iuliia")
pytest.importorskip("pykakasi")
pytest.importorskip("cutlet")
pytest.importorskip("pypinyin")
pytest.importorskip("korean_romanizer")
pytest.importorskip("hangul_romanize")

from normalizer.measure.roundtrip import ROUTES, SCRIPTS, katakana_hepburn, read_pairs, round_trips  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "tools" / "data" / "transliteration"
WORDS = 60


def sample(script: str, split: str = "train", words: int = WORDS) -> list[tuple[str, str]]:
    return read_pairs(DATA / f"{script}.{split}.tsv")[:words]


def is_latin_word(form: str) -> bool:
    return bool(form) and all(unicodedata.name(c, "").startswith("LATIN") for c in form)


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_script_gives_latin_words_with_labels(script):
    produced = 0
    for _, native in sample(script):
        forms = round_trips(script, native)
        labels = [label for label, _ in forms]
        latin = [form for _, form in forms]
        assert len(set(latin)) == len(latin), (native, forms)
        for label, form in forms:
            assert label, native
            assert is_latin_word(form), (native, label, form)
            assert form[0].isupper() and form[1:] == form[1:].lower(), form
        produced += bool(forms)
        assert len(labels) == len(set(labels))
    # Nearly every native spelling has at least one round trip (a few data lines hold other scripts).
    assert produced >= 0.9 * WORDS


@pytest.mark.parametrize("script", SCRIPTS)
def test_round_trips_differ_from_the_native_spelling_and_mostly_from_english(script):
    pairs = sample(script, "dev", 200)
    changed = sum(any(form.lower() != english for _, form in round_trips(script, native)) for english, native in pairs)
    # A round trip is a garble source: most English words come back spelled another way.
    assert changed >= 0.5 * len(pairs)


def test_unknown_script_is_an_error():
    with pytest.raises(ValueError, match="unknown script"):
        round_trips("klingon", "x")


def test_every_script_has_a_route_label():
    assert set(ROUTES) == set(SCRIPTS)


def test_extended_katakana_never_comes_back_kana_by_kana():
    # Pykakasi alone spells ティ "tei" and トゥ "tou"; the Hepburn table gives ti and tu.
    for _, native in read_pairs(DATA / "katakana.train.tsv")[:3000]:
        if "ティ" in native and "テイ" not in native and "ティー" not in native:
            assert "ti" in katakana_hepburn(native), native
        if "トゥ" in native and "トウ" not in native:
            assert "tu" in katakana_hepburn(native), native


def test_cutlet_is_a_katakana_round_trip_of_its_own():
    # Cutlet reads ウィ, ウェ, ウォ without the w, which no Hepburn form writes.
    assert ("katakana cutlet", "Iriamu") in round_trips("katakana", "ウィリアム")
    assert ("katakana cutlet", "Ookaa") in round_trips("katakana", "ウォーカー")
    assert round_trips("katakana", "ウェスト") == [("katakana Hepburn", "Wesuto"), ("katakana cutlet", "Esuto")]
    # Where it agrees with Hepburn the form is listed once, under the Hepburn label.
    assert round_trips("katakana", "ロバート") == [
        ("katakana Hepburn", "Robaato"),
        ("katakana Hepburn, long vowels unmarked", "Robato"),
        ("katakana Hepburn, l for r", "Lobaato"),
    ]


def test_arabic_and_hebrew_tables_come_closer_to_english_than_letter_by_letter():
    anyascii = pytest.importorskip("anyascii")
    import jellyfish

    from normalizer.transliteration import plain

    for script in ("arabic", "hebrew"):
        ours, theirs = [], []
        for english, native in sample(script, "train", 400):
            forms = round_trips(script, native)
            if not forms:
                continue
            ours.append(jellyfish.levenshtein_distance(plain(forms[0][1]), english) / len(english))
            theirs.append(jellyfish.levenshtein_distance(plain(anyascii.anyascii(native)), english) / len(english))
        assert sum(ours) < sum(theirs), script


def test_the_names_in_text_benchmark_counts_every_garbled_mention_once():
    # A few persons of one script: every garbled word is right, untouched or
    # wrong; the controls are three words per person.
    import random

    from benchmarks.names import distractor_pool
    from benchmarks.names_in_text import measure_script

    tally = measure_script("katakana", 4, random.Random(1), distractor_pool())
    assert tally["garbled"] > 0
    assert tally["right"] + tally["untouched"] + tally["wrong"] == tally["garbled"]
    assert tally["control words"] == 12 and tally["false"] <= tally["control words"]


def test_the_name_level_breakdown_says_what_became_of_a_form():
    from benchmarks.names import OUTCOMES, Case, engine_outcomes

    outcome = engine_outcomes(["Blake", "Robert", "Hamill"])
    assert outcome(Case("katakana", "Bureiku", "Blake", "katakana Hepburn")) == OUTCOMES[0]
    # Nothing in the gazetteer reads it, and the route does not read it as the name either.
    assert outcome(Case("katakana", "Zuzuzu", "Robert", "katakana Hepburn")) == OUTCOMES[-1]
