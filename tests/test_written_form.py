"""Of two forms of one name tied over the same words, the one the text writes
elsewhere (normalizer/evidence/written_form.py). "Filipinesu" and
"Pillipeuinseu" are katakana and Korean round trips of Philippines made by
normalizer.measure.garbler in a clean Wikinews article of 2019; both sit at
the top of the similarity scale for Philippines and for its demonym
Filipinos alike."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of

PLACES = """\
entities:
  - {canonical: Philippines, kind: place, adjectives: [Filipino, Filipinos, Filipina, Philippine]}
  - {canonical: Colombia, kind: place, adjectives: [Colombian, Colombians]}
  - {canonical: Bolivia, kind: place}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("written-form"), PLACES)


@pytest.mark.parametrize("garble", ["Filipinesu", "Pillipeuinseu"])
def test_the_form_the_text_writes_is_the_repair(engine, garble):
    text = f"An earthquake struck southern {garble} on Saturday, Governor Pimentel told CNN Philippines."
    assert applied_changes(engine.normalize(text)) == [(garble, "Philippines")]


def test_a_form_the_round_trip_finds_far_likelier_stays(engine):
    # The text writes only the demonym; "Korombia" (Korean) is the country.
    text = "Colombian officials met leaders from Bolivia and Korombia on Monday."
    assert applied_changes(engine.normalize(text)) == [("Korombia", "Colombia")]


@pytest.mark.parametrize("text, repair", [
    ("The Philippine government said Firipinesu was hit by the quake.", "Philippines"),
    ("Aid reached Firipinesu on Monday.", "Philippines"),
    ("Filipinos said Firipinesu was hit.", "Filipinos"),  # the form the text writes
])
def test_a_name_goes_before_its_demonym_where_they_tie(tmp_path, text, repair):
    # "Firipinesu" (フィリピン's katakana round trip) is as near Philippines as Filipinos, and the
    # learned round trip reads Filipinos no likelier: the alphabet wrote the demonym, in unseen
    # Wikinews articles about the Philippines.
    engine = engine_of(tmp_path, "entities:\n  - {canonical: Philippines, kind: place, adjectives: [Filipino, Filipinos, Philippine]}\n")
    assert applied_changes(engine.normalize(text)) == [("Firipinesu", repair)]
