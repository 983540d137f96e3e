"""Worker processes die with the `normalize` that started them: killed with
`kill -9`, a run must not leave workers rewriting files nobody waits for."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEEDS, installed_normalize

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")

ROUNDS = 10  # each article is a seed ten times over: the run lasts long enough to be killed midway
COUNT = 200  # articles: with -j 2, a pool of two workers


def children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # ended meanwhile
                continue
            if int(fields[1]) == parent:
                found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Alive, not a zombie waiting for whoever inherited it to reap it."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def contents(paths: list[Path]) -> list[bytes]:
    return [path.read_bytes() for path in paths]


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_kill_9_of_the_parent_ends_its_workers_and_their_writes(tmp_path):
    # Copies one paragraph apart: the seeds end without a newline, and "Hasanova" run into the
    # next copy's "Tehran" made a word no article has.
    seeds = [b"\n\n".join([seed.read_bytes()] * ROUNDS) for seed in sorted(SEEDS.glob("*.txt"))]
    # What each article becomes: a few files, too few for workers.
    (tmp_path / "expected").mkdir()
    expected_paths = [tmp_path / "expected" / f"{n}.txt" for n in range(len(seeds))]
    for path, text in zip(expected_paths, seeds):
        path.write_bytes(text)
    subprocess.run([installed_normalize(), "-i", *map(str, expected_paths)], capture_output=True, check=True)
    repaired = contents(expected_paths)
    assert sum(a != b for a, b in zip(seeds, repaired)) >= 1  # seed 000 is garbled; the others are clean

    (tmp_path / "many").mkdir()
    paths = [tmp_path / "many" / f"{n:03d}.txt" for n in range(COUNT)]
    for n, path in enumerate(paths):
        path.write_bytes(seeds[n % len(seeds)])
    originals = contents(paths)
    command = [installed_normalize(), "-i", "-j", "2", *map(str, paths)]
    parent = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        assert wait_for(lambda: contents(paths) != originals, 120), "no article was rewritten"
        workers = children(parent.pid)
        assert len(workers) >= 2
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        assert wait_for(lambda: not any(map(running, workers)), 5), "workers outlived their parent"
        settled = contents(paths)
        time.sleep(1)
        assert contents(paths) == settled, "an article was rewritten after the kill"
    finally:
        for pid in [parent.pid, *workers]:
            if running(pid):
                os.kill(pid, signal.SIGKILL)  # do not leave this test's own orphans behind
    # Each article is whole: as it was, or as the repair makes it; and the kill came midway.
    done = [text == repaired[n % len(seeds)] for n, text in enumerate(settled)]
    kept = [text == originals[n] for n, text in enumerate(settled)]
    assert all(d or k for d, k in zip(done, kept))
    assert not all(done), "the run ended before the kill: nothing was tested"
