"""`normalize --check` of a batch by two checkouts, in turn: wall and CPU time.

On a busy machine separate runs differ by a third; runs taken in turn meet
the same load, so they compare. As in cold_ab.py, the other checkout runs
on this checkout's virtual environment with its own folder first on
PYTHONPATH (make one with `git worktree add --detach ../base COMMIT`), and
each has its own cache folder, warmed before the timed runs. Every article
is worked out (`--no-result-cache`, which also leaves the word store of
normalizer/word_store.py alone), and the two JSON reports must be the
same byte for byte. With `--corpus`, the articles are one JSONL and the
command is `normalize corpus` with `--workers` = `--jobs` (0: one per CPU)
and `--partition-size` 50 (the default 1,000 would give 400 articles to one
worker), its output file compared instead.

    python benchmarks/batch_ab.py --base ../base [--articles 400] [--rounds 2] [--jobs 0] [--corpus]

Prints a line per run: wall seconds and the CPU seconds of the command and
its workers; and whether the outputs were identical.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.common import WORK, build_articles  # noqa: E402
from benchmarks.cold_ab import LAUNCHER, environment  # noqa: E402

GAZETTEER = ROOT / "benchmarks" / "corpus" / "wikinews" / "gazetteer.yaml"


def run(command: list[str], env: dict) -> tuple[float, float, bytes]:
    """Wall seconds, CPU seconds (the command and its reaped workers), stdout."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, env=env, cwd=tempfile.gettempdir())
        _, _, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        out.seek(0)
        return wall, usage.ru_utime + usage.ru_stime, out.read()


def corpus_of(files: list[str]) -> Path:
    """The articles as one JSONL of {"id", "text"} records, beside them."""
    path = WORK / "speed-articles.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for name in files:
            out.write(json.dumps({"id": Path(name).stem, "text": Path(name).read_text(encoding="utf-8")}) + "\n")
    return path


def timed_corpus(source: Path, workers: int, partition: int, env: dict) -> tuple[float, float, bytes]:
    """`normalize corpus` of `source` with `workers` and `partition` records a partition: wall and CPU
    seconds, and its output file."""
    # The words an earlier round kept (normalizer/word_store.py) go: every round works them out, on any
    # base (one before the store knows no --no-result-cache of `normalize corpus`).
    (Path(env["NORMALIZER_CACHE_DIR"]) / "words.sqlite").unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.jsonl"
        wall, cpu, _ = run([sys.executable, "-c", LAUNCHER, "corpus", str(source), "-o", str(out), "--workers",
                            str(workers), "--partition-size", str(partition), "--gazetteer", str(GAZETTEER)], env)
        return wall, cpu, out.read_bytes()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the other checkout (a folder holding normalizer/)")
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", action="store_true", help="time `normalize corpus` on the articles as a JSONL")
    parser.add_argument("--partition-size", type=int, default=50, help="with --corpus (default: 50)")
    args = parser.parse_args(argv)
    files = [str(path) for path in build_articles(args.articles, args.seed, WORK / "speed-articles")]
    normalize = [sys.executable, "-c", LAUNCHER, "--check", "--no-result-cache", "--format", "json",
                 "--gazetteer", str(GAZETTEER)]
    if args.corpus:
        timed = partial(timed_corpus, corpus_of(files), args.jobs or os.cpu_count() or 1, args.partition_size)
    else:
        timed = partial(run, [*normalize, "--jobs", str(args.jobs), *files])
    with tempfile.TemporaryDirectory() as caches:
        sides = {
            "base": environment(f"{caches}/base", Path(args.base).resolve()),
            "new": environment(f"{caches}/new", ROOT),
        }
        for env in sides.values():
            run([*normalize, files[0]], env)  # builds the cache
        for round_number in range(1, args.rounds + 1):
            outputs = {}
            for side, env in sides.items():
                wall, cpu, outputs[side] = timed(env)
                print(f"round {round_number} {side}: {wall:.2f} s wall, {cpu:.1f} s CPU", flush=True)
            print(f"round {round_number}: outputs {'identical' if outputs['base'] == outputs['new'] else 'DIFFER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
