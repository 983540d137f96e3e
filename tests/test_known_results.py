"""Results kept between runs (cli/known_results.py): an unchanged article under
the same engine is read back, not worked out again, and reads exactly as a
fresh run would; anything its result depends on makes it new again."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import sqlite3

from normalizer import Normalizer
from normalizer.cli import app as cli
from normalizer.cli import known_results
from normalizer.cli.known_results import KnownResults, from_json, text_key, to_json
from normalizer.cli.report import Outcome
from tests.conftest import installed_normalize

NAMES = """\
entities:
  - canonical: Kaveh Lotfollahi
    kind: person
    context: [central bank governor]
  - canonical: Yerlan Nurgaliyev
    kind: person
    context: [energy minister]
"""
GARBLED = "The central bank governor Kaveh Lotfolahy spoke. Energy minister Yerlan Nurgalyev left.\n"
CLEAN = "The central bank governor Kaveh Lotfollahi spoke on Monday.\n"


@pytest.fixture
def folder(tmp_path, cache_folder, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "names.yaml").write_text(NAMES, encoding="utf-8")
    (tmp_path / "garbled.txt").write_text(GARBLED, encoding="utf-8")
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    return tmp_path


def engine_runs(monkeypatch) -> list[str]:
    """The texts the engine works out from now on."""
    seen: list[str] = []
    real = Normalizer.normalize

    def counting(self, text, *args, **kwargs):
        seen.append(text)
        return real(self, text, *args, **kwargs)

    monkeypatch.setattr(Normalizer, "normalize", counting)
    return seen


def check(capsys, *paths: str, **options) -> tuple[int, str]:
    code = cli.run(list(paths), check=True, gazetteers=[Path("names.yaml")], bundled=False, jobs=1,
                   suggestions="show", **options)
    return code, capsys.readouterr().out


def test_an_unchanged_article_is_read_back_and_reported_the_same(folder, monkeypatch, capsys):
    first = check(capsys, "garbled.txt", "clean.txt")
    assert first[0] == 1 and "Lotfolahy -> Lotfollahi" in first[1]
    runs = engine_runs(monkeypatch)
    monkeypatch.setattr(Normalizer, "from_options", worked_out_again)  # nor is an engine loaded
    assert check(capsys, "garbled.txt", "clean.txt") == first
    assert runs == []


@pytest.mark.parametrize("apply_threshold", [None, 0.99])  # applied corrections; suggestions only
def test_the_result_read_back_equals_the_engine_result(folder, apply_threshold):
    engine = Normalizer.load(["names.yaml"], bundled=False, apply_threshold=apply_threshold)
    fresh = engine.normalize(GARBLED)
    assert fresh.corrections and fresh.changed == (apply_threshold is None)
    assert from_json(to_json(fresh.corrections)) == fresh.corrections
    known = KnownResults()
    result, key = known.normalize("engine", GARBLED, "text", lambda: fresh)
    assert result is fresh and key is not None
    outcome = Outcome("a.txt", result)
    outcome.worked_out = key
    known.remember(outcome)
    known.save()
    again, key = KnownResults().normalize("engine", GARBLED, "text", worked_out_again)
    assert (again, key) == (fresh, None)
    assert KnownResults().normalize("another engine", GARBLED, "text", lambda: None)[0] is None


def worked_out_again(*args):
    raise AssertionError("worked out again")


def test_a_changed_article_is_worked_out_again(folder, monkeypatch, capsys):
    check(capsys, "garbled.txt", "clean.txt")
    (folder / "clean.txt").write_text(CLEAN + "Kaveh Lotfolahy agreed.\n", encoding="utf-8")
    runs = engine_runs(monkeypatch)
    code, out = check(capsys, "garbled.txt", "clean.txt")
    assert len(runs) == 1 and "agreed" in runs[0]
    assert "clean.txt:2:7: Lotfolahy -> Lotfollahi" in out


def test_a_changed_gazetteer_or_threshold_makes_every_article_new(folder, monkeypatch, capsys):
    check(capsys, "garbled.txt", "clean.txt")
    runs = engine_runs(monkeypatch)
    check(capsys, "garbled.txt", "clean.txt", min_confidence=0.99)
    assert len(runs) == 2
    with open("names.yaml", "a", encoding="utf-8") as more:
        more.write("  - canonical: Ali Khamenei\n    kind: person\n")
    check(capsys, "garbled.txt", "clean.txt")
    assert len(runs) == 4


def test_the_key_holds_the_engine_the_text_and_its_markup():
    text = "See `Lotfolahy` here.\n"
    key = text_key("engine", text, "markdown")
    assert key == text_key("engine", text, "markdown")
    assert len({key, text_key("engine", text, "text"), text_key("other", text, "markdown"),
                text_key("engine", text + " ", "markdown")}) == 4


def test_the_same_text_in_markdown_and_in_plain_text_are_two_results(folder, capsys):
    text = "The central bank governor Kaveh Lotfollahi and `Kaveh Lotfolahy` spoke.\n"
    (folder / "story.md").write_text(text, encoding="utf-8")
    (folder / "story.txt").write_text(text, encoding="utf-8")
    for _ in range(2):  # worked out, then read back
        code, out = check(capsys, "story.md", "story.txt")
        assert "story.txt:1:" in out and "story.md:1:" not in out


def stored(folder: Path) -> int:
    path = folder / "cache" / known_results.STORE
    if not path.exists():
        return 0
    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM results").fetchone()[0]


def test_no_result_cache_neither_reads_nor_keeps(folder, monkeypatch, capsys):
    check(capsys, "garbled.txt", result_cache=False)
    assert stored(folder) == 0
    check(capsys, "garbled.txt")
    assert stored(folder) == 1
    runs = engine_runs(monkeypatch)
    check(capsys, "garbled.txt", result_cache=False)
    assert len(runs) == 1


def test_a_damaged_store_is_an_empty_one(folder, monkeypatch, capsys):
    first = check(capsys, "garbled.txt")
    (folder / "cache" / known_results.STORE).write_bytes(b"SQLite format 3\x00" + b"garbage" * 100)
    runs = engine_runs(monkeypatch)
    assert check(capsys, "garbled.txt") == first
    assert len(runs) == 1


def test_the_store_keeps_the_newest_texts(folder, monkeypatch):
    monkeypatch.setattr(known_results, "MAX_TEXTS", 3)
    engine = Normalizer.load(["names.yaml"], bundled=False)
    texts = [f"Text {n}.\n" for n in range(5)]
    for text in texts:
        known = KnownResults()
        outcome = Outcome("a.txt", None)
        outcome.result, outcome.worked_out = known.normalize("engine", text, "text", lambda: engine.normalize(text))
        known.remember(outcome)
        known.save()
    assert stored(folder) == 3
    read_back = [KnownResults().normalize("engine", text, "text", lambda: None)[0] is not None for text in texts]
    assert read_back == [False, False, True, True, True]


def test_the_installed_command_on_workers_answers_the_second_run_from_the_store(folder):
    """Fifty articles, so that two workers start; the second run reads the same."""
    for n in range(50):
        (folder / f"story{n:02}.txt").write_text(GARBLED if n % 5 == 0 else CLEAN, encoding="utf-8")
    command = [installed_normalize(), "--check", "-j", "2", "--no-bundled", "-g", "names.yaml",
               *(f"story{n:02}.txt" for n in range(50))]
    first = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert first.returncode == 1, first.stderr
    assert stored(folder) == 2  # two distinct texts among the fifty
    second = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert (second.returncode, second.stdout, second.stderr) == (first.returncode, first.stdout, first.stderr)


def test_the_store_is_its_owners_alone(folder, capsys):
    check(capsys, "garbled.txt")
    assert (folder / "cache" / known_results.STORE).stat().st_mode & 0o777 == 0o600


def test_a_stored_value_that_does_not_fit_its_text_is_not_spliced_in(folder, monkeypatch, capsys):
    first = check(capsys, "garbled.txt")
    with sqlite3.connect(folder / "cache" / known_results.STORE) as db:
        (value,) = db.execute("SELECT value FROM results").fetchone()
        moved = value.replace('[[', '[[1', 1)  # the first correction's start moved
        assert moved != value
        db.execute("UPDATE results SET value = ?", (moved,))
    runs = engine_runs(monkeypatch)
    assert check(capsys, "garbled.txt") == first
    assert len(runs) == 1


def test_no_sqlite_is_imported_when_no_result_is_kept():
    # --no-result-cache: a cold start does not pay for sqlite3 and datetime (~5 ms).
    import sys

    script = "import sys; from normalizer.cli.known_results import KnownResults; KnownResults(enabled=False); "
    script += "print('sqlite3' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "False"
