"""Two garbled words that agree on one person's name are not put in doubt by
a reading of one of them alone (Decider._rivals). "Kǎixī Luózéěr" is the
pinyin round trip of a real pair of Wikidata name words (Kacey, Rosel);
"Luózéěr" alone reads as Rosel and as Roser alike: by their letters, and by
ear, where both are said alike enough to be heard in it."""

from __future__ import annotations

import pytest

from gazetteer_samples import applied_changes, engine_of

PEOPLE = """\
entities:
  - {canonical: Kacey Rosel, kind: person}
  - {canonical: Ifor Roser, kind: person}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("agreeing"), PEOPLE)


def test_the_surname_alone_is_in_doubt(engine):
    result = engine.normalize("In a statement, Luózéěr rejected the claims.")
    assert applied_changes(result) == []
    assert {c.replacement for c in result.corrections} <= {"Rosel", "Roser"}


def test_the_given_name_settles_it(engine):
    text = "In a statement, Kǎixī Luózéěr rejected the claims. Luózéěr said the talks would go on."
    result = engine.normalize(text)
    assert applied_changes(result) == [("Kǎixī Luózéěr", "Kacey Rosel"), ("Luózéěr", "Rosel")]


def test_a_word_whose_name_also_reads_the_whole_keeps_the_doubt(tmp_path):
    # "Awrhan Shlnkr" (Arabic round trips of Olgun, Schlencker) reads as both
    # Olgun Schlencker and Arrian Stocker; "Shlnkr" alone as Schlencker says
    # which. Two whole readings of one span are weighed as wholes, and the
    # later "Shlnkr" is read as the name the full mention settled on.
    engine = engine_of(tmp_path, "entities:\n  - {canonical: Olgun Schlencker, kind: person}\n"
                                 "  - {canonical: Arrian Stocker, kind: person}\n")
    result = engine.normalize("The company named Awrhan Shlnkr as its new chief executive. Shlnkr starts in May.")
    assert ("Awrhan Shlnkr", "Arrian Stocker") not in applied_changes(result)
    assert ("Shlnkr", "Stocker") not in applied_changes(result)
