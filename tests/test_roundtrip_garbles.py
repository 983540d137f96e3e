"""The garbler's round-trip categories (ja, ru, zh, ko, ar, he), the model that
writes a native spelling where the pairs have none, and the committed corpus."""

from __future__ import annotations

import json
import random
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("iuliia")
pytest.importorskip("pykakasi")
pytest.importorskip("cutlet")
pytest.importorskip("pypinyin")
pytest.importorskip("korean_romanizer")
pytest.importorskip("hangul_romanize")

from normalizer.gazetteer.loading import parse_gazetteer  # noqa: E402
from normalizer.measure.garbler import Garbler, is_english_word  # noqa: E402
from normalizer.measure.native_spelling import SpellingModel, align, dev_split  # noqa: E402
from normalizer.measure.roundtrip import round_trip_forms  # noqa: E402
from normalizer.measure.roundtrip_garbles import (  # noqa: E402
    ROUND_TRIP_CATEGORIES,
    NativeSpellings,
    with_style,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tools" / "data" / "transliteration"

# Names whose words are in the dev split of some scripts and the train split of
# others, and one word no pair holds ("Warhol": the Wikinews gazetteer's words
# were set aside from every file).
GAZETTEER = """
entities:
  - {canonical: Henry Miller, kind: person}
  - {canonical: Stephen Wilson, kind: person}
  - {canonical: Andy Warhol, kind: person}
"""
TEXT = "Henry Miller met Stephen Wilson. Miller and Wilson saw Andy Warhol; Warhol left.\n" * 6


def dev_words(script: str) -> set[str]:
    return {line.split("\t", 1)[0] for line in (DATA / f"{script}.dev.tsv").read_text(encoding="utf-8").splitlines()}


def train_words(script: str) -> set[str]:
    return {line.split("\t", 1)[0] for line in (DATA / f"{script}.train.tsv").read_text(encoding="utf-8").splitlines()}


@pytest.fixture(scope="module")
def entities():
    return parse_gazetteer(GAZETTEER, "test.yaml")[0]


@pytest.fixture(scope="module")
def dev_only():
    return NativeSpellings(DATA, ["dev"])


def test_same_seed_same_round_trips(entities, dev_only):
    first = Garbler(entities, rate=0.8, seed=5, categories=("ru", "ja"), spellings=dev_only).garble_text(TEXT, "a")
    again = Garbler(entities, rate=0.8, seed=5, categories=("ru", "ja"), spellings=dev_only).garble_text(TEXT, "a")
    assert first == again and first.garbles


def dev_names(script: str, count: int = 4) -> list[str]:
    """The most frequent dev words of a script that the garbler may touch."""
    from normalizer.gazetteer.lexicon import english_ranks

    words = []
    for english, _ in dev_split(DATA, script)[0]:
        if len(english) >= 5 and english not in english_ranks() and english.title() not in words:
            words.append(english.title())
        if len(words) == count:
            return words
    return words


@pytest.mark.parametrize("category", sorted(ROUND_TRIP_CATEGORIES))
def test_each_category_writes_a_real_round_trip_of_a_dev_spelling(dev_only, category):
    script = ROUND_TRIP_CATEGORIES[category]
    first, second, third, fourth = dev_names(script)
    gazetteer = f"entities:\n  - {{canonical: {first} {second}, kind: person}}\n  - {{canonical: {third}, kind: place}}\n" \
        f"  - {{canonical: {fourth} Warhol, kind: person}}\n"
    entities = parse_gazetteer(gazetteer, "test.yaml")[0]
    text = f"{first} {second} went to {third}. {second} met {fourth} Warhol in {third}; Warhol left.\n" * 6
    result = Garbler(entities, rate=1.0, seed=2, categories=(category,), spellings=dev_only).garble_text(text, "a")
    assert result.garbles, category
    dev, train = dev_words(script), train_words(script)
    for garble in result.garbles:
        assert garble.category == category
        assert result.garbled[garble.start : garble.end] == garble.garbled
        assert garble.round_trips and garble.artifacts == tuple(dict.fromkeys(t.scheme for t in garble.round_trips))
        for trip in garble.round_trips:
            assert trip.source == "dev" and trip.word.lower() in dev and trip.word.lower() not in train
            assert trip.form in {with_style(trip.word, f) for f in round_trip_forms(script, trip.native)}
            assert trip.form in garble.garbled and trip.form.lower() != trip.word.lower()
            assert not is_english_word(trip.form)
            assert trip.form[0].isupper() and trip.form[1:] == trip.form[1:].lower()
        # "Warhol" is in no pair: with the dev split alone it stays as it is
        assert "Warhol" not in {t.word for t in garble.round_trips}


def test_round_trips_undo_to_the_clean_text_and_record_every_word(entities, dev_only):
    result = Garbler(entities, rate=1.0, seed=3, categories=tuple(ROUND_TRIP_CATEGORIES),
                     spellings=dev_only).garble_text(TEXT, "a")
    rebuilt, cursor = [], 0
    for garble in result.garbles:
        rebuilt += [result.garbled[cursor : garble.start], garble.original]
        cursor = garble.end
        record = garble.to_json()
        assert [t["form"] for t in record["round_trips"]] == [t.form for t in garble.round_trips]
    rebuilt.append(result.garbled[cursor:])
    assert "".join(rebuilt) == TEXT
    # the words of a name change independently: somewhere only one of two words changed
    changed = [sum(a != b for a, b in zip(g.original.split(), g.garbled.split())) for g in result.garbles]
    assert 2 in changed or 1 in changed


def test_artifact_records_keep_their_shape(entities):
    result = Garbler(entities, rate=1.0, seed=1).garble_text(TEXT, "a")
    assert result.garbles
    for garble in result.garbles:
        assert "round_trips" not in garble.to_json()


def test_the_model_spells_words_no_pair_holds(entities):
    spellings = NativeSpellings(DATA, ["dev", "model"])
    found = spellings.lookup("russian", "Warhol")
    assert found is not None and found[1] == "model"
    result = Garbler(entities, rate=1.0, seed=4, categories=("ru",), spellings=spellings).garble_text(TEXT, "a")
    sources = {t.word: t.source for g in result.garbles for t in g.round_trips}
    assert sources.get("Warhol") == "model"
    # Henry, Stephen, Wilson are Russian train words: their spelling is written, never taken from train
    assert set(sources.values()) == {"model"} and "Henry" in sources


def test_train_is_a_labelled_opt_in_source():
    assert NativeSpellings(DATA, ["dev", "train"]).lookup("russian", "smith") == (
        NativeSpellings(DATA, ["train"]).lookup("russian", "smith")
    )
    assert NativeSpellings(DATA, ["train"]).lookup("russian", "smith")[1] == "train"
    assert NativeSpellings(DATA, ["dev"]).lookup("russian", "smith") is None
    with pytest.raises(ValueError, match="sources"):
        NativeSpellings(DATA, ["wiki"])


def test_capitalization_style_is_kept():
    assert with_style("Warhol", "UORKHOL") == "Uorkhol"
    assert with_style("NASA", "Nasa") == "NASA"
    assert with_style("warhol", "Uorkhol") == "uorkhol"


def test_alignment_cuts_pairs_into_joint_pieces():
    assert align("korean", "smith", "스미스") == [("s", "스"), ("mi", "미"), ("th", "스")]
    assert align("katakana", "robert", "ロバート") == [("ro", "ロ"), ("ber", "バー"), ("t", "ト")]
    assert align("russian", "jim", "джим") == [("j", "дж"), ("i", "и"), ("m", "м")]


def test_the_model_learns_from_dev_only_and_spells_held_out_words():
    train, held = dev_split(DATA, "russian", hold_out=True)
    assert not {e for e, _ in held} & {e for e, _ in train}
    assert not {e for e, _ in train} & train_words("russian")
    model = SpellingModel("russian", train[:2000])
    right = sum(model.spell(english) == native for english, native in held[:100])
    assert right >= 35  # about half on the full model (python -m normalizer.measure.native_spelling)


def test_a_rate_of_zero_garbles_nothing(entities, dev_only):
    garbler = Garbler(entities, rate=0.0, seed=1, categories=("ko",), spellings=dev_only)
    assert garbler.garble_text(TEXT, "a").garbles == ()
    assert garbler.round_tripper.word("Wilson", "ko", random.Random(0)) is not None  # a Korean dev word


def test_rebuilding_the_committed_round_trip_corpus_gives_the_same_file(tmp_path):
    sys.path.insert(0, str(ROOT))
    from benchmarks.corpora import REBUILD_ROUNDTRIP, ROUNDTRIP_JSONL

    argv = shlex.split(REBUILD_ROUNDTRIP)
    out = tmp_path / "roundtrip.jsonl"
    argv[argv.index("-o") + 1] = str(out)
    done = subprocess.run([sys.executable, *argv[1:]], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == ROUNDTRIP_JSONL.read_bytes()
    categories = {g["category"] for line in out.read_text(encoding="utf-8").splitlines() for g in json.loads(line)["garbles"]}
    assert categories == set(ROUND_TRIP_CATEGORIES)
