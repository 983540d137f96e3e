"""Fit of the bar at which a word of a person's name is read beside the rest
of the name (normalizer/candidates/name_parts.py, ANCHORED_MIN).

Such a word's spelling is too far from the name's word for candidates.fuzzy
(similarity under its MIN_SIMILARITY); only a learned round trip may read it.
From the TRAIN split only (the name-level and article-level benchmarks
measure dev words): a seeded sample of English name words per script, each
sent through one of its real round trips (normalizer.measure.roundtrip),
keeping the forms whose spelling falls under MIN_SIMILARITY. For each bar,
the share of those forms the learned route reads at or above it, and the
share of impostor pairs (the same form against another real name word of
the train split) it reads so.

    python benchmarks/anchored_words.py [--words 400] [--impostors 10] [--seed 3]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.names import DATA, usable  # noqa: E402
from normalizer.candidates.fuzzy import MIN_SIMILARITY  # noqa: E402
from normalizer.measure.roundtrip import SCRIPTS, read_pairs, round_trips  # noqa: E402
from normalizer.similarity import MIN_ROUND_TRIP_LENGTH, similarity  # noqa: E402
from normalizer.transliteration import plain, score  # noqa: E402

BARS = (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=400, help="train words sampled per script")
    parser.add_argument("--impostors", type=int, default=10, help="other real names each form is scored against")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    true: list[float] = []
    impostors: list[float] = []
    for script in SCRIPTS:
        pairs = [(e, n) for e, n in read_pairs(DATA / f"{script}.train.tsv") if usable(e)]
        names = [e for e, _ in pairs]
        for english, native in rng.sample(pairs, args.words):
            forms = [f for _, f in round_trips(script, native) if plain(f) != plain(english)]
            if not forms:
                continue
            form = rng.choice(forms)
            form = form[:1].upper() + form[1:]
            if len(plain(form)) < MIN_ROUND_TRIP_LENGTH or similarity(form, english)[0] >= MIN_SIMILARITY:
                continue
            true.append(score(form, english)[0])
            for other in rng.sample(names, args.impostors):
                if plain(other) != plain(english) and similarity(form, other)[0] < MIN_SIMILARITY:
                    impostors.append(score(form, other)[0])
    print(f"{len(true)} round-trip forms under MIN_SIMILARITY ({MIN_SIMILARITY}), {len(impostors)} impostor pairs")
    print("| bar | forms read | impostors read |")
    print("| --- | --- | --- |")
    for bar in BARS:
        read = sum(s >= bar for s in true) / (len(true) or 1)
        false = sum(s >= bar for s in impostors) / (len(impostors) or 1)
        print(f"| {bar} | {read:.3f} | {false:.4f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
