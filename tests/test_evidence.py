"""Evidence from the shape of the sentence: lists, name particles, repeats.

Each test compares the same garbled word in two sentences that differ only in
the evidence under test, so the tests follow the mechanism, not tuned numbers.
"""

from __future__ import annotations

import pytest

from gazetteer_samples import engine_of
from normalizer import Normalizer
from normalizer import calibration
from normalizer.evidence.elsewhere import NAMED_INTACT, REPAIRED_ELSEWHERE
from normalizer.options import ENTITY_THRESHOLD_BASE as RAW_APPLY
from normalizer.options import Options

GAZETTEER = """\
entities:
  - {canonical: Morocco, kind: place}
  - {canonical: Iran, kind: place}
  - {canonical: Libya, kind: place}
  - {canonical: Sudan, kind: place}
  - {canonical: Saint Vincent, kind: place, adjectives: [Vincentian]}
  - {canonical: Rohini, kind: place}
  - {canonical: Paris, kind: place}
  - {canonical: Valeska Paris, kind: person}
  - {canonical: Margaret Atwood, kind: person}
  - {canonical: Victoria, kind: place}
  - {canonical: Vitoria, kind: place}
  - {canonical: Nice, kind: place}
"""


@pytest.fixture(scope="module", autouse=True)
def raw_scale():
    """These tests weigh the evidence itself: on the engine's raw scale, before
    calibration (normalizer/calibration.py), with its thresholds of old."""
    with calibration.raw_scores():
        yield


@pytest.fixture(scope="module")
def engine(tmp_path_factory, raw_scale):
    return engine_of(tmp_path_factory.mktemp("gazetteer"), GAZETTEER, apply_threshold=RAW_APPLY, suggest_threshold=0.3)


def reading(engine, text: str, original: str):
    """The correction proposed for `original` in `text` (applied or not)."""
    found = [c for c in engine.normalize(text).corrections if c.original == original]
    assert found, f"nothing proposed for {original!r} in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    "in_a_list",
    [
        "Teams from Morcco and Iran had difficulties.",
        "Teams from Iran or Morcco had difficulties.",
        "Teams from Libya, Morcco, Iran had difficulties.",
        "Teams from Sudan, Libya, and Morcco had difficulties.",
        "Teams from Sudan, Morcco, and Libya had difficulties.",
        "Teams from Iran, Eastern Libya, and Morcco had difficulties.",  # an item of two words
    ],
)
def test_a_list_item_beside_a_name_of_its_kind_gains(engine, in_a_list):
    alone = reading(engine, "Teams from Morcco had difficulties.", "Morcco")
    listed = reading(engine, in_a_list, "Morcco")
    assert listed.replacement == alone.replacement == "Morocco"
    assert listed.confidence > alone.confidence
    assert any("in a list" in reason for reason in listed.reasons)


@pytest.mark.parametrize(
    "not_a_list",
    [
        "On board the Morcco, Iran claims she worked.",  # a comma between clauses
        # ", and" with no third item joins two clauses (ABC news: "around Australia, and Austar is letting")
        "Jobs go around Libya, and Morcco is letting 400 employees go.",
        "Jobs go around Morcco, and Libya is letting 400 employees go.",
        "He met Valeska Paris and Morcco officials.",  # "Paris": a person here
        "He left Paris and Morcco officials stayed.",  # ...or the city: no kind to agree with
    ],
)
def test_no_list_no_gain(engine, not_a_list):
    alone = reading(engine, "Teams from Morcco had difficulties.", "Morcco")
    other = reading(engine, not_a_list, "Morcco")
    assert not any("in a list" in reason for reason in other.reasons)
    assert other.confidence <= alone.confidence + 1e-9 or NAMED_INTACT in " ".join(other.reasons)


@pytest.mark.parametrize("particle", ["De", "de", "Al-", "van"])
def test_a_word_after_a_name_particle_is_part_of_another_name(engine, particle):
    gap = "" if particle.endswith("-") else " "
    plain = reading(engine, "The Vincenti delegation left.", "Vincenti")
    after = reading(engine, f"The minister Claudio {particle}{gap}Vincenti left.", "Vincenti")
    assert after.confidence < plain.confidence
    assert not after.applied


