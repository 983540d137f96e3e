"""`normalize-eval`: measure the engine on garbled texts with known references.

    normalize-eval GARBLED_DIR REFERENCE_DIR      same-named files in two folders
    normalize-eval CORPUS.jsonl                   lines with "garbled", "reference" (+ "id", "category", "garbles")
    normalize-eval garble ...                     build such a corpus (see normalizer.measure.garbler)

Edits are found by aligning word tokens (difflib): garbled -> reference gives
the gold edits, garbled -> output the system's. A system edit is a true
correction only if it covers the same span as a gold edit and writes exactly
the reference text there; any other system edit is a false correction (on a
garbled span it is also a miss; elsewhere it breaks clean tokens). The
arithmetic lives in pure functions (`find_edits`, `score_text`, `Counts`) so
tests can check it on tiny hand-made pairs.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

# The corpus readers and the text report live beside this module; they are
# named here too, for the benchmarks that score baselines the same way.
from normalizer.measure.corpus import CLEAN, UNCATEGORIZED, BadInput, Pair, load_folders, load_jsonl, load_pairs  # noqa: F401
from normalizer.measure.report import CATEGORY_HEADER, category_rows, fmt, markdown_table, render_text  # noqa: F401
from normalizer.result import undo

WORD = re.compile(r"\w+")


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Edit:
    """Replace garbled[start:end] (== original) by `replacement`."""

    start: int
    end: int
    original: str
    replacement: str


@dataclass(frozen=True)
class Finding:
    """A false correction or a miss, for --show and for the lead's tuning list."""

    kind: str  # "false" or "miss"
    text_id: str
    line: int
    category: str
    original: str
    expected: str
    got: str


@dataclass
class Counts:
    gold: int = 0
    true: int = 0
    false: int = 0
    miss: int = 0

    def add(self, other: "Counts") -> None:
        self.gold += other.gold
        self.true += other.true
        self.false += other.false
        self.miss += other.miss

    @property
    def precision(self) -> float | None:
        made = self.true + self.false
        return self.true / made if made else None

    @property
    def recall(self) -> float | None:
        return self.true / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if r is None:
            return None
        if not p or not r:
            return 0.0
        return 2 * p * r / (p + r)

    def to_dict(self) -> dict:
        return {
            "gold": self.gold, "true": self.true, "false": self.false, "miss": self.miss,
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
        }


@dataclass
class TextScore:
    """What one output did to one garbled text."""

    by_category: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    tokens: int = 0
    clean_tokens: int = 0
    clean_broken: int = 0
    lossy: bool = False
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Report:
    """Totals over a corpus, per category and overall."""

    system: str
    by_category: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    texts: int = 0
    tokens: int = 0
    clean_tokens: int = 0
    clean_broken: int = 0
    lossy: int = 0
    findings: list[Finding] = field(default_factory=list)

    def add(self, score: TextScore) -> None:
        for category, counts in score.by_category.items():
            self.by_category[category].add(counts)
        self.texts += 1
        self.tokens += score.tokens
        self.clean_tokens += score.clean_tokens
        self.clean_broken += score.clean_broken
        self.lossy += int(score.lossy)
        self.findings.extend(score.findings)

    @property
    def overall(self) -> Counts:
        total = Counts()
        for counts in self.by_category.values():
            total.add(counts)
        return total

    @property
    def broken_share(self) -> float:
        return self.clean_broken / self.clean_tokens if self.clean_tokens else 0.0

    @property
    def false_per_10k_tokens(self) -> float:
        return 10_000 * self.overall.false / self.tokens if self.tokens else 0.0

    def to_dict(self) -> dict:
        return {
            "system": self.system,
            "texts": self.texts,
            "tokens": self.tokens,
            "overall": self.overall.to_dict(),
            "categories": {name: c.to_dict() for name, c in sorted(self.by_category.items())},
            "clean_tokens": self.clean_tokens,
            "clean_tokens_broken": self.clean_broken,
            "clean_broken_share": self.broken_share,
            "false_per_10k_tokens": self.false_per_10k_tokens,
            "lossy_outputs": self.lossy,
            "findings": [f.__dict__ for f in self.findings],
        }


