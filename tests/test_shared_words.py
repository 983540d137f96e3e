"""The words a batch's texts share, worked out once before the fork
(normalizer/shared_words.py), and the command's use of it (cli/preload.py)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from gazetteer_samples import engine_of
from normalizer import shared_words
from normalizer.candidates.name_tokens import WORD_MEMOS
from normalizer.cli import app as cli
from normalizer.cli import preload
from normalizer.cli.app import Engines
from normalizer.forking import can_fork
from normalizer.word_store import WordStore, attach, engine_digest, word_key

NAMES = """\
entities:
  - {canonical: Kaveh Lotfollahi, kind: person}
  - {canonical: Yerlan Nurgaliyev, kind: person}
  - {canonical: Abbas Araghchi, kind: person}
"""
TEXTS = [
    "Kaveh Lotfolahy met Yerlan Nurgalyev in Astana.",
    "Later Lotfolahy said the talks went well.",
    "Nurgalyev and Aragut did not comment.",
    "Aragut left on Monday; Lotfolahy stayed.",
]


def worked_out_words(monkeypatch) -> list[str]:
    """The words whose candidates shared_words works out from now on."""
    words: list[str] = []
    real = shared_words.candidate_tokens

    def recording(doc, i, *args):
        words.append(doc.tokens[i].text)
        return real(doc, i, *args)

    monkeypatch.setattr(shared_words, "candidate_tokens", recording)
    return words


def test_only_the_words_enough_texts_hold_are_worked_out_each_once(tmp_path, monkeypatch):
    engine = engine_of(tmp_path, NAMES)
    words = worked_out_words(monkeypatch)
    # Lotfolahy is in three texts, Nurgalyev and Aragut in two, Astana in one.
    assert shared_words.work_out(engine, TEXTS, spread=2) == 3
    assert sorted(words) == ["Aragut", "Lotfolahy", "Nurgalyev"]
    words.clear()
    assert shared_words.work_out(engine, TEXTS, spread=3) == 1
    assert words == ["Lotfolahy"]


def test_the_most_widely_held_go_first_up_to_the_limit(tmp_path, monkeypatch):
    engine = engine_of(tmp_path, NAMES)
    words = worked_out_words(monkeypatch)
    assert shared_words.work_out(engine, TEXTS, spread=2, most=1) == 1
    assert words == ["Lotfolahy"]


def test_the_corrections_are_the_same_with_the_words_worked_out_first(tmp_path):
    (tmp_path / "fresh").mkdir()
    (tmp_path / "warmed").mkdir()
    fresh, warmed = engine_of(tmp_path / "fresh", NAMES), engine_of(tmp_path / "warmed", NAMES)
    shared_words.work_out(warmed, TEXTS, spread=2)
    for text in TEXTS:
        assert warmed.normalize(text).to_dict() == fresh.normalize(text).to_dict()


def memos(engine) -> dict[str, dict]:
    return {name: dict(engine.index.__dict__.get(name, {})) for name in WORD_MEMOS}


@pytest.fixture
def helpers_for_few(monkeypatch):
    """Helpers even for these four texts (a batch needs hundreds to repay them)."""
    monkeypatch.setattr(shared_words, "MIN_TEXTS_PER_HELPER", 1)
    monkeypatch.setattr(shared_words, "MIN_WORDS_PER_HELPER", 1)


@pytest.mark.skipif(not can_fork(), reason="helpers are forked")
def test_helpers_leave_the_memos_one_process_would(tmp_path, helpers_for_few):
    (tmp_path / "alone").mkdir()
    (tmp_path / "helped").mkdir()
    alone, helped = engine_of(tmp_path / "alone", NAMES), engine_of(tmp_path / "helped", NAMES)
    assert shared_words.work_out(alone, TEXTS, spread=2) == 3
    assert shared_words.work_out(helped, TEXTS, spread=2, helpers=2) == 3
    assert memos(helped) == memos(alone)
    assert memos(helped)["_similar_name_tokens"].keys() >= {"Aragut", "Lotfolahy", "Nurgalyev"}
    assert multiprocessing.active_children() == []  # the helpers are gone before any worker forks
    for text in TEXTS:
        assert helped.normalize(text).to_dict() == alone.normalize(text).to_dict()


@pytest.mark.skipif(not can_fork(), reason="helpers are forked")
def test_words_worked_out_on_a_helper_reach_the_word_store(tmp_path, cache_folder, helpers_for_few, monkeypatch):
    monkeypatch.chdir(tmp_path)
    engine = engine_of(tmp_path, NAMES)
    store = WordStore()
    attach(engine, store)
    shared_words.work_out(engine, TEXTS, spread=2, helpers=2)
    store.save()
    engine_key = engine_digest(engine.index_key)
    for word in ("Aragut", "Lotfolahy", "Nurgalyev"):  # worked out here or on the helper, kept here
        assert WordStore().find(word_key(engine_key, "_similar_name_tokens", word)) is not None


@pytest.fixture
def articles(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "names.yaml").write_text(NAMES, encoding="utf-8")
    names = []
    for number, text in enumerate(TEXTS):
        path = tmp_path / f"{number}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        names.append(path.name)
    (tmp_path / "latin1.txt").write_bytes("Lotfolahy in Zürich".encode("latin-1"))  # its worker reports it
    return [(name, None) for name in [*names, "latin1.txt", "missing.txt"]]


def test_the_command_works_out_the_shared_words_before_its_workers_start(articles, cache_folder, monkeypatch):
    words = worked_out_words(monkeypatch)
    engines = Engines([Path("names.yaml")], bundled=False, apply_threshold=None)
    preload.load_all(engines, articles, 2)
    assert sorted(words) == ["Aragut", "Lotfolahy", "Nurgalyev"]


def test_articles_whose_results_are_known_are_not_worked_out_again(articles, cache_folder, monkeypatch, capsys):
    cli.run([name for name, _ in articles[:4]], check=True, gazetteers=[Path("names.yaml")], bundled=False, jobs=1)
    capsys.readouterr()
    words = worked_out_words(monkeypatch)
    preload.load_all(Engines([Path("names.yaml")], bundled=False, apply_threshold=None), articles, 2)
    assert words == []


def test_a_batch_whose_results_are_all_known_loads_no_engine(articles, cache_folder, monkeypatch, capsys):
    readable = [name for name, _ in articles if name not in ("latin1.txt", "missing.txt")]
    cli.run(readable, check=True, gazetteers=[Path("names.yaml")], bundled=False, jobs=1)
    capsys.readouterr()
    engines = Engines([Path("names.yaml")], bundled=False, apply_threshold=None)
    loaded = []
    load = engines.for_config
    monkeypatch.setattr(engines, "for_config", lambda config: loaded.append(config) or load(config))
    preload.load_all(engines, articles, 2)  # the two unreadable ones are their workers' to report
    assert loaded == []
    # One article not known yet: its engine is loaded, for the workers to inherit.
    Path(readable[0]).write_text("Abbas Aragut and Lotfolahy spoke.\n", encoding="utf-8")
    preload.load_all(engines, articles, 2)
    assert loaded == [None]
