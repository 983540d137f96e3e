"""House style: a newsroom's own entry for a name the bundled gazetteers also
hold decides how that name is spelled; the bundled entry's other spellings
of it, word for word, become the newsroom's variants."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes
from normalizer import Normalizer

OWN = """\
entities:
  - {canonical: Sergei Lavrov, kind: person}
  - {canonical: Alexander Lukashenko, kind: person}
  - {canonical: United States, kind: place}
"""


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    path = tmp_path_factory.mktemp("own") / "own.yaml"
    path.write_text(OWN, encoding="utf-8")
    return Normalizer.load([path])  # with the bundled gazetteers, as a newsroom has it


def test_the_bundled_spellings_of_a_newsroom_name_are_written_its_way(newsroom):
    result = newsroom.normalize("Sergey Lavrov met Alyaksandr Lukashenka in Minsk.")
    assert result.text == "Sergei Lavrov met Alexander Lukashenko in Minsk."
    assert ("Sergey", "Sergei") in applied_changes(result)


def test_without_a_newsroom_entry_the_bundled_spellings_stay_correct():
    bundled = Normalizer.load()
    assert bundled.normalize("Sergey Lavrov met Alyaksandr Lukashenka in Minsk.").corrections == ()


def test_other_correct_forms_of_the_bundled_entry_stay_correct(newsroom):
    # The newsroom lists "United States" alone: "US" is another form, not another spelling.
    text = "The US envoy and Lavrov spoke."
    assert newsroom.normalize(text).corrections == ()
