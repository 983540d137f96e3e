"""A word printed by a strict Cyrillic scheme (GOST 7.79, scientific) is also read as the Wikipedia
scheme prints the same Cyrillic (normalizer.transliteration.as_wikipedia_prints): the learned models
read plain letters, and "Tûmèn" stripped of its marks ("tumen") loses the "yu" of Тюмень. The
table normalizer/data/russian_scheme_letters.tsv is made from iuliia's schemes by
tools/generate_russian_scheme_letters.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer_samples import applied_changes, engine_of
from normalizer import transliteration
from tool_scripts import tool_script

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "tools" / "data" / "transliteration" / "russian.dev.tsv"
@pytest.fixture(scope="module")
def iuliia():
    return pytest.importorskip("iuliia")


def test_regenerating_the_table_gives_the_committed_file(iuliia):
    tool = tool_script("generate_russian_scheme_letters")
    assert tool.render() == tool.OUT.read_text(encoding="utf-8"), "python tools/generate_russian_scheme_letters.py changes it"


@pytest.mark.parametrize("name", ["GOST_779", "SCIENTIFIC"])
def test_a_strict_spelling_is_read_as_the_wikipedia_scheme_prints_it(iuliia, name):
    # Real Russian spellings of the dev split's names, of the letters that the scheme prints with a
    # mark or as the Wikipedia scheme does (its plain "c" for ц and "ja" for я are another matter:
    # plain letters are read as they are), at least one marked.
    scheme, wikipedia = getattr(iuliia, name), iuliia.WIKIPEDIA
    printed = {c: (scheme.translate(f"б{c}б")[1:-1], wikipedia.translate(f"б{c}б")[1:-1]) for c in "абвгджзиклмнопрстуфхцчшщюя"}
    marked = {c for c, (strict, _) in printed.items() if not strict.isascii()}
    alike = {c for c, (strict, plain) in printed.items() if strict == plain}
    words = [
        cyrillic.capitalize() for cyrillic in (line.split("\t")[1] for line in PAIRS.read_text(encoding="utf-8").splitlines())
        if set(cyrillic) <= marked | alike and set(cyrillic) & marked
    ][:300]
    assert len(words) >= 50
    for cyrillic in words:
        assert transliteration.as_wikipedia_prints(scheme.translate(cyrillic)) == wikipedia.translate(cyrillic), cyrillic


def test_a_plain_word_is_itself():
    assert transliteration.as_wikipedia_prints("Tyumen") == "Tyumen"
    assert transliteration.as_wikipedia_prints("Siliņa") == "Siliņa"  # no scheme's letter: untouched


def test_the_wider_reading_scores_the_strict_spelling():
    plain = transliteration.score("Tumen", "Tyumen")[0]  # what the marks stripped leave
    strict, route = transliteration.score("Tûmèn", "Tyumen")
    assert strict > plain
    assert route == "Russian romanization"


def test_an_exact_wikipedia_spelling_is_a_route_not_an_exact_match():
    assert transliteration.score("Tûmèn", "Tyumen") == (transliteration.SCORE_CAP, "Russian romanization")


PLACES = """\
entities:
  - {canonical: Tyumen, kind: place}
  - {canonical: Stephen Jackson, kind: person}
"""


def test_a_strict_spelling_of_a_place_the_text_names_is_repaired(tmp_path):
    engine = engine_of(tmp_path, PLACES)
    text = "The olympiad was held in Tyumen in April. Students came to Tûmèn from 20 countries."
    assert applied_changes(engine.normalize(text)) == [("Tûmèn", "Tyumen")]
