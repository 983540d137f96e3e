"""Properties of every text, on windows of real garbled news with arbitrary
characters and protected spans: lossless (undo gives the input back), protected
spans never touched, one read converges. A bounded number of examples here;
`python benchmarks/fuzz.py` runs the same checks hundreds of thousands of times."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from normalizer import Normalizer
from normalizer.measure.fuzz_texts import GAZETTEER, texts_and_spans
from normalizer.measure.invariants import Broken, _protected, check


@pytest.fixture(scope="module")
def engine() -> Normalizer:
    return Normalizer.load(gazetteers=[GAZETTEER])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts_and_spans())
def test_every_text_is_lossless_protected_and_converged(engine, text_and_spans):
    text, spans = text_and_spans
    check(engine, text, spans)


def test_the_checks_can_fail(engine):
    # The invariants are not vacuous: a protected span a repair crosses is caught.
    text = "Abbas Araghchi spoke. Abbas Alaghchi said."
    result = engine.normalize(text)
    assert result.applied
    with pytest.raises(Broken):
        _protected(result, [(result.applied[0].start, result.applied[0].end)])
