"""The lexicons read at every start: the same words whether parsed or read from the cache."""

from __future__ import annotations

from pathlib import Path

import pytest

import normalizer
from normalizer.gazetteer import lexicon

PLACE_NAMES = Path(normalizer.__file__).parent / "data" / "place_names.txt"


def place_names_line_by_line() -> frozenset[str]:
    with PLACE_NAMES.open(encoding="utf-8") as handle:
        return frozenset(line.strip().casefold() for line in handle if line.strip() and not line.startswith("#"))


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
    assert lexicon._parse_place_names(listing) == {"aachen", "strasse", "#not a comment", "zürich"}
