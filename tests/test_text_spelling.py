"""A repair writes a name as the text and the gazetteer write it: the
article's own correct spelling of the name (normalizer/text_spelling.py),
the marks of a word a correct form writes so (candidates/render.py), and a
person's one-word variant read as the surname, not the full name
(gazetteer/forms.py). The garbles are katakana and Russian round trips made
by normalizer.measure.garbler of names in clean Wikinews articles of
2019-2020; the gazetteer entries are the bundled ones."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of

PEOPLE = """\
entities:
  - canonical: Volodymyr Zelenskyy
    kind: person
    aliases: [Volodymyr Zelensky, Volodymyr Zelenskiy, Zelensky, Zelenskiy]
    variants: [Vladimir Zelensky, Wolodymyr Selenskyj, Selenskyj]
  - canonical: Recep Tayyip Erdogan
    kind: person
    aliases: [Recep Tayyip Erdoğan, Erdoğan]
  - canonical: Aleksandar Vucic
    kind: person
    aliases: [Aleksandar Vučić]
  - canonical: Alexei Navalny
    kind: person
    aliases: [Aleksei Navalny, Alexey Navalny]
    variants: [Alexej Nawalny, Nawalny]
  - canonical: Andres Manuel Lopez Obrador
    kind: person
    aliases: [Andrés Manuel López Obrador, AMLO]
  - {canonical: Turkey, kind: place}
  - {canonical: Serbia, kind: place}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("text-spelling"), PEOPLE)


def test_a_garble_is_written_as_the_text_spells_the_name(engine):
    text = (
        "Ukrainian President Zelensky met the envoy on Monday. Aides said Zelenskii wanted a meeting, "
        "and Zelensky agreed to it."
    )
    assert applied_changes(engine.normalize(text)) == [("Zelenskii", "Zelensky")]


def test_without_the_text_s_spelling_the_canonical_is_written(engine):
    text = "Ukrainian President Volodimair Zelenskij met the envoy on Monday."
    changes = applied_changes(engine.normalize(text))
    assert changes and all(new.endswith("Zelenskyy") for _, new in changes)


def test_a_variant_in_the_text_is_no_spelling_to_copy(engine):
    # "Selenskyj" is a variant: wrong in this newsroom, so not the text's spelling to follow.
    text = "Ukrainian President Volodimair Zelenskij met the envoy. Selenskyj said nothing."
    changes = dict(applied_changes(engine.normalize(text)))
    assert all("Selenskyj" not in new for new in changes.values())


@pytest.mark.parametrize(
    "text, word",
    [
        ("The Turkish President Resep Tayiip Erdoğan pledged to convert Hagia Sophia.", "Erdoğan"),
        ("Cases rose in Serbia because President Arekusandaaru Vučić eased the lockdown.", "Vučić"),
    ],
)
def test_a_word_a_correct_form_writes_with_its_marks_is_kept(engine, text, word):
    result = engine.normalize(text)
    assert applied_changes(result), "the garbled given name is repaired"
    assert word in result.text
    assert all(word not in old for old, _ in applied_changes(result))


@pytest.mark.parametrize(
    "text, expected",
    [
        # The text keeps "López" as the alias writes it: the rest of the name follows that alias.
        ("According to Mexican President Andoresu Manueru López Obuladolu, six were killed.",
         [("Andoresu Manueru López Obuladolu", "Andrés Manuel López Obrador")]),
        # Written without marks, the canonical's spelling.
        ("According to Mexican President Andoresu Manueru Lopez Obuladolu, six were killed.",
         [("Andoresu Manueru Lopez Obuladolu", "Andres Manuel Lopez Obrador")]),
    ],
)
def test_the_rest_of_a_name_follows_the_marks_the_text_keeps(engine, text, expected):
    assert applied_changes(engine.normalize(text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # GOST 7.79 prints Эрдоган "Èrdogan": a round trip's letters beside the garbled given
        # names, known by their plain letters only, so the repair writes the gazetteer's word.
        ("Officials met Redžep Taiip Èrdogan in the capital.", [("Redžep Taiip Èrdogan", "Recep Tayyip Erdogan")]),
        # A real name's marks ("Vučić") are its own spelling, kept as above.
        ("Cases rose in Serbia because President Arekusandaaru Vučić eased the lockdown.",
         [("Arekusandaaru", "Aleksandar")]),
    ],
)
def test_a_strict_scheme_s_letters_are_no_spelling_the_text_chose(engine, text, expected):
    assert applied_changes(engine.normalize(text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # The full name with its marks once, the surname without them twice (the
        # shape of a Wikinews article with two writers): the text's spelling is "Erdogan".
        ("Turkish President Resep Taiiip Erdoğan pledged to convert Hagia Sophia. Erdogan said the museum "
         "would change, and President Erudogan said it twice. Erdogan left.",
         [("Resep Taiiip", "Recep Tayyip"), ("Erudogan", "Erdogan")]),
        # ... and the other way round.
        ("Turkish President Resep Taiiip Erdogan pledged to convert Hagia Sophia. Erdoğan said the museum "
         "would change, and President Erudogan said it twice. Erdoğan left.",
         [("Resep Taiiip", "Recep Tayyip"), ("Erudogan", "Erdoğan")]),
        ("President Zelensky met the envoy. Zelenskiy said so, aides said Zelenskii wanted a meeting, "
         "and Zelenskiy agreed.", [("Zelenskii", "Zelenskiy")]),
    ],
)
def test_a_text_that_writes_a_name_two_ways_is_followed_where_it_writes_it_most(engine, text, expected):
    assert applied_changes(engine.normalize(text)) == expected


