"""Real people no gazetteer holds, in news sentences: every change is false.

The open world (benchmarks/open_world.py) is real news, but its names are few
and mostly English. Here the names are real given names and surnames of many
languages: those Faker (MIT; the `test` extra) lists for each locale of its
`person` providers, Latin letters only, a random given name and a random
surname a person. Each person is written into a short news sentence, one a
text, and normalized with the bundled gazetteers (and any given with -g). A
surname one edit or one learned round trip from a gazetteer person's is the
case this measures: "Angelo Luoma" is not Edi Rama.

With --titled, each person is a surname alone after an office ("President
Mokrane said ..."), as news names a person the second time: no given name
says whose surname it is, and the office may be a gazetteer person's.

    python benchmarks/unknown_people.py [--people 3000] [--seed 7] [-g GAZETTEER] [--titled] [--show]
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from normalizer import Normalizer  # noqa: E402
from normalizer.measure.faker_names import given_names_and_surnames  # noqa: E402
from normalizer.tokens import tokenize  # noqa: E402

PER = 10_000
SENTENCES = (
    "Officials said {} would travel to Moscow next week.",
    "{} told reporters in Tehran that talks would continue.",
    "The minister, {}, resigned on Monday.",
    "According to {}, the ceasefire held overnight.",
)
# A surname alone after an office (--titled).
TITLED = (
    "President {} said the talks would continue.",
    "Officials said Minister {} would travel to Moscow.",
    "Mayor {} opened the bridge on Monday.",
    "General {} denied the report.",
    "Chancellor {} met the delegation.",
)


def faker_names() -> tuple[list[str], list[str]]:
    """Faker's given names and surnames, every locale, words of Latin letters only."""
    given, surnames = given_names_and_surnames()
    return [n for n in given if _plain_name(n)], [n for n in surnames if _plain_name(n)]


def _plain_name(word: str) -> bool:
    """One capitalized word of Latin letters (marks allowed): no hyphen, space or other script."""
    latin = all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in word)
    return word.isalpha() and word[:1].isupper() and latin


def measure(people: int = 3000, seed: int = 7, gazetteers=(), bundled: bool = True, titled: bool = False) -> dict:
    given, surnames = faker_names()
    rng = random.Random(seed)
    engine = Normalizer.load(list(gazetteers), bundled=bundled)
    tokens, applied, suggested = 0, [], []
    for _ in range(people):
        name = rng.choice(surnames) if titled else f"{rng.choice(given)} {rng.choice(surnames)}"
        text = rng.choice(TITLED if titled else SENTENCES).format(name)
        tokens += len(tokenize(text))
        for correction in engine.normalize(text).corrections:
            (applied if correction.applied else suggested).append((name, correction))
    return {"people": people, "tokens": tokens, "applied": applied, "suggested": suggested}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-g", "--gazetteer", action="append", default=[])
    parser.add_argument("--no-bundled", action="store_true")
    parser.add_argument("--titled", action="store_true", help="a surname alone after an office, not a full name")
    parser.add_argument("--show", action="store_true", help="list every change")
    args = parser.parse_args(argv)
    report = measure(args.people, args.seed, args.gazetteer, not args.no_bundled, args.titled)
    per = PER / report["tokens"]
    what = "surnames alone after an office" if args.titled else "real names"
    print(f"unknown people: {report['people']:,} {what} (Faker's, every locale), {report['tokens']:,} tokens")
    print(f"applied      {len(report['applied']):5d}  {len(report['applied']) * per:.2f} per 10,000 tokens (all false)")
    print(f"suggestions  {len(report['suggested']):5d}  {len(report['suggested']) * per:.2f} per 10,000 tokens")
    if args.show:
        for kind, found in (("applied", report["applied"]), ("suggestion", report["suggested"])):
            for name, c in found:
                reasons = "; ".join(c.reasons)
                print(f"  {kind}: '{name}': {c.original} -> {c.replacement} ({c.confidence:.2f}; {reasons})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
