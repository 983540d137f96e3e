"""Speed of the learned transliteration score (normalizer.transliteration.evidence)
beside the plain dynamic program it replaced, in one run, on the pairs the engine scores.

    pairs     every round-trip form of benchmarks/corpus/wikinews-roundtrip.jsonl against
              every word of the names of benchmarks/corpus/wikinews/gazetteer.yaml whose
              spelling similarity is in [0.45, 0.9) and both of at least 4 letters (what
              normalizer.similarity sends to the learned model); a seeded sample of them
    new       evidence() as shipped, its caches emptied before each pass
    plain     the dynamic program of the first version as it was (from each cell, every
              group of the name against every group of the word, once per script table)
    check     both give the same value (to the last bit) and the same script on every pair

    python benchmarks/transliteration_speed.py [--pairs 1500] [--repeat 3] [--seed 13] [--format json]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from normalizer import transliteration  # noqa: E402
from normalizer.similarity import MIN_ROUND_TRIP_LENGTH, MIN_SPELLING_FOR_ROUND_TRIP, SAME_SKELETON, spelling_similarity  # noqa: E402

CORPUS = ROOT / "benchmarks" / "corpus" / "wikinews-roundtrip.jsonl"
GAZETTEER = ROOT / "benchmarks" / "corpus" / "wikinews" / "gazetteer.yaml"


def realistic_pairs() -> list[tuple[str, str]]:
    """(garbled word, gazetteer word) pairs the engine would score with the learned model."""
    forms = set()
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        for garble in json.loads(line)["garbles"]:
            forms.update(trip["form"] for trip in garble.get("round_trips", []))
    words = set()
    for entity in yaml.safe_load(GAZETTEER.read_text(encoding="utf-8"))["entities"]:
        words.update(re.findall(r"[^\W\d_]+", entity["canonical"]))
    pairs = []
    for form in sorted(forms):
        for word in sorted(words):
            if min(len(form), len(word)) >= MIN_ROUND_TRIP_LENGTH:
                if MIN_SPELLING_FOR_ROUND_TRIP <= spelling_similarity(form, word)[0] < SAME_SKELETON:
                    pairs.append((form, word))
    return pairs


def plain_align(source: str, target: str, table: dict, floors: tuple, max_source: int, max_target: int) -> float:
    """The dynamic program of the first version, as it was (without the trace):
    from each cell, every source group against every target group."""
    identity_floor, substitute_floor, delete_floor, insert_floor = floors
    n, m = len(source), len(target)
    inf = math.inf
    width = m + 1
    best = [inf] * ((n + 1) * width)
    best[0] = 0.0
    targets = [[target[j : j + b] for b in range(max_target + 1)] for j in range(m + 1)]
    for i in range(n + 1):
        sources = [source[i : i + a] for a in range(min(max_source, n - i) + 1)]
        for j in range(m + 1):
            here = best[i * width + j]
            if here == inf:
                continue
            row = targets[j]
            top_b = min(max_target, m - j)
            for a, piece in enumerate(sources):
                options = table.get(piece)
                for b in range(top_b + 1):
                    if a == 0 and b == 0:
                        continue
                    garbled = row[b]
                    cost = options.get(garbled) if options else None
                    if cost is None:
                        if a == 1 and b == 1:
                            cost = identity_floor if piece == garbled else substitute_floor
                        elif a == 1 and b == 0:
                            cost = delete_floor
                        elif a == 0 and b == 1:
                            cost = insert_floor
                        else:
                            continue
                    total = here + cost
                    cell = (i + a) * width + j + b
                    if total < best[cell]:
                        best[cell] = total
    return best[n * width + m]


def plain_evidence(word: str, name: str) -> tuple[float, str]:
    loaded = transliteration.model()
    source, target = transliteration.plain(name), transliteration.plain(word)
    alone = loaded.english_cost(target)
    best, best_script = -math.inf, transliteration.POOLED
    for script, table in loaded.tables.items():
        value = alone - plain_align(source, target, table, loaded.floors[script], loaded.max_source, loaded.max_target)
        if value > best:
            best, best_script = value, script
    return best, best_script


def timed(functions: list, pairs: list[tuple[str, str]], repeat: int) -> list[tuple[float, list]]:
    """Per function, the best of `repeat` passes over the pairs (seconds) and
    the results of the last; the passes of the functions interleaved, so a
    busy machine slows them alike. The model is read anew before each pass:
    no cache carries over from one pass to the next."""
    best = [math.inf] * len(functions)
    results: list[list] = [[] for _ in functions]
    for _ in range(repeat):
        for k, function in enumerate(functions):
            transliteration.model.cache_clear()
            transliteration.model()
            started = time.perf_counter()
            results[k] = [function(word, name) for word, name in pairs]
            best[k] = min(best[k], time.perf_counter() - started)
    return list(zip(best, results))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1500, help="sample size (default 1500; 0: all)")
    parser.add_argument("--repeat", type=int, default=3, help="passes timed, the best kept (default 3)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    every = realistic_pairs()
    pairs = random.Random(args.seed).sample(every, args.pairs) if 0 < args.pairs < len(every) else every
    (plain_seconds, expected), (new_seconds, found) = timed([plain_evidence, transliteration.evidence], pairs, args.repeat)
    differ = sum(1 for a, b in zip(expected, found) if a != b)
    report = {
        "pairs": len(pairs),
        "of": len(every),
        "new_pairs_per_s": round(len(pairs) / new_seconds),
        "plain_pairs_per_s": round(len(pairs) / plain_seconds),
        "speedup": round(plain_seconds / new_seconds, 2),
        "different_results": differ,
    }
    if args.format == "json":
        print(json.dumps(report))
    else:
        print(f"{report['pairs']} of {report['of']} realistic pairs, best of {args.repeat}:")
        print(f"  evidence (new)       {report['new_pairs_per_s']:>8} pairs/s")
        print(f"  plain DP (reference) {report['plain_pairs_per_s']:>8} pairs/s")
        print(f"  speedup              {report['speedup']:>8}x")
        print(f"  different results    {differ:>8}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
