"""Cold starts of two checkouts and codespell, interleaved, on one article.

On a busy machine separate runs differ by a third; runs taken in turn
(base, this checkout, codespell; again and again) meet the same load, so
their medians and ratios compare. The other checkout runs on this
checkout's virtual environment with its own folder first on PYTHONPATH
(make one with `git worktree add --detach ../base COMMIT`), and each
checkout has its own index cache, warmed before the timed runs.

    python benchmarks/cold_ab.py --base ../base ARTICLE [--runs 15] [-- --gazetteer BIG.yaml]
    python benchmarks/cold_ab.py --base ../base ARTICLE --first-run -- --gazetteer BIG.yaml

With `--first-run`, each checkout's cache is warmed without the options after
`--` (the bundled index alone), and every timed run starts from a copy of it:
the first run of a newsroom's gazetteer, whose index is built then (speed.py's
"first run with 100,000 entities", taken in turn).

Prints one line: the medians, each as a ratio to codespell, and new/base.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# `normalize` as the installed script starts it (pip writes that script, with this import).
LAUNCHER = "import sys; from normalizer.cli.app import main; sys.argv[0] = 'normalize'; sys.exit(main())"


def timed(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tempfile.gettempdir())
    return time.perf_counter() - start


def environment(cache: str, first: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(first)  # an installed tool starts from bytecode: let both write theirs
    env["NORMALIZER_CACHE_DIR"] = cache
    return env


def timed_run(command: list[str], env: dict, first_run: bool) -> float:
    """`timed`, from a copy of the warmed cache where `first_run` (the copy is made before the clock starts)."""
    if not first_run:
        return timed(command, env)
    with tempfile.TemporaryDirectory() as scratch:
        copy = f"{scratch}/cache"
        shutil.copytree(env["NORMALIZER_CACHE_DIR"], copy)
        return timed(command, {**env, "NORMALIZER_CACHE_DIR": copy})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article")
    parser.add_argument("--base", required=True, help="the other checkout (a folder holding normalizer/)")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--first-run", action="store_true", help="build the index of the options' gazetteer in every run")
    argv = sys.argv[1:] if argv is None else argv
    cut = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:cut])
    args.options = argv[cut + 1 :]  # more options of `normalize --check`, after --
    article = str(Path(args.article).resolve())
    normalize = [sys.executable, "-c", LAUNCHER, "--check", *args.options, article]
    codespell = [shutil.which("codespell") or "codespell", article]
    warming = [sys.executable, "-c", LAUNCHER, "--check", article] if args.first_run else normalize
    with tempfile.TemporaryDirectory() as caches:
        base = environment(f"{caches}/base", Path(args.base).resolve())
        new = environment(f"{caches}/new", ROOT)
        for _ in range(2):  # the first run builds each cache
            timed(warming, base)
            timed(warming, new)
        times: dict[str, list[float]] = {"base": [], "new": [], "codespell": []}
        for _ in range(args.runs):
            times["base"].append(timed_run(normalize, base, args.first_run))
            times["new"].append(timed_run(normalize, new, args.first_run))
            times["codespell"].append(timed(codespell, new))
    median = {name: statistics.median(values) for name, values in times.items()}
    spell = median["codespell"]
    print(
        f"base {median['base']:.3f} s ({median['base'] / spell:.2f}x)  new {median['new']:.3f} s "
        f"({median['new'] / spell:.2f}x)  codespell {spell:.3f} s  new/base {median['new'] / median['base']:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
