"""One text as the later stages see it: tokens with their keys and status,
and the questions they ask of the text around a word (what lies between two
tokens, where a phrase occurs). Built once per text; the stages only read it
(the memos inside are caches of pure functions of the text)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from functools import wraps
from typing import Callable, Sequence, TypeVar

from normalizer.gazetteer.index import Index
from normalizer.suspects import Status, classify
from normalizer.tokens import Token, is_name_gap, tokenize

T = TypeVar("T")


def of_the_text(question: Callable[..., T]) -> Callable[..., T]:
    """Remember `question(doc, *places)` in the document: a pure question of
    the text around a place ("is there an office right before token 7?")
    that each reading laid over that place asks again, dozens a text."""
    name = question.__qualname__

    @wraps(question)
    def remembered(doc: "Document", *places):
        key = (name, *places)
        try:
            return doc.answers[key]
        except KeyError:
            found = doc.answers[key] = question(doc, *places)
            return found

    return remembered


class Document:
    def __init__(self, index: Index, text: str, ignore_spans: Sequence[tuple[int, int]] = ()):
        self.index = index
        self.text = text
        self.tokens: list[Token] = tokenize(text)
        self.keys = [t.key for t in self.tokens]
        ignored = ignored_tokens(self.tokens, [*ignore_spans, *amended_words(text)])
        self.status: list[Status] = classify(index, text, self.tokens, ignored, self.keys)
        self.positions: dict[str, list[int]] = defaultdict(list)  # token key -> where it occurs
        for k, key in enumerate(self.keys):
            self.positions[key].append(k)
        self._context_positions: dict[int, list[tuple[int, str]]] = {}
        self.answers: dict[tuple, object] = {}  # memo of the questions marked @of_the_text

    def __len__(self) -> int:
        return len(self.tokens)

    def gap(self, left: int, right: int) -> str:
        """The text between tokens `left` and `right` (left < right)."""
        return self.text[self.tokens[left].end : self.tokens[right].start]

    def gap_ok(self, left: int, right: int) -> bool:
        """Tokens `left` and `right` may be words of one name."""
        return is_name_gap(self.gap(left, right))

    def between(self, a: int, b: int) -> str | None:
        """The text between adjacent tokens a and b, in either order; None
        when either is outside the text."""
        if not (0 <= a < len(self.tokens) and 0 <= b < len(self.tokens)):
            return None
        return self.gap(min(a, b), max(a, b))

    def words(self, first: int, last: int) -> str:
        """The text of tokens `first`..`last`, case set aside."""
        return self.text[self.tokens[first].start : self.tokens[last].end].casefold()

    def context_phrases(self, entity: int) -> list[tuple[int, str]]:
        """(token position, phrase) of each context phrase of `entity` in the text."""
        if entity not in self._context_positions:
            found = []
            for phrase in self.index.entities[entity].context:
                size = len(phrase)
                for k in self.positions.get(phrase[0], ()) if phrase else ():
                    if tuple(self.keys[k : k + size]) == phrase:
                        found.append((k + size // 2, " ".join(phrase)))
            self._context_positions[entity] = found
        return self._context_positions[entity]


# A word an editor amended in square brackets, the letters added or changed inside
# them ("Pittsburg[h]", "[T]he", "con[c]essions"; not a footnote, "Trmup[1]").
_AMENDED = re.compile(r"\w+\[[^\W\d_]+\]\w*|\[[^\W\d_]+\]\w+")


def amended_words(text: str) -> list[tuple[int, int]]:
    """The spans of the words an editor amended in brackets: the editor's own
    spelling, which no correction rewrites (a repair of "Pittsburg[h]" would
    write "Pittsburgh[h]")."""
    return [match.span() for match in _AMENDED.finditer(text)] if "[" in text else []


def ignored_tokens(tokens: list[Token], spans: Sequence[tuple[int, int]]) -> list[bool]:
    """For each token, whether it overlaps one of `spans`."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    starts = [start for start, _ in merged]
    ignored = []
    for token in tokens:
        k = bisect_right(starts, token.end - 1) - 1  # the last span starting inside or before
        ignored.append(k >= 0 and merged[k][1] > token.start)
    return ignored
