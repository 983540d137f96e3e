"""benchmarks/open_world.py: counts, rates, bins and listings of false corrections on clean news.

The numbers are the engine's and move with it; these tests check the bookkeeping, with a stand-in
engine whose corrections are fixed, and that the real engine runs through it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import open_world  # noqa: E402
from normalizer.tokens import tokenize  # noqa: E402


def correction(original, replacement, confidence, applied, line=1, column=1, kind="place"):
    return SimpleNamespace(
        line=line, column=column, original=original, replacement=replacement, entity=replacement,
        kind=kind, confidence=confidence, applied=applied, reasons=("because",),
    )


class StandIn:
    """Fixed corrections for each text, by its first word."""

    options = SimpleNamespace(apply_threshold=0.8, suggest_threshold=0.6)  # as Normalizer.options

    def __init__(self, by_first_word):
        self.by_first_word = by_first_word
        self.seen = []

    def normalize(self, text):
        self.seen.append(text)
        return SimpleNamespace(corrections=tuple(self.by_first_word.get(text.split()[0], ())))


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "clean"
    folder.mkdir()
    (folder / "a.txt").write_text("Alpha story\n\nUNESCO met Evika Siliņa in Riga.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Beta story\n\nPenske and UNESCO, twice: O'Brien's 3 cars.\n", encoding="utf-8")
    (folder / "notes.md").write_text("Gamma is not an article\n", encoding="utf-8")
    return folder


def stand_in():
    return StandIn({
        "Alpha": [correction("UNESCO", "UNSC", 0.95, True, line=3, column=1, kind="organization"),
                  correction("Siliņa", "Syria", 0.80, True, line=3, column=18),
                  correction("Riga", "Rize", 0.65, False, line=3, column=27)],
        "Beta": [correction("Penske", "Pence", 0.85, True, line=3, kind="person"),
                 correction("UNESCO", "UNSC", 0.70, False, line=3, column=12, kind="organization")],
    })


def test_counts_and_rates(corpus):
    engine = stand_in()
    report = open_world.measure(corpus, normalizer=engine)
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    assert engine.seen == texts  # every article, only .txt, in name order
    assert report["files"] == 2
    assert report["tokens"] == sum(len(tokenize(t)) for t in texts)
    assert report["applied"] == 3 and report["suggestions"] == 2
    assert report["applied_per_10k"] == round(3 * 10_000 / report["tokens"], 2)
    assert report["suggestions_per_10k"] == round(2 * 10_000 / report["tokens"], 2)
    assert report["files_with_applied"] == 2
    assert report["apply_threshold"] == 0.8 and report["suggest_threshold"] == 0.6


def test_top_replacements_kinds_and_listing(corpus):
    report = open_world.measure(corpus, normalizer=stand_in(), top=1)
    assert report["top_applied"] == [["UNESCO", "UNSC", 1]]  # ties in the order met
    assert report["top_suggestions"] == [["Riga", "Rize", 1]]
    full = open_world.measure(corpus, normalizer=stand_in(), top=20)
    assert sorted(map(tuple, full["top_applied"])) == [("Penske", "Pence", 1), ("Siliņa", "Syria", 1), ("UNESCO", "UNSC", 1)]
    assert full["kinds"] == {"organization": {"applied": 1, "suggestions": 1},
                             "person": {"applied": 1, "suggestions": 0},
                             "place": {"applied": 1, "suggestions": 1}}
    first = full["corrections"][0]
    assert first["path"].endswith("a.txt") and (first["line"], first["column"]) == (3, 1)
    assert (first["original"], first["replacement"], first["confidence"], first["applied"]) == ("UNESCO", "UNSC", 0.95, True)


def test_calibration_bins_hold_every_correction(corpus):
    report = open_world.measure(corpus, normalizer=stand_in())
    bins = {(row["lower"], row["upper"]): (row["applied"], row["suggestions"]) for row in report["calibration"]}
    assert bins[(0.6, 0.7)] == (0, 1)  # 0.65
    assert bins[(0.7, 0.8)] == (0, 1)  # 0.70: lower bound inclusive
    assert bins[(0.8, 0.85)] == (1, 0)  # 0.80
    assert bins[(0.85, 0.9)] == (1, 0)
    assert bins[(0.95, 1.0)] == (1, 0)
    assert sum(a + s for a, s in bins.values()) == 5
    rows = open_world.calibration([{"confidence": 1.0, "applied": True}, {"confidence": 0.3, "applied": False}])
    assert rows[0] == {"lower": 0.0, "upper": 0.6, "applied": 0, "suggestions": 1}  # below the bins, kept
    assert rows[-1]["applied"] == 1  # 1.0 falls in the last, closed bin


def test_text_and_json_output(corpus, capsys, monkeypatch):
    monkeypatch.setattr(open_world.Normalizer, "load", classmethod(lambda cls, **kwargs: stand_in()))
    assert open_world.main(["--corpus", str(corpus), "--show"]) == 0
    text = capsys.readouterr().out
    assert "applied             3" in text and "suggestions         2" in text
    assert "a.txt:3:18: Siliņa -> Syria 0.800 applied" in text
    assert "b.txt:3:12: UNESCO -> UNSC 0.700 suggestion" in text
    assert open_world.main(["--corpus", str(corpus), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["applied"] == 3 and len(data["corrections"]) == 5
    assert [c["confidence"] for c in data["corrections"]] == [0.95, 0.8, 0.65, 0.85, 0.7]


def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        open_world.measure(tmp_path, normalizer=stand_in())


def test_the_real_engine_runs_through_it(corpus):
    report = open_world.measure(corpus)  # bundled gazetteers
    json.dumps(report)
    assert report["files"] == 2 and report["tokens"] > 0
    assert report["applied"] + report["suggestions"] == len(report["corrections"])
    for c in report["corrections"]:
        assert 0 < c["confidence"] <= 1 and isinstance(c["applied"], bool)


def test_the_open_world_corpus_is_in_the_project():
    files = sorted(open_world.CORPUS.glob("*.txt"))
    assert len(files) == 477
    assert (open_world.CORPUS / "SOURCE.md").is_file()
    assert all(path.read_text(encoding="utf-8").strip() for path in files[:10])