def test_the_same_spelling_repeated_is_one_piece_of_evidence(engine):
    # A threshold low enough that the first reading is applied: a repair must
    # not then count as the entity "seen elsewhere" for its own repeats.
    eager = Normalizer(engine.index, Options(apply_threshold=0.7, suggest_threshold=0.3))
    once = reading(eager, "The Rohingya fled.", "Rohingya")
    assert once.applied
    thrice = eager.normalize("The Rohingya fled. The Rohingya crossed. The Rohingya waited.")
    assert {c.confidence for c in thrice.corrections if c.original == "Rohingya"} == {once.confidence}
    assert not any(NAMED_INTACT in r for c in thrice.corrections for r in c.reasons)


def test_a_name_repaired_elsewhere_is_not_said_to_be_named_intact(engine):
    # Two spellings of Sudan, neither intact: each is evidence for the other,
    # and the reason says the name was repaired there, not written there.
    result = engine.normalize("Talks in Sdan stalled. Later, Suddan said no.")
    reasons = [r for c in result.corrections for r in c.reasons]
    assert any(REPAIRED_ELSEWHERE in r for r in reasons)
    assert not any(NAMED_INTACT in r for r in reasons)


def test_a_surname_after_the_full_name_refers_back_to_it(engine):
    before = reading(engine, "Margaret Atwood was there. Later, Atwod spoke to fans.", "Atwod")
    after = reading(engine, "Later, Atwod spoke to fans. Margaret Atwood was there.", "Atwod")
    assert before.replacement == after.replacement == "Atwood"
    assert before.confidence > after.confidence
    assert any("named in full earlier" in reason for reason in before.reasons)


def test_a_rival_far_below_its_own_threshold_is_no_coin_toss(tmp_path, monkeypatch):
    # Victoria and Vitoria are both one edit from "Victolia"; Vitoria less so.
    # (The learned round trip would set Vitoria aside on its own,
    # evidence/likelier.py; this is the threshold's part, with that rule off.)
    from normalizer.evidence import likelier

    monkeypatch.setattr(likelier, "MIN_LOG_ODDS", float("inf"))
    text = "Schools in Victolia took part."
    for small_town_threshold, expect_applied in ((None, False), (0.97, True)):
        path = tmp_path / f"places-{small_town_threshold}.yaml"
        vitoria = "{canonical: Vitoria, kind: place" + (f", threshold: {small_town_threshold}" if small_town_threshold else "") + "}"
        path.write_text(f"entities:\n  - {{canonical: Victoria, kind: place}}\n  - {vitoria}\n", encoding="utf-8")
        engine = Normalizer(Normalizer.load([path], bundled=False).index, Options(apply_threshold=0.7))
        victoria = reading(engine, text, "Victolia")
        assert victoria.replacement == "Victoria"
        assert victoria.applied is expect_applied, victoria.reasons


def test_the_reason_quotes_how_the_text_names_the_entity_intact(engine):
    # An editor told "'Margaret Atwood' is named intact" looks for the full
    # name; where the text holds only the surname, the reason quotes it.
    surname_only = reading(engine, "Atwood was there. Later, Atwod spoke to fans.", "Atwod")
    in_full = reading(engine, "Later, Atwod spoke to fans. Margaret Atwood was there.", "Atwod")
    said = [r for r in surname_only.reasons if NAMED_INTACT in r]
    assert said and "(as 'Atwood')" in said[0]
    said = [r for r in in_full.reasons if NAMED_INTACT in r]
    assert said and "(as " not in said[0]


def test_a_lowercase_english_word_is_not_the_name_it_spells(engine):
    # "nice" the word is no mention of Nice: it lends no evidence to a garble.
    after_city = reading(engine, "We stayed in Nice. Flights to Nicce resumed.", "Nicce")
    after_word = reading(engine, "We stayed, nice. Flights to Nicce resumed.", "Nicce")
    assert any(NAMED_INTACT in reason for reason in after_city.reasons)
    assert not any(NAMED_INTACT in reason for reason in after_word.reasons)
    assert engine.normalize("It was a nice day in nice weather.").corrections == ()


