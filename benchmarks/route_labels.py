"""How often a correction's reason names the right script (issue 12).

A learned route is labelled with the script whose round trip explains the
spelling best ("katakana round trip"), but only where that script explains it
by `transliteration.NAMED_ROUTE_MARGIN` nats more than every other script and
the pooled model; else "transliteration". This script measures the label
against the truth at several margins:

- round-trip Wikinews knows the script of every garble: a named script is
  right or wrong;
- the garbled, held-out and MT corpora crossed no script: a named script is a
  claim nothing supports ("none used").

Each correction's reasons are read as the engine gives them ("'x' ~ 'y':
label"), and each pair's margin is worked out again from
`transliteration.evidence_by_script`, so one run shows every margin.

    python benchmarks/route_labels.py
    python benchmarks/route_labels.py --margins 0 1 2 3 --format json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from normalizer import Normalizer, transliteration  # noqa: E402

CORPUS = ROOT / "benchmarks" / "corpus"
GAZETTEER = CORPUS / "wikinews" / "gazetteer.yaml"
CORPORA = ("roundtrip", "garbled", "heldout", "mt")
# The round-trip corpus's category of a garble -> the model's script.
SCRIPT_OF_CATEGORY = {"ru": "russian", "ja": "katakana", "zh": "chinese", "ko": "korean", "ar": "arabic", "he": "hebrew"}
_PAIR = re.compile(r"^'(.+)' ~ '(.+)': (.+)$")


def route_claims(normalizer: Normalizer, corpus: str) -> list[tuple[str | None, str, float]]:
    """(the garble's true script or None, the best script, its margin in nats)
    for every reason of every correction on `corpus` that names a learned route."""
    labels = {label: script for script, label in transliteration.model().routes.items()}
    claims = []
    with open(CORPUS / f"wikinews-{corpus}.jsonl", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            for correction in normalizer.normalize(record["garbled"]).corrections:
                gold = [g for g in record["garbles"] if g["start"] < correction.end and correction.start < g["end"]]
                truth = SCRIPT_OF_CATEGORY.get(gold[0]["category"]) if gold else None
                for reason in correction.reasons:
                    pair = _PAIR.match(reason)
                    if pair is None or pair.group(3) not in labels:
                        continue
                    evidence = sorted(transliteration.evidence_by_script(pair.group(1), pair.group(2)), reverse=True)
                    claims.append((truth, evidence[0][1], evidence[0][0] - evidence[1][0]))
    return claims


def tally(claims, margin: float) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for truth, script, gap in claims:
        if gap < margin or script == transliteration.POOLED:
            counts["generic"] += 1
        elif truth is None:
            counts["script named, none used"] += 1
        else:
            counts["right script" if script == truth else "wrong script"] += 1
    return dict(counts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--margins", type=float, nargs="+", default=[0, 0.5, 1, 1.5, 2, 3])
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    normalizer = Normalizer.load([str(GAZETTEER)], bundled=False)
    report = {}
    for corpus in CORPORA:
        claims = route_claims(normalizer, corpus)
        report[corpus] = {str(margin): tally(claims, margin) for margin in args.margins}
    if args.format == "json":
        print(json.dumps(report, indent=2))
        return 0
    print(f"route labels (shipped margin {transliteration.NAMED_ROUTE_MARGIN} nats)")
    for corpus, by_margin in report.items():
        for margin, counts in by_margin.items():
            print(f"  {corpus:<10} margin {margin:>4}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
