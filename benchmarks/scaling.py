"""Time and peak memory against the size of one text: real news, garbled news and
adversarial text, from 10 KB to 50 MB (issue: every stage linear in the input,
peak memory under 10x the input).

    python benchmarks/scaling.py                 # all kinds, all sizes
    python benchmarks/scaling.py --sizes 10k,1m  # a quick look

Each (kind, size) runs in a child process of its own, so its peak RSS is its own:
the engine is loaded first (its resident size is the baseline), then the text is
normalized once. "growth" is peak RSS (VmHWM) minus that baseline; "x input" is
growth over the text's size in UTF-8 bytes. The engine holds its word memos
across texts, so below 1 MB growth is mostly those, not the text.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import child_env, write_result  # noqa: E402
from benchmarks.corpora import GARBLED_JSONL  # noqa: E402

OPEN_WORLD = ROOT / "benchmarks" / "corpus" / "wikinews-2004-2020"
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000, "10m": 10_000_000, "50m": 50_000_000}


def seed_text(kind: str) -> str:
    """A few KB to hundreds of KB of the kind, repeated to size by `sized`."""
    if kind == "real news":
        return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(OPEN_WORLD.glob("*.txt")))
    if kind == "garbled news":
        lines = GARBLED_JSONL.read_text(encoding="utf-8").splitlines()
        return "\n\n".join(json.loads(line)["garbled"] for line in lines)
    if kind == "one long line":
        return " ".join(p.read_text(encoding="utf-8").replace("\n", " ") for p in sorted(OPEN_WORLD.glob("*.txt")))
    return {
        "commas without spaces": "word,",
        "combining marks": "x\u0301",
        "one garbled name repeated": "Fatem Mokhajelani said. ",
    }[kind]


SUMMARY = (
    "Each text normalized once in a child process of its own, after the engine is loaded; growth is peak RSS "
    "minus the loaded engine's, against the text's size in UTF-8 bytes (the text, its output and the proof "
    "of losslessness alone take about 4x; below 1 MB the engine's word memos dominate). Texts over 200,000 "
    "characters are read a segment at a time (normalizer/segments.py)."
)

KINDS = ("real news", "garbled news", "one long line", "commas without spaces", "combining marks",
         "one garbled name repeated")

CHILD = r"""
import re, resource, sys, time
from normalizer import Normalizer


def high_water_kb():
    # The process's own peak: VmHWM starts afresh at exec, where ru_maxrss keeps the
    # peak of the parent it was forked from (Linux), which holds the big texts.
    try:
        with open("/proc/self/status") as status:
            return int(re.search(r"VmHWM:\s+(\d+)", status.read()).group(1))
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


engine = Normalizer.load()
engine.normalize("Warm up: Emmanuel Macrom met Fatem Mokhajelani.")
baseline = high_water_kb()
text = sys.stdin.buffer.read().decode("utf-8")
started = time.perf_counter()
result = engine.normalize(text)
seconds = time.perf_counter() - started
peak = high_water_kb()
print(seconds, baseline, peak, len(result.corrections))
"""

def sized(seed: str, size: int) -> str:
    text = seed * (size // len(seed.encode("utf-8")) + 1)
    return text.encode("utf-8")[:size].decode("utf-8", errors="ignore")


def measure(kind: str, size: int, seed: str) -> dict:
    data = sized(seed, size).encode("utf-8")
    out = subprocess.run([sys.executable, "-c", CHILD], input=data, capture_output=True, env=child_env(),
                         check=True).stdout.decode().split()
    seconds, baseline_kb, peak_kb, corrections = float(out[0]), int(out[1]), int(out[2]), int(out[3])
    growth = max(peak_kb - baseline_kb, 0) * 1024
    return {"kind": kind, "bytes": len(data), "seconds": seconds, "mb_per_s": len(data) / 1e6 / seconds,
            "peak_mb": peak_kb / 1024, "growth_mb": growth / 1e6, "x_input": growth / len(data),
            "corrections": corrections}


def table(rows: list[dict]) -> str:
    lines = ["| text | size | seconds | MB/s | peak MB | growth MB | growth x input | corrections |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        lines.append(f"| {r['kind']} | {r['bytes']:,} | {r['seconds']:.2f} | {r['mb_per_s']:.3f} | "
                     f"{r['peak_mb']:.0f} | {r['growth_mb']:.1f} | {r['x_input']:.1f} | {r['corrections']:,} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(SIZES), help="comma-separated: " + ", ".join(SIZES))
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated: " + ", ".join(KINDS))
    parser.add_argument("--large-kinds", default="real news,commas without spaces",
                        help="the kinds also run at 10 MB and more (each of those takes minutes)")
    parser.add_argument("--json", help="also write the rows to this JSON file")
    parser.add_argument("--write", action="store_true", help="save the table for BENCHMARKS.md (benchmarks/results/)")
    args = parser.parse_args(argv)
    rows = []
    measure("real news", 1_000, seed_text("commas without spaces"))  # builds the index cache: no row pays for it
    for kind in args.kinds.split(","):
        seed = seed_text(kind)
        for name in args.sizes.split(","):
            if SIZES[name] >= 10_000_000 and kind not in args.large_kinds.split(","):
                continue
            rows.append(measure(kind, SIZES[name], seed))
            print(table(rows[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    print(table(rows))
    if args.write:
        command = "python benchmarks/scaling.py " + " ".join(argv if argv is not None else sys.argv[1:])
        write_result("scaling", "Time and memory against the size of one text", command.strip(),
                     SUMMARY + "\n\n" + table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