@pytest.fixture(scope="module")
def people(tmp_path_factory):
    folder = tmp_path_factory.mktemp("people")
    (folder / "a.yaml").write_text(
        "entities:\n"
        "  - {canonical: Maxime Bernier, kind: person}\n"
        "  - {canonical: Kim Jong Un, kind: person, surname: Kim}\n"
        "  - {canonical: The Philippines, kind: place}\n"
        "  - {canonical: Rishi Sunak, kind: person}\n",
        encoding="utf-8",
    )
    (folder / "b.yaml").write_text("entities:\n  - {canonical: Sunak, kind: person}\n", encoding="utf-8")
    return Normalizer.load([folder], bundled=False, apply_threshold=RAW_APPLY)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("In May, maxime Bernier resigned.", [("maxime", "Maxime")]),
        ("Then sunak spoke.", [("sunak", "Sunak")]),  # one name in two files
        ("He flew to the Philippines.", []),  # "the": an English word, not a lost capital
        ("An order of Kim Jong-un was read.", []),  # after a hyphen: a spelling
    ],
)
def test_lost_capitals_inside_a_name(people, text, expected):
    assert [(c.original, c.replacement) for c in people.normalize(text).applied] == expected


@pytest.mark.parametrize(
    "text, written",
    [
        # A repair writes the words it rewrites apart as the canonical does, whatever their case...
        ("An order of Kim Jeong-eun was read.", "An order of Kim Jong Un was read."),
        ("An order of Kim Jeong-Eun was read.", "An order of Kim Jong Un was read."),
        ("AN ORDER OF KIM JEONG-EUN", "AN ORDER OF KIM JONG UN"),
        ("An order of Kim Jeong Eun was read.", "An order of Kim Jong Un was read."),
        ("An order of Kym Jong-un was read.", "An order of Kim Jong Un was read."),
        # ... and leaves the text's hyphen beside the words it does not rewrite.
        ("An order of Kim Jong-un was read.", "An order of Kim Jong-un was read."),
        ("An order of Kym Jong-Un was read.", "An order of Kim Jong-Un was read."),
    ],
)
def test_a_repair_writes_the_name_apart_as_the_canonical_does(people, text, written):
    assert people.normalize(text).text == written


def test_a_real_place_name_is_no_garble_unless_beside_its_name(tmp_path):
    path = tmp_path / "countries.yaml"
    path.write_text("entities:\n  - {canonical: Canada, kind: place}\n  - {canonical: South Korea, kind: place}\n",
                    encoding="utf-8")
    engine = Normalizer(Normalizer.load([path], bundled=False).index, Options(apply_threshold=0.6))
    # Kanata (Ontario) is a city of its own, not a garbled Canada...
    assert not engine.normalize("Canada's papers were found in Kanata, Ontario.").applied
    # ...while Kolea (Algeria) beside "South" is South Korea garbled.
    fixed = engine.normalize("Tensions with South Kolea rose.")
    assert [(c.original, c.replacement) for c in fixed.applied] == [("Kolea", "Korea")]
    # A made-up word as close to Canada is still read as it.
    assert [c.replacement for c in engine.normalize("Canada's papers were found in Kanadda.").applied] == ["Canada"]


def test_a_short_name_one_vowel_apart_needs_evidence_from_the_article(engine):
    alone = reading(engine, "Delegates from Sdan had difficulties.", "Sdan")
    listed = reading(engine, "Delegates from Sdan, Iran and Libya had difficulties.", "Sdan")
    assert alone.replacement == listed.replacement == "Sudan"
    assert not alone.applied
    # The list is evidence from the article; with a second piece (the
    # country named in full elsewhere) the short garble is repaired.
    assert listed.confidence > alone.confidence and any("in a list" in r for r in listed.reasons)
    both = reading(engine, "Sudan voted. Delegates from Sdan, Iran and Libya had difficulties.", "Sdan")
    assert both.applied
