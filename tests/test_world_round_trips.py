"""benchmarks/world_round_trips.py: its table names the world gazetteer's
people, and its spellings are the romanizers' as printed, each once."""

from __future__ import annotations

import pytest
import yaml

from tool_scripts import ROOT

pytest.importorskip("iuliia")
pytest.importorskip("pykakasi")

from benchmarks.world_round_trips import GAZETTEER, people, spellings  # noqa: E402


def test_every_person_of_the_table_is_in_the_gazetteer():
    canonicals = {e["canonical"] for e in yaml.safe_load(GAZETTEER.read_text(encoding="utf-8"))["entities"]}
    rows = people()
    assert len(rows) >= 50
    assert all(english in canonicals and (russian or japanese) for english, russian, japanese in rows)


def test_spellings_are_printed_forms_each_once():
    russian = spellings("russian", "Дэвид Кэмерон")
    assert "D·evid K·emeron" in russian and "Devid Kemeron" in russian  # BGN/PCGN, Wikipedia
    assert len(russian) == len(set(russian))
    assert spellings("russian", "Урсула фон дер Ляйен")[0].split()[1:3] == ["fon", "der"]  # small as written
    assert "Donarudo Toranpu" in spellings("katakana", "ドナルド・トランプ")
    assert ROOT.joinpath("benchmarks", "corpus", "world", "SOURCE.md").is_file()
