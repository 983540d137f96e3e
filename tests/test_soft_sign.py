"""The apostrophe BGN/PCGN and the MVD print for a final Cyrillic ь, after a
name's last word ("Angela Merkel’", Ангела Меркель): taken away with the
name it follows (tokens.soft_sign_after), never where it closes a quotation
or ends a possessive."""

from __future__ import annotations

import pytest

from gazetteer_samples import engine_of
from normalizer.tokens import soft_sign_after, tokenize

PEOPLE = """\
entities:
  - {canonical: Angela Merkel, kind: person}
  - {canonical: Yoon Suk Yeol, kind: person}
  - {canonical: Igor Sechin, kind: person}
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return engine_of(tmp_path_factory.mktemp("soft-sign"), PEOPLE)


def after(text: str, word: str) -> int:
    return soft_sign_after(text, next(token for token in tokenize(text) if token.text == word))


@pytest.mark.parametrize(
    "text, word, length",
    [
        ("Angela Merkel’ said", "Merkel", 1),
        ("Angela Merkel' said", "Merkel", 1),
        ("met Merkel’.", "Merkel", 1),
        ("Angela Merkel’s party", "Merkel", 0),  # a possessive
        ("the Joneses’ car", "Joneses", 0),  # a plural's possessive
        ("the ‘Merkel’ plan", "Merkel", 0),  # a closing quotation mark
        ("the 'Merkel' plan", "Merkel", 0),
        ("Obama’ said", "Obama", 0),  # ь follows a consonant
        ("Shamāl Sīnā' governorate", "Sīnā", 0),  # ... a vowel with a mark too: an Arabic hamza
        ("the province of Kotayk' said", "Kotayk", 0),  # ... and never к, г or х: an Armenian aspirate
        ("the village of Bulakh' said", "Bulakh", 0),
        ("Kurskaya oblast' said", "oblast", 1),  # Курская область
        ("Merkel said", "Merkel", 0),
    ],
)
def test_a_soft_sign_after_a_word(text, word, length):
    assert after(text, word) == length


@pytest.mark.parametrize(
    "text, expected",
    [
        # An intact name: only the apostrophe goes.
        ("On Monday, Angela Merkel’ said the talks went on.", "On Monday, Angela Merkel said the talks went on."),
        ("Officials met Angela Merkel' in the capital.", "Officials met Angela Merkel in the capital."),
        # A repaired name takes it with it (the MVD scheme's Юн Сок Ёль).
        ("On Monday, Yun Sok El' said the talks would go on.", "On Monday, Yoon Suk Yeol said the talks would go on."),
        ("Igor Sechin’ spoke.", "Igor Sechin spoke."),
    ],
)
def test_the_apostrophe_goes_with_the_name(engine, text, expected):
    result = engine.normalize(text)
    assert result.text == expected
    assert not engine.normalize(result.text).corrections  # one pass


@pytest.mark.parametrize("text", ["Critics of the ‘Merkel’ doctrine spoke.", "Angela Merkel’s party won."])
def test_a_quotation_or_a_possessive_stays(engine, text):
    assert engine.normalize(text).corrections == ()
