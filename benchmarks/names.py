"""Name-level benchmark of real round trips (issue 12).

For each script, a seeded sample of dev-split words (never seen by the
model's training; the first words of each dev file, which calibrated the
score, are skipped) is sent through every round trip of
normalizer.measure.roundtrip. A method gets each Latin form that differs
from the English spelling and must give back the English word, choosing from
a gazetteer of the words under test plus DISTRACTORS real names (English side
of the train split, all scripts). It also gets real names that are NOT in the
gazetteer (other dev words of the script), printed as they are, and must
leave them alone.

    accuracy      share of round-trip forms repaired to their own word (top-1)
    wrong         share of round-trip forms repaired to another word
    false repair  share of real names not in the gazetteer that were changed

Methods:

    symspell    closest gazetteer word within edit distance 2 (benchmarks/baselines.py)
    rapidfuzz   extractOne by fuzz.ratio >= 80 (benchmarks/baselines.py)
    metaphone   the gazetteer word with the same jellyfish metaphone key (benchmarks/baselines.py)
    score       normalizer.transliteration alone: candidates from its keys and
                rapidfuzz's 20 nearest (plain and loose-key spellings), the best by
                transliteration.score (a tie by transliteration.evidence, as
                evidence/likelier weighs two readings), repaired at >= SCORE_THRESHOLD
    ranked      the same best candidate at any score: every form is repaired, so its
                accuracy is the most any threshold on the learned route could
                reach with these candidates (a ceiling, not a method: its
                false-repair rate is near 1)
    engine      Normalizer.load(gazetteers=[the gazetteer as YAML], bundled=False).normalize(word)
    hook        --hook module:factory, factory(gazetteer words) -> repair(word) -> str | None

    python benchmarks/names.py [--words 200] [--negatives 200] [--distractors 5000] [--seed 1]
                               [--scripts russian,katakana] [--methods symspell,score,engine]
                               [--engine-words 100] [--format json] [--breakdown] [--commonest]

--commonest tests the dev words with the most Wikidata labels (the files'
third column) instead of a seeded sample, and takes the real names outside
the gazetteer from the next ones: the pairs keep their commonest words aside
for an evaluation this project does not see, and these are the nearest kind.

--breakdown also says, per script, what became of each round-trip form the
engine got (repaired; another name applied; the right name suggested beside
a close rival or under the apply bar; another name suggested; not read, with
the learned route's score of the right pair at SCORE_THRESHOLD or more, or
under it): where its misses stand. It normalizes each form a second time,
outside the timed run, with the engine the timed run loaded.

The engine is slow per word (a full normalize call); --engine-words caps the
words (and real names) it gets per script, sampled from the same sample.
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.baselines import metaphone_fixer, rapidfuzz_fixer, symspell_fixer  # noqa: E402
from normalizer.measure.roundtrip import SCRIPTS, read_pairs, round_trips  # noqa: E402
from normalizer.transliteration import plain  # noqa: E402

DATA = ROOT / "tools" / "data" / "transliteration"
DISTRACTORS = 5000
MIN_LENGTH = 4
SKIP_DEV = 600  # the dev words tools/learn_transliteration.py calibrates on (DEV_WORDS_PER_SCRIPT)
SCORE_THRESHOLD = 0.8  # the engine's apply threshold
CANDIDATES = 20

Repair = Callable[[str], "str | None"]


def usable(english: str) -> bool:
    return english.isascii() and english.isalpha() and len(english) >= MIN_LENGTH


def dev_words(script: str) -> list[tuple[str, str]]:
    """(english, native) dev pairs of plain words, after the calibration words."""
    return [(e, n) for e, n in read_pairs(DATA / f"{script}.dev.tsv") if usable(e)][SKIP_DEV:]


def distractor_pool() -> list[str]:
    names: set[str] = set()
    for script in SCRIPTS:
        names.update(e for e, _ in read_pairs(DATA / f"{script}.train.tsv") if usable(e))
    return sorted(names)


def cased(word: str) -> str:
    return word[:1].upper() + word[1:]


class Case:
    __slots__ = ("script", "word", "expect", "scheme")

    def __init__(self, script: str, word: str, expect: str | None, scheme: str):
        self.script, self.word, self.expect, self.scheme = script, word, expect, scheme


def label_counts(script: str) -> dict[str, int]:
    """english -> how many Wikidata labels gave its dev pairs (the files' third column)."""
    counts: dict[str, int] = {}
    with open(DATA / f"{script}.dev.tsv", encoding="utf-8") as lines:
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[2].isdigit():
                counts[parts[0]] = counts.get(parts[0], 0) + int(parts[2])
    return counts


def build_script(script: str, words: int, negatives: int, distractors: list[str], rng: random.Random, commonest: bool = False):
    """The cases of one script: round-trip forms (expect their word) and
    real names not in the gazetteer (expect None); and the gazetteer. With
    `commonest`, the words with the most Wikidata labels are tested, and the
    next ones are the real names: the kind of word the pairs keep aside."""
    pool = dev_words(script)
    rng.shuffle(pool)
    if commonest:
        counts = label_counts(script)
        pool.sort(key=lambda pair: -counts.get(pair[0], 0))  # stable: ties keep the seeded order
    tested: list[tuple[str, str]] = []
    cases: list[Case] = []
    rest = []
    for english, native in pool:
        if len(tested) < words:
            forms = [(label, form) for label, form in round_trips(script, native) if plain(form) != english]
            if forms:
                tested.append((english, native))
                cases.extend(Case(script, form, cased(english), label) for label, form in forms)
                continue
        rest.append(english)
    tested_words = {e for e, _ in tested}
    gazetteer = sorted({cased(e) for e in tested_words} | {cased(d) for d in distractors if d not in tested_words})
    in_gazetteer = {g.lower() for g in gazetteer}
    outside = [e for e in rest if e not in in_gazetteer][:negatives]
    cases.extend(Case(script, cased(e), None, "real name") for e in outside)
    return cases, gazetteer


# ---------------------------------------------------------------- methods


def candidates_in(gazetteer: list[str]) -> Callable[[str], list[str]]:
    """The names of `gazetteer` a word may be a round trip of: those sharing a
    learned key with it, and rapidfuzz's nearest by plain letters and by loose key."""
    from rapidfuzz import fuzz, process

    from normalizer import transliteration

    by_key: dict[str, list[str]] = {}
    plains = [plain(g) for g in gazetteer]
    looses = []
    for name in gazetteer:
        name_keys = transliteration.keys(name)
        for key in name_keys:
            by_key.setdefault(key, []).append(name)
        looses.append(name_keys[-1] if name_keys else "")

    def candidates(word: str) -> list[str]:
        word_keys = transliteration.keys(word)
        found = {name for key in word_keys for name in by_key.get(key, ())}
        for choices, query in ((plains, plain(word)), (looses, word_keys[-1] if word_keys else "")):
            if query:
                for _, _, index in process.extract(query, choices, scorer=fuzz.ratio, limit=CANDIDATES):
                    found.add(gazetteer[index])
        return sorted(found)

    return candidates


def score_fixer(gazetteer: list[str], threshold: float = SCORE_THRESHOLD) -> Repair:
    """normalizer.transliteration alone: `candidates_in` the gazetteer, the
    best by score (of a tie, by the route's evidence), repaired at
    `threshold` or more."""
    from normalizer import transliteration

    candidates_of = candidates_in(gazetteer)

    def fix(word: str) -> str | None:
        target = plain(word)
        scored = [(transliteration.score(word, name)[0], name) for name in candidates_of(word)]
        best = max((value for value, _ in scored), default=0.0)
        tied = [name for value, name in scored if value == best]
        if not tied or best < threshold:
            return None
        # At the route's cap many names tie; its evidence still tells them apart.
        best_name = tied[0] if len(tied) == 1 else max(tied, key=lambda name: transliteration.evidence(word, name)[0])
        return None if plain(best_name) == target else best_name

    return fix


def ranked_fixer(gazetteer: list[str]) -> Repair:
    """`score_fixer` at any score: the ceiling of a threshold on the learned route."""
    return score_fixer(gazetteer, threshold=0.0)


@lru_cache(maxsize=1)
def engine_over(gazetteer: tuple[str, ...]):
    """A Normalizer with the gazetteer as its only one (the last one kept: the
    breakdown reads the same script's forms again)."""
    import yaml

    from normalizer import Normalizer

    folder = tempfile.mkdtemp(prefix="normalizer-names-")
    path = Path(folder) / "names.yaml"
    entities = [{"canonical": name, "kind": "person"} for name in gazetteer]
    path.write_text(yaml.safe_dump({"entities": entities}, allow_unicode=True), encoding="utf-8")
    return Normalizer.load(gazetteers=[str(path)], bundled=False)


def engine_fixer(gazetteer: list[str]) -> Repair:
    """The engine on the word alone, with the gazetteer as its only one."""
    normalizer = engine_over(tuple(gazetteer))

    def fix(word: str) -> str | None:
        result = normalizer.normalize(word)
        changed = result.text.strip()
        return changed if changed != word else None

    return fix


OUTCOMES = (
    "repaired to its name",
    "another name applied",
    "right name suggested, a close rival beside it",
    "right name suggested, under the apply bar",
    "another name suggested",
    "not read; the route scores the right pair >= 0.8",
    "not read; the route scores it under 0.8",
)
CLOSE_RIVAL = "too close to another reading"  # normalizer.decision's reason


def engine_outcomes(gazetteer: list[str]) -> Callable[[Case], str]:
    """What became of a round-trip form in the engine (one of OUTCOMES)."""
    from normalizer import transliteration

    normalize = engine_over(tuple(gazetteer)).normalize

    def outcome(case: Case) -> str:
        result = normalize(case.word)
        written = result.text.strip()
        if written.lower() == case.expect.lower():
            return OUTCOMES[0]
        if written != case.word:
            return OUTCOMES[1]
        if result.corrections:
            top = result.corrections[0]
            if top.replacement.lower() != case.expect.lower():
                return OUTCOMES[4]
            return OUTCOMES[2] if any(CLOSE_RIVAL in reason for reason in top.reasons) else OUTCOMES[3]
        read, _ = transliteration.score(case.word, case.expect)
        return OUTCOMES[5] if read >= SCORE_THRESHOLD else OUTCOMES[6]

    return outcome


def breakdown(gazetteer: list[str], cases: list[Case]) -> dict[str, int]:
    """How many of the round-trip forms of `cases` came to each of OUTCOMES in the engine."""
    outcome = engine_outcomes(gazetteer)
    counted = {name: 0 for name in OUTCOMES}
    for case in cases:
        if case.expect is not None:
            counted[outcome(case)] += 1
    return counted


def hook_fixer(spec: str) -> Callable[[list[str]], Repair]:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name or "factory")


