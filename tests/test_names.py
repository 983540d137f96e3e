"""Surnames: the default rule, the gazetteer's `surname` field, and the engine
repairing a garbled surname written alone."""

from __future__ import annotations

import textwrap

import pytest

from normalizer import Normalizer
from normalizer.errors import GazetteerError
from normalizer.gazetteer.loading import Entity, parse_gazetteer
from normalizer.gazetteer.tools import Reviewed, variant_from_correction
from normalizer.gazetteer.names import default_surname, person_forms, surname_forms, surnames, without_first_name_forms, without_generation


@pytest.mark.parametrize(
    "name, surname",
    [
        ("Abbas Araghchi", "Araghchi"),
        ("Tamim bin Hamad Al Thani", "Al Thani"),
        ("Mohammed bin Salman", "bin Salman"),
        ("Bashar al-Assad", "al-Assad"),
        ("Charles de Gaulle", "de Gaulle"),
        ("Ursula von der Leyen", "von der Leyen"),
        ("Zine El Abidine Ben Ali", "Ben Ali"),
        ("Mousa Abu Marzouk", "Abu Marzouk"),
        ("Ferdinand Marcos Jr.", "Marcos"),
        ("Joseph R. Biden Jr.", "Biden"),
        ("Al Gore", "Gore"),  # a first word is a given name, even a particle's spelling
        ("Ben Wallace", "Wallace"),
        ("Abu Mazen", None),  # a kunya is one name
        ("King Abdullah II", None),  # a monarch: the regnal name alone would be any namesake's
        ("Pope Leo XIV", None),
        ("Putin", None),
    ],
)
def test_default_surname(name, surname):
    assert default_surname(name) == surname


def test_the_surname_field_overrides_the_rule_and_the_aliases():
    kim = Entity("Kim Jong Un", "person", aliases=("Kim Jong-un",), variants=("Kimm Jong Un", "Kim Chen In"), surname=("Kim",))
    assert surnames(kim) == ("Kim",)
    assert surname_forms(kim) == [("Kim", "surname", "Kim"), ("Kimm", "variant", "Kim")]
    assert surnames(Entity("Kim Jong Un", "person")) == ("Kim",)  # what the rule alone would say: a Korean name


@pytest.mark.parametrize(
    "name, surname",
    [
        ("Moon Jae-in", "Moon"),  # a Korean name puts the surname first (gazetteer.korean_names reads it so)
        ("Yoon Suk Yeol", "Yoon"),
        ("Ben Chan", "Chan"),  # two pinyin syllables, and an English name: the last word
        ("Xi Jinping", "Jinping"),  # so a Chinese name needs the surname field
    ],
)
def test_a_korean_name_has_its_first_word_for_surname(name, surname):
    assert surnames(Entity(name, "person")) == (surname,)


def test_default_forms_from_aliases_and_variants():
    assad = Entity("Bashar al-Assad", "person", aliases=("Bashar Assad",), variants=("Bashar al-Asad", "Assad"))
    assert surname_forms(assad) == [
        ("al-Assad", "surname", "al-Assad"),
        ("Assad", "surname", "Assad"),
        ("al-Asad", "variant", "al-Assad"),
    ]


def test_a_surname_spelled_like_the_whole_name_adds_no_short_form():
    hlaing = Entity("Min Aung Hlaing", "person", surname=("Min Aung Hlaing",))
    assert surname_forms(hlaing) == []


@pytest.mark.parametrize(
    "name, shorter",
    [
        ("Ferdinand Marcos Jr.", "Ferdinand Marcos"),
        ("Ken Griffey, Jr.", "Ken Griffey"),
        ("Robert F. Kennedy Sr", "Robert F. Kennedy"),
        ("Marcos Jr.", None),  # the surname alone: no name left to write
        ("King Abdullah II", None),  # a regnal number is no generation
        ("Abbas Araghchi", None),
    ],
)
def test_a_name_without_its_generational_suffix(name, shorter):
    assert without_generation(name) == shorter


