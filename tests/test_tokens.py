"""tokens.token_texts gives the texts of tokenize's tokens."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from normalizer.tokens import token_texts, tokenize


@given(text=st.text(alphabet="aZé's’· -\n1_" + "ß\u0301\u00ad", max_size=30))
@example(text="O'Neill's and Zhou’s")
@example(text="'s s' x's")
def test_token_texts_are_the_tokens_texts(text):
    assert token_texts(text) == [token.text for token in tokenize(text)]
