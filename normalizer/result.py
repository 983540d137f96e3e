"""The value a normalization returns: the new text and every correction, with renderings."""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import Any, Iterable

from normalizer.errors import LosslessError

CONFIDENCE_DIGITS = 4  # confidence as reported: JSON, SARIF
SCHEMA_FILE = "schemas/result.schema.json"  # in the package: the JSON Schema of Result.to_dict()


@dataclass(frozen=True)
class Correction:
    """One change, applied or only suggested. Offsets are into the original text."""

    start: int
    end: int
    line: int  # 1-based
    column: int  # 1-based, in characters
    original: str
    replacement: str
    entity: str  # the canonical name of the entity
    kind: str  # person | place | organization | honorific | term
    confidence: float
    reasons: tuple[str, ...]
    applied: bool

    def to_dict(self) -> dict[str, Any]:
        """The correction as JSON-ready values (see `Result.to_dict`)."""
        end_line, end_column = end_position(self.line, self.column, self.original)
        return {
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": end_line,
            "end_column": end_column,
            "original": self.original,
            "replacement": self.replacement,
            "entity": self.entity,
            "kind": self.kind,
            "confidence": round(float(self.confidence), CONFIDENCE_DIGITS),
            "reasons": list(self.reasons),
            "applied": bool(self.applied),
        }


