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

The same for another table (a folder with names.tsv and gazetteer.yaml), with,
per person, the surname alone after the full name intact ("Novak Djokovic won
on Monday. Later, Dzhokovich said ..."), as news names a person the second time:

    python benchmarks/native_names.py --table benchmarks/corpus/native-people -o benchmarks/corpus/native-people.jsonl --surnames
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.world_round_trips import spellings  # noqa: E402

TABLE = ROOT / "benchmarks" / "corpus" / "native"
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
SURNAME_AFTER_FULL = "{} spoke on Monday. Later, {} said the talks would continue."
TOGETHER = "Delegations from {}, {} and {} met in {} on Monday."


def rows(table: Path = TABLE) -> list[list[str]]:
    """(english, kind, japanese, russian) rows of the table in folder `table`."""
    text = (table / "names.tsv").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def printed(script: str, native: str) -> list[str]:
    """The printed spellings of `native` (a hyphen, as in Нью-Йорк, parts words as a space does)."""
    return spellings(script, native.replace("-", " "))


def cases(folder: Path = TABLE, surnames: bool = False) -> list[tuple[str, str, str]]:
    """(category, text, reference) of the corpus, in order."""
    table, out = rows(folder), []
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
        if surnames:
            out += _surnames_after_full(prefix, script, column, table)
    return out


def _surnames_after_full(prefix: str, script: str, column: int, table: list[list[str]]) -> list[tuple[str, str, str]]:
    """Each person's surname as the script prints it (the first spelling
    that differs), alone after the full name written intact."""
    out = []
    for row in table:
        english, kind = row[0], row[1]
        words = english.split()
        if kind != "person" or len(words) < 2:
            continue
        surname = words[-1]
        native_words = row[column].replace("・", " ").replace("＝", " ").split()
        # "Леонардо Ди Каприо": the native surname may take more words than the English one
        native = " ".join(native_words[len(words) - 1 :]) if len(native_words) > len(words) else native_words[-1]
        forms = [f for f in printed(script, native) if f.lower() != surname.lower()]
        if forms:
            out.append((f"{prefix}-surname", SURNAME_AFTER_FULL.format(english, forms[0]),
                        SURNAME_AFTER_FULL.format(english, surname)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--table", type=Path, default=TABLE, help="folder with names.tsv")
    parser.add_argument("-o", "--output", type=Path, default=CORPUS)
    parser.add_argument("--surnames", action="store_true", help="also each person's surname after the full name")
    args = parser.parse_args(argv)
    lines = [
        json.dumps({"id": f"t{n:03d}", "category": category, "garbled": text, "reference": reference}, ensure_ascii=False)
        for n, (category, text, reference) in enumerate(cases(args.table, args.surnames), 1)
    ]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(lines)} texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
