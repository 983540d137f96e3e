"""Would a route through the English pronunciation read round trips better than the letters do?

A measurement of a design option, not of the engine. The learned model
(tools/learn_transliteration.py) reads a garble as letter groups of the
English spelling rewritten ("j" -> "dzh"). But another script writes what
the name sounds like, not how it is spelled: Байден for Biden ("Bajden", the
"i" said as "ai"), Эппл for Apple. This script trains the same hard-EM group
edit model on the same train pairs with the English side replaced by its
pronunciation in the CMU Pronouncing Dictionary (one symbol per phoneme,
stress dropped: normalizer/data/pronunciations.txt, made by
tools/learn_pronunciation.py), and ranks, for each dev-split round-trip form of a word
the dictionary holds, every such dev word of all six scripts by the evidence
of three readings: the letter route (`transliteration.evidence`, the shipped
model), the pronunciation route, and the better of the two. Top-1 accuracy
per script; only words with a CMU entry take part (a third of the dev words).

    python benchmarks/pronunciation_route.py [--train-words 20000] [--forms 150] [--seed 1]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tools")]

import learn_transliteration as learner  # noqa: E402
from normalizer import pronunciation, transliteration  # noqa: E402
from normalizer.transliteration import align  # noqa: E402

PRONUNCIATIONS_READ = 2  # a word's first two entries ("Biden" has one, "Adams" two)
SKIP_DEV = 600  # the dev words the shipped model calibrates on (learn_transliteration.DEV_WORDS_PER_SCRIPT)
DEV_WORDS = 600


def pronunciations(word: str) -> list[str]:
    """`word`'s pronunciations, one symbol a phoneme (normalizer/data/pronunciations.txt), [] if the dictionary lacks it."""
    return list(pronunciation.pronunciations().get(word, ()))[:PRONUNCIATIONS_READ]


def train_routes(train_words: int) -> dict[str, dict]:
    """Per script, the group edit model from pronunciation to printed garble."""
    routes = {}
    for script in learner.SCRIPTS:
        pairs = [
            (sounds[0], garbled)
            for english, garbled in learner.training_pairs(script, "train", train_words)
            if (sounds := pronunciations(english))
        ]
        routes[script] = learner.train(pairs)
    return routes


def pronunciation_evidence(route: dict, name: str, garbled: str) -> float:
    """log P(garbled | name said so) - log P(garbled as an English-side name), best pronunciation."""
    floors = tuple(route["floors"].values())
    alone = transliteration.model().english_cost(garbled)
    costs = [align(sounds, garbled, route["table"], floors, learner.MAX_SOURCE, learner.MAX_TARGET)[0]
             for sounds in pronunciations(name)]
    return alone - min(costs) if costs else -math.inf


def measure(train_words: int, forms_per_script: int, seed: int) -> dict[str, dict]:
    routes = train_routes(train_words)
    dev = {script: [(e, g) for e, g in learner.training_pairs(script, "dev", DEV_WORDS, skip=SKIP_DEV) if e != g]
           for script in learner.SCRIPTS}
    pool = sorted({english for pairs in dev.values() for english, _ in pairs if pronunciations(english)})
    results = {}
    for script, pairs in dev.items():
        words = {english for english, _ in pairs}
        held = [(e, g) for e, g in pairs if pronunciations(e)]
        forms = held if len(held) <= forms_per_script else random.Random(seed).sample(held, forms_per_script)
        right = {"letters": 0, "pronunciation": 0, "better of the two": 0}
        for english, garbled in forms:
            # Every pool word of a length near the form's name competes (as the candidate search would offer).
            rivals = [word for word in pool if abs(len(word) - len(english)) <= 3]
            letters = {word: transliteration.evidence(garbled, word)[0] for word in rivals}
            sounds = {word: pronunciation_evidence(routes[script], word, garbled) for word in rivals}
            both = {word: max(letters[word], sounds[word]) for word in rivals}
            for reading, scores in (("letters", letters), ("pronunciation", sounds), ("better of the two", both)):
                right[reading] += max(scores, key=scores.get) == english
        results[script] = {
            **{reading: count / len(forms) for reading, count in right.items()},
            "forms": len(forms),
            "words in CMU": f"{len({e for e, _ in held})}/{len(words)}",
        }
    results["pool"] = {"words": len(pool)}
    return results


def render(results: dict[str, dict]) -> str:
    lines = ["| script | letters | pronunciation | better of the two | forms | dev words in CMU |",
             "| --- | --- | --- | --- | --- | --- |"]
    for script in learner.SCRIPTS:
        row = results[script]
        lines.append(f"| {script} | {row['letters']:.3f} | {row['pronunciation']:.3f} | {row['better of the two']:.3f} "
                     f"| {row['forms']} | {row['words in CMU']} |")
    lines.append(f"\n(top-1 among the {results['pool']['words']} dev words of all six scripts that CMU holds)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train-words", type=int, default=20_000, help="train words per script (default 20,000)")
    parser.add_argument("--forms", type=int, default=150, help="dev round-trip forms per script (default 150)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(render(measure(args.train_words, args.forms, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
