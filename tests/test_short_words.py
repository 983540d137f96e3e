"""A word of two or three letters is read as a name the text names intact,
where a learned route reads it so surely (candidates/short_words): "Apple
... Afl said" is אפל romanized. Alone, or where the text never names the
name, it stays: too short to tell one name from another."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of

NAMES = """\
entities:
  - {canonical: Apple, kind: organization}
  - {canonical: Warren Buffett, kind: person}
  - {canonical: Afghanistan, kind: place}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("short"), NAMES)


def test_a_short_round_trip_of_a_name_the_text_names_is_that_name(engine):
    result = engine.normalize("Apple released a new iPod on Monday. Afl said sales rose in the quarter.")
    assert applied_changes(result) == [("Afl", "Apple")]
    assert "'Afl' ~ 'Apple': Hebrew romanization" in result.applied[0].reasons


@pytest.mark.parametrize(
    "text",
    [
        "Afl said sales rose in the quarter.",  # the text never names Apple
        "Apple released a new iPod. AFL clubs said sales rose.",  # capitals: an acronym
        "Apple released a new iPod. Ada said sales rose.",  # no route reads Ada as Apple surely
    ],
)
def test_a_short_word_stays_where_the_text_does_not_name_its_name(engine, text):
    assert applied_changes(engine.normalize(text)) == []
