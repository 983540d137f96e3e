"""A marked spelling no real name has ("Ławrow", Polish for Lavrov) is read with evidence, as a
real name word the gazetteers lack is; a marked spelling real names have ("Babiš") stays a
correct foreign spelling."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of
from normalizer.gazetteer.index import build_index
from normalizer.gazetteer.loading import Entity, Gazetteer
from normalizer.gazetteer.name_words import is_marked_name_word
from normalizer.suspects import FOREIGN_LETTERED, OPEN, REAL_NAMES, Status, word_status

GAZETTEER = """\
entities:
  - {canonical: Sergei Lavrov, kind: person, context: [Foreign Minister]}
  - {canonical: Yevgeny Prigozhin, kind: person}
  - {canonical: Syria, kind: place}
  - {canonical: Kharkiv, kind: place}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("marked"), GAZETTEER)


def test_a_spelling_no_real_name_has_is_marked_and_one_real_names_have_is_foreign():
    index = build_index(Gazetteer(entities=(Entity(canonical="Someplace", kind="place"),), protect=frozenset()))
    assert is_marked_name_word("Babiš") and word_status(index, "Babiš", "babis") == Status.FOREIGN
    assert not is_marked_name_word("Ławrow") and word_status(index, "Ławrow", "lawrow") == Status.MARKED
    # both are foreign-lettered; only the marked one is open, and then as a real name is
    assert {Status.FOREIGN, Status.MARKED} == FOREIGN_LETTERED
    assert Status.MARKED in OPEN and Status.MARKED in REAL_NAMES and Status.FOREIGN not in OPEN


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Foreign Minister Sergei Ławrow met reporters.", [("Ławrow", "Lavrov")]),  # Polish
        ("Jevgenij Prigožin's aircraft crashed.", [("Jevgenij Prigožin", "Yevgeny Prigozhin")]),  # Italian
        ("Sergei Lavrov arrived. Later, Ławrow met reporters.", [("Ławrow", "Lavrov")]),
    ],
)
def test_a_third_languages_spelling_is_repaired_with_evidence(engine, text, expected):
    assert applied_changes(engine.normalize(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ławrow met reporters on Monday.",  # alone: somebody's name, as far as the engine knows
        # the mission's own example: a real Latvian name is never Syria
        "Latvian Prime Minister Evika Siliņa said Syria must answer. Siliņa spoke in Riga.",
    ],
)
def test_without_evidence_nothing_is_applied(engine, text):
    assert applied_changes(engine.normalize(text)) == []