def test_the_name_without_its_suffix_is_a_correct_form_written_as_it_is(tmp_path):
    marcos = Entity("Ferdinand Marcos Jr.", "person", aliases=("Ferdinand Marcos Jr", "Bongbong Marcos"))
    assert person_forms(marcos)[-1] == ("Ferdinand Marcos", "alias", "Ferdinand Marcos")
    gazetteer = tmp_path / "g.yaml"
    gazetteer.write_text("entities:\n  - {canonical: Ferdinand Marcos Jr., kind: person}\n", encoding="utf-8")
    engine = Normalizer.load(gazetteers=[gazetteer], bundled=False)
    # A garble beside the intact given name is repaired, and no suffix is added.
    repaired = engine.normalize("President Ferdinand Markos visited Tokyo.").text
    assert repaired == "President Ferdinand Marcos visited Tokyo."
    assert engine.normalize("Ferdinand Marcos declared martial law in 1972.").corrections == ()


def parse(body: str) -> Entity:
    [entity] = parse_gazetteer("entities:\n" + textwrap.indent(textwrap.dedent(body), "  "), "g.yaml")[0]
    return entity


def test_surname_field_takes_a_string_or_a_list():
    assert parse("- {canonical: Xi Jinping, kind: person, surname: Xi}").surname == ("Xi",)
    both = parse("- {canonical: Bashar al-Assad, kind: person, surname: [al-Assad, Assad]}")
    assert both.surname == ("al-Assad", "Assad")
    lopez = parse("- {canonical: Andres Manuel Lopez Obrador, kind: person, surname: López Obrador}")
    assert lopez.surname == ("López Obrador",)  # accents aside, words of the name
    alias = parse("- {canonical: Salman bin Abdulaziz, kind: person, aliases: [King Salman], surname: King Salman}")
    assert alias.surname == ("King Salman",)


