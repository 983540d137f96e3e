"""Fit normalizer/data/calibration.json: the engine's raw confidence -> P(the correction is right).

    python tools/fit_calibration.py --collect   # run the engine, write benchmarks/corpus/calibration-data.jsonl,
                                                # then fit and write normalizer/data/calibration.json (the rerun
                                                # after any engine change: 20-60 s, two or three rounds)
    python tools/fit_calibration.py             # fit only, from the committed labelled data
    python tools/fit_calibration.py --check     # exit 1 if fitting the committed data changes the committed table

The labelled data (`--collect`): every correction the engine makes, applied or suggested, at a low
suggestion threshold (raw 0.3), with its reported raw confidence (calibration switched off:
`normalizer.calibration.raw_scores`) and whether it is right:

- the garbled corpora benchmarks/corpus/wikinews-{garbled,heldout,mt}.jsonl (with --roundtrip, also
  wikinews-roundtrip.jsonl), bundled gazetteers plus
  benchmarks/corpus/wikinews/gazetteer.yaml, as the benchmarks run them. A correction is right when,
  applied alone to the garbled text, it makes only edits that write exactly the reference over a gold
  garble (`normalizer.measure.evaluate.score_text`: true >= 1 and false == 0), else wrong;
- the clean open-world corpus benchmarks/corpus/wikinews-2004-2020/*.txt, bundled gazetteers only:
  every correction is wrong.

Nothing is weighted: one correction is one observation, whatever its corpus. The base rate is that of
this mixture (printed, and stored in the table's metadata); a stream with fewer garbles than these
corpora (a garble in 40% of the name mentions) would see lower precision at every score.

The fit: tied scores are grouped, pool-adjacent-violators pools them until the rates rise strictly,
then a block of fewer than MIN_COUNT corrections joins the neighbour it costs the fit least to join (Ward's criterion)
(smallest first, pooling again after each join: no level rests on a handful of corrections, and no
block is cut where the scores do not change); each block is one level (its share right, clipped to [0.01, 0.99]) from
its lowest to its highest raw score, joined to the next level by a straight line. The thresholds are read off the same data, in calibrated units rounded up
to 0.01: the lowest apply threshold at which the share of the corrections at or above it that are
right is, within its 95% interval, APPLY_PRECISION (or the best share there is), and the lowest suggestion threshold at which the corrections between it
and the apply threshold are right at least SUGGEST_PRECISION of the time.

Both files are written deterministically (sorted, rounded, no dates, no commit), so the same engine
behaviour gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from normalizer.calibration import HIGHEST, LOWEST, Calibration  # noqa: E402

DATA = ROOT / "benchmarks" / "corpus" / "calibration-data.jsonl"
TABLE = ROOT / "normalizer" / "data" / "calibration.json"
OPEN_WORLD = ROOT / "benchmarks" / "corpus" / "wikinews-2004-2020"
# The garbled corpora (functions of benchmarks/corpora.py); --roundtrip adds the round-trip one.
GARBLED = ("wikinews_garbled", "wikinews_heldout", "wikinews_mt")
ROUNDTRIP = "wikinews_roundtrip"
OPEN_WORLD_SOURCE = "open-world"
COLLECT_SUGGEST = 0.3  # raw: far below any threshold the table could choose
# The fewest corrections a level rests on. The suggestion band (raw 0.76-0.80) holds about 50: at
# 50, two of its right repairs rising to the apply band (the pronunciation route's "Batman",
# "Milan") dissolved it into the level below and no suggestion threshold was left; at 40 the
# data before that change give the very same table.
MIN_COUNT = 40
APPLY_PRECISION = 0.98
SUGGEST_PRECISION = 1 / 3
# "band": the corrections between the suggestion and the apply threshold are right SUGGEST_PRECISION of
# the time, taken together; "marginal": each suggestion is (its calibrated confidence is at least that).
SUGGEST_RULES = ("band", "marginal")
SUGGEST_RULE = "marginal"
COMMAND = "python tools/fit_calibration.py --collect"
MAX_ROUNDS = 3
UNCALIBRATED_APPLY = 0.80  # options.DEFAULT_APPLY_THRESHOLD before it became a probability


@dataclass(frozen=True)
class Point:
    """One correction: its raw confidence and whether it was right."""

    raw: float
    right: bool


# ---------------------------------------------------------------- collecting


def collect(
    apply_threshold: float,
    progress: bool = True,
    garbled_corpora: Sequence[str] = GARBLED,
    open_world_every: int = 1,
) -> tuple[dict, list[dict]]:
    """Run the engine over the corpora; return (metadata, one record per correction).
    `open_world_every` n > 1 reads only every n-th open-world article (a quicker check)."""
    from benchmarks import corpora
    from benchmarks.corpora import WIKINEWS_GAZETTEER
    from normalizer import Normalizer, calibration
    from normalizer.measure.evaluate import find_edits, score_text
    from normalizer.tokens import tokenize

    records: list[dict] = []
    sources: dict[str, dict] = {}
    with calibration.raw_scores():
        garbled = Normalizer.load(
            gazetteers=[str(WIKINEWS_GAZETTEER)], apply_threshold=apply_threshold, suggest_threshold=COLLECT_SUGGEST
        )
        for corpus in (getattr(corpora, name)() for name in garbled_corpora):
            gold = tokens = 0
            for pair in corpus.pairs:
                tokens += len(tokenize(pair.garbled))
                gold += len(find_edits(pair.garbled, pair.reference))
                for c in garbled.normalize(pair.garbled).corrections:
                    alone = pair.garbled[: c.start] + c.replacement + pair.garbled[c.end :]
                    score = score_text(pair, alone)
                    true = sum(counts.true for counts in score.by_category.values())
                    false = sum(counts.false for counts in score.by_category.values())
                    category = next((k for k, v in sorted(score.by_category.items()) if v.true or v.false), "none")
                    records.append(_record(corpus.name, pair.id, c, true >= 1 and false == 0, category))
            sources[corpus.name] = {"texts": len(corpus.pairs), "tokens": tokens, "gold_edits": gold}
            _say(progress, f"{corpus.name}: {len(corpus.pairs)} texts, {tokens:,} tokens")
        bundled = Normalizer.load(apply_threshold=apply_threshold, suggest_threshold=COLLECT_SUGGEST)
        paths = sorted(OPEN_WORLD.glob("*.txt"))[::open_world_every]
        tokens = 0
        for path in paths:
            text = path.read_text(encoding="utf-8")
            tokens += len(tokenize(text))
            for c in bundled.normalize(text).corrections:
                records.append(_record(OPEN_WORLD_SOURCE, path.name, c, False, "open-world"))
        sources[OPEN_WORLD_SOURCE] = {"texts": len(paths), "tokens": tokens, "gold_edits": 0}
        _say(progress, f"{OPEN_WORLD_SOURCE}: {len(paths)} texts, {tokens:,} tokens")
    records.sort(key=lambda r: (r["source"], r["text"], r["start"], r["end"], r["replacement"]))
    meta = {
        "apply_threshold_raw": apply_threshold,
        "suggest_threshold_raw": COLLECT_SUGGEST,
        "sources": sources,
        "command": COMMAND,
    }
    return meta, records


def _record(source: str, text: str, c, right: bool, category: str) -> dict:
    return {
        "source": source,
        "text": text,
        "start": c.start,
        "end": c.end,
        "original": c.original,
        "replacement": c.replacement,
        "confidence": round(float(c.confidence), 4),
        "applied": bool(c.applied),
        "right": right,
        "category": category,
    }


def _say(progress: bool, message: str) -> None:
    if progress:
        print(message, file=sys.stderr)


def write_data(path: Path, meta: dict, records: Sequence[dict]) -> None:
    lines = [json.dumps({"meta": meta}, ensure_ascii=False, sort_keys=True)]
    lines += [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_data(path: Path = DATA) -> tuple[dict, list[dict]]:
    """The labelled data: (metadata, records), as `write_data` wrote them."""
    lines = path.read_text(encoding="utf-8").splitlines()
    meta = json.loads(lines[0])["meta"]
    return meta, [json.loads(line) for line in lines[1:] if line.strip()]


def points(records: Iterable[dict]) -> list[Point]:
    return [Point(float(r["confidence"]), bool(r["right"])) for r in records]


# ---------------------------------------------------------------- fitting


def fit(data: Sequence[Point], min_count: int = MIN_COUNT) -> list[tuple[float, float]]:
    """Knots (raw, p) of the isotonic fit of right ~ raw, each level from at least `min_count` points.

    A level holds from the lowest to the highest raw score of its block (two knots, one if they are
    the same score); between blocks the map is a straight line from one's highest score to the next
    one's lowest, as scikit-learn's IsotonicRegression interpolates."""
    if not data:
        raise ValueError("nothing to fit")
    groups: list[list[float]] = []  # [lowest raw, highest raw, count, right] per tied score, ascending
    for point in sorted(data, key=lambda p: p.raw):
        if groups and groups[-1][0] == point.raw:
            groups[-1][2] += 1
            groups[-1][3] += point.right
        else:
            groups.append([point.raw, point.raw, 1, int(point.right)])
    merged = _at_least(pool_adjacent_violators(groups), min_count)
    knots: list[tuple[float, float]] = []
    for lowest, highest, count, right in merged:
        p = round(min(HIGHEST, max(LOWEST, right / count)), 4)
        if knots and p < knots[-1][1]:  # rounding: never fall
            p = knots[-1][1]
        for raw in sorted({round(lowest, 4), round(highest, 4)}):
            if not knots or raw > knots[-1][0]:
                knots.append((raw, p))
    return _drop_flat_interiors(knots)


def _at_least(blocks: list[list[float]], min_count: int) -> list[list[float]]:
    """Pooled blocks merged until each holds `min_count` points: the smallest block first, into the
    neighbour it costs the fit least to join (a small block belongs with the scores it resembles,
    not with whatever lies to its left), pooling again after each merge. The cost is the squared
    error the join adds (Ward's criterion: n1 n2 / (n1 + n2) (p1 - p2)^2), not the distance of the
    two rates alone: by that distance a short block of 26 at 0.31 joined a block of 24 at 0.13
    rather than one of 9 at 0.44, and the suggestion band 0.76-0.80 (52 corrections, 22 right)
    was pooled into 0.67-0.80 at 0.19, under the suggestion threshold."""
    blocks = [list(b) for b in blocks]
    while len(blocks) > 1:
        short = [i for i, block in enumerate(blocks) if block[2] < min_count]
        if not short:
            break
        i = min(short, key=lambda k: (blocks[k][2], k))
        j = min((k for k in (i - 1, i + 1) if 0 <= k < len(blocks)), key=lambda k: _join_cost(blocks[i], blocks[k]))
        lo, hi = min(i, j), max(i, j)
        blocks[lo : hi + 1] = [_join(blocks[lo], blocks[hi])]
        blocks = pool_adjacent_violators(blocks)
    return blocks


def _join_cost(a: Sequence[float], b: Sequence[float]) -> float:
    """The squared error that pooling blocks `a` and `b` (count a[2], b[2]; right a[3], b[3]) adds."""
    return a[2] * b[2] / (a[2] + b[2]) * (a[3] / a[2] - b[3] / b[2]) ** 2


def _join(a: Sequence[float], b: Sequence[float]) -> list[float]:
    """Two neighbouring blocks [lowest raw, highest raw, count, right] as one."""
    return [min(a[0], b[0]), max(a[1], b[1]), a[2] + b[2], a[3] + b[3]]


def pool_adjacent_violators(blocks: Sequence[Sequence[float]]) -> list[list[float]]:
    """Blocks [lowest raw, highest raw, count, right], ascending, merged until the rate right/count
    rises strictly from each block to the next."""
    stack: list[list[float]] = []
    for block in blocks:
        stack.append(list(block))
        while len(stack) > 1 and stack[-2][3] * stack[-1][2] >= stack[-1][3] * stack[-2][2]:
            top = stack.pop()
            stack[-1] = _join(stack[-1], top)
    return stack


def _drop_flat_interiors(knots: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A knot between two of the same p (after clipping) adds nothing: keep the ends of a flat run."""
    kept = []
    for i, knot in enumerate(knots):
        if 0 < i < len(knots) - 1 and knots[i - 1][1] == knot[1] == knots[i + 1][1]:
            continue
        kept.append(knot)
    return kept


# ---------------------------------------------------------------- thresholds and measures


def precision(data: Sequence[Point]) -> float | None:
    return sum(p.right for p in data) / len(data) if data else None


def thresholds(
    data: Sequence[Point], calibration: Calibration, min_count: int = MIN_COUNT, suggest_rule: str = SUGGEST_RULE
) -> dict:
    """The default thresholds in calibrated units and raw units, measured.

    A threshold chooses the corrections whose calibrated confidence reaches it; between two
    neighbouring calibrated values every threshold chooses the same ones, and the one reported is
    the roundest number there (0.01, else 0.001, ...), the highest of them. Apply: the lowest
    threshold (of at least `min_count` corrections) whose share right is, within its 95% Wilson
    interval, as high as APPLY_PRECISION, or as the best share of any threshold where that is lower;
    `apply_target_met` says whether the share at the chosen threshold reaches APPLY_PRECISION. Suggest: the lowest threshold whose corrections between it and the
    apply threshold are right at least SUGGEST_PRECISION of the time (rule "band"), or the lowest at
    which a correction's calibrated confidence is at least SUGGEST_PRECISION (rule "marginal")."""
    scored = sorted(((calibration.calibrated(p.raw), p) for p in data), key=lambda cp: cp[0])
    levels = sorted({c for c, _ in scored})

    def tail(level: float) -> list[Point]:
        return [p for c, p in scored if c >= level]

    # The lowest threshold whose precision cannot be told from the target (the target inside its
    # 95% interval), or from the best there is where no threshold reaches the target. Read off a
    # point estimate instead, one more right correction at the top level could carry the
    # threshold across the target's line and a third of the repairs with it; and the very best
    # alone would trade much recall for a difference of a few corrections in a thousand.
    sizable = [v for v in levels if len(tail(v)) >= min_count] or levels
    goal = min(APPLY_PRECISION, max(precision(tail(v)) for v in sizable))
    apply_level = next(v for v in sizable if wilson_upper(tail(v)) >= goal)
    met = precision(tail(apply_level)) >= APPLY_PRECISION
    apply = _roundest(levels, apply_level)

    def band(level: float) -> list[Point]:
        return [p for c, p in scored if level <= c < apply_level]

    if suggest_rule == "marginal":
        suggest = min(apply, math.ceil(round(SUGGEST_PRECISION * 100, 6)) / 100)
        suggest_level = next((v for v in levels if v >= suggest), apply_level)
    else:
        below = [v for v in levels if v < apply_level]
        suggest_level = next((v for v in below if precision(band(v)) >= SUGGEST_PRECISION), apply_level)
        suggest = _roundest(levels, suggest_level)
    applied, suggested = tail(apply_level), band(suggest_level)
    return {
        "apply_probability": apply,
        "apply_raw": _raw(calibration, apply),
        "apply_target_met": met,
        "suggest_probability": suggest,
        "suggest_raw": _raw(calibration, suggest),
        "apply_precision": _round(precision(applied)),
        "applied": len(applied),
        "suggest_precision": _round(precision(suggested)),
        "suggested": len(suggested),
    }


def wilson_upper(data: Sequence[Point], z: float = 1.96) -> float:
    """The upper end of the Wilson score interval of the share right."""
    n = len(data)
    p = precision(data)
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre + spread) / (1 + z * z / n)


