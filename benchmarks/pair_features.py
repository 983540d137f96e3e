"""Does a fitted combination of what the engine already knows about a pair tell
round trips from impostors better than the route's score does? (issue 12)

`transliteration.score` reads a pair (printed word, gazetteer word) through
one number: the letter model's best evidence, mapped by a fitted curve, or the
joint model's or the pronunciation route's where theirs is higher. Here the
same measurements of a pair are put side by side and weighed by a logistic
regression:

    ev0, ev1, evmin   the letter model's evidence under its best, second and
                      worst script (nats; transliteration.evidence_by_script)
    joint             the joint model's, under the letter model's two best scripts
    pron, has_pron    the pronunciation route's, and whether it reads the pair at all
    word/len, name/len the English letter model's cost per letter of each spelling
    lenw, dlen        the word's length, and the name's less the word's

Pairs, per script:
- fit: the round-trip forms of the first dev words (tools/learn_transliteration.py
  calibrates on them: benchmarks/names.py never measures them), true;
- eval: the round-trip forms of dev words after SKIP_DEV (benchmarks/names.py's), true;
- impostors of two kinds for each word: a real name of the train split near it
  ("real name": same first two letters, the nearest three by rapidfuzz's ratio),
  and the word's own round trip read as that real name ("other name": the
  garble of one name against a rival that is not its source).

It reports, on the eval pairs, the share of true pairs scored above the score
that lets through 0.5%, 2%, 5% and 11.3% of each kind of impostor.

With --ranking it asks the question of top-1 repair accuracy instead: each
round-trip form (two a word at most) against a gazetteer of the script's words
and DISTRACTORS train names, among the candidates of benchmarks/names.py's
`score` method; a second logistic regression, on the difference of the right
name's measurements and each rival's (fit words), picks one, and so does the
shipped score (of a tie, the route's evidence, as that method).

    python benchmarks/pair_features.py [--words 300] [--seed 1] [--ranking]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.names import DATA, SKIP_DEV, candidates_in, cased, distractor_pool, read_pairs, usable  # noqa: E402
from normalizer import pronunciation, round_trip_model, transliteration  # noqa: E402
from normalizer.measure.roundtrip import SCRIPTS, round_trip_forms  # noqa: E402

FEATURES = ("ev0", "ev1", "evmin", "joint", "pron", "has_pron", "word/len", "name/len", "lenw", "dlen")
FLOOR = -30.0  # a route that cannot write the pair at all (-inf), as a number
TRUE, REAL_NAME, OTHER_NAME = 1, 0, 2
SHARES = (0.005, 0.02, 0.05, 0.113)
DISTRACTORS = 5000  # train names beside the script's words in a --ranking gazetteer, as names.py
FORMS_PER_WORD = 2


def features(word: str, name: str) -> list[float]:
    """The pair's measurements, as FEATURES names them."""
    source, target = transliteration.plain(name), transliteration.plain(word)
    by_script = sorted(transliteration.evidence_by_script(word, name), key=lambda pair: -pair[0])
    scripts = tuple(script for _, script in by_script if script != transliteration.POOLED)[:2]
    joint, _ = round_trip_model.evidence(word, name, scripts)
    sounds = pronunciation.pronunciations().get(source)
    heard = pronunciation.route().evidence(target, sounds)[0] if sounds else -math.inf
    letters = transliteration.model()
    return [
        by_script[0][0], by_script[1][0], by_script[-1][0], max(joint, FLOOR), max(heard, FLOOR),
        float(heard > -math.inf), letters.english_cost(target) / len(target),
        letters.english_cost(source) / len(source), len(target), len(source) - len(target),
    ]


def pairs(script: str, words: list[tuple[str, str]], near_names, rng: random.Random) -> list[tuple[str, str, int]]:
    """(word, name, kind) for `words` (english, native) of one script."""
    from rapidfuzz import fuzz, process

    out = []
    for english, native in words:
        forms = sorted({f for f in round_trip_forms(script, native) if f.lower() != english.lower()})
        out += [(form, english, TRUE) for form in forms]
        pool = near_names.get(english[:2].lower(), ())
        for other, _, _ in process.extract(english, pool, scorer=fuzz.ratio, limit=3):
            if other.lower() != english.lower():
                out.append((other.capitalize(), english, REAL_NAME))
                if forms:
                    out.append((rng.choice(forms), other.capitalize(), OTHER_NAME))
    return out


def measured(script_words: dict[str, list[tuple[str, str]]], near_names, rng):
    rows, kinds, scores = [], [], []
    for script, words in script_words.items():
        for word, name, kind in pairs(script, words, near_names, rng):
            rows.append(features(word, name))
            kinds.append(kind)
            scores.append(transliteration.score(word, name)[0])
    return np.array(rows), np.array(kinds), np.array(scores)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, rounds: int = 60) -> np.ndarray:
    """Weights (bias first) of an L2-regularized logistic regression on standardized
    columns, by Newton's method, returned for the raw columns."""
    mean, spread = x.mean(0), x.std(0) + 1e-9
    z = np.c_[np.ones(len(x)), (x - mean) / spread]
    w = np.zeros(z.shape[1])
    penalty = l2 * np.diag(np.r_[0.0, np.ones(len(w) - 1)])
    for _ in range(rounds):
        p = 1 / (1 + np.exp(-z @ w))
        gradient = z.T @ (p - y) + penalty @ w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + penalty
        w -= np.linalg.solve(hessian, gradient)
    raw = w[1:] / spread
    return np.r_[w[0] - (raw * mean).sum(), raw]


