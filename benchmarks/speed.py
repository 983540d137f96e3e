"""Speed and memory of the engine beside codespell (typos, in Rust, for reference) and a bare regex tokenizer, in one run.

    throughput   tokens/s normalizing 2,000 articles (Wikinews paragraphs recombined, seeded)
    wall time    a child process doing the whole batch: normalizer vs `codespell` (and `typos`) vs regex floor
    cold start   median of N runs of `normalize ARTICLE` vs `codespell ARTICLE`, taken in turn;
                 the first run (which compiles and caches the index) apart; the import of the CLI alone
    memory       peak RSS (ru_maxrss of the child, os.wait4) with the bundled gazetteers and
                 with a generated 100,000-entity gazetteer
    profiles     where the time goes (benchmarks/profile.py): cProfile of the library on the
                 first 500 articles; importtime and cProfile of one cold `normalize --check`

The index cache is a fresh temporary folder for each run (or --cache-dir), so a
"first run" really compiles and nothing is read from or left in the user's cache.

Absolute numbers depend on the machine; the ratios to codespell and to the regex
floor, measured in the same run, are what travels between machines.

    python benchmarks/speed.py [--articles 2000] [--runs 5] [--entities 100000] [--format json]
                               [--cache-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import profile  # noqa: E402
from benchmarks.common import WORK, build_articles, child_env, normalize_command, restore_article, tool  # noqa: E402
from benchmarks.corpora import WIKINEWS_GAZETTEER  # noqa: E402

# The speed targets, as ratios to codespell (BENCHMARKS.md's targets table).
BATCH_TARGET = 1.5  # `normalize --check` on the whole batch
COLD_TARGET = 1.0  # `normalize --check` on one article (issue 13; it was 1.5 before)

WORD = re.compile(r"\w+")


# ---------------------------------------------------------------- inputs


SYLLABLES = "ba be bi bo da de di do ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to va ve vi zu kha gha qa sha ya yu an el or in us ar".split()


def synth_name(rng: random.Random, low: int = 2, high: int = 4) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(low, high))).capitalize()


def build_big_gazetteer(entities: int, seed: int, path: Path) -> Path:
    """A plausible gazetteer of `entities` synthetic people, places and organizations."""
    rng = random.Random(seed)
    seen: set[str] = set()
    lines = ["entities:"]
    while len(seen) < entities:
        roll = rng.random()
        if roll < 0.6:
            name, kind = f"{synth_name(rng)} {synth_name(rng, 2, 5)}", "person"
        elif roll < 0.9:
            name, kind = synth_name(rng, 2, 5), "place"
        else:
            name, kind = f"{synth_name(rng)} {rng.choice(['Institute', 'Party', 'Group', 'Bank', 'Council'])}", "organization"
        if name in seen:
            continue
        seen.add(name)
        lines.append(f'  - {{canonical: "{name}", kind: {kind}}}')
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- measuring


def run_child(command: Sequence[str], ok: Sequence[int] = (0, 1), env: dict | None = None) -> tuple[float, float, int]:
    """Run a command; return (wall seconds, peak RSS in MB (inflated: see LAUNCHER), exit code).

    Exit 1 is fine by default ("found something", as a --check says); codespell uses 65."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=env or child_env())
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        process.returncode = code
        if code not in ok:
            errors.seek(0)
            last = errors.read().decode(errors="replace").strip().splitlines()[-1:]
            raise RuntimeError(f"{Path(command[0]).name} {' '.join(command[1:3])}... exited {code}: {' '.join(last)}")
    return wall, usage.ru_maxrss / 1024, code


CODESPELL_OK = (0, 65)  # 65: misspellings found
TYPOS_OK = (0, 2)  # 2: typos found

