"""The lexicons read at every start: the same words whether parsed or read from the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

import normalizer
from normalizer.folding import fold_case
from normalizer.gazetteer import lexicon

PLACE_NAMES = Path(normalizer.__file__).parent / "data" / "place_names.txt"


def place_names_line_by_line() -> frozenset[str]:
    with PLACE_NAMES.open(encoding="utf-8") as handle:
        return frozenset(fold_case(line.strip()) for line in handle if line.strip() and not line.startswith("#"))


@pytest.fixture(autouse=True)
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("NORMALIZER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NORMALIZER_NO_CACHE", raising=False)
    lexicon.place_names.cache_clear()
    yield
    lexicon.place_names.cache_clear()


def test_place_names_parsed_then_cached_are_the_list(tmp_path):
    expected = place_names_line_by_line()
    assert lexicon.place_names() == expected  # parsed, then stored
    assert list((tmp_path / "cache").glob("*.pickle"))
    lexicon.place_names.cache_clear()
    assert lexicon.place_names() == expected  # from the cache
    assert "" not in expected and not any(name.startswith("#") for name in expected)


def test_place_names_without_a_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("NORMALIZER_NO_CACHE", "1")
    assert lexicon.place_names() == place_names_line_by_line()
    assert not (tmp_path / "cache").exists()


def test_parsing_keeps_the_line_by_line_rules(tmp_path):
    listing = tmp_path / "names.txt"
    listing.write_text("# comment\n\n  Aachen  \nSTRASSE\n #not a comment\nStraße\r\nZürich", encoding="utf-8")
    # keyed as a text's words are: "Zürich" is the key of the token "Zürich", "zurich"
    assert lexicon._parse_place_names(listing) == {"aachen", "strasse", "#not a comment", "zurich"}


# ------------------------------------------------------------------ the English word list


def dictionary_lines() -> list[str]:
    from importlib import resources

    return (resources.files("symspellpy") / lexicon.DICTIONARY).read_text(encoding="utf-8").splitlines()


def test_english_words_hold_every_line_of_the_dictionary_with_its_count():
    lines = dictionary_lines()
    words = lexicon.english_words()
    assert len(words) == len(lines) > 80_000
    for line in (lines[0], lines[len(lines) // 2], lines[-1]):  # the last line has no newline
        word, count = line.split(" ")
        assert words[word] == int(count)


def test_english_ranks_follow_the_dictionarys_order():
    lines = dictionary_lines()
    ranks = lexicon.english_ranks()
    assert ranks[lines[0].split(" ")[0]] == 0
    assert ranks[lines[-1].split(" ")[0]] == len(lines) - 1
    assert sorted(ranks.values()) == list(range(len(lines)))


def test_common_words_start_at_the_given_count():
    gold = lexicon.english_words()["gold"]
    assert lexicon.common_words(gold)["gold"] == gold
    assert "gold" not in lexicon.common_words(gold + 1)
    assert min(lexicon.common_words(50_000_000).values()) >= 50_000_000
    assert len(lexicon.common_words(50_000_000)) < len(lexicon.common_words(1_000_000))


def test_common_english_words_are_those_at_the_engines_count():
    common = lexicon.common_english_words()
    assert {"the", "new", "gold"} <= common
    assert "iran" not in common and "nice" not in common
    assert common == set(lexicon.common_words(lexicon.COMMON_WORD_COUNT))


def test_the_dictionary_has_one_reader():
    """Only this module opens symspellpy's word list; the lint, the garbler and
    the index ask it."""
    package = Path(normalizer.__file__).parent
    readers = sorted(
        str(source.relative_to(package))
        for source in package.rglob("*.py")
        if "frequency_dictionary_en" in source.read_text(encoding="utf-8")
    )
    assert readers == ["gazetteer/lexicon.py"]
