"""The words of earlier runs kept (normalizer/word_store.py): a next day's batch and an edited article.

    python benchmarks/word_store.py --base ../base [--first 1000] [--next 1000] [--rounds 2] [--jobs 0]
                                    [--runs 11] [--skip-batch] [--skip-article] [--next-from CORPUS.jsonl]
                                    [-- MORE OPTIONS OF THE EDITED ARTICLE'S normalize --check]

The next day: this checkout normalizes the speed articles 1..FIRST once (its
word store fills, as yesterday's batch would), then the articles
FIRST+1..FIRST+NEXT are timed, `normalize --check --format json --jobs JOBS`,
in turn by

    base   the other checkout (no word store)
    cold   this checkout, its word store empty
    warm   this checkout, the word store the first articles filled

each from a fresh copy of its prepared cache folder without results.sqlite:
no article result is read back (cli/known_results.py), so what differs is
the words alone. Wall and CPU seconds (the command and its workers, by
os.wait4), and whether the three JSON reports are the same byte for byte.

The speed articles are drawn from the 345 paragraphs of the 24 garbled
Wikinews articles, so the first 1,000 hold every paragraph and the next day
brings no word the first did not: the most the store can give. With
`--next-from benchmarks/corpus/wikinews-heldout.jsonl` the next day's
articles are drawn the same way from another corpus's paragraphs (there: the
same stories garbled anew, so the names recur and most garbles are new).

The edited article: the first speed article, copied out of the repository and
changed before every run (a line appended, so its result is never known),
`normalize --check` on it by base, cold (its word store removed before each
run), warm (the store of the first articles) and codespell, in turn; medians
and ratios to codespell. A first round, not timed, warms the caches: with
other gazetteers (`-- --gazetteer BIG.yaml`) it also fills the warm side's
store with the article's words, as the article's run before the edit did.

As in cold_ab.py and batch_ab.py, the other checkout runs on this
checkout's virtual environment with its own folder first on PYTHONPATH
(`git worktree add --detach ../base COMMIT`); each side has its own caches.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.batch_ab import GAZETTEER, run  # noqa: E402
from benchmarks.cold_ab import LAUNCHER, environment  # noqa: E402
from benchmarks.common import WORK, build_articles, tool  # noqa: E402
from benchmarks.corpora import GARBLED_JSONL  # noqa: E402

SIDES = ("base", "cold", "warm")


def articles_from(corpus: Path, count: int, seed: int, folder: Path) -> list[str]:
    """`count` articles of 3-9 paragraphs of `corpus`'s garbled texts, as common.build_articles makes them."""
    import json
    import random

    paragraphs = [p for line in corpus.read_text(encoding="utf-8").splitlines()
                  for p in json.loads(line)["garbled"].split("\n\n") if p.strip()]
    rng = random.Random(seed)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    paths = []
    for number in range(count):
        path = folder / f"{number:05d}.txt"
        path.write_text("\n\n".join(rng.choice(paragraphs) for _ in range(rng.randint(3, 9))) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def fresh_copy(template: Path, folder: Path) -> Path:
    """A copy of a prepared cache folder, without the results of earlier runs."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(template, folder)
    (folder / "results.sqlite").unlink(missing_ok=True)
    return folder


def prepare(caches: Path, base: Path, files: list[str], first: int, normalize: list[str]) -> dict[str, Path]:
    """The template cache folder of each side: base and cold hold the index only, warm also the
    words of the first articles."""
    templates = {side: caches / f"template-{side}" for side in SIDES}
    run([*normalize, files[0]], environment(str(templates["base"]), base))
    wall, cpu, _ = run([*normalize, "--jobs", "0", *files[:first]], environment(str(templates["warm"]), ROOT))
    print(f"filled the store with articles 1-{first}: {wall:.2f} s wall, {cpu:.1f} s CPU", flush=True)
    shutil.copytree(templates["warm"], templates["cold"])
    (templates["cold"] / "words.sqlite").unlink(missing_ok=True)
    import sqlite3

    with sqlite3.connect(templates["warm"] / "words.sqlite") as db:
        entries, size = db.execute("SELECT count(*), sum(length(key) + length(value)) FROM words").fetchone()
    on_disk = (templates["warm"] / "words.sqlite").stat().st_size
    print(f"word store: {entries:,} entries, {size / 1e6:.1f} MB of keys and values, {on_disk / 1e6:.1f} MB file")
    return templates


def next_day(caches: Path, templates: dict[str, Path], base: Path, files: list[str], rounds: int,
             normalize: list[str], jobs: int) -> None:
    for round_number in range(1, rounds + 1):
        outputs = {}
        for side in SIDES:
            folder = fresh_copy(templates[side], caches / side)
            env = environment(str(folder), base if side == "base" else ROOT)
            wall, cpu, outputs[side] = run([*normalize, "--jobs", str(jobs), *files], env)
            print(f"round {round_number} {side}: {wall:.2f} s wall, {cpu:.1f} s CPU", flush=True)
        same = outputs["base"] == outputs["cold"] == outputs["warm"]
        print(f"round {round_number}: outputs {'identical' if same else 'DIFFER'}", flush=True)


def edited_article(caches: Path, templates: dict[str, Path], base: Path, article: Path, runs: int,
                   normalize: list[str], options: list[str]) -> None:
    copy = caches / "edited" / "article.txt"
    copy.parent.mkdir()
    original = article.read_text(encoding="utf-8")
    folders = {side: fresh_copy(templates[side], caches / f"edited-{side}") for side in SIDES}
    envs = {side: environment(str(folders[side]), base if side == "base" else ROOT) for side in SIDES}
    command = [*normalize, *options, str(copy)]
    codespell = [tool("codespell") or "codespell", str(copy)]
    times: dict[str, list[float]] = {side: [] for side in (*SIDES, "codespell")}
    for number in range(runs + 1):
        for side in (*SIDES, "codespell"):
            copy.write_text(f"{original}\nEdited {number} {side}.\n", encoding="utf-8")
            if side == "cold":
                (folders["cold"] / "words.sqlite").unlink(missing_ok=True)
            started = time.perf_counter()
            done = subprocess.run(codespell if side == "codespell" else command, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, env=envs["warm" if side == "codespell" else side],
                                  cwd=tempfile.gettempdir())
            if side != "codespell" and done.returncode not in (0, 1):
                raise SystemExit(f"{side}: exit status {done.returncode}: {done.stderr.decode()[-500:]}")
            if number:  # the first round warms the files' pages
                times[side].append(time.perf_counter() - started)
    median = {side: statistics.median(values) for side, values in times.items()}
    spell = median["codespell"]
    print("edited article, medians of", runs, "runs: " + "  ".join(
        f"{side} {median[side]:.3f} s ({median[side] / spell:.2f}x)" for side in SIDES)
        + f"  codespell {spell:.3f} s  warm/base {median['warm'] / median['base']:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the other checkout (a folder holding normalizer/)")
    parser.add_argument("--first", type=int, default=1000, help="articles of the day before (default: 1000)")
    parser.add_argument("--next", type=int, default=1000, help="articles of the next day (default: 1000)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--runs", type=int, default=11, help="runs of the edited article (default: 11)")
    parser.add_argument("--skip-batch", action="store_true")
    parser.add_argument("--skip-article", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--next-from", type=Path, default=GARBLED_JSONL,
                        help="the corpus the next day's articles are drawn from (default: the speed articles')")
    argv = sys.argv[1:] if argv is None else argv
    cut = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:cut])
    base = Path(args.base).resolve()
    files = [str(path) for path in build_articles(args.first + args.next, args.seed, WORK / "speed-articles")]
    if args.next_from.resolve() != GARBLED_JSONL.resolve():
        files[args.first:] = articles_from(args.next_from, args.next, args.seed + 1, WORK / "word-store-next")
    normalize = [sys.executable, "-c", LAUNCHER, "--check", "--format", "json", "--gazetteer", str(GAZETTEER)]
    with tempfile.TemporaryDirectory() as folder:
        caches = Path(folder)
        templates = prepare(caches, base, files, args.first, normalize)
        if not args.skip_batch:
            next_day(caches, templates, base, files[args.first:], args.rounds, normalize, args.jobs)
        if not args.skip_article:
            edited_article(caches, templates, base, Path(files[0]), args.runs, normalize, argv[cut + 1:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