def _roundest(levels: Sequence[float], level: float) -> float:
    """The highest round number above the level below `level` and at most `level`."""
    i = levels.index(level)
    lower = levels[i - 1] if i else 0.0
    for digits in range(2, 7):
        t = math.floor(round(level * 10**digits, 6)) / 10**digits
        if t > lower:
            return round(t, digits)
    return level


def _raw(calibration: Calibration, probability: float) -> float | None:
    raw = calibration.raw_for(probability)
    return None if math.isinf(raw) else round(raw, 6)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def build(meta: dict, records: Sequence[dict], min_count: int = MIN_COUNT, suggest_rule: str = SUGGEST_RULE) -> dict:
    """The content of calibration.json."""
    data = points(records)
    knots = fit(data, min_count)
    found = thresholds(data, Calibration(knots), min_count, suggest_rule)
    by_source = {}
    for source in sorted({r["source"] for r in records}):
        mine = [r for r in records if r["source"] == source]
        by_source[source] = {
            **meta["sources"][source],
            "corrections": len(mine),
            # one spelling is repaired the same way throughout an article: not independent observations
            "distinct": len({(r["text"], r["original"], r["replacement"]) for r in mine}),
            "right": sum(r["right"] for r in mine),
        }
    return {
        "about": "P(correction right) against the engine's raw confidence; see normalizer/calibration.py. "
        f"Written by {COMMAND} (or without --collect, from {DATA.relative_to(ROOT)}).",
        "knots": [[raw, p] for raw, p in knots],
        **found,
        "data": {
            "corrections": len(data),
            "right": sum(p.right for p in data),
            "base_rate": _round(precision(data)),
            "sources": by_source,
            "collected_with": {
                "apply_threshold_raw": meta["apply_threshold_raw"],
                "suggest_threshold_raw": meta["suggest_threshold_raw"],
            },
        },
        "fit": {
            "method": "isotonic (pool adjacent violators), then blocks under min_count joined to the neighbour of least added squared error; a level per block, linear between blocks",
            "min_count": min_count,
            "clip": [LOWEST, HIGHEST],
            "apply_precision_target": APPLY_PRECISION,
            "suggest_precision_target": round(SUGGEST_PRECISION, 4),
            "suggest_rule": suggest_rule,
        },
    }


