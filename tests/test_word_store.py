"""Words kept between runs (normalizer/word_store.py): a word's candidates
worked out by one run are read back by the next under the same index and
code, give the same corrections, and are never read under another."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from normalizer import Normalizer, cache, word_store
from normalizer.cli import app as cli
from normalizer.gazetteer.index import Index
from normalizer.ingest import command as corpus_command
from normalizer.word_store import WordStore, attach, from_json, to_json
from tests.conftest import installed_normalize
from tests.test_known_results import GARBLED, NAMES  # the same two people, garbled the same way



@pytest.fixture
def folder(tmp_path, cache_folder, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "names.yaml").write_text(NAMES, encoding="utf-8")
    (tmp_path / "garbled.txt").write_text(GARBLED, encoding="utf-8")
    return tmp_path


def searches(monkeypatch) -> list[str]:
    """The words whose name tokens are searched for from now on (the work the store saves)."""
    seen: list[str] = []
    for name in ("fuzzy_tokens", "round_trip_tokens"):
        real = getattr(Index, name)

        def counting(self, word, *args, real=real, **kwargs):
            seen.append(word)
            return real(self, word, *args, **kwargs)

        monkeypatch.setattr(Index, name, counting)
    return seen


def engine_with_store(gazetteer: str = "names.yaml") -> tuple[Normalizer, WordStore]:
    engine = Normalizer.load([gazetteer], bundled=False)
    store = WordStore()
    assert attach(engine, store) is store
    return engine, store


def stored(folder: Path) -> int:
    path = folder / "cache" / word_store.STORE
    if not path.exists():
        return 0
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM words").fetchone()[0]


def check(capsys, *paths: str, **options) -> tuple[int, str]:
    code = cli.run(list(paths), check=True, gazetteers=[Path("names.yaml")], bundled=False, jobs=1,
                   suggestions="show", output_format="json", **options)
    return code, capsys.readouterr().out


@pytest.mark.parametrize("value", [{"lotfollahi": 0.95, "lotfi": 0.6125}, {}, frozenset({"kaveh", "karaj"}),
                                   frozenset(), (0.8612, "katakana round trip")])
def test_every_kind_of_value_reads_back_as_it_was(value):
    assert from_json(to_json(value)) == value
    assert type(from_json(to_json(value))) is type(value)


@pytest.mark.parametrize("text", ['[1, "scores", {"a": "0.9"}]', '[1, "scores", {"a": 1}]', '[2, "keys", []]',
                                  '[1, "keys", [3]]', '[1, "pair", [0.9]]', '[1, "pair", [0.9, 7]]', "garbage",
                                  '[1, "scores", {"a": NaN}]', '[1, "other", {}]'])
def test_a_value_of_another_shape_is_not_trusted(text):
    assert from_json(text) is None


def test_a_second_run_reads_the_words_back_and_corrects_the_same(folder, monkeypatch):
    engine, store = engine_with_store()
    first = engine.normalize(GARBLED)
    assert first.changed
    store.save()
    assert stored(folder) > 0
    seen = searches(monkeypatch)
    again, _ = engine_with_store()
    assert again.normalize(GARBLED) == first
    assert seen == []


def test_another_gazetteer_or_code_reads_none_of_the_words(folder, monkeypatch):
    engine, store = engine_with_store()
    engine.normalize(GARBLED)
    store.save()
    (folder / "more.yaml").write_text(NAMES + "  - canonical: Ali Khamenei\n    kind: person\n", encoding="utf-8")
    seen = searches(monkeypatch)
    other, _ = engine_with_store("more.yaml")
    other.normalize(GARBLED)
    assert "Lotfolahy" in seen
    seen.clear()
    monkeypatch.setattr(cache, "code_version", lambda: "another release")
    newer, _ = engine_with_store()
    newer.normalize(GARBLED)
    assert "Lotfolahy" in seen


def test_a_library_normalizer_neither_reads_nor_writes_a_store(folder, monkeypatch):
    engine, store = engine_with_store()
    engine.normalize(GARBLED)
    store.save()
    seen = searches(monkeypatch)
    plain = Normalizer.load(["names.yaml"], bundled=False)
    plain.normalize("Kaveh Lotfolahy and Yerlan Nurgalyev met.\n")
    assert "Lotfolahy" in seen
    assert word_store.attached(plain) is None


def test_the_command_keeps_the_words_and_reads_them_back(folder, monkeypatch, capsys):
    first = check(capsys, "garbled.txt")
    assert first[0] == 1 and stored(folder) > 0
    (folder / "cache" / "results.sqlite").unlink()  # the article's result is not what answers
    seen = searches(monkeypatch)
    assert check(capsys, "garbled.txt") == first
    assert seen == []


def test_no_result_cache_neither_reads_nor_keeps_words(folder, monkeypatch, capsys):
    first = check(capsys, "garbled.txt", result_cache=False)
    assert stored(folder) == 0
    check(capsys, "garbled.txt")
    assert stored(folder) > 0
    seen = searches(monkeypatch)
    assert check(capsys, "garbled.txt", result_cache=False) == first
    assert "Lotfolahy" in seen


@pytest.mark.parametrize("damage", ["garbage", "header", "folder"])
def test_a_damaged_or_unusable_store_is_an_empty_one(folder, monkeypatch, capsys, damage):
    first = check(capsys, "garbled.txt", result_cache=False)
    path = folder / "cache" / word_store.STORE
    path.parent.mkdir(exist_ok=True)
    if damage == "folder":
        path.mkdir()
    else:
        path.write_bytes((b"SQLite format 3\x00" if damage == "header" else b"") + b"garbage" * 1000)
    seen = searches(monkeypatch)
    assert check(capsys, "garbled.txt") == first
    assert "Lotfolahy" in seen


def test_a_tampered_entry_is_worked_out_again(folder, monkeypatch, capsys):
    first = check(capsys, "garbled.txt")
    with sqlite3.connect(folder / "cache" / word_store.STORE) as db:
        db.execute("""UPDATE words SET value = '[1, "scores", {"kaveh": "high"}]'""")
    (folder / "cache" / "results.sqlite").unlink()
    seen = searches(monkeypatch)
    assert check(capsys, "garbled.txt") == first
    assert "Lotfolahy" in seen


def test_the_store_keeps_the_newest_entries(folder, monkeypatch):
    monkeypatch.setattr(word_store, "MAX_WORDS", 3)
    for n in range(5):
        store = WordStore()
        store.keep(bytes([n]) * 20, to_json({"k": float(n)}))
        store.save()
    assert stored(folder) == 3
    assert [WordStore().find(bytes([n]) * 20) is not None for n in range(5)] == [False, False, True, True, True]


def test_words_worked_out_on_workers_are_kept_by_the_parent(folder, monkeypatch, capsys):
    """Fifty articles, two workers; each article's own garbled word is met on a
    worker only (no other article holds it), and the parent keeps it."""
    garbles = [f"Lotfolah{chr(ord('a') + n % 26)}{chr(ord('a') + n // 26)}" for n in range(50)]
    for n, garble in enumerate(garbles):
        (folder / f"story{n:02}.txt").write_text(f"Governor Kaveh {garble} spoke.\n", encoding="utf-8")
    stories = [f"story{n:02}.txt" for n in range(50)]
    code = cli.run(stories, check=True, gazetteers=[Path("names.yaml")], bundled=False, jobs=2)
    capsys.readouterr()
    assert code in (0, 1)
    engine, store = engine_with_store()
    engine_key = word_store.engine_digest(engine.index_key)
    kept = [store.find(word_store.word_key(engine_key, "_similar_name_tokens", garble)) for garble in garbles]
    assert all(kept)


def test_the_installed_command_reads_the_same_cold_and_warm(folder):
    """Fifty articles on two workers: the first run fills the store, the second
    (its results forgotten) reads the words back; the reports are the same."""
    for n in range(50):
        text = GARBLED if n % 5 == 0 else f"Governor Kaveh Lotfolah{chr(ord('a') + n % 26)} spoke.\n"
        (folder / f"story{n:02}.txt").write_text(text, encoding="utf-8")
    command = [installed_normalize(), "--check", "-j", "2", "--no-bundled", "-g", "names.yaml", "--format", "json",
               *(f"story{n:02}.txt" for n in range(50))]
    first = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert first.returncode == 1, first.stderr
    assert stored(folder) > 0
    (folder / "cache" / "results.sqlite").unlink()
    second = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)


def test_a_corpus_job_keeps_its_words_and_the_next_reads_them(folder, monkeypatch):
    from normalizer.ingest import workers

    records = [{"id": n, "text": GARBLED if n % 2 else "Governor Kaveh Lotfolahi spoke.\n"} for n in range(6)]
    (folder / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    job = ["in.jsonl", "--workers", "1", "--no-bundled", "-g", "names.yaml"]

    def run(*extra: str) -> int:
        workers._engines.clear()  # each run is a new process, with an engine of its own
        return corpus_command.main([*job, *extra])

    assert run("-o", "cold.jsonl", "--no-result-cache") == 0
    assert stored(folder) == 0
    assert run("-o", "first.jsonl") == 0
    assert stored(folder) > 0
    seen = searches(monkeypatch)
    assert run("-o", "warm.jsonl") == 0
    assert seen == []
    assert Path("warm.jsonl").read_text() == Path("first.jsonl").read_text() == Path("cold.jsonl").read_text()
