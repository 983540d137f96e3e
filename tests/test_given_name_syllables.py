"""East Asian given names of two syllables as another convention writes them
("Xi Jin-ping", "Moon Jaein", "Kim Jongun", "Tsai Ingwen"): read into every
index as variants matched where written whole
(normalizer/gazetteer/given_name_syllables.py)."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of
from normalizer.gazetteer.given_name_syllables import respelled_given_name

PEOPLE = """\
entities:
  - {canonical: Xi Jinping, kind: person}
  - {canonical: Hu Jintao, kind: person}
  - {canonical: Moon Jae-in, kind: person}
  - {canonical: Kim Jong Un, kind: person}
  - {canonical: Tsai Ing-wen, kind: person}
  - {canonical: Wang Yi, kind: person}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("given"), PEOPLE)


@pytest.mark.parametrize(
    "name, respelled",
    [
        ("Xi Jinping", "Xi Jin-ping"),  # pinyin's one word, syllable by syllable
        ("Wang Huning", "Wang Hu-ning"),
        ("Moon Jae-in", "Moon Jaein"),  # a hyphen before a small letter: one word
        ("Chiang Kai-shek", "Chiang Kaishek"),
        ("Kim Jong Un", "Kim Jongun"),  # Korean syllables written apart
    ],
)
def test_a_given_name_of_two_syllables_is_written_the_other_way(name, respelled):
    assert respelled_given_name(name)[0] == respelled


@pytest.mark.parametrize(
    "name",
    [
        "Wang Yi",  # one syllable
        "Li Keqiang Jr",  # three words, not Korean syllables
        "Emmanuel Macron",  # no syllables of pinyin
        "Ben Hogan",  # "ben" is pinyin, "hogan" is not two syllables of it
        "Dan Caine",  # "cai" and "ne" are, but "Caine" is a word of the English lexicon
        "Jean-Luc Picard",  # the hyphen is the given name's, a capital after it
        "Mohammed bin Salman",  # not Korean syllables
        "Recep Tayyip Erdoğan",
    ],
)
def test_other_names_are_not_respelled(name):
    assert respelled_given_name(name) is None


def test_the_other_conventions_are_repaired_where_written_whole(engine):
    result = engine.normalize(
        "Xi Jin-ping met Hu Jin Tao. Moon Jaein and Kim Jongun shook hands, and Tsai Ingwen spoke."
    )
    # A name of other words than the canonical's is written back whole.
    assert applied_changes(result) == [
        ("Xi Jin-ping", "Xi Jinping"), ("Hu Jin Tao", "Hu Jintao"), ("Moon Jaein", "Moon Jae-in"),
        ("Kim Jongun", "Kim Jong Un"), ("Tsai Ingwen", "Tsai Ing-wen"),
    ]
    assert "writes the given name of 'Xi Jinping' syllable by syllable" in result.applied[0].reasons[0]
    assert "writes the given name of 'Moon Jae-in' as one word" in result.applied[2].reasons[0]


def test_a_syllable_or_given_name_alone_draws_no_name(engine):
    # Matched whole only: "Jin" and "Ping" are other people's names, and so may "Jaein" be.
    assert engine.normalize("Jin said that Ping and Jaein would come in the morning.").corrections == ()
