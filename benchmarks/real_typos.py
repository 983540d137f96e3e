"""Real typists' misspellings of names: codespell's dictionary, read by the engine.

codespell (the `bench` extra) ships the misspellings people really type, with
their corrections: `dictionary.txt`, built from Wikipedia's lists of common
misspellings and from the misspellings found in real code and prose. Some
corrections are names: "Afganistan->Afghanistan", "Michagan->Michigan",
"Britian->Britain". No one here wrote them, so they test the engine's idea of a
typist's slip on slips it was not built from.

Each entry with one capitalized correction of letters only is written into a
neutral news sentence, one a text, and normalized with the bundled gazetteers
(and any given with -g). Two groups:

- the correction is a one-word correct form of a loaded gazetteer (canonical,
  alias, adjective or a person's surname): the misspelling should be repaired
  to it, or at least suggested;
- the correction is a name no gazetteer holds ("Wednesday", "Kubernetes",
  "Armageddon"): the misspelling should be left alone, and any repair is a
  false one (it writes another name than the typist meant).

    python benchmarks/real_typos.py [-g GAZETTEER] [--no-bundled] [--show]
"""

from __future__ import annotations

import argparse
import sys
from importlib import metadata, resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from normalizer import Normalizer  # noqa: E402
from normalizer.folding import fold_case  # noqa: E402

SENTENCE = "Officials said on Monday that {} was discussed at the meeting."
# The roles of a gazetteer form that are a correct spelling of a name (gazetteer.records.Form).
CORRECT_ROLES = frozenset({"canonical", "alias", "adjective", "surname"})
OUTCOMES = ("repaired", "suggested", "another name applied", "another name suggested", "left alone")


def misspellings() -> list[tuple[str, str]]:
    """(misspelling, correction) of codespell's dictionary where the correction
    is one capitalized word of letters, the misspelling capitalized like it."""
    text = resources.files("codespell_lib").joinpath("data", "dictionary.txt").read_text(encoding="utf-8")
    found = []
    for line in text.splitlines():
        typo, _, fixes = line.partition("->")
        corrections = [fix.strip() for fix in fixes.split(",") if fix.strip()]
        if len(corrections) != 1:
            continue  # several corrections: the typist's word is not known
        correction = corrections[0]
        if not (correction[:1].isupper() and correction.isalpha()):
            continue
        typo = typo[:1].upper() + typo[1:]
        if typo.casefold() != correction.casefold():
            found.append((typo, correction))
    return found


def gazetteer_word(engine: Normalizer, word: str) -> bool:
    """Whether `word` alone is a correct form of a loaded gazetteer's entity."""
    index = engine.index
    return any(
        len(index.forms[form_id].tokens) == 1 and index.forms[form_id].role in CORRECT_ROLES
        for form_id, _ in index.token_forms.get(fold_case(word), ())
    )


def outcome(engine: Normalizer, typo: str, correction: str) -> tuple[str, str]:
    """What became of `typo` in the sentence (one of OUTCOMES), and the correction's replacement."""
    result = engine.normalize(SENTENCE.format(typo))
    mine = [c for c in result.corrections if c.original.casefold() == typo.casefold()]
    if not mine:
        return OUTCOMES[4], ""
    found = mine[0]
    right = found.replacement == correction
    if found.applied:
        return (OUTCOMES[0] if right else OUTCOMES[2]), found.replacement
    return (OUTCOMES[1] if right else OUTCOMES[3]), found.replacement


def measure(gazetteers=(), bundled: bool = True) -> dict:
    engine = Normalizer.load(list(gazetteers), bundled=bundled)
    groups: dict[str, list[tuple[str, str, str, str]]] = {"in a gazetteer": [], "in no gazetteer": []}
    for typo, correction in misspellings():
        group = "in a gazetteer" if gazetteer_word(engine, correction) else "in no gazetteer"
        groups[group].append((typo, correction, *outcome(engine, typo, correction)))
    return groups


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-g", "--gazetteer", action="append", default=[])
    parser.add_argument("--no-bundled", action="store_true")
    parser.add_argument("--show", action="store_true", help="list every misspelling that was not left alone or repaired")
    args = parser.parse_args(argv)
    groups = measure(args.gazetteer, not args.no_bundled)
    print(f"real typos: codespell {metadata.version('codespell')}'s misspellings of capitalized words, one a sentence")
    print(f"| correction | {' | '.join(OUTCOMES)} | all |")
    print(f"| --- |{' --- |' * (len(OUTCOMES) + 1)}")
    for group, rows in groups.items():
        counts = [sum(1 for row in rows if row[2] == name) for name in OUTCOMES]
        print(f"| {group} | {' | '.join(map(str, counts))} | {len(rows)} |")
    if args.show:
        for group, rows in groups.items():
            for typo, correction, what, replacement in rows:
                if what != OUTCOMES[0] and (group == "in a gazetteer" or what != OUTCOMES[4]):
                    print(f"  {group}: {what}: {typo} -> {replacement or typo} (meant {correction})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