# Linux starts a forked child's peak RSS at its parent's RSS, and this process is
# large once it has loaded the engine; so peaks are taken by a small launcher that
# forks the command itself and reports the grandchild's ru_maxrss (KiB) on stdout.
LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def peak_rss_mb(command: Sequence[str], ok: Sequence[int] = (0, 1)) -> float:
    """Peak resident memory of `command` alone, in MB."""
    out = subprocess.run([sys.executable, "-c", LAUNCHER, *command], capture_output=True, env=child_env(), check=True)
    rss_kib, code = out.stdout.split()
    if int(code) not in ok:
        last = out.stderr.decode(errors="replace").strip().splitlines()[-1:]
        raise RuntimeError(f"{Path(command[0]).name} exited {code}: {' '.join(last)}")
    return int(rss_kib) / 1024


def medians_in_turn(commands: dict[str, tuple[Sequence[str], Sequence[int]]], runs: int, restore: Path | None = None) -> dict[str, float]:
    """The median wall time of each command (name -> (command, its exit codes
    that mean it ran)), the commands taken in turn, `runs` rounds, each round
    starting one command later: on a shared machine separate series differ by
    a tenth or more, while runs taken in turn meet the same load, so their
    ratios compare (as benchmarks/cold_ab.py). `restore` (an article) is put
    back before each run, in case a command rewrites it."""
    walls: dict[str, list[float]] = {name: [] for name in commands}
    names = list(commands)
    for round_ in range(runs):
        for name in names[round_ % len(names):] + names[: round_ % len(names)]:
            if restore is not None:
                restore_article(restore)
            command, ok = commands[name]
            walls[name].append(run_child(command, ok)[0])
    return {name: statistics.median(times) for name, times in walls.items()}


BATCH_SCRIPT = """
import sys, time
from normalizer import Normalizer
gazetteers, files = sys.argv[1].split(",") if sys.argv[1] else [], sys.argv[2:]
started = time.perf_counter()
normalizer = Normalizer.load(gazetteers=gazetteers, bundled=True)
loaded = time.perf_counter()
for name in files:
    with open(name, encoding="utf-8") as handle:
        normalizer.normalize(handle.read())
print(loaded - started, time.perf_counter() - loaded, file=sys.stderr)
"""

REGEX_SCRIPT = """
import re, sys
word = re.compile(r"\\w+")
count = 0
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as handle:
        count += len(word.findall(handle.read()))
"""


def in_process_throughput(paths: Sequence[Path], gazetteers: Sequence[str]) -> dict:
    from normalizer import Normalizer

    texts = [p.read_text(encoding="utf-8") for p in paths]
    tokens = sum(len(WORD.findall(t)) for t in texts)
    started = time.perf_counter()
    normalizer = Normalizer.load(gazetteers=list(gazetteers), bundled=True)
    loaded = time.perf_counter()
    for text in texts:
        normalizer.normalize(text)
    done = time.perf_counter()
    return {"tokens": tokens, "load_s": loaded - started, "normalize_s": done - loaded,
            "tokens_per_s": tokens / (done - loaded)}


def measure(articles: int, runs: int, entities: int, seed: int = 1, cache_dir: str | None = None) -> dict:
    saved = {name: os.environ.get(name) for name in ("NORMALIZER_CACHE_DIR", "NORMALIZER_NO_CACHE")}
    try:
        if cache_dir:
            return _measure(articles, runs, entities, seed, cache_dir)
        with tempfile.TemporaryDirectory(prefix="normalizer-bench-cache-") as folder:
            return _measure(articles, runs, entities, seed, folder)
    finally:
        for name, value in saved.items():
            os.environ.pop(name, None) if value is None else os.environ.__setitem__(name, value)


