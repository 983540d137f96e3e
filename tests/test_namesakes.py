"""Who stands beside a garble. A given name is shared by many people: beside a surname its
spelling alone would not repair, in a text that names the gazetteer's person intact in full, it
is a namesake, not a garble; "and" does not join one entity to itself; and a word that reads
surely as a name of another kind is that name, not a word of a longer unknown name."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of

GAZETTEER = """\
entities:
  - {canonical: Sergei Lavrov, kind: person, context: [Foreign Minister]}
  - {canonical: Maria Zakharova, kind: person}
  - {canonical: Andy Warhol, kind: person}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("namesakes"), GAZETTEER)


@pytest.mark.parametrize(
    "text",
    [
        # another Russian diplomat, named after the gazetteer's person
        "Maria Zakharova and Sergei Lavrov spoke, while Sergei Ryabkov stayed silent.",
        "Sergei Lavrov and Sergei Lavrik met on Monday. Lavrik said the talks would continue.",
        # "and" joins two people, however near the second surname reads by itself
        "Sergei Lavrov and Sergei Lavrenov met on Monday.",
        "Sergei Lavrov and Sergei Lavrovsky met on Monday.",
    ],
)
def test_a_namesake_of_a_person_named_intact_is_left_as_written(engine, text):
    assert applied_changes(engine.normalize(text)) == []


def test_a_garble_listed_beside_another_person_is_repaired(engine):
    text = "Sergei Lavrov and Maria Zakharava spoke on Monday."
    assert applied_changes(engine.normalize(text)) == [("Zakharava", "Zakharova")]


@pytest.mark.parametrize(
    "text, change",
    [
        # "Maria" is no word of Sergei Lavrov's name: the intact "Lavrov" is hers
        ("Maria Lavrov and Sergei Lavorv waved from the balcony.", ("Lavorv", "Lavrov")),
        ("Sergei Lavorv and Maria Lavrov waved from the balcony.", ("Lavorv", "Lavrov")),
    ],
)
def test_a_garble_listed_beside_a_namesake_of_its_person_is_repaired(engine, text, change):
    assert applied_changes(engine.normalize(text)) == [change]


def test_a_garbled_surname_near_enough_by_itself_is_still_repaired(engine):
    # one swap, read at 0.93 by its own spelling: the person, not a namesake
    text = "Sergei Lavrov arrived on Monday. Later, Sergei Lavorv met reporters."
    assert applied_changes(engine.normalize(text)) == [("Lavorv", "Lavrov")]


def test_a_garbled_given_name_beside_the_intact_surname_is_no_namesake(engine):
    # The words people share are the given names; a surname kept intact
    # beside a garbled given name is the same person ("Ahdy" for Andy).
    text = "Andy Warhol was born in 1928. Later, Ahdy Warhol moved to New York."
    assert applied_changes(engine.normalize(text)) == [("Ahdy", "Andy")]


# ------------------------------------------------- a name of another kind beside


ORGANIZATION_AND_LEADER = """\
entities:
  - {canonical: Hezbollah, kind: organization}
  - {canonical: Hassan Nasrallah, kind: person}
"""


@pytest.fixture(scope="module")
def hezbollah(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("hezbollah"), ORGANIZATION_AND_LEADER)


def test_a_garbled_organization_and_its_garbled_leader_side_by_side_are_both_read(hezbollah):
    # MT drops the "'s": each garble, read surely as a name of another kind,
    # is no word of a longer unknown name around the other.
    result = hezbollah.normalize("Leader of Hisbollah Hasan Nasrala was killed in Beirut.")
    assert applied_changes(result) == [("Hisbollah", "Hezbollah"), ("Hasan Nasrala", "Hassan Nasrallah")]


def test_an_unknown_name_around_a_garble_still_holds_it(hezbollah):
    # "Halimah" reads as no gazetteer name at all: "Halimah Hasan" is somebody.
    assert applied_changes(hezbollah.normalize("Halimah Hasan spoke in Beirut on Monday.")) == []
