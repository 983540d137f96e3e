"""Round-trip Wikinews as the romanizers print it: the same garbles, with the
marks the corpus's forms drop put back.

`benchmarks/corpus/wikinews-roundtrip.jsonl` keeps each round-trip form's
cased letters only (`normalizer.measure.roundtrip.latin_word`). Printed
text keeps more: BGN/PCGN and GOST write the Russian soft sign as an
apostrophe ("Igor’", "Igor'"), ALA-LC and the scientific scheme as a prime
("Igorʹ"), and modified Hepburn, the Hepburn of dictionaries and
Wikipedia, writes a katakana long vowel with a macron ("Kūpā" for クーパー,
where the corpus has "Kuupaa"). This rebuilds each Russian garble from its
native spelling by the same iuliia scheme as printed, and writes each
katakana garble's doubled vowels with macrons, then scores the engine on
both corpora, per category, with the round-trip corpus's own gazetteer:

    python benchmarks/printed_round_trips.py [--output printed.jsonl]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from normalizer.measure.evaluate import evaluate, load_engine, load_pairs, run_normalizer  # noqa: E402
from normalizer.measure.romanizers import russian_forms  # noqa: E402
from normalizer.measure.roundtrip import latin_word  # noqa: E402

CORPUS = ROOT / "benchmarks" / "corpus" / "wikinews-roundtrip.jsonl"
GAZETTEER = ROOT / "benchmarks" / "corpus" / "wikinews" / "gazetteer.yaml"
MACRONS = {"aa": "ā", "ii": "ī", "uu": "ū", "ee": "ē", "oo": "ō", "ou": "ō"}


def with_macrons(form: str) -> str:
    """Modified Hepburn: a long vowel written once, with a macron ("Kuupaa" -> "Kūpā")."""
    return re.sub("aa|ii|uu|ee|oo|ou", lambda m: MACRONS[m.group()], form)


def printed_russian(native: str, scheme: str, form: str) -> str:
    """The output of `scheme` for `native` as iuliia prints it, where its letters give `form`."""
    for label, printed in russian_forms(native):
        if label == scheme and latin_word(printed) == form:
            return printed[:1].upper() + printed[1:]
    return form


def printed_record(record: dict) -> tuple[dict, int]:
    """`record` with its Russian and katakana garbles as printed, and how many changed."""
    text, pieces, garbles, last, changed = record["garbled"], [], [], 0, 0
    for garble in sorted(record["garbles"], key=lambda g: g["start"]):
        words = garble["garbled"]
        for trip in garble.get("round_trips", ()):
            if garble["category"] == "ru":
                new = printed_russian(trip["native"], trip["scheme"], trip["form"])
            elif garble["category"] == "ja":
                new = with_macrons(trip["form"])
            else:
                continue
            words = words.replace(trip["form"], new, 1)
        changed += words != garble["garbled"]
        pieces.append(text[last : garble["start"]])
        start = sum(map(len, pieces))
        pieces.append(words)
        last = garble["end"]
        garbles.append({**garble, "start": start, "end": start + len(words), "garbled": words})
    pieces.append(text[last:])
    return {**record, "garbled": "".join(pieces), "garbles": garbles}, changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "_work" / "wikinews-roundtrip-printed.jsonl")
    args = parser.parse_args(argv)
    records, changed = [], 0
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        record, n = printed_record(json.loads(line))
        records.append(record)
        changed += n
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    print(f"{changed} garbles printed otherwise; written to {args.output}")
    engine = load_engine([str(GAZETTEER)], False, None)
    print("| corpus | category | gold | true | false | recall | precision |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for name, path in (("as the corpus has it", CORPUS), ("as printed", args.output)):
        pairs = load_pairs(str(path), None, "*")
        report = evaluate("normalizer", pairs, run_normalizer(engine, pairs)).to_dict()
        rows = {**report["categories"], "overall": report["overall"]}
        for category, row in rows.items():
            if category in ("ja", "ru", "overall"):
                print(f"| {name} | {category} | {row['gold']} | {row['true']} | {row['false']} | {row['recall']:.3f} | {row['precision']:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
