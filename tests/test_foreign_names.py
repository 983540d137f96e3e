"""Whole names printed by a strict romanizer of Cyrillic (GOST 7.79, the
scientific scheme): read where every word of a run reads as one gazetteer
name by a learned route (normalizer/candidates/foreign_names.py), never a
correct foreign spelling."""

from __future__ import annotations

import pytest

from tests.gazetteer_samples import engine_of

PEOPLE = """entities:
  - {canonical: Schickard Hohenlohe, kind: person}
  - {canonical: Smolyaninov Endicott, kind: person}
  - {canonical: Milos Kolar, kind: person}
  - {canonical: Lech Walesa, kind: person}
  - {canonical: Jan Novak, kind: person}
  - {canonical: Bangladesh, kind: place}
  - {canonical: Los Angeles, kind: place}
  - {canonical: Andrej Babis, kind: person}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("foreign"), PEOPLE)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Officials said Šikkard Gogenloè arrived on Monday. Later, Gogenloè met reporters.",
            "Officials said Schickard Hohenlohe arrived on Monday. Later, Hohenlohe met reporters.",
        ),
        (
            "In a statement, Smolâninov Èndikott rejected the claims. Èndikott said the talks would continue.",
            "In a statement, Smolyaninov Endicott rejected the claims. Endicott said the talks would continue.",
        ),
    ],
)
def test_a_whole_name_in_iso_9_letters_is_read_and_so_is_its_later_mention(engine, text, expected):
    assert engine.normalize(text).text == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Schickard Hohenlohe arrived on Monday. Later, Gogenloè met reporters.",
            "Schickard Hohenlohe arrived on Monday. Later, Hohenlohe met reporters.",
        ),
        (
            "Bangladesh reported five new deaths. Bangladeš's health institute said more were likely.",
            "Bangladesh reported five new deaths. Bangladesh's health institute said more were likely.",
        ),
    ],
)
def test_a_lone_word_is_read_as_the_name_the_text_writes_intact(engine, text, expected):
    assert engine.normalize(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "Officials said Miloš Kolář arrived. Later, Kolář met reporters.",  # the name's own spelling
        "Lech Wałęsa spoke. Wałęsa said.",
        "Prime Minister Petr Fiala met Jiří Dienstbier.",  # names nobody in the gazetteer bears
        "Andrej Babiš spoke.",  # the name's own marks beside its intact given name: no round trip
        "Jan Novák met Jiří Dienstbier.",  # a foreign word beside an intact word of another name
        # One word alone: a correct foreign spelling, as far as anyone knows. (With
        # GOST's "è" for э, "Gogenloè", it is a round trip: test_round_trip_lookup.)
        "Later, Gogenloé met reporters.",
        # a name written intact says nothing of the text's other foreign names
        "Jan Novak met Petr Fiala and Jiří Dienstbier in Bangladesh. Later, Dienstbier met Novák.",
    ],
)
def test_correct_foreign_spellings_are_left_alone(engine, text):
    assert engine.normalize(text).corrections == ()


def test_a_foreign_lettered_word_beside_an_intact_word_of_its_name_is_read(engine):
    # Лос-Анджелес in GOST 7.79: "Los" stands intact beside it.
    text = "When the Air Force chose the Los Andželes based company, its rival protested."
    assert engine.normalize(text).text == text.replace("Andželes", "Angeles")
