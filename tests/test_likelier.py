"""Two close readings of one word, weighed by the learned round trip
(normalizer/evidence/likelier.py)."""

from __future__ import annotations

import math

import pytest

from gazetteer_samples import engine_of
from normalizer.evidence import likelier
from normalizer.evidence.likelier import MIN_LOG_ODDS, log_odds, set_aside
from normalizer.proposal import Proposal
from normalizer.transliteration import score

# "Saxara" is "Sahara" through a Russian romanization (х -> x); "Tahara" is
# as close on the similarity scale, but a round trip seldom turns T into S.
TWO_NAMES = """\
entities:
  - {canonical: Sahara, kind: person}
  - {canonical: Tahara, kind: person}
"""


def reading(name, confidence, entity, anchored=False, word="saxara", round_trip=True, seen=False) -> Proposal:
    """A fuzzy reading of the first word as `name`."""
    return Proposal(
        0, 0, name, entity, confidence, (), "fuzzy", anchored=anchored, spelling=word, round_trip=round_trip,
        seen_elsewhere=seen,
    )


def test_log_odds_is_antisymmetric_and_favours_the_round_trip():
    forward = log_odds("saxara", "Sahara", "Tahara")
    assert forward >= MIN_LOG_ODDS
    assert log_odds("saxara", "Tahara", "Sahara") == pytest.approx(-forward)


def test_log_odds_needs_as_many_words():
    assert log_odds("saxara", "Sahara", "Tahara Bay") is None


def test_the_far_likelier_reading_sets_the_close_one_aside():
    sahara, tahara = reading("Sahara", 0.82, 0), reading("Tahara", 0.84, 1)
    kept = set_aside([tahara, sahara], close=0.08, lowest=0.0)
    assert [p.replacement for p in kept] == ["Sahara"]
    assert any("better than 'Tahara'" in reason for reason in kept[0].reasons)


def test_the_reason_names_each_outweighed_name_once():
    # Two entities spelled "Tahara" (a person and a place, say) are one name to the reader.
    readings = [reading("Tahara", 0.84, 1), reading("Tahara", 0.84, 2), reading("Sahara", 0.82, 0)]
    kept = set_aside(readings, close=0.08, lowest=0.0)
    assert [p.replacement for p in kept] == ["Sahara"]
    assert "a round trip explains it better than 'Tahara'" in kept[0].reasons


def test_readings_the_model_cannot_tell_apart_stay_rivals():
    # "Khatum" comes back as easily from Hatoum as from Hatum.
    assert abs(log_odds("khatum", "Hatoum", "Hatum")) < MIN_LOG_ODDS
    both = [reading("Hatoum", 0.83, 0, word="khatum"), reading("Hatum", 0.83, 1, word="khatum")]
    assert set_aside(both, close=0.08, lowest=0.0) == both


def test_a_reading_far_above_is_left_to_the_similarity_scale():
    sahara, tahara = reading("Sahara", 0.70, 0), reading("Tahara", 0.84, 1)
    assert set_aside([tahara, sahara], close=0.08, lowest=0.0) == [tahara, sahara]


def test_a_reading_no_learned_route_explains_sets_nothing_aside():
    # A fold found "Assad" in "Assadi" (one vowel off); the learned model does
    # not see a round trip in it, so it weighs nothing, whatever its odds.
    assert score("assadi", "Assad")[0] < likelier.EXPLAINED
    assert log_odds("assadi", "Assad", "Sadie") >= MIN_LOG_ODDS
    assad = reading("Assad", 0.82, 0, word="assadi", round_trip=False)
    sadie = reading("Sadie", 0.84, 1, word="assadi", round_trip=False)
    assert set_aside([sadie, assad], close=0.08, lowest=0.0) == [sadie, assad]


def test_a_fold_reading_the_learned_model_explains_is_weighed():
    # "Rakovskiy" is Rakowski's folded key, and a Russian round trip of it too.
    assert score("rakovskiy", "Rakowski")[0] >= likelier.EXPLAINED
    rakowski = reading("Rakowski", 0.82, 0, word="rakovskiy", round_trip=False)
    lazowski = reading("Lazowski", 0.84, 1, word="rakovskiy", round_trip=False)
    kept = set_aside([lazowski, rakowski], close=0.08, lowest=0.0)
    assert [p.replacement for p in kept] == ["Rakowski"]


def test_an_anchored_reading_is_not_set_aside_by_a_lone_one():
    sahara, tahara = reading("Sahara", 0.82, 0), reading("Tahara", 0.84, 1, anchored=True)
    assert set_aside([tahara, sahara], close=0.08, lowest=0.0) == [tahara, sahara]


