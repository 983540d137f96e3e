"""normalizer/gazetteer/stats.py: the counts, and the lines that report them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from normalizer.gazetteer.files import GazetteerFile
from normalizer.gazetteer.loading import KINDS, Entity, Example
from normalizer.gazetteer.stats import format_stats, gazetteer_stats

HEZBOLLAH = Entity(
    "Hezbollah",
    "organization",
    variants=("Hizbollah", "HIZBOLLAH", "Hizballah"),  # "HIZBOLLAH" is no new spelling
    aliases=("Hizbullah Lebanon",),
    examples=(Example("Hizbolah", "Hezbollah"),),
)
IRAN = Entity("Iran", "place", adjectives=("Iranian", "Iranians"), combining=("Irano",))
FILES = [
    GazetteerFile(Path("a.yaml"), (HEZBOLLAH, IRAN), frozenset({"Nice", "Man"})),
    GazetteerFile(Path("b.yaml"), (Entity("Abbas Araghchi", "person"),), frozenset()),
]


def test_counts_per_kind_file_and_field():
    numbers = gazetteer_stats(FILES)
    assert numbers["files"] == 2 and numbers["entities"] == 3
    assert numbers["kinds"] == {kind: {"organization": 1, "place": 1, "person": 1}.get(kind, 0) for kind in KINDS}
    assert list(numbers["kinds"]) == list(KINDS)  # every kind, in the schema's order
    assert numbers["per_file"] == {"a.yaml": 2, "b.yaml": 1}
    assert numbers["variants"] == 3 and numbers["aliases"] == 1 and numbers["examples"] == 1
    assert numbers["adjectives"] == 2 and numbers["combining"] == 1 and numbers["protect"] == 2
    # distinct spellings: Hezbollah's canonical, 2 new variants and alias; Iran's 4; Araghchi's 1
    assert numbers["forms"] == 4 + 4 + 1


def test_no_files_count_nothing():
    numbers = gazetteer_stats([])
    assert numbers["entities"] == numbers["files"] == numbers["forms"] == 0 and numbers["per_file"] == {}


def test_text_report():
    lines = format_stats(gazetteer_stats(FILES), "text")
    assert lines[0] == "3 entities in 2 file(s)"
    assert "  organization         1" in lines and "  term                 0" in lines
    assert "forms                  9" in lines and "protect                2" in lines
    assert lines[-3:] == ["per file:", "         2  a.yaml", "         1  b.yaml"]


def test_json_report_is_one_document_of_the_numbers():
    numbers = gazetteer_stats(FILES)
    [document] = format_stats(numbers, "json")
    assert json.loads(document) == numbers
    assert document.startswith('{\n  "files": 2,')  # indented for a reader


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="xml"):
        format_stats(gazetteer_stats(FILES), "xml")
