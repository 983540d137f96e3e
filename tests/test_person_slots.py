"""Where a real name stands (issue 11/12): garbled words that agree on one
person's name are read together even when one is itself a real name, and a
small town is never half of a glued compound."""

from __future__ import annotations

import pytest

from gazetteer_samples import engine_of
from normalizer.candidates.compounds import best_split
from normalizer.document import Document

GAZETTEER = """\
entities:
  - {canonical: Yuri Gagarin, kind: person}
  - {canonical: Man, kind: place, threshold: 0.95}
  - {canonical: Tsu, kind: place, threshold: 0.95}
  - {canonical: China, kind: place}
  - {canonical: Russia, kind: place}
  - {canonical: Iran, kind: place}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("slots"), GAZETTEER, suggest_threshold=0.01)


def replacements(result):
    return [c.replacement for c in result.corrections]


def test_garbled_words_that_agree_on_one_name_are_read_even_if_one_is_a_real_name(engine):
    # "Youri" is a real given name; beside "Jajarin" both are Yuri Gagarin through Arabic.
    result = engine.normalize("The first man in space, Youri Jajarin, flew in 1961.")
    assert result.text == "The first man in space, Yuri Gagarin, flew in 1961."


def test_the_real_name_alone_is_left_alone(engine):
    assert replacements(engine.normalize("Youri said it was hard.")) == []


def test_a_compound_needs_two_places_of_note(engine):
    doc = Document(engine.index, "x", [])
    assert best_split(doc, "Russiailan") is not None  # Russia + a garbled Iran
    assert best_split(doc, "Mancino") is None  # Man + "cino" ~ China: Man is a small town
    assert best_split(doc, "Chinatsu") is None  # China + Tsu: Tsu is a small town