@pytest.mark.parametrize(
    "body, message",
    [
        ("- {canonical: Xi Jinping, kind: person, surname: 3}", "g.yaml:2: 'surname' must be a list of non-empty strings"),
        ("- {canonical: Xi Jinping, kind: person, surname: ['']}", "'surname' must be a list of non-empty strings"),
        ("- {canonical: Hezbollah, kind: organization, surname: Hez}", "g.yaml:2: 'Hezbollah': only a person has a 'surname'"),
        ("- {canonical: Mohammed bin Salman, kind: person, surname: MBS}", "surname 'MBS' is not whole words"),
        ("- {canonical: Xi Jinping, kind: person, surname: Jin}", "surname 'Jin' is not whole words"),
    ],
)
def test_surname_field_is_validated(body, message):
    with pytest.raises(GazetteerError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(body)


def test_add_variant_from_a_repaired_surname_keeps_its_place():
    kim = Entity("Kim Jong Un", "person", surname=("Kim",))
    thani = Entity("Tamim bin Hamad Al Thani", "person")
    lula = Entity("Luiz Inacio Lula da Silva", "person", surname=("Lula",))
    assert variant_from_correction(kim, Reviewed("Kim Jong Un", "Kimm", "Kim")) == "Kimm Jong Un"
    assert variant_from_correction(thani, Reviewed(thani.canonical, "Al Thanni", "Al Thani")) == "Tamim bin Hamad Al Thanni"
    assert variant_from_correction(lula, Reviewed(lula.canonical, "Lulla", "Lula")) is None  # mid-name: by hand


NEWSROOM = """
entities:
  - canonical: Kim Jong Un
    kind: person
    surname: Kim
    context: [North Korean leader]
  - canonical: Prabowo Subianto
    kind: person
    surname: Prabowo
    context: [Indonesian President]
  - canonical: Tamim bin Hamad Al Thani
    kind: person
    context: [Emir]
"""


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    """The same newsroom gazetteer with and without its `surname` fields."""
    folder = tmp_path_factory.mktemp("names")
    with_field, without = folder / "with.yaml", folder / "without.yaml"
    with_field.write_text(NEWSROOM, encoding="utf-8")
    without.write_text("\n".join(line for line in NEWSROOM.splitlines() if "surname:" not in line), encoding="utf-8")
    return {name: Normalizer.load(gazetteers=[path], bundled=False) for name, path in [("with", with_field), ("without", without)]}


@pytest.mark.parametrize(
    "text, repaired, without_the_field",
    [
        # A Korean name's surname is its first word without the field too.
        ("Kim Jong Un spoke. Later the North Korean leader Kimm said no.", ("Kimm", "Kim"), [("Kimm", "Kim")]),
        # Elsewhere the last word is not what news calls them.
        ("Prabowo Subianto arrived. Prabovo said he would stay.", ("Prabovo", "Prabowo"), []),
    ],
)
def test_a_garbled_surname_alone_is_repaired_when_the_field_names_it(engines, text, repaired, without_the_field):
    assert [(c.original, c.replacement) for c in engines["with"].normalize(text).applied] == [repaired]
    assert [(c.original, c.replacement) for c in engines["without"].normalize(text).applied] == without_the_field


def test_particles_join_the_surname_by_default(engines):
    text = "The Emir Tamim bin Hamad Al Thani arrived; Al Thanni said the talks went well."
    result = engines["with"].normalize(text)
    assert result.text == text.replace("Thanni", "Thani")


def test_respelled_asks_a_round_trip_only_where_no_pair_fails_on_its_spelling(monkeypatch):
    """respelled's answer is all(similarity >= SAME_WORD_SIMILARITY), but a pair
    told apart by its spelling alone spares the round trips of the others."""
    from normalizer import similarity as scores
    from normalizer.gazetteer import names as module

    forms = [
        ("Ayatollah Ali Khamenei", "Sayyid Ali Khamenei"),
        ("Volodymyr Zelenskiy", "Volodymyr Zelenskyy"),
        ("Hamiru Tanaka", "Hamill Tanaka"),
        ("Abu Mazen", "Mahmoud Abbas"),
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("Xi", "Xi"),
    ]
    for form, candidate in forms:
        pairs = list(zip(form.split(), candidate.split()))
        expected = all(scores.similarity(a, b)[0] >= module.SAME_WORD_SIMILARITY for a, b in pairs)
        assert module._alike(pairs) == expected
        assert (module.respelled(form, [candidate]) == candidate) == expected
    asked = []
    monkeypatch.setattr(scores, "round_trip_above", lambda *pair: asked.append(pair))
    scores.similarity.cache_clear()
    try:
        assert not module._alike([("Ayatollah", "Sayyid"), ("Xx", "Khamenei")])
        assert asked == []  # "Xx" is too short for a round trip: no other pair's is asked
    finally:
        scores.similarity.cache_clear()  # nothing scored without the real round trip is kept


@pytest.mark.parametrize(
    "name, shorter",
    [
        ("Recep Tayyip Erdogan", "Tayyip Erdogan"),
        ("Mohamed Hamdan Dagalo", "Hamdan Dagalo"),
        ("Abdel Fattah el-Sisi", "Fattah el-Sisi"),
        ("Martin Luther King Jr.", "Luther King"),
        ("Abbas Araghchi", None),  # one given name: the surname alone is its short form
        ("Mohammed bin Salman", None),  # "bin" belongs to the surname
        ("George W. Bush", None),  # an initial opens no name
        ("Zine El Abidine Ben Ali", None),  # nor does a particle
        ("Kim Jong Un", None),  # a Korean name puts the surname first
    ],
)
def test_a_name_without_its_first_given_name(name, shorter):
    assert without_first_name_forms(Entity(name, "person")) == ([(shorter, "alias", shorter)] if shorter else [])
    assert (shorter, "alias", shorter) in person_forms(Entity(name, "person")) or shorter is None


def test_a_first_given_name_spelled_another_way_leaves_the_rest_readable(tmp_path):
    gazetteer = tmp_path / "g.yaml"
    gazetteer.write_text(
        "entities:\n"
        "  - {canonical: Recep Tayyip Erdogan, kind: person}\n"
        "  - {canonical: Mohamed Hamdan Dagalo, kind: person}\n"
        "  - {canonical: Mohammed bin Salman, kind: person}\n",
        encoding="utf-8",
    )
    engine = Normalizer.load(gazetteers=[gazetteer], bundled=False)
    # The Arabic spelling of the Turkish "Recep" is another spelling no rule
    # reads as it, and it closed the full name to the garble after it.
    assert engine.normalize("President Rajab Tayyib Erdogan spoke.").text == "President Rajab Tayyip Erdogan spoke."
    # "Mohammed" is another person's given name here; the rest of the name is
    # read beside "Hamdan", and then the given name beside the intact rest.
    assert engine.normalize("Mohammed Hamdan Daglo toured.").text == "Mohamed Hamdan Dagalo toured."
    assert engine.normalize("Tayyip Erdogan spoke with Hamdan Dagalo.").corrections == ()
