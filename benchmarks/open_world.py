"""False corrections in the open world: the engine on clean real news whose names no gazetteer holds.

The corpus is `benchmarks/corpus/wikinews-2004-2020/`: 477 clean English Wikinews articles
(2004-2020, CC BY 2.5 / public domain, see its SOURCE.md), none of them the 24 GUM articles the
other benchmarks use, none of their names written into any gazetteer. The engine runs with the
bundled gazetteers only, as a new user has it. The articles are clean, so every applied
correction is a false correction and every suggestion is noise a person has to read.

Reported: word tokens (`normalizer.tokens.tokenize`), applied corrections and suggestions, both
per 10,000 tokens, the most frequent replacements, the entity kinds replaced into, and the
confidence of every correction (calibration data: on this corpus every correction is wrong, so
each one is an observation of "predicted p, observed 0" for a reliability diagram drawn together
with the garbled corpora).

    python benchmarks/open_world.py                      # summary
    python benchmarks/open_world.py --show               # every correction, file:line:col
    python benchmarks/open_world.py --format json        # everything, every correction included
    python benchmarks/open_world.py --top 30 --min-confidence 0.9

From Python (benchmarks/run): `from benchmarks.open_world import measure; report = measure()`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from normalizer import Normalizer  # noqa: E402
from normalizer.tokens import tokenize  # noqa: E402

CORPUS = ROOT / "benchmarks" / "corpus" / "wikinews-2004-2020"
PER = 10_000
# Confidence bins of the calibration table: [lower, upper), the last one closed at 1.0.
BINS = (0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0)
COMMAND = "python benchmarks/open_world.py"


def articles(corpus: Path = CORPUS, glob: str = "*.txt") -> list[Path]:
    paths = sorted(Path(corpus).glob(glob))
    if not paths:
        raise FileNotFoundError(f"{corpus}: no {glob} files")
    return paths


def measure(
    corpus: Path | str = CORPUS,
    gazetteers: Iterable[str | Path] = (),
    bundled: bool = True,
    apply_threshold: float | None = None,
    suggest_threshold: float | None = None,
    top: int = 20,
    normalizer: Normalizer | None = None,
) -> dict:
    """Run the engine over every article of `corpus`; return a JSON-ready report.

    Keys: corpus, files, tokens, applied, suggestions, applied_per_10k, suggestions_per_10k,
    files_with_applied, top_applied / top_suggestions ([original, replacement, count], most
    frequent first), kinds ({kind: {applied, suggestions}}), calibration (per confidence bin:
    lower, upper, applied, suggestions), corrections (every one: path, line, column, original,
    replacement, entity, kind, confidence, applied, reasons) and seconds (wall time of the
    normalize calls, loading excluded).
    """
    corpus = Path(corpus)
    if normalizer is None:
        normalizer = Normalizer.load(
            gazetteers=list(gazetteers),
            bundled=bundled,
            apply_threshold=apply_threshold,
            suggest_threshold=suggest_threshold,
        )
    paths = articles(corpus)
    tokens = 0
    corrections: list[dict] = []
    seconds = 0.0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        tokens += len(tokenize(text))
        started = time.perf_counter()
        result = normalizer.normalize(text)
        seconds += time.perf_counter() - started
        for c in result.corrections:
            corrections.append(
                {
                    "path": _display(path),
                    "line": c.line,
                    "column": c.column,
                    "original": c.original,
                    "replacement": c.replacement,
                    "entity": c.entity,
                    "kind": c.kind,
                    "confidence": round(c.confidence, 4),
                    "applied": bool(c.applied),
                    "reasons": list(c.reasons),
                }
            )
    applied = [c for c in corrections if c["applied"]]
    suggested = [c for c in corrections if not c["applied"]]
    kinds: dict[str, dict[str, int]] = {}
    for c in corrections:
        row = kinds.setdefault(c["kind"], {"applied": 0, "suggestions": 0})
        row["applied" if c["applied"] else "suggestions"] += 1
    return {
        "corpus": _display(corpus),
        "gazetteers": [str(g) for g in gazetteers],
        "bundled": bundled,
        "apply_threshold": normalizer.options.apply_threshold,
        "suggest_threshold": normalizer.options.suggest_threshold,
        "files": len(paths),
        "tokens": tokens,
        "applied": len(applied),
        "suggestions": len(suggested),
        "applied_per_10k": _rate(len(applied), tokens),
        "suggestions_per_10k": _rate(len(suggested), tokens),
        "files_with_applied": len({c["path"] for c in applied}),
        "top_applied": _top(applied, top),
        "top_suggestions": _top(suggested, top),
        "kinds": dict(sorted(kinds.items())),
        "calibration": calibration(corrections),
        "corrections": corrections,
        "seconds": round(seconds, 3),
    }


def calibration(corrections: Sequence[dict], bins: Sequence[float] = BINS) -> list[dict]:
    """Corrections per confidence bin. On a clean corpus every one is false: observed precision 0."""
    rows = [{"lower": lo, "upper": hi, "applied": 0, "suggestions": 0} for lo, hi in zip(bins, bins[1:])]
    below = {"lower": 0.0, "upper": bins[0], "applied": 0, "suggestions": 0}
    for c in corrections:
        p = c["confidence"]
        row = below
        for candidate in rows:
            if candidate["lower"] <= p < candidate["upper"] or (candidate is rows[-1] and p >= candidate["lower"]):
                row = candidate
                break
        row["applied" if c["applied"] else "suggestions"] += 1
    return ([below] if below["applied"] or below["suggestions"] else []) + rows


def _rate(count: int, tokens: int) -> float:
    return round(count * PER / tokens, 2) if tokens else 0.0


def _top(corrections: Sequence[dict], n: int) -> list[list]:
    counts = Counter((c["original"], c["replacement"]) for c in corrections)
    return [[original, replacement, count] for (original, replacement), count in counts.most_common(n)]


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def format_text(report: dict, show: bool = False) -> str:
    out = [
        f"open world: {report['corpus']} ({report['files']} clean articles, "
        f"{'bundled gazetteers' if report['bundled'] else 'no bundled gazetteers'}"
        f"{' + ' + ', '.join(report['gazetteers']) if report['gazetteers'] else ''}; "
        f"apply >= {report['apply_threshold']:.2f}, suggest >= {report['suggest_threshold']:.2f})",
        f"tokens       {report['tokens']:>8,}",
        f"applied      {report['applied']:>8,}   {report['applied_per_10k']:6.3f} per 10,000 tokens"
        f"  (all false; in {report['files_with_applied']} files)",
        f"suggestions  {report['suggestions']:>8,}   {report['suggestions_per_10k']:6.3f} per 10,000 tokens",
        f"time         {report['seconds']:>8.2f} s (normalize calls)",
        "",
        "replaced into, by kind   applied  suggestions",
    ]
    for kind, row in report["kinds"].items():
        out.append(f"  {kind:<22} {row['applied']:>7}  {row['suggestions']:>11}")
    out += ["", "confidence        applied  suggestions   (observed precision 0 in every bin)"]
    for row in report["calibration"]:
        out.append(f"  [{row['lower']:.2f}, {row['upper']:.2f})  {row['applied']:>7}  {row['suggestions']:>11}")
    for title, key in (("top applied", "top_applied"), ("top suggestions", "top_suggestions")):
        out += ["", f"{title} (original -> replacement: count)"]
        out += [f"  {o} -> {r}: {n}" for o, r, n in report[key]] or ["  none"]
    if show:
        out += ["", "every correction (path:line:col: original -> replacement confidence applied|suggestion)"]
        for c in report["corrections"]:
            out.append(
                f"{c['path']}:{c['line']}:{c['column']}: {c['original']} -> {c['replacement']} "
                f"{c['confidence']:.3f} {'applied' if c['applied'] else 'suggestion'}"
            )
    return "\n".join(out) + "\n"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=COMMAND, description="False corrections on clean open-world news (bundled gazetteers only)."
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of clean *.txt articles")
    parser.add_argument("--gazetteer", "-g", action="append", default=[], help="add a gazetteer (repeatable)")
    parser.add_argument("--no-bundled", action="store_true", help="leave out the bundled gazetteers")
    parser.add_argument("--min-confidence", type=float, default=None, help="apply threshold (engine default)")
    parser.add_argument("--min-suggest", type=float, default=None, help="suggestion threshold (engine default)")
    parser.add_argument("--top", type=int, default=20, help="how many top replacements to list")
    parser.add_argument("--show", action="store_true", help="list every correction")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    report = measure(
        args.corpus,
        gazetteers=args.gazetteer,
        bundled=not args.no_bundled,
        apply_threshold=args.min_confidence,
        suggest_threshold=args.min_suggest,
        top=args.top,
    )
    if args.format == "json":
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_text(report, show=args.show))
    return 0


if __name__ == "__main__":
    sys.exit(main())