# ---------------------------------------------------------------- arithmetic


def word_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in WORD.finditer(text)]


def find_edits(source: str, target: str) -> list[Edit]:
    """Word-level edits that turn `source` into `target`, with offsets in `source`.

    A replacement of n tokens by n tokens is split into n one-token edits, so a
    two-word name with one word fixed counts as one true edit and one miss.
    Insertions and deletions take the whitespace gap beside them along.
    """
    src, tgt = word_spans(source), word_spans(target)
    matcher = difflib.SequenceMatcher(
        a=[source[s:e] for s, e in src], b=[target[s:e] for s, e in tgt], autojunk=False
    )
    edits: list[Edit] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                (a, b), (c, d) = src[i1 + k], tgt[j1 + k]
                edits.append(Edit(a, b, source[a:b], target[c:d]))
            continue
        if op == "replace":
            a, b = src[i1][0], src[i2 - 1][1]
            c, d = tgt[j1][0], tgt[j2 - 1][1]
        else:  # insert or delete: span from the end of the word before to the start of the word after
            a = src[i1 - 1][1] if i1 else 0
            b = src[i2][0] if i2 < len(src) else len(source)
            c = tgt[j1 - 1][1] if j1 else 0
            d = tgt[j2][0] if j2 < len(tgt) else len(target)
        edits.append(Edit(a, b, source[a:b], target[c:d]))
    return edits


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:  # an insertion overlaps what touches it
        return a.start <= b.end and b.start <= a.end
    return a.start < b.end and b.start < a.end


def category_of(edit: Edit, pair: Pair) -> str:
    for start, end, category in pair.garbles:
        if start < edit.end and edit.start < end or (edit.start == edit.end and start <= edit.start <= end):
            return category
    return pair.category or UNCATEGORIZED


def is_lossy(garbled: str, output: str, corrections: Iterable | None, edits: Sequence[Edit]) -> bool:
    """True if the output changed the input anywhere outside its corrections.

    With corrections (the engine) they are undone and the result compared with
    the input; without (a baseline) the word edits are reapplied to the input
    and the result compared with the output, which catches punctuation and
    whitespace changes."""
    if corrections is not None:
        return undo(output, corrections) != garbled
    return apply_edits(garbled, edits) != output


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    pieces, cursor = [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < cursor:
            return ""  # overlapping edits cannot rebuild anything: count as lossy
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.replacement)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def score_text(pair: Pair, output: str, corrections: Iterable | None = None) -> TextScore:
    """Compare one output with its reference; `corrections` (if any) feed the lossless check."""
    gold = find_edits(pair.garbled, pair.reference)
    made = find_edits(pair.garbled, output)
    score = TextScore()
    score.tokens = len(word_spans(pair.garbled))
    exact = {(e.start, e.end, e.replacement) for e in gold}
    matched_gold: set[tuple[int, int]] = set()

    for edit in gold:
        score.by_category[category_of(edit, pair)].gold += 1
    for edit in made:
        if (edit.start, edit.end, edit.replacement) in exact:
            matched_gold.add((edit.start, edit.end))
            score.by_category[category_of(edit, pair)].true += 1
            continue
        hit = next((g for g in gold if _overlaps(g, edit)), None)
        category = category_of(hit, pair) if hit else CLEAN
        score.by_category[category].false += 1
        expected = pair.garbled[edit.start : edit.end] if hit is None else hit.replacement
        score.findings.append(
            Finding("false", pair.id, line_of(pair.garbled, edit.start), category, edit.original, expected, edit.replacement)
        )
        if hit is None:
            score.clean_broken += max(1, len(WORD.findall(edit.original)))
    for edit in gold:
        if (edit.start, edit.end) in matched_gold:
            continue
        category = category_of(edit, pair)
        score.by_category[category].miss += 1
        got = next((m.replacement for m in made if _overlaps(m, edit)), edit.original)
        score.findings.append(
            Finding("miss", pair.id, line_of(pair.garbled, edit.start), category, edit.original, edit.replacement, got)
        )
    gold_tokens = sum(len(WORD.findall(e.original)) for e in gold)
    score.clean_tokens = score.tokens - gold_tokens
    score.lossy = is_lossy(pair.garbled, output, corrections, made)
    score.findings.sort(key=lambda f: (f.line, f.kind))
    return score