METHODS: dict[str, Callable[[list[str]], Repair]] = {
    "symspell": symspell_fixer,
    "rapidfuzz": rapidfuzz_fixer,
    "metaphone": metaphone_fixer,
    "score": score_fixer,
    "ranked": ranked_fixer,
    "engine": engine_fixer,
}


# ---------------------------------------------------------------- running


def tally(results: list[tuple[Case, str | None]]) -> dict:
    garbles = [(c, out) for c, out in results if c.expect is not None]
    reals = [(c, out) for c, out in results if c.expect is None]
    right = sum(1 for c, out in garbles if out is not None and out.lower() == c.expect.lower())
    wrong = sum(1 for c, out in garbles if out is not None and out.lower() != c.expect.lower())
    false = sum(1 for c, out in reals if out is not None and out.lower() != c.word.lower())
    return {
        "garbles": len(garbles),
        "accuracy": round(right / len(garbles), 3) if garbles else None,
        "wrong": round(wrong / len(garbles), 3) if garbles else None,
        "real names": len(reals),
        "false repair": round(false / len(reals), 3) if reals else None,
    }


def run(args) -> dict:
    rng = random.Random(args.seed)
    pool = distractor_pool()
    methods = dict(METHODS)
    if args.hook:
        methods["hook"] = hook_fixer(args.hook)
    chosen = [m for m in args.methods.split(",") if m] if args.methods else list(methods)
    report: dict = {
        "settings": {
            "words": args.words, "negatives": args.negatives, "distractors": args.distractors,
            "seed": args.seed, "engine_words": args.engine_words, "score_threshold": SCORE_THRESHOLD,
            "commonest": args.commonest,
        },
        "methods": {},
        "seconds": {},
    }
    per_method: dict[str, list[tuple[Case, str | None]]] = {m: [] for m in chosen}
    for script in args.scripts.split(","):
        distractors = rng.sample(pool, args.distractors)
        cases, gazetteer = build_script(script, args.words, args.negatives, distractors, rng, args.commonest)
        for method in chosen:
            started = time.perf_counter()
            fix = methods[method](gazetteer)
            run_cases = cases
            if method in ("engine", "hook") and args.engine_words:
                run_cases = engine_sample(cases, args.engine_words, random.Random(args.seed))
            results = [(case, fix(case.word)) for case in run_cases]
            per_method[method].extend(results)
            report["methods"].setdefault(method, {})[script] = tally(results)
            report["seconds"].setdefault(method, {})[script] = round(time.perf_counter() - started, 1)
            if args.verbose:
                print(f"{script} {method}: {report['methods'][method][script]}", file=sys.stderr)
            if method == "engine" and args.breakdown:
                report.setdefault("breakdown", {})[script] = breakdown(gazetteer, run_cases)
    for method in chosen:
        report["methods"][method]["overall"] = tally(per_method[method])
    return report


