"""The three evaluation corpora and the gazetteers each is measured with.

    seeds             seeds/000 garbled vs seeds/reference, 001-004 clean (bundled gazetteers)
    wikinews-garbled  benchmarks/corpus/wikinews-garbled.jsonl (bundled + the Wikinews gazetteer)
    wikinews-clean    the 24 clean Wikinews articles, reference == input (same gazetteers)

Rebuild the garbled corpus exactly with REBUILD_GARBLED (run from the repository root).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from normalizer.evaluate import Pair, load_folders, load_jsonl

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / "corpus"
WIKINEWS = CORPUS / "wikinews"
WIKINEWS_GAZETTEER = WIKINEWS / "gazetteer.yaml"
GARBLED_JSONL = CORPUS / "wikinews-garbled.jsonl"
GARBLE_SEED = 1
GARBLE_RATE = 0.4

REBUILD_GARBLED = (
    "python -m normalizer.garbler benchmarks/corpus/wikinews "
    f"--gazetteer benchmarks/corpus/wikinews/gazetteer.yaml --no-bundled --seed {GARBLE_SEED} "
    f"--rate {GARBLE_RATE} -o benchmarks/corpus/wikinews-garbled.jsonl"
)


@dataclass(frozen=True)
class Corpus:
    name: str
    pairs: list[Pair]
    gazetteers: tuple[str, ...]
    bundled: bool = True


def seeds() -> Corpus:
    return Corpus("seeds", load_folders(ROOT / "seeds", ROOT / "seeds" / "reference", "*.txt"), ())


def wikinews_garbled() -> Corpus:
    return Corpus("wikinews-garbled", load_jsonl(GARBLED_JSONL), (str(WIKINEWS_GAZETTEER),))


def wikinews_clean() -> Corpus:
    return Corpus("wikinews-clean", load_folders(WIKINEWS, WIKINEWS, "*.txt"), (str(WIKINEWS_GAZETTEER),))


def all_corpora() -> list[Corpus]:
    return [seeds(), wikinews_garbled(), wikinews_clean()]
