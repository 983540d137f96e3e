"""One spelling, one outcome in one text (Decider._one_outcome): a word
written alone as it was written inside a confident repair is repaired the
same way, even where its own letters alone are nearer another name.
"Lyubela" is the katakana round trip of the real surname Llobera (a
Wikidata pair); alone it is nearer Ribera by its letters.
("Matsotta" for Mazzotta, the first example, is now read alone: the
pronunciation route hears it.)"""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of

PEOPLE = """\
entities:
  - {canonical: Nogin Llobera, kind: person}
  - {canonical: Teresa Ribera, kind: person}
"""
FULL_THEN_ALONE = "In a statement, Nogin Lyubela rejected the claims. Lyubela said the talks would continue."


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("one-outcome"), PEOPLE)


def test_alone_the_word_is_not_repaired_as_the_full_names(engine):
    result = engine.normalize("In a statement, Lyubela said the talks would continue.")
    assert ("Lyubela", "Llobera") not in applied_changes(result)


def test_after_the_full_name_the_lone_word_follows_it(engine):
    result = engine.normalize(FULL_THEN_ALONE)
    assert applied_changes(result) == [("Lyubela", "Llobera"), ("Lyubela", "Llobera")]
    lone = result.corrections[-1]
    assert lone.entity == "Nogin Llobera"
    assert "the same words are repaired with confidence on line 1" in lone.reasons
    # Applied on the full name's strength, and shown so: not its own reading's.
    assert lone.confidence == result.corrections[0].confidence


def test_the_repair_converges(engine):
    once = engine.normalize(FULL_THEN_ALONE).text
    assert engine.normalize(once).text == once


def test_a_lone_word_under_the_suggestion_bar_follows_the_full_name(tmp_path):
    # "Xíěrdīng Āibùlǐ": pinyin round trips of the Wikidata name words Selden and Embry.
    engine = engine_of(tmp_path, "entities:\n  - {canonical: Selden Embry, kind: person}\n")
    alone = engine.normalize("The company named Āibùlǐ as its new chief executive.")
    assert alone.corrections == ()  # not even a suggestion
    result = engine.normalize("The company named Xíěrdīng Āibùlǐ as its new chief executive. Āibùlǐ starts in May.")
    assert applied_changes(result) == [("Xíěrdīng Āibùlǐ", "Selden Embry"), ("Āibùlǐ", "Embry")]