@dataclass(frozen=True)
class Result:
    original: str
    text: str
    corrections: tuple[Correction, ...]

    @property
    def applied(self) -> list[Correction]:
        return [c for c in self.corrections if c.applied]

    @property
    def suggestions(self) -> list[Correction]:
        return [c for c in self.corrections if not c.applied]

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def diff(self, name: str = "text") -> str:
        """A unified diff with `a/name` and `b/name` headers, for `git apply`."""
        return unified_diff(self.original, self.text, name)

    def to_dict(self, path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
        """The record `normalize --format json` prints for each file, described by the
        JSON Schema `normalizer/schemas/result.schema.json` (see `json_schema()`):

            {"path": ..., "changed": ..., "corrections": [...], "text": ...}

        `path` is the file's name as given, or None; `text` is the normalized text.
        Each correction has `start` and `end` (character offsets into the original,
        end exclusive), `line`, `column`, `end_line` and `end_column` (1-based,
        counted in characters, the end being the position just after the
        correction), then `original`, `replacement`, `entity`, `kind`,
        `confidence`, `reasons` and `applied`."""
        return {
            "path": None if path is None else os.fspath(path),
            "changed": self.changed,
            "corrections": [c.to_dict() for c in self.corrections],
            "text": self.text,
        }


def end_position(line: int, column: int, original: str) -> tuple[int, int]:
    """1-based line and column just after a span that starts at `line:column` and
    reads `original`. Lines end at a line feed, as `line` counts them (a CR stays
    on its line); columns count characters (code points)."""
    newlines = original.count("\n")
    if not newlines:
        return line, column + len(original)
    return line + newlines, len(original) - original.rfind("\n")


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `Result.to_dict()`, shipped in the package."""
    import json
    from importlib.resources import files

    return json.loads(files("normalizer").joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))


def unified_diff(before: str, after: str, name: str) -> str:
    import difflib  # here: `--check` and the library never write a diff

    lines = difflib.unified_diff(
        _git_lines(before),
        _git_lines(after),
        fromfile=quote_path(f"a/{name}"),
        tofile=quote_path(f"b/{name}"),
    )
    out = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:  # the last line of a file without a final newline, as git writes it
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


# The escapes of git's C-style quoting of path names (quote.c).
_C_ESCAPES = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r",
              '"': '\\"', "\\": "\\\\"}


def quote_path(name: str) -> str:
    """`name` as git shows a path: as it is when every character is printable, else
    C-style in double quotes (`"a\\nb.txt"`, other unprintables as octal UTF-8
    bytes), so that a newline in a file name cannot split a report line or a
    diff header, and `git apply` still reads the header."""
    if name.isprintable():
        return name
    out = []
    for char in name:
        if char in _C_ESCAPES:
            out.append(_C_ESCAPES[char])
        elif char.isprintable():
            out.append(char)
        else:  # U+DC80..U+DCFF: an undecodable byte of a POSIX file name, given back as it was
            errors = "surrogateescape" if "\udc80" <= char <= "\udcff" else "surrogatepass"
            out.extend(f"\\{byte:03o}" for byte in char.encode("utf-8", errors))
    return '"' + "".join(out) + '"'


def _git_lines(text: str) -> list[str]:
    """Lines as git sees them: split after "\n" only (str.splitlines would also
    split at form feeds and U+2028, and the diff would not apply)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def apply_corrections(text: str, corrections: Iterable[Correction]) -> str:
    """Splice the applied corrections into `text`; then prove that undoing them
    gives `text` back, or raise LosslessError (nothing is written)."""
    applied = sorted((c for c in corrections if c.applied), key=lambda c: c.start)
    pieces, cursor = [], 0
    for correction in applied:
        pieces.append(text[cursor : correction.start])
        pieces.append(correction.replacement)
        cursor = correction.end
    pieces.append(text[cursor:])
    result = "".join(pieces)
    del pieces  # a second copy of a long text, no longer needed
    if not _undoes_to(result, applied, text):
        raise LosslessError("internal error: undoing the corrections does not give back the input; nothing written")
    return result


# Stretches are compared a slice of this many characters at a time: the proof of a
# 50 MB text then holds no third and fourth copy of it.
_PROOF_CHUNK = 1 << 20


def _undoes_to(output: str, applied: list[Correction], text: str) -> bool:
    """`undo(output, applied) == text`, checked stretch by stretch: every character
    outside the corrections is the input's, each replacement stands where its
    correction says, and each correction's original is the input at its offsets."""
    at = cursor = 0  # in output, in text
    for c in applied:
        if c.start < cursor or not _same(output, at, text, cursor, c.start - cursor):
            return False
        at += c.start - cursor
        if output[at : at + len(c.replacement)] != c.replacement or text[c.start : c.end] != c.original:
            return False
        at, cursor = at + len(c.replacement), c.end
    return len(output) - at == len(text) - cursor and _same(output, at, text, cursor, len(text) - cursor)


def _same(a: str, a_start: int, b: str, b_start: int, length: int) -> bool:
    return all(
        a[a_start + k : a_start + min(k + _PROOF_CHUNK, length)] == b[b_start + k : b_start + min(k + _PROOF_CHUNK, length)]
        for k in range(0, length, _PROOF_CHUNK)
    )


def undo(output: str, corrections: Iterable) -> str | None:
    """Undo the applied corrections in `output` (suggestions are passed over);
    None if a correction is not where it claims to be."""
    applied = sorted((c for c in corrections if getattr(c, "applied", True)), key=lambda c: c.start)
    pieces, cursor, shift = [], 0, 0
    for c in applied:
        at = c.start + shift
        if at < cursor or output[at : at + len(c.replacement)] != c.replacement:
            return None
        pieces.append(output[cursor:at])
        pieces.append(c.original)
        cursor = at + len(c.replacement)
        shift += len(c.replacement) - (c.end - c.start)
    pieces.append(output[cursor:])
    return "".join(pieces)


def rebase(later: Iterable[Correction], earlier: Iterable[Correction], original: str) -> list[Correction]:
    """Corrections found in the text that `earlier` (applied to `original`)
    produced, moved back to offsets, lines and columns of `original`; those
    that touch an earlier replacement are dropped."""
    applied = sorted((c for c in earlier if c.applied), key=lambda c: c.start)
    # Where each earlier replacement stands in the later text, and the shift of
    # the text before it: one bisect per correction, not a walk over all of them.
    shifts = _shifts(applied)
    later_starts = [e.start + shift for e, shift in zip(applied, shifts)]
    later_ends = [at + len(e.replacement) for at, e in zip(later_starts, applied)]
    moved = []
    starts = None
    for correction in later:
        j = bisect_right(later_ends, correction.start)  # replacements before j end before the correction
        if j < len(applied) and later_starts[j] < correction.end:
            continue  # it touches an earlier replacement
        if starts is None:
            from normalizer.tokens import line_starts

            starts = line_starts(original)
        moved.append(_shifted(correction, -shifts[j], starts))
    return moved


def moved_by(corrections: Iterable[Correction], offset: int, line_starts: list[int]) -> list[Correction]:
    """Corrections of a segment that starts at `offset` of a text whose lines
    start at `line_starts`, with that text's offsets, lines and columns."""
    return [_shifted(c, offset, line_starts) for c in corrections]


def _shifted(c: Correction, offset: int, line_starts: list[int]) -> Correction:
    """`c` moved `offset` characters, its line and column those of a text whose lines start at `line_starts`."""
    start = c.start + offset
    line = bisect_right(line_starts, start)
    return replace(c, start=start, end=c.end + offset, line=line, column=start - line_starts[line - 1] + 1)


def _shifts(edits: list[Correction]) -> list[int]:
    """How far each of `edits` (sorted, applied) and the text after the last one
    move: the sum of the length changes of the edits before it."""
    return list(accumulate((len(c.replacement) - (c.end - c.start) for c in edits), initial=0))


def shift_spans(spans: Iterable[tuple[int, int]], applied: Iterable[Correction]) -> list[tuple[int, int]]:
    """Character spans of the original, moved to where they stand once
    `applied` corrections are spliced in (corrections never touch them)."""
    edits = sorted((c for c in applied if c.applied), key=lambda c: c.start)
    ends = [c.end for c in edits]
    shifts = _shifts(edits)
    moved = []
    for start, end in spans:
        shift = shifts[bisect_right(ends, start)]  # the edits that end at or before the span
        moved.append((start + shift, end + shift))
    return moved
