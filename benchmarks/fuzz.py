"""The long runs of the invariants (normalizer/measure/invariants.py): lossless,
protected spans never touched, one read converges.

    python benchmarks/fuzz.py --examples 100000     # hypothesis, on windows of garbled news
    python benchmarks/fuzz.py --atheris 3600        # coverage-guided (pip install -e '.[fuzz]')

The test suite runs the same checks on 150 examples (tests/test_properties.py).
A broken invariant stops the run with the text that breaks it; atheris also
saves the input as crash-* in the current folder.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run_examples(count: int, seed: int) -> str:
    from hypothesis import HealthCheck, given, seed as hypothesis_seed, settings

    from normalizer import Normalizer
    from normalizer.measure.fuzz_texts import GAZETTEER, texts_and_spans
    from normalizer.measure.invariants import check

    engine = Normalizer.load(gazetteers=[GAZETTEER])
    tried = [0]

    @hypothesis_seed(seed)
    @settings(max_examples=count, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(texts_and_spans())
    def invariants_hold(text_and_spans):
        tried[0] += 1
        check(engine, *text_and_spans)

    started = time.perf_counter()
    invariants_hold()
    seconds = time.perf_counter() - started
    line = f"hypothesis: {tried[0]:,} examples, 0 broken, {seconds:.0f} s ({tried[0] / seconds:.0f} examples/s)"
    print(line)
    return line


SUMMARY = (
    "Every example checks the invariants of normalizer/measure/invariants.py on a window of garbled Wikinews "
    "(its gazetteer loaded), sometimes upper- or lower-cased, with arbitrary characters inserted and up to "
    "two protected spans: lossless (undo gives the input back; each correction's original, line and column "
    "true), no correction touching a protected span, and one read converging (a second read applies nothing)."
)


def fuzz_one_input(data: bytes) -> None:
    """atheris' target: the fuzzer's bytes make the choices the hypothesis strategy makes."""
    import atheris

    from normalizer.measure.fuzz_texts import text_and_spans
    from normalizer.measure.invariants import check

    given_bytes = atheris.FuzzedDataProvider(data)
    check(_ENGINE, *text_and_spans(given_bytes.ConsumeIntInRange, given_bytes.ConsumeUnicodeNoSurrogates))


_ENGINE = None


def atheris_child(libfuzzer_args: list[str]) -> None:
    global _ENGINE
    import atheris

    with atheris.instrument_imports(include=["normalizer"]):
        from normalizer import Normalizer
        from normalizer.measure.fuzz_texts import GAZETTEER
        import normalizer.measure.invariants  # noqa: F401

    _ENGINE = Normalizer.load(gazetteers=[GAZETTEER])
    atheris.Setup([sys.argv[0], *libfuzzer_args], fuzz_one_input)
    atheris.Fuzz()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, help="hypothesis examples to run")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--atheris", type=int, metavar="SECONDS", help="coverage-guided fuzzing for SECONDS")
    parser.add_argument("--write", action="store_true", help="save the results for BENCHMARKS.md (benchmarks/results/)")
    parser.add_argument("--atheris-child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.atheris_child is not None:
        atheris_child(args.atheris_child)
        return
    results = []
    if args.examples:
        results.append(run_examples(args.examples, args.seed))
    if args.atheris:
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, __file__, "--atheris-child", f"-max_total_time={args.atheris}", "-print_final_stats=1"],
            capture_output=True, text=True,
        )
        stats = [line for line in done.stderr.splitlines() if line.startswith(("stat::", "#", "==")) or "crash" in line]
        print("\n".join(stats[-12:]))
        verdict = "0 broken" if done.returncode == 0 else f"BROKEN (exit {done.returncode}); see crash-* files"
        results.append(f"atheris: {time.perf_counter() - started:.0f} s, {verdict}; " + ", ".join(
            " = ".join(part.strip() for part in line[len("stat::"):].split(":", 1))
            for line in stats if line.startswith("stat::")))
        print(results[-1])
        if done.returncode:
            print(done.stderr[-3000:], file=sys.stderr)
            sys.exit(1)
    if args.write and results:
        from benchmarks.common import write_result

        command = "python benchmarks/fuzz.py " + " ".join(a for a in (argv or sys.argv[1:]) if a != "--write")
        write_result("fuzz", "Invariants under fuzzing", command.strip(), SUMMARY + "\n\n" + "\n".join(
            f"- {line}" for line in results))


if __name__ == "__main__":
    main()
