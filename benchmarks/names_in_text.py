"""Real round trips of whole names in news sentences (issue 12, article level).

benchmarks/names.py asks the engine for one word alone; an article names a
person in full and then by the surname. Here each person is two dev-split
name words of one script (given name, surname; never seen by the learned
models), both sent back to Latin letters by the same real romanizer scheme
(normalizer.measure.roundtrip), written into a short news text that names
the person in full and then by the surname alone. The gazetteer holds the
persons under test plus DISTRACTORS persons made of train-split name words.
Controls: persons of other dev words, not in the gazetteer, written as they
are in the same sentences, must be left alone; so must namesakes, a person
of the gazetteer's given name and another dev word's surname, named beside
the gazetteer's person ("Sergei Lavrov and Sergei Ryabkov met...").

    recall      garbled name words repaired to their own spelling, each mention counted
    wrong       garbled name words changed to something else
    false       words of the controls changed (applied corrections)
    namesakes   words of the namesakes changed (applied corrections)

    python benchmarks/names_in_text.py [--persons 100] [--scripts russian,katakana] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.names import cased, dev_words, distractor_pool  # noqa: E402
from normalizer.measure.roundtrip import SCRIPTS, round_trips  # noqa: E402
from normalizer.transliteration import plain  # noqa: E402

DISTRACTORS = 3000
TEMPLATES = (
    "Officials said {given} {surname} arrived in the capital on Monday. Later, {surname} met reporters.",
    "In a statement, {given} {surname} rejected the claims. {surname} said the talks would continue.",
    "The company named {given} {surname} as its new chief executive. {surname} starts in May.",
)
NAMESAKE = "{given} {surname} and {given} {other} met on Monday. {other} said the talks would continue."


def persons_of(script: str, count: int, rng: random.Random):
    """`count` persons (given, surname, their round-trip forms by one scheme)
    and as many controls (given, surname) from the words left."""
    words = dev_words(script)
    rng.shuffle(words)
    persons, at = [], 0
    while len(persons) < count and at + 1 < len(words):
        (given, given_native), (surname, surname_native) = words[at], words[at + 1]
        at += 2
        given_forms, surname_forms = dict(round_trips(script, given_native)), dict(round_trips(script, surname_native))
        schemes = [label for label in given_forms if label in surname_forms]
        if schemes:
            scheme = rng.choice(schemes)
            persons.append((cased(given), cased(surname), given_forms[scheme], surname_forms[scheme]))
    rest = words[at:]
    controls = [(cased(rest[k][0]), cased(rest[k + 1][0])) for k in range(0, min(2 * count, len(rest) - 1), 2)]
    return persons, controls


def engine_for(persons, distractors):
    import yaml

    from normalizer import Normalizer

    names = [f"{given} {surname}" for given, surname, *_ in persons] + [f"{a} {b}" for a, b in distractors]
    path = Path(tempfile.mkdtemp(prefix="normalizer-names-in-text-")) / "people.yaml"
    entities = [{"canonical": name, "kind": "person"} for name in names]
    path.write_text(yaml.safe_dump({"entities": entities}, allow_unicode=True), encoding="utf-8")
    return Normalizer.load(gazetteers=[str(path)], bundled=False)


def measure_script(script: str, count: int, rng: random.Random, pool: list[str]) -> Counter:
    persons, controls = persons_of(script, count, rng)
    distractors = list(zip(rng.sample(pool, DISTRACTORS), rng.sample(pool, DISTRACTORS)))
    engine = engine_for(persons, distractors)
    tally: Counter = Counter()
    for n, (given, surname, given_form, surname_form) in enumerate(persons):
        template = TEMPLATES[n % len(TEMPLATES)]
        out = engine.normalize(template.format(given=given_form, surname=surname_form)).text.split()
        want = template.format(given=given, surname=surname).split()
        written = template.format(given=given_form, surname=surname_form).split()
        if len(out) != len(want):  # a repair joined or split words: count each garbled word unrepaired
            out = written
        for got, right, garbled in zip(out, want, written):
            if garbled == right or plain(garbled) == plain(right):
                continue
            tally["garbled"] += 1
            tally["right" if got == right else "untouched" if got == garbled else "wrong"] += 1
    for n, (given, surname) in enumerate(controls):
        text = TEMPLATES[n % len(TEMPLATES)].format(given=given, surname=surname)
        tally["control words"] += 3
        tally["false"] += sum(1 for c in engine.normalize(text).corrections if c.applied)
    for (given, surname, *_), (_, other) in zip(persons, controls):
        text = NAMESAKE.format(given=given, surname=surname, other=other)
        tally["namesake words"] += 3
        tally["namesakes"] += sum(1 for c in engine.normalize(text).corrections if c.applied)
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100, help="persons per script (and as many controls)")
    parser.add_argument("--scripts", default=",".join(SCRIPTS))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    pool = distractor_pool()
    total: Counter = Counter()
    print("| script | garbled words | recall | wrong | false (control words) | false (namesake words) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for script in args.scripts.split(","):
        tally = measure_script(script, args.persons, rng, pool)
        total.update(tally)
        print(row(script, tally))
    print(row("overall", total))
    return 0


def row(name: str, tally: Counter) -> str:
    garbled = tally["garbled"] or 1
    return (f"| {name} | {tally['garbled']} | {tally['right'] / garbled:.3f} | {tally['wrong'] / garbled:.3f} | "
            f"{tally['false']} ({tally['control words']}) | {tally['namesakes']} ({tally['namesake words']}) |")


if __name__ == "__main__":
    sys.exit(main())
