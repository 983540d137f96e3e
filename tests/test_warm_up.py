"""The bundled gazetteers' share of a first build: readied by a forked child
beside a large own gazetteer (normalizer.gazetteer.warm_up), kept in the
cache (gazetteer.forms, lexicon.english_tables), and the same index as made
without either."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

import pytest

from normalizer.gazetteer import forms, lexicon, warm_up
from normalizer.gazetteer.loading import gazetteer_files, load_files
from normalizer.gazetteer.names import person_forms


def _forks(monkeypatch) -> list[int]:
    made: list[int] = []
    fork = os.fork

    def counted():
        pid = fork()
        if pid:
            made.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)
    return made


# A fork copies the calling thread alone, so warm_up forks only where it is
# the process's one thread; a test run may have others (a thread pool left by
# an earlier test). The tests of the child run in an interpreter of their own.
COUNT_FORKS = """
import os
made, fork = [], os.fork
def counted():
    pid = fork()
    if pid:
        made.append(pid)
    return pid
os.fork = counted
from normalizer.gazetteer import warm_up
warm_up.WARM_UP_BYTES = 0
"""


def _in_a_fresh_interpreter(script: str, *args: str) -> None:
    done = subprocess.run([sys.executable, "-c", COUNT_FORKS + script, *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the child is forked on Linux only")
def test_a_child_readies_the_bundled_files_and_the_index_is_the_same(newsroom_gazetteer, cache_folder):
    _in_a_fresh_interpreter(
        """
import pickle, sys
from dataclasses import replace
from normalizer.gazetteer import forms
from normalizer.gazetteer.index import build_index
from normalizer.gazetteer.loading import gazetteer_files, load_files
files = gazetteer_files([sys.argv[1]])
os.environ["NORMALIZER_NO_CACHE"] = "1"
plain = pickle.dumps(build_index(load_files(files)), protocol=4)
assert made == []  # no cache, no child
del os.environ["NORMALIZER_NO_CACHE"]
assert pickle.dumps(build_index(load_files(files)), protocol=4) == plain
assert len(made) == 1, made
# What the child put in the cache is read back: nothing is parsed or made again here.
def made_again(*_):
    raise AssertionError("a bundled entity's forms made again")
forms.forms_of = made_again
bundled = forms.bundled_files(files)
entities = [replace(e, bundled=True) for e in load_files(bundled).entities]
assert len(forms.bundled_forms(entities, bundled)) == len(entities)
print("ok")
""",
        str(newsroom_gazetteer),
    )


def test_no_child_for_a_small_gazetteer_or_without_a_cache(newsroom_gazetteer, cache_folder, monkeypatch):
    made = _forks(monkeypatch)
    load_files(gazetteer_files([newsroom_gazetteer]))
    monkeypatch.setattr(warm_up, "WARM_UP_BYTES", 0)
    monkeypatch.setenv("NORMALIZER_NO_CACHE", "1")
    load_files(gazetteer_files([newsroom_gazetteer]))
    assert made == []
    assert not warm_up.worth_a_child([newsroom_gazetteer], [False])  # no bundled file to ready


def test_a_failing_child_leaves_the_work_to_the_parent(newsroom_gazetteer, cache_folder, monkeypatch):
    files = gazetteer_files([newsroom_gazetteer])
    monkeypatch.setattr(warm_up, "WARM_UP_BYTES", 0)
    monkeypatch.setattr(warm_up, "ready_bundled", lambda files: 1 / 0)
    loaded = load_files(files)
    monkeypatch.setenv("NORMALIZER_NO_CACHE", "1")
    assert loaded == load_files(files)


def test_bundled_forms_are_read_back_only_for_the_same_entities(cache_folder, monkeypatch):
    files = gazetteer_files([])
    entities = list(load_files(files).entities)
    kept = forms.bundled_forms(entities, files)
    changed = [replace(entities[0], aliases=("Somewhere Else",)), *entities[1:]]
    again = forms.bundled_forms(changed, files)
    assert again[0] != kept[0] and again[1:] == kept[1:]
    assert again[0] == forms.forms_of(changed[0], person_forms)


def test_the_english_tables_read_back_iterate_as_made(cache_folder):
    made = lexicon.english_tables()
    again = lexicon.english_tables()  # from the cache
    assert list(again[1]) == list(lexicon.common_english_words()) == list(made[1])
    assert again[0] == made[0] and "the" in again[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the child is forked on Linux only")
def test_an_error_in_the_newsroom_file_ends_the_child_and_is_raised(tmp_path, cache_folder):
    broken = tmp_path / "broken.yaml"
    broken.write_text("entities:\n  - canonical: [unclosed\n", encoding="utf-8")
    _in_a_fresh_interpreter(
        """
import sys
from normalizer.errors import GazetteerError
from normalizer.gazetteer.loading import gazetteer_files, load_files
try:
    load_files(gazetteer_files([sys.argv[1]]))
    raise AssertionError("no error")
except GazetteerError as error:
    assert "broken.yaml" in str(error), error
assert len(made) == 1, made
try:  # reaped: no child left behind
    os.waitpid(made[0], os.WNOHANG)
    raise AssertionError("the child was not reaped")
except ChildProcessError:
    pass
print("ok")
""",
        str(broken),
    )
