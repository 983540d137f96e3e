"""Ingestion at scale, measured: records/s of `normalize corpus` with 1 and 2
workers on local processes, Dask and Spark, against the plain library loop;
memory per worker; and a plan on paper for 10 million articles a day.

    python benchmarks/ingest.py [--records N] [--engines library,local,dask,spark] [--repeat 5] [--repeat-slow 3]

Input: the 477 clean Wikinews articles of benchmarks/corpus/wikinews-2004-2020/
written as one JSONL in a temporary folder. Prints a markdown section.
Needs the extras `ingest`, `dask` and `spark` (all in `test`) and a Java
runtime for Spark. Each engine's wall time includes its start (loading the
Normalizer from a warm index cache, starting the pool, the cluster or the
Spark session); the library loop's rate counts normalizing only. Each
measurement is repeated (the engines taking turns, so a busy moment of the
machine does not fall on one engine only) and the median run is reported,
with the spread of wall times beside it: on a shared 2-CPU machine single
runs of the same job vary by 20%, and the ratio of 2 local workers to one
ranged from 1.5x to 2.2x between single runs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this folder is first on the path, and its profile.py would hide
# the standard library's (which pyspark imports).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPUS = ROOT / "benchmarks" / "corpus" / "wikinews-2004-2020"
DAY = 86_400
TARGET = 10_000_000  # articles a day
PEAK = 3.0
SLOW_ENGINES = ("dask", "spark")  # their start-up makes each run long: fewer runs of them  # the busiest hour runs at this multiple of the day's mean rate


def write_corpus(folder: Path, count: int | None) -> tuple[Path, list[str]]:
    files = sorted(CORPUS.glob("*.txt"))[:count]
    texts = [p.read_text(encoding="utf-8") for p in files]
    path = folder / "wikinews.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for p, text in zip(files, texts):
            out.write(json.dumps({"id": p.stem, "body": text}) + "\n")
    return path, texts


class MemorySampler:
    """The largest RSS and USS of each child process (at any depth) holding an
    engine, sampled every 0.3 s while a run lasts."""

    def __init__(self):
        import psutil

        self.me = psutil.Process()
        self.peak: dict[int, tuple[int, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self):
        import psutil

        while not self._stop.wait(0.3):
            for child in self.me.children(recursive=True):
                try:
                    if "python" not in child.name().lower():
                        continue
                    info = child.memory_full_info()
                except (psutil.Error, OSError):
                    continue
                rss, uss = self.peak.get(child.pid, (0, 0))
                self.peak[child.pid] = (max(rss, info.rss), max(uss, info.uss))

    def workers(self, threshold: int = 100 * 2**20) -> list[tuple[int, int]]:
        """(RSS, USS) of the processes big enough to hold the index (nannies, daemons left out)."""
        return sorted((v for v in self.peak.values() if v[0] >= threshold), reverse=True)


def measured(kind: str, source: Path, workers: int) -> dict:
    """One measurement in a fresh process (cold memos, as a new job has), its
    process tree's memory sampled from here."""
    import subprocess

    command = [sys.executable, __file__, "--one", kind, str(source), str(workers)]
    with MemorySampler() as memory:
        done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["memory"] = memory.workers()
    return result


def one(kind: str, source: Path, workers: int) -> dict:
    texts = [json.loads(line)["body"] for line in source.read_text(encoding="utf-8").splitlines()]
    out = source.parent / f"out-{kind}-{workers}"
    shutil.rmtree(out, ignore_errors=True)  # a left output would make `normalize corpus` resume, not run
    if kind == "library":
        return library_loop(texts)
    if kind == "spark":
        return spark_run(source, out, workers, len(texts))
    return corpus_run(source, out, kind, workers, len(texts))


def library_loop(texts: list[str]) -> dict:
    import gc

    from normalizer import Normalizer

    started = time.perf_counter()
    normalizer = Normalizer.load()
    gc.freeze()
    loaded = time.perf_counter()
    for text in texts:
        normalizer.normalize(text)
    done = time.perf_counter()
    return {"load_s": loaded - started, "normalize_s": done - loaded, "seconds": done - started,
            "rate": len(texts) / (done - started), "normalize_rate": len(texts) / (done - loaded)}


def corpus_run(source: Path, out: Path, engine: str, workers: int, records: int) -> dict:
    from normalizer.ingest.command import main

    # Every run works its words out, as the library loop does: the word store (normalizer/word_store.py)
    # would hand a later run the words of an earlier one.
    args = [str(source), "-o", str(out), "--text-field", "body", "--engine", engine, "--workers", str(workers),
            "--partition-size", "20", "--no-result-cache"]
    with open(os.devnull, "w") as quiet:
        saved, sys.stderr = sys.stderr, quiet
        try:
            started = time.perf_counter()
            code = main(args)
            seconds = time.perf_counter() - started
        finally:
            sys.stderr = saved
    if code != 0:
        raise SystemExit(f"normalize corpus {' '.join(args)} exited {code}")
    return {"seconds": seconds, "rate": records / seconds}


