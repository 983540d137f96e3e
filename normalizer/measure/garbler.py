"""Make realistic garbled copies of clean articles, for measuring the engine.

Only mentions of gazetteer names are garbled, the way machine translation
through Japanese, Chinese, Russian, Arabic or Persian and back garbles them
(r/l merged, h -> kh, vowels inserted, doubled or dropped, gh/q/k/g swapped,
final vowel or h cut, capitals lost, two places glued into one word), or the
way a typist slips (adjacent key, swapped, dropped or doubled letter).

With `--categories` naming them, mentions also go through real round trips
instead (ja, ru, zh, ko, ar, he: a name word written in katakana, Cyrillic,
Chinese, Hangul, Arabic or Hebrew and sent back to Latin letters by a real
romanizer; see normalizer.measure.roundtrip_garbles).

The clean text is the reference. Every garble records its category so a report
can be split by it. A garble must differ from its original, must not be an
English word (symspellpy's bundled frequency dictionary) nor another name of
the gazetteer; an artifact garble carries at most two artifacts, so a reader
still knows it (a round trip is what the romanizer gives, however far).

    python -m normalizer.measure.garbler ARTICLES... --gazetteer G.yaml --no-bundled --seed 1 -o corpus.jsonl
    normalize-eval garble ...   (the same command)
    ... --categories ja,ru,zh,ko,ar,he --pairs tools/data/transliteration   (round trips)

The same inputs and seed rebuild the same corpus byte for byte.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

# The garbler's names stay importable from here (tests, tools/generate_name_words.py,
# benchmarks/baselines.py): the English word list has one reader, normalizer.gazetteer.lexicon.
from normalizer.gazetteer.lexicon import english_ranks, english_words  # noqa: F401
from normalizer.measure.artifacts import ARTIFACTS, WEIGHTS, is_english_word  # noqa: F401
from normalizer.measure.garbling import (  # noqa: F401
    COMMON_RANK,
    MIN_TOKEN_LENGTH,
    NAME_TOKEN,
    Garble,
    GarbledText,
    Garbler,
)
from normalizer.measure.roundtrip_garbles import DATA_DIR, DEFAULT_SOURCES, ROUND_TRIP_CATEGORIES, NativeSpellings


def garble_files(
    paths: Sequence[Path], garbler: Garbler, root: Path | None = None
) -> list[GarbledText]:
    texts = []
    for path in paths:
        text_id = str(path.relative_to(root)) if root else path.name
        texts.append(garbler.garble_text(path.read_text(encoding="utf-8"), text_id))
    return texts


def collect_articles(inputs: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.txt") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return files



def build_parser(prog: str = "python -m normalizer.measure.garbler") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="Garble gazetteer names in clean articles (JSONL corpus out).")
    parser.add_argument("articles", nargs="+", help="clean .txt files or folders of them")
    parser.add_argument("--gazetteer", action="append", default=[], metavar="PATH", help="gazetteer file or folder (repeatable)")
    parser.add_argument("--no-bundled", action="store_true", help="do not load the bundled gazetteers")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--rate", type=float, default=0.4, help="share of name mentions garbled (default 0.4)")
    parser.add_argument("--categories", default="", help="comma-separated artifacts to use (default: all): "
                        + ",".join([*ARTIFACTS, "compound"]) + "; round trips (only when named): "
                        + ",".join(ROUND_TRIP_CATEGORIES))
    parser.add_argument("--two-artifacts", action="store_true", help="two artifacts in every token longer than 5 letters")
    parser.add_argument("--pairs", default=str(DATA_DIR), metavar="DIR",
                        help="the Wikidata pairs *.dev.tsv / *.train.tsv of the round trips (default: tools/data/transliteration)")
    parser.add_argument("--native-sources", default=",".join(DEFAULT_SOURCES),
                        help="where a round trip takes a word's spelling in the other script, in order: dev, train "
                             "(the engine's model is learned from it), model (written by a model learned from dev) "
                             f"(default {','.join(DEFAULT_SOURCES)})")
    parser.add_argument("-o", "--output", default="-", help="JSONL file to write (default stdout)")
    return parser


def main(argv: Sequence[str] | None = None, prog: str = "python -m normalizer.measure.garbler") -> int:
    args = build_parser(prog).parse_args(argv)
    from normalizer.errors import NormalizerError
    from normalizer.gazetteer.loading import load_gazetteer

    try:
        gazetteer = load_gazetteer(args.gazetteer, bundled=not args.no_bundled)
        files = collect_articles(args.articles)
        categories = [c for c in args.categories.split(",") if c]
        spellings = NativeSpellings(args.pairs, [s for s in args.native_sources.split(",") if s])
        garbler = Garbler(gazetteer.entities, args.rate, args.seed, categories, args.two_artifacts, spellings)
        texts = garble_files(files, garbler)
    except (NormalizerError, FileNotFoundError, UnicodeDecodeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    lines = "".join(json.dumps(t.to_json(), ensure_ascii=False) + "\n" for t in texts)
    if args.output == "-":
        sys.stdout.write(lines)
    else:
        Path(args.output).write_text(lines, encoding="utf-8")
        count = sum(len(t.garbles) for t in texts)
        print(f"{args.output}: {len(texts)} texts, {count} garbles", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
