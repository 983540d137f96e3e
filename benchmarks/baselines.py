"""Quality of the engine beside simple baselines, on the same corpora and gazetteers.

Each system turns a list of garbled texts into outputs; one arithmetic
(normalizer.measure.evaluate) scores them all.

    symspell    a non-dictionary token -> the closest gazetteer token within edit distance 2
    rapidfuzz   a non-dictionary token -> the best gazetteer token by fuzz.ratio >= 80
    metaphone   a non-dictionary token -> the gazetteer token with the same jellyfish metaphone key
    codespell   `codespell -w` on the files (no gazetteer: it has its own typo list)
    typos       `typos -w` on the files (no gazetteer)
    identity    changes nothing (the floor)

    python benchmarks/baselines.py [--format json] [--only engine,symspell]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import tool  # noqa: E402
from benchmarks.corpora import Corpus, all_corpora  # noqa: E402
from normalizer.measure.evaluate import IdentityNormalizer, Pair, Report, evaluate, run_normalizer  # noqa: E402
from normalizer.measure.garbler import english_ranks  # noqa: E402
from normalizer.gazetteer.loading import load_gazetteer  # noqa: E402

WORD = re.compile(r"[^\W\d_]+")
RAPIDFUZZ_CUTOFF = 80
SYMSPELL_DISTANCE = 2
Outputs = list[tuple[str, list | None]]


# ---------------------------------------------------------------- token baselines


def gazetteer_tokens(gazetteers: Sequence[str], bundled: bool) -> list[str]:
    """Every word of every correct form of the gazetteers, as written."""
    gazetteer = load_gazetteer(gazetteers, bundled=bundled)
    tokens: set[str] = set()
    for entity in gazetteer.entities:
        for form in entity.correct_forms:
            tokens.update(WORD.findall(form))
    return sorted(tokens)


def replace_suspects(text: str, known: set[str], fix: Callable[[str], str | None]) -> str:
    """Replace each word that is neither English nor a gazetteer token by fix(word), if any."""
    english = english_ranks()

    def one(match: re.Match) -> str:
        word = match.group()
        if len(word) < 3 or word in known or word.lower() in english:
            return word
        return fix(word) or word

    return WORD.sub(one, text)


def symspell_fixer(tokens: list[str]) -> Callable[[str], str | None]:
    from symspellpy import SymSpell, Verbosity

    speller = SymSpell(max_dictionary_edit_distance=SYMSPELL_DISTANCE)
    cased = {}
    for token in tokens:
        cased.setdefault(token.lower(), token)
        speller.create_dictionary_entry(token.lower(), 1)

    def fix(word: str) -> str | None:
        found = speller.lookup(word.lower(), Verbosity.CLOSEST, SYMSPELL_DISTANCE)
        return cased[found[0].term] if found else None

    return fix


def rapidfuzz_fixer(tokens: list[str]) -> Callable[[str], str | None]:
    from rapidfuzz import fuzz, process, utils

    def fix(word: str) -> str | None:
        best = process.extractOne(word, tokens, scorer=fuzz.ratio, processor=utils.default_process,
                                  score_cutoff=RAPIDFUZZ_CUTOFF)
        return best[0] if best else None

    return fix


def metaphone_fixer(tokens: list[str]) -> Callable[[str], str | None]:
    import jellyfish

    by_key: dict[str, str] = {}
    for token in tokens:
        by_key.setdefault(jellyfish.metaphone(token), token)

    def fix(word: str) -> str | None:
        return by_key.get(jellyfish.metaphone(word))

    return fix


TOKEN_BASELINES = {"symspell": symspell_fixer, "rapidfuzz": rapidfuzz_fixer, "metaphone": metaphone_fixer}


def run_token_baseline(name: str, corpus: Corpus) -> Outputs:
    tokens = gazetteer_tokens(corpus.gazetteers, corpus.bundled)
    fix = TOKEN_BASELINES[name](tokens)
    known = set(tokens)
    return [(replace_suspects(pair.garbled, known, fix), None) for pair in corpus.pairs]


# ---------------------------------------------------------------- file tools


def run_file_tool(command: list[str], pairs: Sequence[Pair]) -> Outputs:
    """Write the garbled texts to a temp folder, let the tool fix them in place, read them back."""
    with tempfile.TemporaryDirectory(prefix="normalizer-bench-") as folder:
        paths = []
        for number, pair in enumerate(pairs):
            path = Path(folder) / f"{number:04d}.txt"
            path.write_bytes(pair.garbled.encode("utf-8"))
            paths.append(path)
        subprocess.run([*command, folder], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return [(path.read_bytes().decode("utf-8"), None) for path in paths]


def run_codespell(corpus: Corpus) -> Outputs:
    return run_file_tool([tool("codespell"), "-w"], corpus.pairs)


def run_typos(corpus: Corpus) -> Outputs:
    return run_file_tool([tool("typos"), "-w"], corpus.pairs)


# ---------------------------------------------------------------- the engine


def engine_available() -> bool:
    try:
        from normalizer import Normalizer  # noqa: F401
    except ImportError:
        return False
    return True


def run_engine(corpus: Corpus) -> Outputs:
    if not engine_available():  # before the engine lands: the identity stand-in, said loudly in the table
        return run_normalizer(IdentityNormalizer(), corpus.pairs)
    from normalizer import Normalizer

    normalizer = Normalizer.load(gazetteers=list(corpus.gazetteers), bundled=corpus.bundled)
    return run_normalizer(normalizer, corpus.pairs)


SYSTEMS: dict[str, Callable[[Corpus], Outputs]] = {
    "normalizer": run_engine,
    "symspell": lambda c: run_token_baseline("symspell", c),
    "rapidfuzz": lambda c: run_token_baseline("rapidfuzz", c),
    "metaphone": lambda c: run_token_baseline("metaphone", c),
    "codespell": run_codespell,
    "typos": run_typos,
    "identity": lambda c: run_normalizer(IdentityNormalizer(), c.pairs),
}


def run_all(systems: Sequence[str], corpora: Sequence[Corpus]) -> dict[str, dict[str, Report]]:
    """reports[system][corpus] for every pair of them, with the seconds each took."""
    reports: dict[str, dict[str, Report]] = {}
    for system in systems:
        reports[system] = {}
        for corpus in corpora:
            started = time.perf_counter()
            outputs = SYSTEMS[system](corpus)
            report = evaluate(system, corpus.pairs, outputs)
            report.seconds = time.perf_counter() - started  # type: ignore[attr-defined]
            reports[system][corpus.name] = report
    return reports


def system_label(system: str) -> str:
    if system == "normalizer" and not engine_available():
        return "normalizer (engine missing: identity stand-in)"
    return system


def fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


QUALITY_HEADER = [
    "system", "seeds P", "seeds R", "garbled P", "garbled R", "garbled F1", "held-out F1",
    "MT-heavy P", "MT-heavy R", "MT-heavy F1", "clean false", "clean false /10k tok", "lossy outputs",
]


def quality_rows(reports: dict[str, dict[str, Report]]) -> list[list[str]]:
    rows = []
    for system, by_corpus in reports.items():
        def metric(corpus: str, name: str) -> str:
            report = by_corpus.get(corpus)
            return fmt(getattr(report.overall, name)) if report else ""

        clean = by_corpus.get("wikinews-clean")
        rows.append([
            system_label(system),
            metric("seeds", "precision"), metric("seeds", "recall"),
            metric("wikinews-garbled", "precision"), metric("wikinews-garbled", "recall"), metric("wikinews-garbled", "f1"),
            metric("wikinews-heldout", "f1"),
            metric("wikinews-mt", "precision"), metric("wikinews-mt", "recall"), metric("wikinews-mt", "f1"),
            str(clean.overall.false) if clean else "", f"{clean.false_per_10k_tokens:.2f}" if clean else "",
            str(sum(r.lossy for r in by_corpus.values())),
        ])
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(SYSTEMS), help="comma-separated systems")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    reports = run_all(args.only.split(","), all_corpora())
    if args.format == "json":
        print(json.dumps({s: {c: r.to_dict() for c, r in by.items()} for s, by in reports.items()}, indent=2))
        return 0
    from normalizer.measure.evaluate import markdown_table

    print(markdown_table(QUALITY_HEADER, quality_rows(reports)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
