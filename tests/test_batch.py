"""Normalizer.normalize_many: results in order, the same as normalize, and a bad
record never stops the batch."""

from __future__ import annotations

import pytest

from normalizer.errors import NormalizerError


def test_results_in_order_and_identical_to_normalize(bundled_normalizer):
    texts = ["French President Emanuel Macrom spoke.", "Nothing to repair here.", "Olaf Schultz, German Chancellor."]
    outcomes = list(bundled_normalizer.normalize_many(iter(texts)))  # any iterable, even a one-shot one
    assert [o.id for o in outcomes] == [0, 1, 2]
    assert all(o.ok for o in outcomes)
    assert [o.result for o in outcomes] == [bundled_normalizer.normalize(t) for t in texts]
    assert outcomes[0].result.text == "French President Emmanuel Macron spoke."


def test_bad_records_get_an_error_with_their_id_and_the_batch_goes_on(bundled_normalizer):
    texts = ["Emmanuel Macrom spoke.", None, 42, "", "   ", "x" * 50, "Olaf Schultz, German Chancellor."]
    outcomes = list(bundled_normalizer.normalize_many(texts, ids=list("abcdefg"), max_chars=40))
    assert [(o.id, o.error) for o in outcomes if not o.ok] == [
        ("b", "no text (null)"),
        ("c", "not a string (int)"),
        ("d", "empty text"),
        ("e", "empty text"),
        ("f", "text of 50 characters is longer than the limit of 40"),
    ]
    assert outcomes[0].result.text == "Emmanuel Macron spoke."
    assert outcomes[-1].id == "g" and outcomes[-1].result.changed
    assert all(o.result is None for o in outcomes if not o.ok)


def test_the_limit_must_be_a_positive_integer(bundled_normalizer):
    with pytest.raises(NormalizerError, match="max_chars"):
        list(bundled_normalizer.normalize_many(["a"], max_chars=0))