def _measure(articles: int, runs: int, entities: int, seed: int, cache_dir: str) -> dict:
    # In this process (throughput) and in every child (child_env() copies os.environ).
    os.environ["NORMALIZER_CACHE_DIR"] = cache_dir
    os.environ.pop("NORMALIZER_NO_CACHE", None)
    paths = build_articles(articles, seed, WORK / "speed-articles")
    files = [str(p) for p in paths]
    # cold starts run on a copy, restored before each run: a CLI may rewrite its file
    cold = WORK / "cold-start" / "article.txt"
    cold.parent.mkdir(parents=True, exist_ok=True)
    cold.with_suffix(".orig").write_bytes(paths[0].read_bytes())
    restore_article(cold)
    one = str(cold)
    big = build_big_gazetteer(entities, seed, WORK / f"gazetteer-{entities}.yaml")
    codespell = tool("codespell")
    typos = tool("typos")  # a reference peer (the `bench` extra): a spell checker in Rust
    # The spell checkers timed beside the engine, each with the exit codes of a run that found nothing or something.
    checkers = {"codespell": (codespell, CODESPELL_OK), **({"typos": (typos, TYPOS_OK)} if typos else {})}
    python = sys.executable
    wiki = str(WIKINEWS_GAZETTEER)
    results: dict = {"articles": articles, "runs": runs, "entities": entities}

    results["throughput"] = in_process_throughput(paths, [wiki])
    command = normalize_command(cold)
    results["normalize_command"] = (
        "python -c <one-shot library script>" if "-c" in command else " ".join([Path(command[0]).name, *command[1:]])
    )
    # The CLI keeps each article's result (normalizer/cli/known_results.py): the
    # first batch fills that store and the second reads it back; every other
    # run works each article out (--no-result-cache), as for a changed article.
    fresh = [*command, "--no-result-cache"]
    batch = {
        "normalize --check (CLI)": run_child([*command, "--check", "--gazetteer", wiki, *files]),
        "normalize --check (CLI), again, results known": run_child([*command, "--check", "--gazetteer", wiki, *files]),
        "normalizer (library)": run_child([python, "-c", BATCH_SCRIPT, wiki, *files]),
        **{name: run_child([checker, *files], ok) for name, (checker, ok) in checkers.items()},
        "regex floor": run_child([python, "-c", REGEX_SCRIPT, *files]),
    }
    results["batch_wall_s"] = {name: wall for name, (wall, _, _) in batch.items()}
    results["batch_rss_mb"] = {
        "normalize --check (CLI)": peak_rss_mb([*fresh, "--check", "--gazetteer", wiki, *files]),
        "normalize --check (CLI), again, results known": peak_rss_mb([*command, "--check", "--gazetteer", wiki, *files]),
        "normalizer (library)": peak_rss_mb([python, "-c", BATCH_SCRIPT, wiki, *files]),
        **{name: peak_rss_mb([checker, *files], ok) for name, (checker, ok) in checkers.items()},
        "regex floor": peak_rss_mb([python, "-c", REGEX_SCRIPT, *files]),
    }

    # First runs compile and cache the index: in a folder of their own, since
    # checking the command above already cached the bundled one.
    first_cache = Path(cache_dir) / "first-run"
    shutil.rmtree(first_cache, ignore_errors=True)
    first = {**child_env(), "NORMALIZER_CACHE_DIR": str(first_cache)}
    restore_article(cold)
    first_wall = run_child([*fresh, "--check", one], env=first)[0]
    restore_article(cold)
    first_big = run_child([*fresh, "--check", "--gazetteer", str(big), one])[0]
    unchanged = "normalize --check, article unchanged (results known)"
    in_turn = medians_in_turn({
        "normalize --check": ([*fresh, "--check", one], (0, 1)),
        unchanged: ([*command, "--check", one], (0, 1)),
        f"normalize --check, {entities:,} entities": ([*fresh, "--check", "--gazetteer", str(big), one], (0, 1)),
        **{name: ([checker, one], ok) for name, (checker, ok) in checkers.items()},
        "python -c 'import normalizer.cli.app'": ([python, "-c", "import normalizer.cli.app"], (0, 1)),
        "python -c pass": ([python, "-c", "pass"], (0, 1)),
    }, runs, restore=cold)
    results["cold_start_s"] = {  # each first run above its cached runs
        "normalize --check (first run)": first_wall,
        "normalize --check": in_turn.pop("normalize --check"),
        unchanged: in_turn.pop(unchanged),
        f"normalize --check, {entities:,} entities (first run)": first_big,
        **in_turn,
    }
    results["memory_mb"] = {
        "normalize --check": peak_rss_mb([*fresh, "--check", one]),
        f"normalize --check, {entities:,} entities": peak_rss_mb([*fresh, "--check", "--gazetteer", str(big), one]),
        f"library, {entities:,} entities, {articles:,} articles": peak_rss_mb([python, "-c", BATCH_SCRIPT, str(big), *files]),
        **{name: peak_rss_mb([checker, one], ok) for name, (checker, ok) in checkers.items()},
        "python -c pass": peak_rss_mb([python, "-c", "pass"]),
    }
    # Last, on the warm cache of the cold-start medians.
    restore_article(cold)
    results["profiles"] = {
        "batch": profile.batch_section(files, [wiki]),
        "cold_start": profile.cold_start_section(fresh, cold),
    }
    return results