def true_share_at(values: np.ndarray, kinds: np.ndarray, impostor: int, share: float) -> float:
    """The share of true pairs scored above the score `share` of the impostors reach."""
    against = np.sort(values[kinds == impostor])[::-1]
    at = int(share * len(against))
    bar = against[at] if at < len(against) else -np.inf
    return float((values[kinds == TRUE] > bar).mean())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=300, help="dev words per script, in each of fit and eval")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ranking", action="store_true", help="top-1 among the candidates instead")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    pool = distractor_pool()  # the train split's names, read once
    near_names = defaultdict(list)
    for name in pool:
        near_names[name[:2].lower()].append(name)
    fit_words, eval_words = {}, {}
    for script in SCRIPTS:
        dev = [(e, n) for e, n in read_pairs(DATA / f"{script}.dev.tsv") if usable(e)]
        fit_words[script] = rng.sample(dev[:SKIP_DEV], min(args.words, SKIP_DEV))
        eval_words[script] = rng.sample(dev[SKIP_DEV:], min(args.words, len(dev) - SKIP_DEV))
    if args.ranking:
        return ranking(fit_words, eval_words, sorted(map(cased, pool)), rng)
    x_fit, kinds_fit, _ = measured(fit_words, near_names, rng)
    x_eval, kinds_eval, shipped = measured(eval_words, near_names, rng)
    weights = fit_logistic(x_fit, (kinds_fit == TRUE).astype(float))
    combined = x_eval @ weights[1:] + weights[0]
    # The shipped score is capped (0.94): ties at the cap broken by the letter evidence.
    readings = {
        "letter evidence (ev0)": x_eval[:, 0],
        "the shipped score (transliteration.score)": shipped + 1e-3 * np.tanh(x_eval[:, 0] / 50),
        "fitted combination of the ten": combined,
    }
    print(f"{int((kinds_eval == TRUE).sum())} true pairs, {int((kinds_eval == REAL_NAME).sum())} real-name and "
          f"{int((kinds_eval == OTHER_NAME).sum())} other-name impostors ({args.words} eval words a script)\n")
    header = " | ".join(f"{kind} {share:.1%}" for kind in ("real name", "other name") for share in SHARES)
    print(f"| reading | {header} |\n| --- |" + " --- |" * (2 * len(SHARES)))
    for label, values in readings.items():
        cells = " | ".join(
            f"{true_share_at(values, kinds_eval, kind, share):.3f}" for kind in (REAL_NAME, OTHER_NAME) for share in SHARES
        )
        print(f"| {label} | {cells} |")
    real = kinds_eval == REAL_NAME
    print(f"\nthe shipped score at the apply level 0.8: true {float((shipped[kinds_eval == TRUE] >= 0.8).mean()):.3f}, "
          f"real-name impostors {float((shipped[real] >= 0.8).mean()):.3f}, "
          f"other-name {float((shipped[kinds_eval == OTHER_NAME] >= 0.8).mean()):.3f}")
    print("weights: " + ", ".join(f"{n} {w:+.3f}" for n, w in zip(("bias", *FEATURES), weights)))
    return 0


def candidate_groups(words: list[tuple[str, str]], script: str, distractors: list[str], rng: random.Random):
    """Per round-trip form: (the right name, {candidate: (features, score, evidence)}), the
    candidates empty where the right name is none of them. The gazetteer: `words`
    and DISTRACTORS names drawn from `distractors`."""
    gazetteer = sorted({cased(e) for e, _ in words} | set(rng.sample(distractors, DISTRACTORS)))
    candidates_of = candidates_in(gazetteer)
    groups = []
    for english, native in words:
        forms = sorted({f for f in round_trip_forms(script, native) if f.lower() != english.lower()})
        for form in forms[:FORMS_PER_WORD]:
            found = candidates_of(form)
            read = {}
            if cased(english) in found:
                read = {
                    name: (features(form, name), transliteration.score(form, name)[0], transliteration.evidence(form, name)[0])
                    for name in found
                }
            groups.append((cased(english), read))
    return groups


def ranking(fit_words, eval_words, distractors: list[str], rng: random.Random) -> int:
    differences = []
    for script, words in fit_words.items():
        for right, read in candidate_groups(words, script, distractors, rng):
            if read:
                differences += [np.subtract(read[right][0], read[name][0]) for name in read if name != right]
    both_ways = np.array(differences + [-d for d in differences])
    weights = fit_logistic(both_ways, np.r_[np.ones(len(differences)), np.zeros(len(differences))])[1:]
    print("| script | forms | right name no candidate | top-1, shipped score | top-1, fitted ranking |")
    print("| --- | --- | --- | --- | --- |")
    totals = np.zeros(4)
    for script, words in eval_words.items():
        groups = candidate_groups(words, script, distractors, rng)
        shipped = sum(max(read, key=lambda n: read[n][1:]) == right for right, read in groups if read)
        fitted = sum(max(read, key=lambda n: float(np.dot(weights, read[n][0]))) == right for right, read in groups if read)
        missing = sum(1 for _, read in groups if not read)
        row = np.array([len(groups), missing, shipped, fitted])
        totals += row
        print(f"| {script} | {row[0]} | {row[1]} | {row[2] / row[0]:.3f} | {row[3] / row[0]:.3f} |")
    print(f"| all | {int(totals[0])} | {int(totals[1])} | {totals[2] / totals[0]:.3f} | {totals[3] / totals[0]:.3f} |")
    print("\nranking weights: " + ", ".join(f"{n} {w:+.3f}" for n, w in zip(FEATURES, weights)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