def test_the_reading_of_a_name_the_text_writes_is_not_set_aside_by_one_it_never_writes():
    sahara, tahara = reading("Sahara", 0.82, 0), reading("Tahara", 0.84, 1, seen=True)
    assert set_aside([tahara, sahara], close=0.08, lowest=0.0) == [tahara, sahara]
    # Both named in the text: the model weighs them again.
    sahara = reading("Sahara", 0.82, 0, seen=True)
    assert [p.replacement for p in set_aside([tahara, sahara], close=0.08, lowest=0.0)] == ["Sahara"]


def test_the_model_does_not_overrule_the_name_the_article_writes(tmp_path):
    engine = engine_of(tmp_path, TWO_NAMES)
    result = engine.normalize("Tahara spoke first. Later Saxara said no.")
    # The model prefers Sahara, the article names Tahara: a reader decides.
    assert result.text == "Tahara spoke first. Later Saxara said no."
    assert [c.replacement for c in result.suggestions] == ["Tahara"]


def test_the_engine_applies_the_likelier_reading(tmp_path, monkeypatch):
    engine = engine_of(tmp_path, TWO_NAMES)
    result = engine.normalize("Saxara")
    assert result.text == "Sahara"
    # Without the rule the two readings are a coin toss: suggested only.
    monkeypatch.setattr(likelier, "MIN_LOG_ODDS", math.inf)
    result = engine.normalize("Saxara")
    assert result.text == "Saxara"
    assert [c.replacement for c in result.suggestions] == ["Sahara"]


def test_the_reason_names_the_first_few_outweighed_names(monkeypatch):
    # A long garble of a translated text may outweigh twenty look-alikes; the reason names three.
    monkeypatch.setattr(likelier, "explained", lambda proposal: True)
    monkeypatch.setattr(likelier, "log_odds", lambda word, strong, weak: 10.0 if strong == "Sahara" else -10.0)
    rivals = [reading(name, 0.84, k) for k, name in enumerate(["Tahara", "Zahara", "Bahara", "Mahara", "Lahara"], 1)]
    kept = set_aside(rivals + [reading("Sahara", 0.82, 0)], close=0.08, lowest=0.0)
    assert [p.replacement for p in kept] == ["Sahara"]
    assert "a round trip explains it better than 'Tahara', 'Zahara', 'Bahara' and 2 other names" in kept[0].reasons


# Two names one round trip of a common name comes near: the sound of the one
# (Richard, in the CMU dictionary) reads the katakana spelling, the letters
# of the other (Ricardo) as well as the first's. Two names said alike:
# Kristen and Kristin.
NAMES_BY_EAR = """\
entities:
  - {canonical: Richard, kind: person}
  - {canonical: Ricardo, kind: person}
  - {canonical: Kristen, kind: person}
  - {canonical: Kristin, kind: person}
"""


def _by_letters(word, name, other):
    return likelier._evidence(word, name) - likelier._evidence(word, other)


def test_a_name_heard_in_the_word_outweighs_one_only_spelled_like_it():
    # リチャード: the letters alone lean to Ricardo; the sound of Richard reads it.
    assert _by_letters("Richaado", "Richard", "Ricardo") < MIN_LOG_ODDS
    assert log_odds("Richaado", "Richard", "Ricardo") >= MIN_LOG_ODDS
    assert log_odds("Richaado", "Ricardo", "Richard") == pytest.approx(-log_odds("Richaado", "Richard", "Ricardo"))


def test_names_said_alike_are_told_apart_by_their_letters():
    # The sound reads 크리스텐 as both names: it says nothing of which, the letters decide.
    assert likelier._heard("Keuriseuten", "Kristen") > -math.inf
    assert likelier._heard("Keuriseuten", "Kristin") > -math.inf
    assert log_odds("Keuriseuten", "Kristen", "Kristin") == _by_letters("Keuriseuten", "Kristen", "Kristin")
    assert log_odds("Keuriseuten", "Kristen", "Kristin") >= MIN_LOG_ODDS


def test_the_engine_applies_the_name_it_hears(tmp_path, monkeypatch):
    engine = engine_of(tmp_path, NAMES_BY_EAR)
    result = engine.normalize("Richaado")
    assert result.text == "Richard"
    assert "a round trip explains it better than 'Ricardo'" in result.corrections[0].reasons
    # By the letters alone the two readings are a coin toss: suggested only.
    monkeypatch.setattr(likelier, "_heard", lambda word, name: -math.inf)
    result = engine.normalize("Richaado")
    assert result.text == "Richaado"
    assert [c.replacement for c in result.suggestions] == ["Richard"]