# ---------------------------------------------------------------- report


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "–"


def batch_ratio(results: dict) -> float:
    batch = results["batch_wall_s"]
    return batch["normalize --check (CLI)"] / batch["codespell"]


def cold_ratio(results: dict) -> float:
    cold = results["cold_start_s"]
    return cold["normalize --check"] / cold["codespell"]


def target_status(what: str, measured: float, target: float) -> str:
    met = "met" if measured <= target else "**not met**"
    return f"Target: {what} <= {target:g}x codespell; measured {measured:.2f}x: {met}."


def render(results: dict) -> str:
    from normalizer.measure.evaluate import markdown_table

    t = results["throughput"]
    batch = results["batch_wall_s"]
    cold = results["cold_start_s"]
    memory = results["memory_mb"]
    out = [
        f"In-process: {t['tokens']:,} word tokens in {t['normalize_s']:.2f} s after a {t['load_s']:.2f} s load: "
        f"**{t['tokens_per_s']:,.0f} tokens/s**.",
        "",
        f"Whole batch of {results['articles']:,} articles, one child process each (wall time, peak RSS):",
        "",
        markdown_table(
            ["process", "wall s", "x codespell", "x typos", "x regex floor", "peak MB"],
            [[name, f"{wall:.2f}", ratio(wall, batch["codespell"]), ratio(wall, batch.get("typos", 0.0)),
              ratio(wall, batch["regex floor"]), f"{results['batch_rss_mb'][name]:.0f}"] for name, wall in batch.items()],
        ),
        "",
        f"Cold start on one article, median of {results['runs']} runs, the commands taken in turn (`{results['normalize_command']}`):",
        "",
        markdown_table(
            ["command", "wall s", "x codespell", "x typos"],
            [[name, f"{wall:.3f}", ratio(wall, cold["codespell"]), ratio(wall, cold.get("typos", 0.0))]
             for name, wall in cold.items()],
        ),
        "",
        "Peak memory (ru_maxrss of the child process):",
        "",
        markdown_table(
            ["process", "peak MB", "x codespell"],
            [[name, f"{mb:.0f}", ratio(mb, memory["codespell"])] for name, mb in memory.items()],
        ),
    ]
    profiles = results.get("profiles")
    if profiles:
        out += [
            "",
            "### Where the time goes: the batch",
            "",
            target_status(f"`normalize --check` on {results['articles']:,} articles", batch_ratio(results), BATCH_TARGET),
            "",
            profiles["batch"],
            "### Where the time goes: a cold start",
            "",
            target_status("a cold start", cold_ratio(results), COLD_TARGET),
            "",
            profiles["cold_start"],
        ]
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Speed and memory of the engine beside codespell.")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--cache-dir", help="index cache to use and keep (default: a fresh temporary folder; "
                        "reused, the 100,000-entity first run is warm)")
    args = parser.parse_args(argv)
    results = measure(args.articles, args.runs, args.entities, cache_dir=args.cache_dir)
    print(json.dumps(results, indent=2) if args.format == "json" else render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