def evaluate(system: str, pairs: Sequence[Pair], outputs: Sequence[tuple[str, Iterable | None]]) -> Report:
    """Score every pair against its (output, corrections)."""
    report = Report(system)
    for pair, (output, corrections) in zip(pairs, outputs, strict=True):
        report.add(score_text(pair, output, corrections))
    return report


# ---------------------------------------------------------------- input


class IdentityNormalizer:
    """Stand-in with the engine's API that changes nothing (a floor, and for developing without the engine)."""

    def normalize(self, text: str, ignore_spans=()):
        return IdentityResult(original=text, text=text, corrections=())


@dataclass(frozen=True)
class IdentityResult:
    original: str
    text: str
    corrections: tuple


def load_engine(gazetteers: Sequence[str], bundled: bool, threshold: float | None):
    from normalizer import Normalizer  # the engine; imported late so `garble` works without it

    return Normalizer.load(gazetteers=list(gazetteers), bundled=bundled, apply_threshold=threshold)


def run_normalizer(normalizer, pairs: Sequence[Pair]) -> list[tuple[str, list]]:
    outputs = []
    for pair in pairs:
        result = normalizer.normalize(pair.garbled)
        outputs.append((result.text, list(result.corrections)))
    return outputs


# ---------------------------------------------------------------- rendering


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="normalize-eval",
        description="Measure name normalization on garbled texts with references "
        "(two folders of same-named files, or a JSONL corpus). "
        "`normalize-eval garble --help` builds a garbled corpus.",
    )
    parser.add_argument("garbled", help="folder of garbled files, or a JSONL corpus")
    parser.add_argument("reference", nargs="?", help="folder of reference files (same names)")
    parser.add_argument("--glob", default="*", help="in folder mode, only files matching this pattern (e.g. '*.txt')")
    parser.add_argument("--gazetteer", action="append", default=[], metavar="PATH", help="gazetteer file or folder (repeatable)")
    parser.add_argument("--no-bundled", action="store_true", help="do not load the bundled gazetteers")
    parser.add_argument("--min-confidence", "--threshold", type=float, default=None, dest="threshold",
                        help="apply threshold passed to the engine (default: the engine's)")
    parser.add_argument("--identity", action="store_true", help="evaluate the do-nothing stand-in instead of the engine")
    parser.add_argument("--show", action="store_true", help="list every false correction and miss with file:line")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["garble"]:
        from normalizer.measure.garbler import main as garble_main

        return garble_main(argv[1:], prog="normalize-eval garble")
    args = build_parser().parse_args(argv)
    try:
        pairs = load_pairs(args.garbled, args.reference, args.glob)
        if args.identity:
            normalizer, name = IdentityNormalizer(), "identity"
        else:
            normalizer, name = load_engine(args.gazetteer, not args.no_bundled, args.threshold), "normalizer"
        report = evaluate(name, pairs, run_normalizer(normalizer, pairs))
    except BadInput as exc:
        print(f"normalize-eval: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # the engine's NormalizerError and friends: one line, exit 2
        from normalizer.errors import NormalizerError

        if isinstance(exc, NormalizerError):
            print(f"normalize-eval: {exc}", file=sys.stderr)
            return 2
        raise
    if args.format == "json":
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_text(report, pairs, args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