def dumps(table: dict) -> str:
    """The table as JSON, a pair of numbers (a knot) on one line."""
    text = json.dumps(table, ensure_ascii=False, indent=1, sort_keys=False)
    return re.sub(r"\[\s+(-?[\d.e+-]+),\s+(-?[\d.e+-]+)\s+\]", r"[\1, \2]", text) + "\n"


# ---------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/fit_calibration.py", description=__doc__.split("\n")[0])
    parser.add_argument("--collect", action="store_true", help="run the engine and rewrite the labelled data first")
    parser.add_argument("--apply-raw", type=float, default=None,
                        help="raw apply threshold while collecting (default: the committed table's apply_raw, "
                        "else the engine's default)")
    parser.add_argument("--roundtrip", action="store_true",
                        help="collect on the round-trip corpus too (benchmarks/corpus/wikinews-roundtrip.jsonl)")
    parser.add_argument("--data", type=Path, default=DATA, help="labelled data (JSONL)")
    parser.add_argument("--out", type=Path, default=TABLE, help="the table to write")
    parser.add_argument("--min-count", type=int, default=MIN_COUNT)
    parser.add_argument("--suggest-rule", choices=SUGGEST_RULES, default=SUGGEST_RULE,
                        help="band: suggestions right 1 time in 3 taken together; marginal: each one is")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the table would change")
    args = parser.parse_args(argv)
    if args.collect:
        # The apply threshold changes what the engine reads in its later passes: collect at the one
        # the table chooses, until it chooses the one collected at (one extra round, as a rule).
        apply = args.apply_raw if args.apply_raw is not None else collect_apply_threshold()
        for _ in range(1 if args.apply_raw is not None else MAX_ROUNDS):
            meta, records = collect(apply, garbled_corpora=GARBLED + ((ROUNDTRIP,) if args.roundtrip else ()))
            chosen = build(meta, records, args.min_count, args.suggest_rule)["apply_raw"]
            if chosen is None or abs(chosen - apply) < 5e-5:  # finer than any reported score
                break
            print(f"the table moves the raw apply threshold {apply} -> {chosen}: collecting again", file=sys.stderr)
            apply = chosen
        else:
            if args.apply_raw is None:
                print(f"warning: not settled after {MAX_ROUNDS} rounds", file=sys.stderr)
        write_data(args.data, meta, records)
        print(f"wrote {_show(args.data)}: {len(records):,} corrections", file=sys.stderr)
    meta, records = read_data(args.data)
    text = dumps(build(meta, records, args.min_count, args.suggest_rule))
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print(f"{_show(args.out)}: {'up to date' if same else 'differs from a refit of ' + _show(args.data)}")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    table = json.loads(text)
    print(summary(table))
    return 0


