"""A cache folder shared with other files (NORMALIZER_CACHE_DIR=~/models): the
sweep removes only what the cache wrote, and spares another writer's temporary file."""

from __future__ import annotations

import os
import pickle
import sqlite3
import subprocess
import time
from contextlib import closing
from pathlib import Path

from conftest import installed_normalize

from normalizer import cache
from normalizer.cache import cache_path, cached
from normalizer.gazetteer.delete_store import DeleteStore

MONTH_AGO = time.time() - (cache.UNUSED_DAYS + 1) * 86400
HEX = "0123456789abcdef" * 4  # a name of the cache's own shape


def age(path: Path, when: float = MONTH_AGO) -> None:
    os.utime(path, (when, when))


def sqlite_file(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
        db.execute("INSERT INTO notes VALUES ('mine')")
        db.commit()


def users_files(folder: Path) -> dict[Path, bytes]:
    """Files a user keeps in the folder, some named as the cache names its own,
    all unused for a month; their content, to compare after a sweep."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "my_model.pickle").write_bytes(pickle.dumps({"weights": [1.0, 2.0]}))
    (folder / f"{HEX}.pickle").write_bytes(pickle.dumps(["not", "the", "cache's"]))
    (folder / ".tmp-notes").write_text("draft")
    (folder / ".tmp-normalizer-notes.txt").write_text("draft")
    sqlite_file(folder / "deletes-mine.sqlite")
    sqlite_file(folder / f"deletes-{HEX}.sqlite")  # no meta table naming that digest
    (folder / f"deletes-{HEX}.bin").write_bytes(b"my own deletes, not a table's header")
    for path in folder.iterdir():
        age(path)
    return {path: path.read_bytes() for path in folder.iterdir()}


def test_a_sweep_removes_only_the_caches_own_files(cache_folder, monkeypatch):
    mine = users_files(cache_folder)
    cached("old", lambda: "old")
    table = DeleteStore(["araghchi", "tehran"])
    table.prepare()
    # An index pickled by the release before this one: format 1, no _MAGIC.
    record = {"format": 1, "version": "0.0.1+ancient", "key": "k", "value": "stale"}
    format_1 = cache_folder / f"{'f' * 64}.pickle"
    format_1.write_bytes(pickle.dumps(record, protocol=5))
    ours = [cache_path("old"), cache_folder / table.file_name, format_1]
    for path in ours:
        age(path)
    monkeypatch.setattr(cache, "MAX_BYTES", 1)  # nor does the size limit reach them
    cached("new", lambda: "new")  # a write sweeps
    assert not any(path.exists() for path in ours)
    assert {path: path.read_bytes() for path in mine} == mine
    assert cache_path("new").is_file()


def test_a_young_temporary_file_may_be_another_writers_and_stays(cache_folder, monkeypatch):
    cache_folder.mkdir()
    young = cache_folder / ".tmp-normalizer-a1b2c3d4.sqlite"  # another process building its table
    young.write_bytes(b"half a table")
    crashed = cache_folder / ".tmp-normalizer-e5f6g7h8.pickle"
    crashed.write_bytes(b"half a pickle")
    age(crashed, time.time() - 86400)  # left by a crash yesterday
    monkeypatch.setattr(cache, "MAX_BYTES", 1)  # over the limit: only the file just written is kept
    cached("k", lambda: "value")
    assert young.read_bytes() == b"half a table"
    assert not crashed.exists()


def test_the_command_leaves_a_users_files_in_a_shared_cache_folder(tmp_path):
    shared = tmp_path / "models"
    mine = users_files(shared)
    gazetteer = tmp_path / "own.yaml"
    gazetteer.write_text("entities:\n  - {canonical: Sharedfolderia, kind: place}\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Nothing to repair here.\n", encoding="utf-8")
    env = {**os.environ, "NORMALIZER_CACHE_DIR": str(shared)}
    env.pop("NORMALIZER_NO_CACHE", None)
    done = subprocess.run([installed_normalize(), "--check", "--no-bundled", "--gazetteer", str(gazetteer),
                           str(article)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert list(shared.glob("?" * 64 + ".pickle"))  # the index was cached, so the sweep ran
    assert {path: path.read_bytes() for path in mine} == mine


def test_only_a_file_that_starts_with_the_caches_magic_is_read(cache_folder):
    # The mark the sweep trusts is the one a read requires: a well-formed record
    # pickled by anyone else, even at the cache's own path, is rebuilt over.
    path = cache_path("k")
    path.parent.mkdir(parents=True)
    record = {"format": cache._FORMAT, "version": cache.code_version(), "key": "k", "value": "foreign"}
    path.write_bytes(pickle.dumps(record))
    assert cached("k", lambda: "built") == "built"
    assert path.read_bytes().startswith(cache._MAGIC)
