"""Texts for the property tests and the fuzz runs: windows of real garbled news,
sometimes upper- or lower-cased, cut or joined with arbitrary characters, and
protected spans anywhere in them."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable

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


def text_and_spans(pick: Callable[[int, int], int], characters: Callable[[int], str]) -> tuple[str, list[tuple[int, int]]]:
    """One text and its protected spans, each choice made by `pick(low, high)` (an
    integer in that range) and `characters(n)` (up to n arbitrary characters): the
    hypothesis strategy and the atheris target choose with their own means."""
    words = pieces()
    length = pick(0, 40)
    start = pick(0, len(words) - length)
    text = "".join(words[start : start + length])
    case = pick(0, 7)  # as it is six times in eight
    text = text.lower() if case == 6 else text.upper() if case == 7 else text
    at = pick(0, len(text))
    text = text[:at] + characters(8) + text[at:]
    spans = []
    for _ in range(pick(0, 2)):
        a = pick(0, len(text))
        spans.append((a, pick(a, len(text))))
    return text, spans


@st.composite
def texts_and_spans(draw) -> tuple[str, list[tuple[int, int]]]:
    return text_and_spans(lambda low, high: draw(st.integers(low, high)), lambda n: draw(st.text(max_size=n)))