def test_a_one_word_variant_of_a_person_is_read_as_the_surname(engine):
    text = "Alexei Navalny fell ill on a flight. Navalunii was airlifted to Omsk, doctors said."
    assert applied_changes(engine.normalize(text)) == [("Navalunii", "Navalny")]


def test_the_variant_itself_is_rewritten_to_the_surname(engine):
    text = "Alexei Navalny fell ill on a flight. Nawalny was airlifted to Omsk, doctors said."
    assert applied_changes(engine.normalize(text)) == [("Nawalny", "Navalny")]


def test_the_repaired_text_is_a_fixed_point(engine):
    text = "President Zelensky spoke. Aides said Zelenskii wanted a meeting with President Resep Tayiip Erdoğan."
    once = engine.normalize(text).text
    assert once != text
    assert engine.normalize(once).text == once


# One entity each: (its gazetteer entry, the text, the one repair expected).
ONE_ENTITY = {
    # A demonym the text writes ("Russian") is no spelling of the place.
    "demonym written": ("{canonical: Russia, kind: place, adjectives: [Russian]}",
                        "The Russian parliament passed the law. Tatars in Russiia may not use the Latin alphabet.",
                        ("Russiia", "Russia")),
    # A repaired demonym stays one: "Brazilian" is no spelling of "Brazil", written intact.
    "demonym repaired": ("{canonical: Brazil, kind: place, adjectives: [Brazilian, Brazilians]}",
                         "Brazil sent a delegation. The Brazillian minister spoke first.",
                         ("Brazillian", "Brazilian")),
    # A dateline's capitals say nothing of the name's case.
    "capitals": ("{canonical: Brasilia, kind: place, aliases: [Brasília]}",
                 "BRASÍLIA — The president met his guest in Bulashilia on Tuesday.",
                 ("Bulashilia", "Brasilia")),
    # The whole name as the text writes it: its letters are the repair's, run together.
    "whole name": ("{canonical: Vietnam, kind: place, aliases: [Viet Nam]}",
                   "Viet Nam sent troops. Men drafted for Viiatnam were later pardoned.",
                   ("Viiatnam", "Viet Nam")),
    # Written both ways, the way written more often.
    "whole name, most written": ("{canonical: Vietnam, kind: place, aliases: [Viet Nam]}",
                                 "Viet Nam sent troops. Vietnam drafted men, and men drafted for Viiatnam "
                                 "were later pardoned by Vietnam.",
                                 ("Viiatnam", "Vietnam")),
    # "Viiatnam" (Вьетнам by ICAO's passport scheme) read by the alias "Viet Nam" glued: one word, as the name is.
    "glued alias": ("{canonical: Vietnam, kind: place, aliases: [Viet Nam]}",
                    "Men drafted to fight in Viiatnam were later pardoned.",
                    ("Viiatnam", "Vietnam")),
    # A newsroom that lists the demonym as an alias: "Surovakia" (スロバキア) reads Slovakia far better
    # than the "Slovak" of "Slovak Republic", a word with the same consonants the text writes.
    "another word, not another spelling": (
        "{canonical: Slovakia, kind: place, aliases: [Slovak Republic, Slovak]}",
        "The Prime Minister of Surovakia tested positive. The Slovak Republic said he would isolate.",
        ("Surovakia", "Slovakia")),
    # The lowercase "ubisoft" is itself a mention of the name (keys ignore case): not the text's spelling.
    "lost capitals": ("{canonical: Ubisoft, kind: organization}",
                      "Ubisoft shares rose on Monday. Analysts said ubisoft would announce a new game.",
                      ("ubisoft", "Ubisoft")),
}


@pytest.mark.parametrize("entry, text, expected", ONE_ENTITY.values(), ids=ONE_ENTITY.keys())
def test_what_is_and_is_not_the_text_s_spelling(tmp_path, entry, text, expected):
    engine = engine_of(tmp_path, f"entities:\n  - {entry}\n")
    assert applied_changes(engine.normalize(text)) == [expected]
