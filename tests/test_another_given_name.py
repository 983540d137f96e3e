"""A surname read alone right after a real given name that is none of the
person's own, in a text that never names the person, is another person's
(evidence.open_world.another_given_name): "Angelo Luoma" is not Edi Rama."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of

PEOPLE = """\
entities:
  - {canonical: Edi Rama, kind: person}
  - {canonical: Mauro Vieira, kind: person}
  - {canonical: Donald Trump, kind: person}
  - {canonical: Ambassador Mohib, kind: person}
  - {canonical: Salva Kiir, kind: person}
  - {canonical: Barack Obama, kind: person}
  - {canonical: David Lammy, kind: person}
  - {canonical: David Cameron, kind: person}
  - {canonical: Noor Wali Mehsud, kind: person}
  - {canonical: Ahmad Shah Massoud, kind: person}
  - {canonical: Omar al-Bashir, kind: person}
  - {canonical: Samia Suluhu Hassan, kind: person}
  - {canonical: Walid Jumblatt, kind: person}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("given"), PEOPLE)


@pytest.mark.parametrize(
    "text",
    [
        "The minister, Angelo Luoma, resigned on Monday.",  # Luoma, a Finnish surname, reads as Rama
        "Wayland Viira told reporters that talks would continue.",  # Viira, an Estonian one, as Vieira
    ],
)
def test_a_surname_after_another_real_given_name_stays(engine, text):
    assert applied_changes(engine.normalize(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Elifnur Kiiru told reporters on Monday.",  # a Turkish given name no list holds, unlike Salva
        "Tatyanna Luoma told reporters on Monday.",  # a spelling of Tatyana no list holds, unlike Edi
    ],
)
def test_a_surname_after_an_unknown_given_name_unlike_the_persons_stays(engine, text):
    assert applied_changes(engine.normalize(text)) == []


def test_a_given_name_garbled_beyond_the_lists_still_reads_as_the_persons(engine):
    # "Balakeu" is in no list, and a learned reading takes it for Barack.
    changes = applied_changes(engine.normalize("Balakeu Obamu told reporters on Monday."))
    assert changes == [("Balakeu Obamu", "Barack Obama")]


def test_the_same_surname_after_no_given_name_is_read(engine):
    assert applied_changes(engine.normalize("The minister, Luoma, resigned on Monday.")) == [("Luoma", "Rama")]


def test_a_relative_in_a_text_that_names_the_person_is_read(engine):
    text = "Donald Trump spoke first. Melania Trmup spoke after him."
    assert applied_changes(engine.normalize(text)) == [("Trmup", "Trump")]


def test_a_person_whose_given_name_the_gazetteer_lacks_is_read(engine):
    # "Ambassador" is no given name: Hamdullah may well be Mohib's.
    assert applied_changes(engine.normalize("Hamdullah Mohibu told reporters on Monday.")) == [("Mohibu", "Mohib")]


def test_a_given_name_the_real_name_list_leaves_out_as_english_is_still_the_persons(engine):
    # "David" is too common an English word for the list of real names, but it
    # opens the names of two people here: "Kirsty" is no David, so "Lammi" is
    # another person's surname, not Lammy's.
    assert applied_changes(engine.normalize("Kirsty Lammi told reporters on Monday.")) == []
    assert applied_changes(engine.normalize("The minister, Lammi, resigned on Monday.")) == [("Lammi", "Lammy")]


def test_a_surname_after_a_given_name_another_gazetteer_person_bears_stays(engine):
    # "Walid" is a word of the gazetteer (Walid Jumblatt's), and still no Samia.
    assert applied_changes(engine.normalize("Reporter Walid Hasan was injured.")) == []
    assert applied_changes(engine.normalize("Reporter Hasan was injured.")) == [("Hasan", "Hassan")]


# "Wali Mehsud" is Noor Wali Mehsud without his first given name (gazetteer/names.without_first_name_forms).
def test_the_rest_of_a_name_after_another_given_name_stays(engine):
    # The Lee corpus of ABC news: Ahmad Shah Massoud's brother. "Ahmad" opens a
    # gazetteer person's name, and is no Noor.
    text = "Ahmad Wali Masood, the commander's brother, said talks would go on."
    assert applied_changes(engine.normalize(text)) == []


def test_the_same_words_later_name_the_same_other_person(engine):
    text = "Ahmad Wali Masood spoke first. \"I expect a result tonight,\" Wali Masood said."
    assert applied_changes(engine.normalize(text)) == []


def test_the_rest_of_a_name_after_no_given_name_is_read(engine):
    text = "\"I expect a result tonight,\" Wali Mehsood said."
    assert applied_changes(engine.normalize(text)) == [("Mehsood", "Mehsud")]


def test_a_middle_name_after_the_persons_own_given_name_is_his(engine):
    text = "Sudanese President Omar Hassan al-Bashiir was indicted."
    assert applied_changes(engine.normalize(text)) == [("Bashiir", "Bashir")]
