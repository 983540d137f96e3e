"""A person's given name in another romanization, itself a correct name of
someone else, is read beside the person's intact surname (issue 12: "the
first name of a known person spelled another way")."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of

PEOPLE = """\
entities:
  - {canonical: Oleksandr Syrskyi, kind: person, context: [commander]}
  - {canonical: Aleksandr Lukashenko, kind: person, context: [Belarusian President]}
  - {canonical: Daniel Ortega, kind: person, context: [Nicaraguan President]}
  - {canonical: Daniela Pavlova, kind: person}
  - {canonical: Abdel Fattah Burhan, kind: person, context: [army chief]}
  - {canonical: Fatah Rahman, kind: person}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("given"), PEOPLE)


def test_another_romanization_of_the_given_name_before_the_surname_is_repaired(engine):
    # "Aleksandr" is correct as Lukashenko's name, and Oleksandr's in Russian.
    result = engine.normalize("Aleksandr Syrskyi, the army's commander, said on Monday.")
    assert applied_changes(result) == [("Aleksandr", "Oleksandr")]
    assert result.text.startswith("Oleksandr Syrskyi")


def test_the_owner_of_the_given_name_keeps_it(engine):
    assert applied_changes(engine.normalize("Aleksandr Lukashenko said on Monday.")) == []


def test_a_relative_with_a_different_given_name_is_another_person(engine):
    # "Daniela" is one letter from "Daniel" but no romanization of it.
    assert applied_changes(engine.normalize("Daniela Ortega, his daughter, said.")) == []


def test_the_given_name_alone_is_never_read(engine):
    assert applied_changes(engine.normalize("Aleksandr said on Monday that Syrskyi was away.")) == []


def test_a_name_word_inside_the_name_is_read_too(engine):
    # "Fatah" is correct as Fatah Rahman's name, and Burhan's "Fattah" in another romanization.
    assert applied_changes(engine.normalize("Abdel Fatah Burhan, the army chief, said.")) == [("Fatah", "Fattah")]
