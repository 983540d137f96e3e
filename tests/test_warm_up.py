"""The bundled gazetteers' share of a first build: readied by a forked child
beside a large own gazetteer (normalizer.gazetteer.warm_up), kept in the
cache (gazetteer.forms, lexicon.english_tables), and the same index as made
without either."""

from __future__ import annotations

import os
import pickle
import sys
from dataclasses import replace

import pytest

from normalizer.gazetteer import forms, lexicon, warm_up
from normalizer.gazetteer.index import build_index
from normalizer.gazetteer.loading import gazetteer_files, load_files
from normalizer.gazetteer.names import surname_forms


def _index_bytes(files) -> bytes:
    return pickle.dumps(build_index(load_files(files)), protocol=4)


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


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the child is forked on Linux only")
def test_a_child_readies_the_bundled_files_and_the_index_is_the_same(newsroom_gazetteer, cache_folder, monkeypatch):
    files = gazetteer_files([newsroom_gazetteer])
    monkeypatch.setenv("NORMALIZER_NO_CACHE", "1")
    plain = _index_bytes(files)
    monkeypatch.delenv("NORMALIZER_NO_CACHE")
    made = _forks(monkeypatch)
    monkeypatch.setattr(warm_up, "WARM_UP_BYTES", 0)
    assert _index_bytes(files) == plain
    assert len(made) == 1
    # What the child put in the cache is read back: nothing is parsed or made again here.
    monkeypatch.setattr(forms, "forms_of", lambda *_: pytest.fail("a bundled entity's forms made again"))
    bundled = forms.bundled_files(files)
    entities = [replace(e, bundled=True) for e in load_files(bundled).entities]
    assert len(forms.bundled_forms(entities, bundled)) == len(entities)


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
    assert again[0] == forms.forms_of(changed[0], surname_forms)


def test_the_english_tables_read_back_iterate_as_made(cache_folder):
    made = lexicon.english_tables()
    again = lexicon.english_tables()  # from the cache
    assert list(again[1]) == list(lexicon.common_english_words()) == list(made[1])
    assert again[0] == made[0] and "the" in again[0]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the child is forked on Linux only")
def test_an_error_in_the_newsroom_file_ends_the_child_and_is_raised(tmp_path, cache_folder, monkeypatch):
    from normalizer.errors import GazetteerError

    broken = tmp_path / "broken.yaml"
    broken.write_text("entities:\n  - canonical: [unclosed\n", encoding="utf-8")
    made = _forks(monkeypatch)
    monkeypatch.setattr(warm_up, "WARM_UP_BYTES", 0)
    with pytest.raises(GazetteerError, match="broken.yaml"):
        load_files(gazetteer_files([broken]))
    assert len(made) == 1
    with pytest.raises(ChildProcessError):  # reaped: no child left behind
        os.waitpid(made[0], os.WNOHANG)
