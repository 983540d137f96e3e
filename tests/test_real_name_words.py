"""Real name words the gazetteer does not hold (issue 11): read as a garble
only with evidence that names the person, not an office anybody holds; a name
the English lexicon also holds ("Emanuel") is read beside a word of the name."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of
from normalizer.suspects import Status, word_status

PEOPLE = """\
entities:
  - {canonical: Emmanuel Macron, kind: person, context: [French President, President]}
  - {canonical: Gabriel Boric, kind: person, context: [Chilean President, President]}
  - {canonical: Javier Milei, kind: person, context: [Argentine President, President]}
  - {canonical: Lula, kind: person, context: [Brazilian President, President]}
  - {canonical: Gustavo Petro, kind: person, context: [Colombian President, President]}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("people"), PEOPLE)


def test_a_capitalized_lexicon_word_that_is_a_real_name_is_a_name(engine):
    # "emanuel" is in the English lexicon and in the real name words.
    assert word_status(engine.index, "Emanuel", "emanuel") == Status.ENGLISH_NAME
    assert word_status(engine.index, "emanuel", "emanuel") == Status.ENGLISH


def test_such_a_name_is_repaired_beside_a_word_of_the_name(engine):
    assert applied_changes(engine.normalize("French President Emanuel Macron called for a ceasefire.")) == [
        ("Emanuel", "Emmanuel")
    ]


def test_a_real_name_after_an_office_many_hold_stays(engine):
    # "Blick" is a real surname; "President" names five people here.
    assert applied_changes(engine.normalize("President Blick told reporters the economy was growing.")) == []


def test_a_real_name_after_an_office_only_one_holds_is_read(engine):
    result = engine.normalize("Chilean President Blick told reporters the economy was growing.")
    assert [(c.original, c.replacement) for c in result.corrections] == [("Blick", "Boric")]


PLACES = """\
entities:
  - {canonical: Cuba, kind: place}
  - {canonical: Iran, kind: place}
  - {canonical: China, kind: place}
  - {canonical: Chile, kind: place}
"""


@pytest.fixture(scope="module")
def places(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("places"), PLACES)


@pytest.mark.parametrize(
    "text, expected",
    [
        # Куба and 이란 come back as real name words ("Kuba", "Ilan"), alone
        # in the article about the place.
        ("The US restricted flights to Cuba on Friday. Flights to Kuba will stop.", [("Kuba", "Cuba")]),
        ("Iran admitted the error. Ilan said the missile was fired in panic.", [("Ilan", "Iran")]),
    ],
)
def test_a_real_name_alone_is_read_as_the_place_the_text_names_intact(places, text, expected):
    assert applied_changes(places.normalize(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Flights to Kuba will stop.",  # the place is not named: somebody's name
        "Iran admitted the error. Ilan Goldenberg said the missile was fired.",  # beside a name: a person's
        "China sent a submarine. Chila said it was tracked.",  # 0.85 for China, 0.86 for Chile: not sure enough
    ],
)
def test_a_real_name_stays_unless_alone_and_nearly_sure(places, text):
    assert applied_changes(places.normalize(text)) == []


BOTH_GARBLED = """\
entities:
  - {canonical: Abbas Araghchi, kind: person}
  - {canonical: Emmanuel Macron, kind: person}
"""


@pytest.fixture(scope="module")
def both_garbled(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("both"), BOTH_GARBLED)


@pytest.mark.parametrize(
    "text, expected",
    [
        # "Abas" and "Emanuel" are lexicon names; "Arakchi", "Makron" are no word at all.
        ("Foreign minister Abas Arakchi arrived in Oman.", [("Abas Arakchi", "Abbas Araghchi")]),
        ("Emanuel Makron arrived in Berlin.", [("Emanuel Makron", "Emmanuel Macron")]),
    ],
)
def test_a_lexicon_name_is_read_beside_a_garbled_word_of_the_same_name(both_garbled, text, expected):
    assert applied_changes(both_garbled.normalize(text)) == expected


def test_a_lexicon_name_beside_another_real_name_stays(both_garbled):
    # "Macri" is a real surname: "Emanuel Macri" is somebody else.
    assert word_status(both_garbled.index, "Macri", "macri") == Status.NAME
    assert applied_changes(both_garbled.normalize("Emanuel Macri arrived in Berlin.")) == []
