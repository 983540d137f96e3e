"""The suite keeps its index cache to itself: `conftest.private_cache` points this
process and every child at the session's temporary folder, never `~/.cache/normalizer`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import installed_normalize

from normalizer.cache import cache_dir

CACHE_DIR_OF_A_CHILD = "from normalizer.cache import cache_dir; print(cache_dir())"
USER_CACHE = Path.home() / ".cache" / "normalizer"


def child_cache_dir(env: dict[str, str]) -> Path:
    done = subprocess.run([sys.executable, "-c", CACHE_DIR_OF_A_CHILD], env=env, capture_output=True, text=True,
                          check=True)
    return Path(done.stdout.strip())


def test_this_process_uses_the_session_cache(private_cache):
    assert cache_dir() == private_cache != USER_CACHE
    assert Path(os.environ["XDG_CACHE_HOME"]) != Path.home() / ".cache"


def test_children_inherit_it_even_without_normalizer_cache_dir(private_cache):
    assert child_cache_dir(dict(os.environ)) == private_cache
    without = {key: value for key, value in os.environ.items() if key != "NORMALIZER_CACHE_DIR"}
    fallback = child_cache_dir(without)
    assert fallback == Path(os.environ["XDG_CACHE_HOME"]) / "normalizer"
    assert fallback.parent.parent == private_cache.parent  # the same temporary folder


def test_the_installed_command_writes_its_index_there(tmp_path, private_cache):
    gazetteer = tmp_path / "own.yaml"
    # a gazetteer no other test loads: its index is compiled and written now
    gazetteer.write_text("entities:\n  - {canonical: Privatecachia, kind: place}\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Nothing to repair here.\n", encoding="utf-8")
    before = set(private_cache.glob("*")) if private_cache.exists() else set()
    done = subprocess.run([installed_normalize(), "--check", "--no-bundled", "--gazetteer", str(gazetteer),
                           str(article)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert set(private_cache.glob("*")) - before  # the new index, in the session's folder