def engine_sample(cases: list[Case], words: int, rng: random.Random) -> list[Case]:
    """At most `words` tested words (all their forms) and `words` real names."""
    expected = sorted({c.expect for c in cases if c.expect is not None})
    keep = set(rng.sample(expected, min(words, len(expected))))
    reals = [c for c in cases if c.expect is None][:words]
    return [c for c in cases if c.expect in keep] + reals


def table(report: dict) -> str:
    scripts = [s for s in next(iter(report["methods"].values()))]
    lines = [
        "| method | " + " | ".join(scripts) + " |",
        "| --- | " + " | ".join("---" for _ in scripts) + " |",
    ]
    for method, by_script in report["methods"].items():
        cells = []
        for script in scripts:
            row = by_script[script]
            cells.append(f"{row['accuracy']:.3f} / {row['false repair']:.3f}")
        lines.append(f"| {method} | " + " | ".join(cells) + " |")
    counts = next(iter(report["methods"].values()))
    lines.append(
        "| (garbles / real names) | "
        + " | ".join(f"{counts[s]['garbles']} / {counts[s]['real names']}" for s in scripts)
        + " |"
    )
    return "accuracy / false-repair rate, per script\n\n" + "\n".join(lines)


def breakdown_table(report: dict) -> str:
    by_script = report["breakdown"]
    scripts = list(by_script)
    lines = [
        "| what became of the form | " + " | ".join(scripts) + " | all |",
        "| --- | " + " | ".join("---" for _ in scripts) + " | --- |",
    ]
    for name in (*OUTCOMES, None):
        counts = [sum(by_script[s].values()) if name is None else by_script[s][name] for s in scripts]
        lines.append(f"| {name or 'forms'} | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |")
    return "the engine's round-trip forms by what became of them\n\n" + "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=200, help="dev words under test per script")
    parser.add_argument("--negatives", type=int, default=200, help="real names not in the gazetteer per script")
    parser.add_argument("--distractors", type=int, default=DISTRACTORS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scripts", default=",".join(SCRIPTS))
    parser.add_argument("--methods", default="", help="comma-separated; default all")
    parser.add_argument("--hook", help="module:factory giving repair(word) for a list of gazetteer words")
    parser.add_argument("--engine-words", type=int, default=100, help="words (and real names) per script for engine and hook; 0 = all")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("--breakdown", action="store_true", help="what became of each form the engine got")
    parser.add_argument("--commonest", action="store_true", help="test the dev words with the most Wikidata labels, not a sample")
    args = parser.parse_args(argv)
    report = run(args)
    if args.format == "json":
        print(json.dumps(report, indent=1))
    else:
        print(table(report))
        print()
        if report.get("breakdown"):
            print(breakdown_table(report))
            print()
        print("seconds:", json.dumps(report["seconds"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
