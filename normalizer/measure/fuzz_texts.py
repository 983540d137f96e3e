"""Texts for the property tests and the fuzz runs: windows of real garbled news,
sometimes upper- or lower-cased, cut or joined with arbitrary characters, and
protected spans anywhere in them."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

GARBLED = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus" / "wikinews-garbled.jsonl"
GAZETTEER = GARBLED.parent / "wikinews" / "gazetteer.yaml"


@lru_cache(maxsize=1)
def pieces() -> tuple[str, ...]:
    """Each word of the garbled corpus with the space or punctuation after it."""
    found: list[str] = []
    for line in GARBLED.read_text(encoding="utf-8").splitlines():
        found += re.findall(r"\S+\s*", json.loads(line)["garbled"])
    return tuple(found)


@st.composite
def texts_and_spans(draw) -> tuple[str, list[tuple[int, int]]]:
    words = pieces()
    length = draw(st.integers(min_value=0, max_value=40))
    start = draw(st.integers(min_value=0, max_value=len(words) - length))
    text = "".join(words[start : start + length])
    case = draw(st.sampled_from(["as is"] * 6 + ["lower", "upper"]))
    text = text.lower() if case == "lower" else text.upper() if case == "upper" else text
    if text and draw(st.booleans()):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:at] + draw(st.text(max_size=8)) + text[at:]
    spans = []
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        a = draw(st.integers(min_value=0, max_value=len(text)))
        spans.append((a, draw(st.integers(min_value=a, max_value=len(text)))))
    return text, spans
