"""A word too short to judge alone ("Si") is read as a word of a name when
the name's longer words agree and a learned route explains it: "Si
Tszinpin" is Xi Jinping in a Russian romanization, and repairing the surname
alone would leave a half-repaired name in the copy."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of

PEOPLE = """\
entities:
  - {canonical: Xi Jinping, kind: person, context: [Chinese leader]}
  - {canonical: Hu Jintao, kind: person}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("short"), PEOPLE)


def test_a_short_word_of_the_name_is_repaired_with_the_rest(engine):
    result = engine.normalize("Chinese leader Si Tszinpin met the premier in Beijing.")
    assert applied_changes(result) == [("Si Tszinpin", "Xi Jinping")]
    assert "Chinese leader Xi Jinping met" in result.text


def test_a_short_word_no_route_explains_is_left_as_written(engine):
    # "Mr" is no romanization of "Xi": the surname alone is read.
    result = engine.normalize("Mr Tszinpin said so on Monday.")
    assert result.text.startswith("Mr ")
    assert ("Mr Tszinpin", "Xi Jinping") not in applied_changes(result)


def test_a_short_word_that_is_somebody_elses_name_is_read_too(tmp_path):
    # With a gazetteer that holds "Si" as another person's name word.
    engine = engine_of(tmp_path, PEOPLE + "  - {canonical: Si Thu Aung, kind: person}\n")
    result = engine.normalize("Chinese leader Si Tszinpin met the premier in Beijing.")
    assert applied_changes(result) == [("Si Tszinpin", "Xi Jinping")]


def test_a_short_particle_and_real_name_word_is_read_in_small_letters(tmp_path):
    # "fon" (Фон) is a real name word of three letters, written small as the
    # name writes its "von": read by a learned route beside the rest of the name.
    engine = engine_of(tmp_path, "entities:\n  - {canonical: Ursula von der Leyen, kind: person}\n")
    result = engine.normalize("Ursula fon der Lyayen met the ministers.")
    assert applied_changes(result) == [("fon der Lyayen", "von der Leyen")]
    # An English word in its place is English, not the name's particle.
    assert ("fun der Lyayen", "von der Leyen") not in applied_changes(engine.normalize("Ursula fun der Lyayen met them."))
