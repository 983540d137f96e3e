"""Write benchmarks/corpus/native-names.jsonl: names as Japanese and Russian
write them (benchmarks/corpus/native/names.tsv), sent back by the real
romanizers, in news sentences.

Not transliterations of the English names: the languages' own names for them
("Itaria" and "Italiya" for Italy, from イタリア and Италия; "Wiin" for Vienna,
from ウィーン; "Bryussel" for Brussels), as a romanized Japanese or Russian
text prints them. Per script and name, the first two printed spellings that
differ from the English one, alternately alone ("Officials in Itaria said
...") and after the name written intact ("Italy has cut taxes this year.
Officials in Itaria said ..."); and, per script, the places four at a time in
one sentence, as a romanized paragraph writes them together. Every English
name is in `benchmarks/corpus/native/gazetteer.yaml`, bundled gazetteers off:

    python benchmarks/native_names.py
    normalize-eval benchmarks/corpus/native-names.jsonl --gazetteer benchmarks/corpus/native/gazetteer.yaml --no-bundled [--show]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.world_round_trips import spellings  # noqa: E402

TABLE = ROOT / "benchmarks" / "corpus" / "native" / "names.tsv"
CORPUS = ROOT / "benchmarks" / "corpus" / "native-names.jsonl"
SCRIPTS = {"ja": ("katakana", 2), "ru": ("russian", 3)}  # category prefix -> (romanizer script, column)
ALONE = {
    "place": "Officials in {} said the talks would continue.",
    "organization": "{} said its profits rose in the third quarter.",
    "person": "On Monday, {} said the talks would continue.",
}
AFTER_INTACT = {
    "place": "{} has cut taxes this year. Officials in {} said the talks would continue.",
    "organization": "{} opened a new office this year. Later, {} said its profits rose.",
    "person": "{} spoke on Monday. Later, {} said the talks would continue.",
}
TOGETHER = "Delegations from {}, {} and {} met in {} on Monday."


def rows() -> list[list[str]]:
    """(english, kind, japanese, russian) rows of the table."""
    return [line.split("\t") for line in TABLE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def printed(script: str, native: str) -> list[str]:
    """The printed spellings of `native` (a hyphen, as in Нью-Йорк, parts words as a space does)."""
    return spellings(script, native.replace("-", " "))


def cases() -> list[tuple[str, str, str]]:
    """(category, text, reference) of the corpus, in order."""
    table, out = rows(), []
    for prefix, (script, column) in SCRIPTS.items():
        for n, row in enumerate(table):
            english, kind = row[0], row[1]
            forms = [f for f in printed(script, row[column]) if f.replace(" ", "").lower() != english.replace(" ", "").lower()]
            for k, garbled in enumerate(forms[:2]):
                if (n + k) % 2:
                    out.append((f"{prefix}-alone", ALONE[kind].format(garbled), ALONE[kind].format(english)))
                else:
                    out.append((f"{prefix}-after-intact", AFTER_INTACT[kind].format(english, garbled),
                                AFTER_INTACT[kind].format(english, english)))
        places = [row for row in table if row[1] == "place"]
        for k in range(0, len(places) - 3, 4):
            group = places[k : k + 4]
            garbled = [(printed(script, row[column]) or [row[0]])[0] for row in group]
            out.append((f"{prefix}-together", TOGETHER.format(*garbled), TOGETHER.format(*[row[0] for row in group])))
    return out


def main() -> int:
    lines = [
        json.dumps({"id": f"t{n:03d}", "category": category, "garbled": text, "reference": reference}, ensure_ascii=False)
        for n, (category, text, reference) in enumerate(cases(), 1)
    ]
    CORPUS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{CORPUS.relative_to(ROOT)}: {len(lines)} texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
