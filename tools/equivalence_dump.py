"""Dump every correction the engine makes on every text the project has.

Run before and after a refactoring that must not change behaviour, and diff
the two files:

    python tools/equivalence_dump.py > before.jsonl   # on the old commit
    python tools/equivalence_dump.py > after.jsonl    # on the new one
    diff before.jsonl after.jsonl && echo identical

With --word-store the engines read the word store of the cache folder
(normalizer/word_store.py) and write it at the end, as the command does: run
it twice with the same NORMALIZER_CACHE_DIR, and the second run's dump (the
store warm) must be the first's.

Texts: the seeds, the benchmark corpora (garbled JSONL and clean Wikinews)
with their gazetteer, and the Wikinews folders of ../shared/corpus when present
(bundled gazetteers only for the open-world folder).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from normalizer import Normalizer  # noqa: E402


def texts():
    """(set name, text id, text, gazetteer files) for every text."""
    bench = ROOT / "benchmarks" / "corpus"
    gum = [bench / "wikinews" / "gazetteer.yaml"]
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        yield "seeds", path.name, path.read_text(encoding="utf-8"), []
    for corpus in sorted(bench.glob("wikinews-*.jsonl")):  # the garbled corpora, not calibration data
        for line in corpus.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            yield corpus.stem, record.get("id", ""), record["garbled"], gum
    for path in sorted((bench / "wikinews").glob("*.txt")):
        yield "wikinews-clean", path.name, path.read_text(encoding="utf-8"), gum
    for folder in sorted(bench.glob("*/")):
        if folder.name == "wikinews":
            continue
        for path in sorted(folder.glob("*.txt")):
            yield folder.name, path.name, path.read_text(encoding="utf-8"), []
    shared = ROOT.parent / "shared" / "corpus" / "wikinews-2004-2020"
    if shared.is_dir() and not (bench / "wikinews-2004-2020").is_dir():
        for path in sorted(shared.glob("*.txt")):
            yield "wikinews-2004-2020", path.name, path.read_text(encoding="utf-8"), []


def main() -> None:
    from normalizer.word_store import WordStore, attach

    store = WordStore(enabled="--word-store" in sys.argv[1:])
    engines: dict[tuple, Normalizer] = {}
    out = sys.stdout
    for corpus, name, text, gazetteers in texts():
        key = tuple(map(str, gazetteers))
        if key not in engines:
            engines[key] = Normalizer.load(gazetteers=gazetteers)
            attach(engines[key], store)
        result = engines[key].normalize(text)
        for c in result.corrections:
            record = [corpus, name, c.start, c.end, c.original, c.replacement, c.entity, c.kind,
                      c.confidence, list(c.reasons), c.applied]
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    store.save()


if __name__ == "__main__":
    main()
