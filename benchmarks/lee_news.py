"""False corrections on news no one here has read: the Lee corpus of ABC news, fetched, never committed.

The open-world benchmark (`open_world.py`) reads 477 Wikinews articles, and the engine's open-world
rules were measured on them: a second corpus of real news keeps that number honest. The Lee
corpus (Lee, Pincombe and Welsh, 2005: 350 short articles of the Australian Broadcasting
Corporation's news service, 2001, on Australian and world news) ships as test data inside gensim's
wheel (`gensim/test/test_data/lee_background.cor` and `lee.cor`, one article a line). The ABC keeps
the copyright of the articles, so the project does not copy them: this script fetches the wheel
from the package index (`pip download --no-deps`, no install), takes the two files out and writes
one article a file under `benchmarks/_work/lee-news/`, then reads them as `open_world.py` does:
bundled gazetteers only, every change a false correction (a real typo of the article repaired
counts too, as there).

    python benchmarks/lee_news.py            # summary
    python benchmarks/lee_news.py --show     # every correction, file:line:col
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.common import WORK  # noqa: E402
from benchmarks.open_world import format_text, measure  # noqa: E402

GENSIM = "gensim==4.4.0"
FILES = ("gensim/test/test_data/lee_background.cor", "gensim/test/test_data/lee.cor")
CORPUS = WORK / "lee-news"


def fetch(folder: Path = CORPUS) -> Path:
    """The Lee corpus under `folder`, one article a file, fetched once."""
    if any(folder.glob("*.txt")):
        return folder
    wheels = WORK / "gensim-wheel"
    wheels.mkdir(parents=True, exist_ok=True)
    if not any(wheels.glob("gensim-*.whl")):
        download = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", "-q"]
        subprocess.run([*download, "-d", str(wheels), GENSIM], check=True)
    wheel = next(wheels.glob("gensim-*.whl"))
    articles = []
    with zipfile.ZipFile(wheel) as archive:
        for name in FILES:
            # lee.cor holds one byte of Latin-1 (a pound sign); the rest is ASCII.
            text = archive.read(name).decode("latin-1")
            articles += [line.strip() for line in text.splitlines() if line.strip()]
    # Written whole beside the folder, then renamed: an interrupted run leaves no part of a corpus behind.
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    for number, article in enumerate(articles):
        (partial / f"lee{number:03d}.txt").write_text(article + "\n", encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    return folder


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list every correction")
    args = parser.parse_args(argv)
    report = measure(fetch())
    print(format_text(report, show=args.show))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