def spark_run(source: Path, out: Path, workers: int, records: int) -> dict:
    import warnings

    warnings.filterwarnings("ignore", category=FutureWarning)
    from pyspark.sql import SparkSession

    from normalizer.spark import normalize_column

    started = time.perf_counter()
    spark = (SparkSession.builder.master(f"local[{workers}]").config("spark.ui.enabled", "false")
             .config("spark.sql.execution.arrow.maxRecordsPerBatch", "20").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    session = time.perf_counter()
    df = spark.read.json(str(source)).repartition(workers * 4)
    normalize_column(df, "body").select("id", "normalized").write.mode("overwrite").parquet(str(out))
    seconds = time.perf_counter() - started
    spark.stop()
    return {"seconds": seconds, "rate": records / seconds, "session_s": session - started}


def median_run(runs: list[dict]) -> dict:
    """The run of median wall time, with the spread of all runs and the largest memory seen."""
    ordered = sorted(runs, key=lambda r: r["seconds"])
    result = dict(ordered[(len(ordered) - 1) // 2])
    result["spread"] = (ordered[0]["seconds"], ordered[-1]["seconds"])
    result["runs"] = len(runs)
    memory: dict[int, tuple[int, int]] = {}
    for r in runs:  # the i-th largest worker of each run, at its largest
        for i, (rss, uss) in enumerate(r["memory"]):
            old = memory.get(i, (0, 0))
            memory[i] = (max(old[0], rss), max(old[1], uss))
    result["memory"] = [memory[i] for i in sorted(memory)]
    return result


def _wall(result: dict) -> str:
    low, high = result["spread"]
    return f"{result['seconds']:.1f}" + (f" ({low:.1f}–{high:.1f})" if result["runs"] > 1 else "")


def _memory(result: dict, workers: int) -> str:
    return "; ".join(f"{mb(rss)} / {mb(uss)}" for rss, uss in result["memory"][:workers]) or "-"


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f}"


def render(results: dict, library: dict, records: int, repeat: int, repeat_slow: int) -> str:
    lines = [
        "## Ingestion at scale",
        "",
        f"`python benchmarks/ingest.py`: {records} Wikinews articles (benchmarks/corpus/wikinews-2004-2020), "
        f"bundled gazetteers, warm index cache, {os.cpu_count()} CPUs. Wall time includes each engine's start "
        "(loading the Normalizer, the pool, cluster or Spark session); partitions of 20 records. "
        f"Each row is the median of its runs (the engines taking turns; {repeat} runs of the library loop and the "
        f"local engine, {repeat_slow} of Dask and Spark, whose start-up makes each run long), the fastest and "
        "slowest in brackets.",
        "",
        "| engine | workers | wall s | records/s | vs library loop | vs 1 worker | memory per worker, RSS / USS MB |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        f"| library loop (`normalize` per text) | 1 | {_wall(library)}, {library['load_s']:.1f} of it "
        f"loading | {library['rate']:.1f} ({library['normalize_rate']:.1f} normalizing only) | 1.00x | - | "
        f"{_memory(library, 1)} |",
    ]
    for (engine, workers), r in results.items():
        one = results.get((engine, 1))
        memory = _memory(r, workers)
        scaling = f"{r['rate'] / one['rate']:.2f}x" if one else "-"
        lines.append(
            f"| {engine} | {workers} | {_wall(r)} | {r['rate']:.1f} | {r['rate'] / library['rate']:.2f}x | {scaling} "
            f"| {memory} |"
        )
    per_core = library["normalize_rate"]
    mean = TARGET / DAY
    cores = math.ceil(mean * PEAK / per_core)
    worker_mb = max((rss for r in [library, *results.values()] for rss, _ in r["memory"]), default=0)
    lines += [
        "",
        "### 10 million articles a day, on paper",
        "",
        f"- Mean rate needed: {TARGET:,} / {DAY:,} s = {mean:.0f} articles/s; at a peak of {PEAK:.0f}x the mean, "
        f"{mean * PEAK:.0f} articles/s.",
        f"- Measured per core (library loop, these Wikinews articles of about 2,500 characters): "
        f"{per_core:.1f} articles/s, so {math.ceil(mean / per_core)} busy cores for the mean and {cores} for the peak "
        "(the engines add the overhead in the table; the 2-worker ratio says how close to one core per worker they get).",
        f"- Memory: about {mb(worker_mb)} MB RSS per worker process (the compiled index and the memos); "
        f"{cores} workers need about {cores * worker_mb / 2**30:.0f} GB, less with forked local workers, "
        "which share the index's pages (USS above).",
        "- Where the time goes: normalizing (the engine) is nearly all of it; reading, Arrow/JSON writing and the "
        "manifest are a few percent (the local 1-worker row against the library loop); start-up is a fixed "
        "cost per job (loading a warm index: the library row's load time; Dask and Spark add their cluster's start).",
        "",
    ]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=None, help="the first N articles (default: all 477)")
    parser.add_argument("--engines", default="library,local,dask,spark")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each measurement; the median is reported")
    parser.add_argument("--repeat-slow", type=int, default=3, help="runs of the Dask and Spark measurements")
    parser.add_argument("--one", nargs=3, metavar=("KIND", "JSONL", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one[0], Path(args.one[1]), int(args.one[2]))))
        return 0
    engines = args.engines.split(",")
    counts = [int(n) for n in args.workers.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source, texts = write_corpus(folder, args.records)
        from normalizer import Normalizer

        Normalizer.load()  # the index cache warm for everyone
        runs: dict[tuple[str, int], list[dict]] = {}
        plan = [("library", 1)] + [(e, w) for e in engines if e != "library" for w in counts]
        for turn in range(args.repeat):
            for engine, workers in plan:
                if engine in SLOW_ENGINES and turn >= args.repeat_slow:
                    continue
                result = measured(engine, source, workers)
                runs.setdefault((engine, workers), []).append(result)
                print(f"{engine} x{workers}, run {turn + 1}: {result['rate']:.1f} records/s", file=sys.stderr)
        results = {key: median_run(values) for key, values in runs.items()}
        library = results.pop(("library", 1))
        print(render(results, library, len(texts), args.repeat, min(args.repeat, args.repeat_slow)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
