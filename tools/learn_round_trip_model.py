"""Learn normalizer/data/round_trip_model.json from the TRAIN split of
tools/data/transliteration/ (see normalizer/round_trip_model.py).

    python tools/learn_round_trip_model.py           # rewrite the model file
    python tools/learn_round_trip_model.py --check   # exit 1 if the committed file differs

Deterministic (same data, romanizer versions and transliteration.json, same
bytes):

1. Pairs: for each script, the first WORDS_PER_SCRIPT usable train words, each
   native spelling sent back to Latin letters by every scheme of
   normalizer.measure.roundtrip (tools/learn_transliteration.training_pairs).
2. Pieces: each pair cut by the cheapest alignment of the committed edit
   model (normalizer.transliteration.explain): "johnson" / "dzhonson" is
   j>dzh o>o hn>n s>s o>o n>n.
3. Counts of every piece after the two pieces before it (and after one, and
   alone), pieces seen fewer than MIN_PIECE_COUNT times dropped: what
   round_trip_model.ScriptModel smooths by Witten-Bell.
4. Calibration: the curve from evidence to similarity, fitted on the same dev
   words and impostors as transliteration.json's (learn_transliteration's
   calibration_curve: the most garble-like 0.5% of impostors at 0.8).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from learn_transliteration import (  # noqa: E402
    CALIBRATION_WORDS_PER_SCRIPT,
    DEV_WORDS_PER_SCRIPT,
    HARD_IMPOSTORS,
    RANDOM_IMPOSTORS,
    SEED,
    calibration_curve,
    hard_impostors,
    impostors,
    training_pairs,
    write_or_check,
)
from normalizer.measure.roundtrip import SCRIPTS  # noqa: E402
from normalizer.round_trip_model import ScriptModel, evidence_under  # noqa: E402
from normalizer.transliteration import explain  # noqa: E402

OUTPUT = ROOT / "normalizer" / "data" / "round_trip_model.json"
WORDS_PER_SCRIPT = 3000
MIN_PIECE_COUNT = 2  # a piece seen once is mostly a pair that is not the same name


def learn_script(script: str) -> dict:
    cuttings = []
    for english, garbled in training_pairs(script, "train", WORDS_PER_SCRIPT):
        cuttings.append([f"{source}>{target}" for source, target in explain(garbled, english, script)])
    seen = Counter(piece for cutting in cuttings for piece in cutting)
    pieces = [">"] + sorted(piece for piece, count in seen.items() if count >= MIN_PIECE_COUNT)
    number = {piece: k for k, piece in enumerate(pieces)}
    counts: dict[str, Counter] = {}
    for cutting in cuttings:
        if any(piece not in number for piece in cutting):
            continue  # a rare piece: the whole word is left out rather than cut wrongly
        before, last = -1, -1
        for piece in [number[p] for p in cutting] + [0]:
            for context in ("", str(last), f"{before},{last}"):
                counts.setdefault(context, Counter())[piece] += 1
            before, last = last, piece
    # One string of "piece count piece count ..." per context: a JSON string
    # reads several times faster than a list of numbers, and a context is
    # split into numbers only when the model first asks about it.
    flat = {
        context: " ".join(f"{piece} {count}" for piece, count in sorted(seen_after.items()))
        for context, seen_after in sorted(counts.items())
    }
    return {"pieces": pieces, "counts": flat}


def calibration(scripts: dict[str, dict]) -> list[float]:
    """Fitted as learn_transliteration.build fits the edit model's curve."""
    models = {script: ScriptModel(data) for script, data in scripts.items()}
    rng = random.Random(SEED)
    true_pairs, random_pairs, dev_words = [], [], []
    for script in SCRIPTS:
        dev = [(e, g) for e, g in training_pairs(script, "dev", DEV_WORDS_PER_SCRIPT) if e != g]
        dev_words += [e for e, _ in dev]
        chosen = set(sorted({e for e, _ in dev})[:CALIBRATION_WORDS_PER_SCRIPT])
        true_pairs += [(e, g) for e, g in dev if e in chosen]
        random_pairs += impostors(dev, rng)
    rng.shuffle(random_pairs)
    false_pairs = hard_impostors(dev_words, HARD_IMPOSTORS) + random_pairs[:RANDOM_IMPOSTORS]

    def cost(english: str, garbled: str) -> float:
        return -evidence_under(models, garbled, english)[0]

    return calibration_curve([cost(e, g) for e, g in true_pairs], [cost(e, g) for e, g in false_pairs])


def build() -> str:
    scripts = {script: learn_script(script) for script in SCRIPTS}
    data = {
        "about": "learned by tools/learn_round_trip_model.py from tools/data/transliteration/*.train.tsv; do not edit",
        "words_per_script": WORDS_PER_SCRIPT,
        "calibration": calibration(scripts),
        "scripts": scripts,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed model differs")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    return write_or_check(args.output, build(), args.check)


if __name__ == "__main__":
    sys.exit(main())
