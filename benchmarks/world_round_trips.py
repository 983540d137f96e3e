"""World leaders' names as Russian and Japanese write them, sent back to
Latin letters by the real romanizers (issue 12).

`benchmarks/corpus/world/native.tsv` holds the Russian and Japanese
spellings of the people of the world gazetteer (`benchmarks/corpus/world/
gazetteer.yaml`) as those languages' Wikipedias title them. Each spelling is
romanized by every scheme of `normalizer.measure.roundtrip` as it prints
(iuliia's Wikipedia, BGN/PCGN with its soft-sign apostrophes and middle
dots, passports, GOST 7.79 and the scientific scheme; pykakasi's Hepburn
with and without long vowels, with l for r, and cutlet), each different
spelling once, in a news sentence; the engine runs with the world gazetteer,
bundled gazetteers off, as `normalize-eval` runs world-variants. A name is
right when the sentence comes out with the gazetteer's name; wrong when it
comes out changed otherwise; untouched when only suggested or not at all.

    python benchmarks/world_round_trips.py [--show]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from normalizer.measure.roundtrip import printed_round_trips  # noqa: E402

NATIVE = ROOT / "benchmarks" / "corpus" / "world" / "native.tsv"
GAZETTEER = ROOT / "benchmarks" / "corpus" / "world" / "gazetteer.yaml"
SCRIPTS = {"russian": 1, "katakana": 2}  # script -> column of native.tsv
TEMPLATES = ("On Monday, {} said the talks would continue.", "Officials met {} in the capital.")


def people(path: Path = NATIVE) -> list[list[str]]:
    """(english, russian, japanese) rows; an empty cell where none is listed."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            rows.append((line.split("\t") + ["", ""])[:3])
    return rows


def spellings(script: str, native: str) -> list[str]:
    """Each different printed romanization of `native`, a name of several
    words (separated by spaces, or by Japanese's middle dot and double hyphen)."""
    words = native.replace("＝", "・").replace("・", " ").split()
    per_word = [printed_round_trips(script, word) for word in words]
    if not all(per_word):
        return []
    found: list[str] = []
    for k in range(max(map(len, per_word))):
        name = " ".join(_cased(forms[min(k, len(forms) - 1)], native_word) for forms, native_word in zip(per_word, words))
        if name not in found:
            found.append(name)
    return found


def _cased(form: str, native_word: str) -> str:
    """Capitalized as the native word is; kana have no case: capitalized."""
    return form if native_word[:1].islower() else form[:1].upper() + form[1:]


def measure(show: bool = False) -> dict[str, Counter]:
    from normalizer import Normalizer

    engine = Normalizer.load(gazetteers=[GAZETTEER], bundled=False)
    tally: dict[str, Counter] = {script: Counter() for script in SCRIPTS}
    for n, row in enumerate(people()):
        english, template = row[0], TEMPLATES[n % len(TEMPLATES)]
        for script, column in SCRIPTS.items():
            for spelled in spellings(script, row[column]) if row[column] else ():
                if spelled == english:
                    continue
                result = engine.normalize(template.format(spelled))
                outcome = (
                    "right" if result.text == template.format(english)
                    else "untouched" if result.text == template.format(spelled) else "wrong"
                )
                tally[script][outcome] += 1
                tally[script]["suggested"] += sum(1 for c in result.corrections if not c.applied)
                if show and outcome != "right":
                    print(f"{script}: {outcome} {spelled!r} -> {result.text!r} (want {english})")
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every name not repaired")
    args = parser.parse_args(argv)
    tally = measure(args.show)
    print("| script | names | right | wrong | untouched | recall | suggestions |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for script, counts in [*tally.items(), ("overall", sum(tally.values(), Counter()))]:
        names = counts["right"] + counts["wrong"] + counts["untouched"]
        print(f"| {script} | {names} | {counts['right']} | {counts['wrong']} | {counts['untouched']} | "
              f"{counts['right'] / max(names, 1):.3f} | {counts['suggested']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
