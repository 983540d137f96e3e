"""House style: a newsroom that names a bundled person or place under another
canonical decides how that name is spelled; the bundled entry's other
spellings of it, word for word, become the newsroom's variants. A namesake
(the same canonical) only extends the bundled entry."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes
from normalizer import Normalizer

# The bundled set writes "Volodymyr Zelenskyy" (AP) with "Volodymyr Zelensky"
# among its aliases; this newsroom writes Zelensky.
OWN = """\
entities:
  - {canonical: Volodymyr Zelensky, kind: person}
  - {canonical: Sergei Lavrov, kind: person, variants: [Sergej Lavrov]}
  - {canonical: United States of America, kind: place}
"""
TEXT = "Volodymyr Zelenskyy met Volodymyr Zelenskiy aides. Later, Zelenskyy spoke with Sergey Lavrov in the US."


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    path = tmp_path_factory.mktemp("own") / "own.yaml"
    path.write_text(OWN, encoding="utf-8")
    return Normalizer.load([path])  # with the bundled gazetteers, as a newsroom has it


def test_the_bundled_spellings_of_a_newsroom_name_are_written_its_way(newsroom):
    changes = applied_changes(newsroom.normalize(TEXT))
    assert changes.count(("Zelenskyy", "Zelensky")) == 2  # the full name, and the surname alone
    assert ("Zelenskiy", "Zelensky") in changes


def test_a_namesake_extends_the_bundled_entry_whose_aliases_stay_correct(newsroom):
    # "Sergei Lavrov" is the bundled canonical too: its alias "Sergey Lavrov" stays correct.
    assert "Sergey Lavrov" in newsroom.normalize(TEXT).text


def test_without_a_newsroom_entry_the_bundled_spellings_stay_correct():
    assert Normalizer.load().normalize(TEXT).corrections == ()


def test_other_correct_forms_of_the_bundled_entry_stay_correct(newsroom):
    # The newsroom names the country "United States of America": "US", one of
    # the bundled entry's correct forms, is another form, not another spelling.
    assert "in the US." in newsroom.normalize(TEXT).text


# The same newsroom, its file claiming its spellings as the house style.
HOUSE = "house_style: true\n" + OWN


@pytest.fixture(scope="module")
def strict_newsroom(tmp_path_factory):
    path = tmp_path_factory.mktemp("house") / "house.yaml"
    path.write_text(HOUSE, encoding="utf-8")
    return Normalizer.load([path])


def test_a_house_style_file_writes_the_bundled_spellings_of_a_namesake_its_way(strict_newsroom):
    # "Sergei Lavrov" is the bundled canonical too, "Sergey Lavrov" its alias:
    # the file's `house_style: true` makes the alias its variant.
    result = strict_newsroom.normalize(TEXT)
    assert ("Sergey", "Sergei") in applied_changes(result)
    assert "Sergei Lavrov" in result.text
    assert "Sergey Lavrov" in Normalizer.load().normalize(TEXT).text  # the bundled set alone keeps it


def test_a_house_style_file_still_keeps_the_bundled_entrys_other_forms(strict_newsroom):
    assert "in the US." in strict_newsroom.normalize(TEXT).text


@pytest.mark.parametrize("value", ["yes please", "[true]", "1"])
def test_house_style_is_true_or_false(tmp_path, value):
    from normalizer.errors import GazetteerError

    path = tmp_path / "bad.yaml"
    path.write_text(f"house_style: {value}\n" + OWN, encoding="utf-8")
    with pytest.raises(GazetteerError, match="'house_style' must be true or false"):
        Normalizer.load([path], bundled=False)


JOINED = """\
entities:
  - {canonical: Kim Jong-il, kind: person}
  - {canonical: Bashar al-Assad, kind: person}
"""
APART = "Kim Jong Il met Bashar al Assad. KIM JONG IL DIES."


def test_a_house_style_file_joins_its_names_its_way(tmp_path):
    path = tmp_path / "house.yaml"
    path.write_text("house_style: true\n" + JOINED, encoding="utf-8")
    result = Normalizer.load([path], bundled=False).normalize(APART)
    assert result.text == "Kim Jong-il met Bashar al-Assad. KIM JONG-IL DIES."


def test_without_house_style_a_name_written_apart_is_left_as_written(tmp_path):
    path = tmp_path / "own.yaml"
    path.write_text(JOINED, encoding="utf-8")
    assert Normalizer.load([path], bundled=False).normalize(APART).corrections == ()
