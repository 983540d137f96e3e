"""The three evaluation corpora and the gazetteers each is measured with.

    seeds             seeds/000 garbled vs seeds/reference, 001-004 clean (bundled gazetteers)
    wikinews-garbled  benchmarks/corpus/wikinews-garbled.jsonl (bundled + the Wikinews gazetteer)
    wikinews-heldout  the same garbler with another seed (held out from any tuning)
    wikinews-mt       machine-translation artifacts only, two in every word longer than five letters
    wikinews-roundtrip  names sent through real round trips (ja, ru, zh, ko, ar, he: katakana,
                      Cyrillic, Chinese, Hangul, Arabic, Hebrew and back by real romanizers)
    wikinews-clean    the 24 clean Wikinews articles, reference == input (same gazetteers)

Rebuild the garbled corpora exactly with the REBUILD_* commands (run from the repository root).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from normalizer.measure.evaluate import Pair, load_folders, load_jsonl

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / "corpus"
WIKINEWS = CORPUS / "wikinews"
WIKINEWS_GAZETTEER = WIKINEWS / "gazetteer.yaml"
GARBLED_JSONL = CORPUS / "wikinews-garbled.jsonl"
GARBLE_SEED = 1
GARBLE_RATE = 0.4

HELDOUT_JSONL = CORPUS / "wikinews-heldout.jsonl"
MT_JSONL = CORPUS / "wikinews-mt.jsonl"
MT_CATEGORIES = "rl,kh,vowel,gqk,truncate,case,compound"

REBUILD_GARBLED = (
    "python -m normalizer.measure.garbler benchmarks/corpus/wikinews "
    f"--gazetteer benchmarks/corpus/wikinews/gazetteer.yaml --no-bundled --seed {GARBLE_SEED} "
    f"--rate {GARBLE_RATE} -o benchmarks/corpus/wikinews-garbled.jsonl"
)

# Same garbler, another seed: a check that thresholds tuned on wikinews-garbled carry over.
REBUILD_HELDOUT = REBUILD_GARBLED.replace(f"--seed {GARBLE_SEED}", "--seed 2").replace(
    "wikinews-garbled.jsonl", "wikinews-heldout.jsonl"
)
# Machine translation only, two artifacts in every word longer than five letters (as in seeds/000).
REBUILD_MT = REBUILD_GARBLED.replace(f"--seed {GARBLE_SEED}", "--seed 3").replace(
    "-o benchmarks/corpus/wikinews-garbled.jsonl",
    f"--categories {MT_CATEGORIES} --two-artifacts -o benchmarks/corpus/wikinews-mt.jsonl",
)
# Real round trips (normalizer.measure.roundtrip_garbles). No word of the Wikinews gazetteer is in
# the Wikidata pairs, so every spelling in the other script is written by the model learned from
# their dev split (normalizer.measure.native_spelling); a higher rate than the others, for more
# garbles per category, and because machine translation sends every mention of a name through.
ROUNDTRIP_JSONL = CORPUS / "wikinews-roundtrip.jsonl"
ROUNDTRIP_CATEGORIES = "ja,ru,zh,ko,ar,he"
ROUNDTRIP_SEED = 4
ROUNDTRIP_RATE = 0.6
REBUILD_ROUNDTRIP = (
    "python -m normalizer.measure.garbler benchmarks/corpus/wikinews "
    f"--gazetteer benchmarks/corpus/wikinews/gazetteer.yaml --no-bundled --seed {ROUNDTRIP_SEED} "
    f"--rate {ROUNDTRIP_RATE} --categories {ROUNDTRIP_CATEGORIES} --pairs tools/data/transliteration "
    "--native-sources dev,model -o benchmarks/corpus/wikinews-roundtrip.jsonl"
)
REBUILD_ALL = (REBUILD_GARBLED, REBUILD_HELDOUT, REBUILD_MT, REBUILD_ROUNDTRIP)


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


def wikinews_heldout() -> Corpus:
    return Corpus("wikinews-heldout", load_jsonl(HELDOUT_JSONL), (str(WIKINEWS_GAZETTEER),))


def wikinews_mt() -> Corpus:
    return Corpus("wikinews-mt", load_jsonl(MT_JSONL), (str(WIKINEWS_GAZETTEER),))


def wikinews_roundtrip() -> Corpus:
    return Corpus("wikinews-roundtrip", load_jsonl(ROUNDTRIP_JSONL), (str(WIKINEWS_GAZETTEER),))


def wikinews_clean() -> Corpus:
    return Corpus("wikinews-clean", load_folders(WIKINEWS, WIKINEWS, "*.txt"), (str(WIKINEWS_GAZETTEER),))


def all_corpora() -> list[Corpus]:
    return [seeds(), wikinews_garbled(), wikinews_heldout(), wikinews_mt(), wikinews_roundtrip(), wikinews_clean()]
