"""Round trips the Wikidata pairs attest ("Bler" for Blair, from Блэр), and
UniDic's katakana loanwords ("Basura" for Basra, from バスラ): a table made from
the train split and UniDic's proper nouns by the real romanizers, regenerated
byte for byte, never holding a dev word (the name-level benchmark's), and
read as the name it prints, where the letters alone read it too weakly."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of
from normalizer.gazetteer import attested as module
from normalizer.measure.roundtrip import SCRIPTS, read_pairs
from normalizer.similarity import spelling_similarity
from normalizer.transliteration import spelled_score
from tool_scripts import ROOT, tool_script

DATA = ROOT / "tools" / "data" / "transliteration"

OWN = """\
entities:
  - {canonical: Tony Blair, kind: person}
  - {canonical: Bill Gates, kind: person}
  - {canonical: Gordon Brown, kind: person}
  - {canonical: Jacques Chirac, kind: person}
"""


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("attested"), OWN)


def test_regenerating_gives_the_committed_file():
    for module_name in ("iuliia", "pykakasi", "cutlet", "pypinyin", "korean_romanizer", "hangul_romanize"):
        pytest.importorskip(module_name)
    assert tool_script("generate_attested_round_trips").generate() == module.PATH.read_text(encoding="utf-8"), (
        "python tools/generate_attested_round_trips.py changes the committed table"
    )


def test_each_form_comes_from_its_scripts_train_split_or_from_unidic():
    # The splits share no word within a script; a word may be one script's train word and
    # another's dev word (Blair: Блэр in train, ブレア in dev), and only its train pairs print
    # forms, and for katakana UniDic's proper nouns, none of them a dev word of any script.
    pytest.importorskip("unidic_lite")
    train = {script: {english.lower() for english, _ in read_pairs(DATA / f"{script}.train.tsv")} for script in SCRIPTS}
    dev = {script: {english.lower() for english, _ in read_pairs(DATA / f"{script}.dev.tsv")} for script in SCRIPTS}
    unidic = {english for english, _, _ in tool_script("generate_attested_round_trips")._unidic_pairs()}
    assert unidic.isdisjoint(set().union(*dev.values()))
    table = module.attested_forms()
    assert len(table) > 5000
    for english, forms in table.items():
        for _, script in forms:
            source = train[script] | (unidic if script == "katakana" else set())
            assert english in source and english not in dev[script], (english, script)


def test_a_name_unidic_gives_in_katakana_is_read_as_it(tmp_path):
    # バスラ-Basra, a proper noun of UniDic and no word of the Wikidata pairs: by Hepburn
    # "Basura", a real word (Spanish's) that only an attested reading opens.
    assert "basura" in {form for form, _ in module.attested_forms()["basra"]}
    engine = engine_of(tmp_path, "entities:\n  - {canonical: Basra, kind: place}\n")
    result = engine.normalize("Officials in Basura said the talks would continue.")
    assert applied_changes(result) == [("Basura", "Basra")]
    assert "katakana round trip" in result.corrections[0].reasons[0]


@pytest.mark.parametrize("word, name", [("Bler", "Blair"), ("Geitsu", "Gates"), ("Zhak", "Jacques")])
def test_the_letters_alone_read_these_too_weakly(word, name):
    # What the table is for: were the learned letter model as sure, the table would add nothing.
    # (The pronunciation route, normalizer.pronunciation, now hears "Bler" as Blair too.)
    assert max(spelling_similarity(word, name)[0], spelled_score(word, name)[0]) < 0.8
    assert word.lower() in {form for form, _ in module.attested_forms()[name.lower()]}


@pytest.mark.parametrize(
    "text, expected, route",
    [
        # Блэр by any Cyrillic scheme, beside Тони: the whole name
        ("On Monday, Toni Bler said the talks would continue.", [("Toni Bler", "Tony Blair")], "Russian romanization"),
        # ゲイツ by Hepburn, after the full name
        ("Bill Gates spoke on Monday. Later, Geitsu said the talks would continue.", [("Geitsu", "Gates")],
         "katakana round trip"),
        # Браун, a real surname in the lexicon, beside the intact given name
        ("Gordon Braun said the talks would continue.", [("Braun", "Brown")], "Russian romanization"),
    ],
)
def test_an_attested_round_trip_is_read_as_its_name(newsroom, text, expected, route):
    result = newsroom.normalize(text)
    assert applied_changes(result) == expected
    assert any(f"~ '{expected[0][1].split()[-1]}': {route}" in reason for c in result.corrections for reason in c.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "The judge raised her gavel.",  # "gavel" prints Havel (Гавел), and is an English word
        "Toni Morrison won the Nobel Prize.",  # "Toni" prints Tony (Тони), and is a given name of its own
        "Herr Braun said the talks would continue.",  # a real surname alone: somebody's
    ],
)
def test_an_attested_form_that_is_a_real_word_stays(newsroom, text):
    assert applied_changes(newsroom.normalize(text)) == []