def collect_apply_threshold() -> float:
    """The raw apply threshold to collect at: the committed table's (the engine's behaviour with the
    table wired in), else the raw default the engine had before calibration."""
    if TABLE.is_file():
        raw = json.loads(TABLE.read_text(encoding="utf-8")).get("apply_raw")
        if raw is not None:
            return float(raw)
    return UNCALIBRATED_APPLY


def summary(table: dict) -> str:
    data = table["data"]
    out = [f"{data['corrections']:,} corrections, {data['right']:,} right (base rate {data['base_rate']})"]
    for source, row in data["sources"].items():
        out.append(
            f"  {source:<18} {row['texts']:>4} texts {row['tokens']:>8,} tokens  "
            f"{row['corrections']:>5} corrections ({row['distinct']:>4} distinct in their text)  {row['right']:>5} right"
        )
    out.append(f"knots ({len(table['knots'])}): " + ", ".join(f"{r:.3f}->{p:.3f}" for r, p in table["knots"]))
    out.append(
        f"apply   >= p {table['apply_probability']:.2f} (raw {table['apply_raw']}): "
        f"{table['applied']} corrections, precision {table['apply_precision']}"
    )
    out.append(
        f"suggest >= p {table['suggest_probability']:.2f} (raw {table['suggest_raw']}): "
        f"{table['suggested']} corrections below apply, precision {table['suggest_precision']}"
    )
    return "\n".join(out)


def _show(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
