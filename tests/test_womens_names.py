"""A woman's given name is no garble of the man's it resembles
(evidence.surname_forms.womans_given_name), by the table
tools/generate_womens_names.py makes from Faker's lists."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of
from normalizer.evidence.surname_forms import womans_given_name
from tool_scripts import tool_script


def test_regenerating_gives_the_committed_file():
    generator = tool_script("generate_womens_names")
    assert generator.render() == generator.OUT.read_text(encoding="utf-8"), (
        "python tools/generate_womens_names.py changes the committed table"
    )


@pytest.mark.parametrize(
    "word, name, womans",
    [
        ("aleksandra", "alexander", True),
        ("viktoria", "viktor", True),
        ("daniela", "daniel", True),
        ("maria", "mario", False),  # a man's name too in some languages ("José María")
        ("rojaa", "roger", False),  # ロジャー: katakana's long "-er", no woman's name
        ("hamza", "hamzah", False),  # one Arabic name, "-a" or "-ah"
    ],
)
def test_a_womans_given_name(word, name, womans):
    assert womans_given_name(word, name) is womans


def test_a_womans_given_name_beside_a_garbled_surname_stays(tmp_path):
    engine = engine_of(tmp_path, "entities:\n  - {canonical: Alexander Novak, kind: person}\n")
    # Her given name is hers; the two words agreed on his name, so both were rewritten.
    assert applied_changes(engine.normalize("Aleksandra Novack spoke.")) == []
    assert applied_changes(engine.normalize("Aleksandr Novack spoke.")) == [("Aleksandr Novack", "Alexander Novak")]
