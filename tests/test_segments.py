"""Very long texts are read a segment at a time: the cuts tile the text at
paragraph breaks, and the result is the segments' results in the text's offsets."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

import normalizer.engine
from normalizer import Normalizer
from normalizer.result import undo
from normalizer.segments import segments, spans_within
from tests.conftest import ROOT


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab \n", max_size=400), st.integers(min_value=1, max_value=60))
def test_segments_tile_the_text_within_the_limit(text, limit):
    spans = list(segments(text, limit))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(0 < end - start <= limit for start, end in spans) or text == ""


def test_a_cut_falls_at_a_paragraph_break_when_there_is_one():
    text = "one two three four.\n\nfive six.\nseven eight nine ten"
    assert [text[a:b] for a, b in segments(text, 30)][0] == "one two three four.\n\n"
    text = "one two three four.\nfive six seven eight nine ten"
    assert [text[a:b] for a, b in segments(text, 30)][0] == "one two three four.\n"


def test_spans_are_clipped_and_counted_from_the_segment():
    assert spans_within([(0, 5), (8, 12), (20, 30)], 10, 25) == [(0, 2), (10, 15)]


def test_a_long_text_is_its_segments_read_alone(monkeypatch):
    engine = Normalizer.load(gazetteers=[ROOT / "benchmarks/corpus/wikinews/gazetteer.yaml"])
    records = [json.loads(line) for line in (ROOT / "benchmarks/corpus/wikinews-garbled.jsonl").open()]
    text = "\n\n".join(r["garbled"] for r in records[:6])
    monkeypatch.setattr(normalizer.engine, "SEGMENT_CHARS", 8_000)
    whole = engine.normalize(text)
    expected = []
    for start, end in segments(text, 8_000):
        monkeypatch.setattr(normalizer.engine, "SEGMENT_CHARS", 10**9)
        part = engine.normalize(text[start:end])
        expected += [(c.start + start, c.end + start, c.replacement, c.applied) for c in part.corrections]
    assert len(list(segments(text, 8_000))) >= 3
    assert [(c.start, c.end, c.replacement, c.applied) for c in whole.corrections] == expected
    assert expected, "the garbled articles have corrections"
    assert undo(whole.text, whole.corrections) == text
    for c in whole.corrections:
        assert text[c.start : c.end] == c.original
        assert c.line == text.count("\n", 0, c.start) + 1
        assert c.column == c.start - (text.rfind("\n", 0, c.start) + 1) + 1
