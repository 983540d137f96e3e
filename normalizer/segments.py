"""Very long texts, read a segment at a time.

A news article is a few thousand words; a 50 MB "text" is a dump of many. Read
whole, its tokens, statuses and proposals would hold tens of bytes for each
byte of input. Cut at paragraph breaks (else line breaks, else spaces) into
segments of at most SEGMENT_CHARS, each read as its own text, time and memory
stay linear in the input and bounded per segment. Evidence does not cross a
cut: across 200,000 characters of one dump it would mostly join unrelated
stories anyway.
"""

from __future__ import annotations

from typing import Iterator, Sequence

SEGMENT_CHARS = 200_000
# Where a cut may go, best first: the text on both sides stays whole words.
_CUTS = ("\n\n", "\n", " ", "\t")


def segments(text: str, limit: int = SEGMENT_CHARS) -> Iterator[tuple[int, int]]:
    """(start, end) spans that tile `text`, each at most `limit` characters."""
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        yield start, end
        start = end
    yield start, len(text)


def _cut(text: str, start: int, limit: int) -> int:
    """The last good place to cut in text[start:limit], past its first half."""
    floor = start + (limit - start) // 2
    for mark in _CUTS:
        at = text.rfind(mark, floor, limit)
        if at != -1:
            return at + len(mark)
    # No space in 100,000 characters: no prose there, cut anywhere.
    return limit


def spans_within(spans: Sequence[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """`spans` clipped to [start, end) and counted from `start`."""
    return [(max(a, start) - start, min(b, end) - start) for a, b in spans if a < end and b > start]
