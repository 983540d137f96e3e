"""What the benchmark scripts share: where things are, the tools they run, the child
processes' environment, and the articles of the speed batch.

`speed.py`, `profile.py` and `baselines.py` take these from here, never from each
other; beyond this, `speed.py` calls `profile.py`'s sections, never the other way
round, and `benchmarks/run` calls both. No cycle: tests/test_benchmark_modules.py.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Sequence

from benchmarks.corpora import GARBLED_JSONL

ROOT = Path(__file__).resolve().parent.parent
# Scratch files (the speed articles, the big gazetteer); git ignores the folder.
WORK = ROOT / "benchmarks" / "_work"


def tool(name: str) -> str | None:
    """A console script of this virtualenv, else one on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def child_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a child process: `env` (default: this process's, as it is
    now, so a cache folder set since is passed on), with this checkout first on
    PYTHONPATH and without PYTHONDONTWRITEBYTECODE: an installed tool (codespell,
    or normalize from pip or pre-commit) starts from compiled bytecode, and a
    checkout run with it set would recompile at every start."""
    env = dict(os.environ if env is None else env)
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *(p for p in paths if p != str(ROOT))])
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# ---------------------------------------------------------------- the speed batch


def build_articles(count: int, seed: int, folder: Path) -> list[Path]:
    """`count` articles of 3-9 paragraphs drawn from the garbled Wikinews corpus."""
    paragraphs = []
    for line in GARBLED_JSONL.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["garbled"]
        paragraphs += [p for p in text.split("\n\n") if p.strip()]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    paths = []
    for number in range(count):
        body = "\n\n".join(rng.choice(paragraphs) for _ in range(rng.randint(3, 9)))
        path = folder / f"{number:05d}.txt"
        path.write_text(body + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def restore_article(path: Path) -> None:
    """Put an article back from its `.orig` copy (a command may have rewritten it)."""
    path.write_bytes(path.with_suffix(".orig").read_bytes())


# ---------------------------------------------------------------- the command measured


ONE_SHOT_SCRIPT = """
import sys
from normalizer import Normalizer
args, gazetteers, files = sys.argv[1:], [], []
while args:
    arg = args.pop(0)
    if arg == "--gazetteer":
        gazetteers.append(args.pop(0))
    elif not arg.startswith("--"):
        files.append(arg)
normalizer = Normalizer.load(gazetteers=gazetteers, bundled=True)
for name in files:
    with open(name, encoding="utf-8") as handle:
        normalizer.normalize(handle.read())
"""


def works(command: Sequence[str], article: Path) -> bool:
    """Whether the command runs on an article (restored before and after, from
    its `.orig` copy), not just exits 1 with a traceback."""
    restore_article(article)
    done = subprocess.run([*command, str(article)], capture_output=True, env=child_env())
    restore_article(article)
    return done.returncode in (0, 1) and b"Traceback" not in done.stderr


def normalize_command(article: Path) -> list[str]:
    """The installed `normalize` console script, else this checkout's CLI module, else
    (while the CLI does not run) a one-shot library script taking the same arguments."""
    candidates = [[tool("normalize")]] if tool("normalize") else []
    candidates.append([sys.executable, "-m", "normalizer.cli.app"])
    for command in candidates:
        if works(command, article):
            return command
    return [sys.executable, "-c", ONE_SHOT_SCRIPT]


def write_result(name: str, heading: str, command: str, body: str) -> Path:
    """Save a long run's section for BENCHMARKS.md (benchmarks/run includes every
    file of benchmarks/results/), with the command, the date and the commit."""
    import datetime

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    path = ROOT / "benchmarks" / "results" / f"{name}.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"## {heading}\n\n`{command}`, {now}, commit {commit.strip() or '?'}.\n\n{body.rstrip()}\n",
                    encoding="utf-8")
    return path
