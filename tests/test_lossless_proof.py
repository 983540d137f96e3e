"""The proof behind every output: undoing the applied corrections gives the input
back, checked stretch by stretch (so a long text is not copied twice more)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import normalizer.result
from normalizer.errors import LosslessError
from normalizer.result import Correction, apply_corrections, undo


def correction(text: str, start: int, end: int, replacement: str, original: str | None = None) -> Correction:
    return Correction(start, end, 1, start + 1, text[start:end] if original is None else original, replacement,
                      "E", "person", 0.99, (), True)


@st.composite
def corrected_texts(draw):
    text = draw(st.text(alphabet="ab \n’", max_size=60))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2])]
    return text, [correction(text, a, b, draw(st.text(alphabet="xyz", min_size=1, max_size=4))) for a, b in spans]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(corrected_texts(), st.integers(1, 5))
def test_the_proof_agrees_with_undo_across_chunks(monkeypatch_chunk, text_and_corrections, chunk):
    text, corrections = text_and_corrections
    monkeypatch_chunk(chunk)  # stretches longer than a chunk are compared in pieces
    output = apply_corrections(text, corrections)
    assert undo(output, corrections) == text


def test_a_correction_whose_original_is_not_the_input_is_refused():
    text = "Abbas Alaghchi said."
    with pytest.raises(LosslessError):
        apply_corrections(text, [correction(text, 6, 14, "Araghchi", original="Alaghchx")])


@pytest.fixture
def monkeypatch_chunk():
    saved = normalizer.result._PROOF_CHUNK

    def set_chunk(size: int) -> None:
        normalizer.result._PROOF_CHUNK = size

    yield set_chunk
    normalizer.result._PROOF_CHUNK = saved
