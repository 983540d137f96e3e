"""`normalize corpus IN --output OUT`: normalize one text field of every record
of a JSONL, CSV or Parquet corpus, resumably.

    normalize corpus articles.jsonl -o normalized.parquet --text-field body
    normalize corpus in/ -o out/ --engine dask --scheduler tcp://10.0.0.5:8786

OUT's extension chooses the format (`.parquet`, `.jsonl`); any other OUT is a
folder of partition files (`--format`, Parquet by default). A file output is
built in the folder `OUT.parts/` and merged into OUT at the end. Run the same
command again after a kill: finished partitions are kept, the rest is done,
and no record is written twice. At the end every input id is checked to
appear exactly as often in the output as in the input (once, for unique ids).

Exit status: 0 done (records in error are rows with an `error`), 1 the final
check failed, 2 unusable input or usage.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from collections import Counter
from dataclasses import asdict
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Iterator, Sequence

from normalizer._version import __version__
from normalizer.batch import DEFAULT_MAX_CHARS, check_text
from normalizer.errors import NormalizerError
from normalizer.ingest import readers, writers
from normalizer.ingest.manifest import Manifest, open_folder
from normalizer.ingest.progress import PROG, Progress
from normalizer.ingest.workers import Task
from normalizer.options import Options

DEFAULT_PARTITION = 1000


def build_parser() -> argparse.ArgumentParser:
    from normalizer.ingest.engines import ENGINES, default_workers

    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0].split(": ", 1)[1])
    parser.add_argument("input", metavar="IN", help="a .jsonl, .ndjson, .csv or .parquet file, or a folder of them")
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="OUT.parquet or OUT.jsonl, or a folder of partition files")
    parser.add_argument("--text-field", default="text", help="the field holding the text (default: text)")
    parser.add_argument("--id-field", default="id",
                        help="the field holding the record's id (default: id; FILE:LINE when a record has none)")
    parser.add_argument("--format", choices=sorted(writers.SUFFIXES), default="parquet",
                        help="the partition files' format when OUT is a folder (default: parquet)")
    parser.add_argument("--engine", choices=ENGINES, default="local", help="where to run (default: local)")
    parser.add_argument("--workers", type=int, default=default_workers(),
                        help="worker processes (default: one per CPU; 1 runs here)")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler (with --engine dask)")
    parser.add_argument("--partition-size", type=int, default=DEFAULT_PARTITION,
                        help=f"records per partition (default: {DEFAULT_PARTITION})")
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                        help=f"longer texts are errors (default: {DEFAULT_MAX_CHARS:,})")
    parser.add_argument("-g", "--gazetteer", action="append", default=[], help="an extra gazetteer file or folder")
    parser.add_argument("--no-bundled", action="store_true", help="leave the bundled gazetteers out")
    parser.add_argument("--min-confidence", type=float, help="apply corrections at or above this confidence")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace OUT, or another job's output in the folder OUT")
    parser.add_argument("--no-result-cache", action="store_true",
                        help="work every word out anew: read none kept by an earlier run, keep none")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    for name in ("workers", "partition_size", "max_chars"):
        if getattr(args, name) < 1:
            return _fail(f"--{name.replace('_', '-')} must be at least 1")
    try:
        return run(args)
    except NormalizerError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        print(f"\n{PROG}: interrupted; run the same command again to resume", file=sys.stderr)
        return 130


def _fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    from normalizer.ingest.engines import start
    from normalizer.ingest.workers import normalizer_for
    from normalizer.word_store import WordStore, attach

    files = readers.input_files(args.input)
    total = readers.count_records(files, args.text_field)  # every file checked before anything is written
    out = Path(args.output)
    fmt = writers.output_format(out)
    folder = out.with_name(out.name + ".parts") if fmt else out
    fmt = fmt or args.format
    writers.need_pyarrow(fmt)
    if folder != out and out.exists() and not folder.exists() and not args.overwrite:
        raise readers.CorpusError(f"{out}: exists; pass --overwrite to replace it")
    options = Options.create(args.gazetteer, not args.no_bundled, args.min_confidence)
    loaded = normalizer_for(options)  # a bad gazetteer stops the job here, not on every worker
    manifest = open_folder(folder, _job(args, files, options, fmt), args.overwrite)
    # The words earlier runs worked out: read by the workers, and what they work out kept at the end.
    words = WordStore(enabled=not args.no_result_cache)
    attach(loaded, words)

    suffix = writers.SUFFIXES[fmt]
    expected: Counter = Counter()
    with Progress(total) as progress:
        if not manifest.complete:
            tasks = _tasks(args, files, options, fmt, suffix, manifest, expected, progress)
            shared = partial(_work_out_shared_words, args, files, options, manifest, progress)
            try:
                with start(args.engine, options, args.workers, args.scheduler, before_fork=shared) as engine:
                    for done in engine.run(tasks):
                        manifest.record(done.key, Path(done.path), done.records)
                        progress.partition(done.key, done.records, done.changed, done.failed)
                        words.add(done.words)
            finally:  # an interrupted job keeps its words too: the run that resumes it reads them
                words.save()
            manifest.finish()
        else:
            for partition in readers.partitions(files, args.text_field, args.id_field, args.partition_size):
                expected.update(r.id for r in partition.records)
    resumed = total - progress.fresh
    if folder != out:
        writers.merge(manifest.parts(), fmt, out)
    return _verify(out, folder, manifest, fmt, expected, resumed)


def _tasks(args, files, options: Options, fmt: str, suffix: str, manifest: Manifest, expected: Counter,
           progress: Progress) -> Iterator[Task]:
    for partition in readers.partitions(files, args.text_field, args.id_field, args.partition_size):
        records = partition.records
        expected.update(r.id for r in records)
        if partition.key in manifest.done:
            progress.skipped(len(records))
            continue
        yield Task(
            options, partition.key, [r.id for r in records], [r.text for r in records], [r.error for r in records],
            str(manifest.part_path(partition.key, suffix)), fmt, args.max_chars, not args.no_result_cache,
        )


def _work_out_shared_words(args, files, options: Options, manifest: Manifest, progress: Progress,
                           workers: int) -> None:
    """Before local workers are forked: the words that most of them would meet, worked out once
    here for all of them to inherit (normalizer/shared_words.py), from the input read again."""
    from normalizer import shared_words
    from normalizer.ingest.workers import normalizer_for

    with progress.saying("reading the words the records share"):
        texts = list(islice(_texts_to_work_out(args, files, manifest), shared_words.MOST_TEXTS))
        shared_words.work_out(normalizer_for(options), texts, spread=workers, helpers=workers)


def _texts_to_work_out(args, files, manifest: Manifest) -> Iterator[str]:
    """The texts the workers will normalize, in order: none of a partition an earlier run
    finished, nor of a record they will turn into an error row."""
    for partition in readers.partitions(files, args.text_field, args.id_field, args.partition_size):
        if partition.key in manifest.done:
            continue
        for record in partition.records:
            if record.error is None and check_text(record.text, args.max_chars) is None:
                yield record.text


def _verify(out: Path, folder: Path, manifest: Manifest, fmt: str, expected: Counter, resumed: int) -> int:
    """Every input id exactly as often in the output as in the input; the summary."""
    written: Counter = Counter()
    changed = failed = 0
    sources = [out] if folder != out else manifest.parts()
    for path in sources:
        for row in writers.read_rows(path, fmt) if fmt == "jsonl" else _parquet_summary(path):
            written[row["id"]] += 1
            changed += bool(row["changed"])
            failed += row["error"] is not None
    records = sum(expected.values())
    if written != expected:
        missing = sorted((expected - written).elements())[:5]
        extra = sorted((written - expected).elements())[:5]
        print(f"{PROG}: check failed: {out} does not hold each input record once "
              f"(missing: {missing or 'none'}; extra: {extra or 'none'}); the manifest is in {folder}",
              file=sys.stderr)
        return 1
    if folder != out:
        shutil.rmtree(folder)
    repeated = sum(1 for n in expected.values() if n > 1)
    once = (f"every one of the {records:,} input ids appears exactly once in {out}" if not repeated else
            f"each of the {records:,} input records appears once in {out} "
            f"({repeated:,} ids occur more than once in the input, as often in the output)")
    print(f"{PROG}: {records:,} records, {changed:,} changed, {failed:,} errors"
          f"{f', {resumed:,} from an earlier run' if resumed else ''}; {once}", file=sys.stderr)
    return 0


def _parquet_summary(path: Path) -> Iterator[dict]:
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=["id", "changed", "error"])
    yield from table.to_pylist()


def _job(args, files: list[Path], options: Options, fmt: str) -> dict:
    """What decides the output: a re-run with the same job resumes, another job is refused."""
    from normalizer.gazetteer.loading import gazetteer_files

    index = options.index_key(gazetteer_files(options.gazetteers, bundled=options.bundled))
    return {
        "input": readers.fingerprint(files),
        "text_field": args.text_field,
        "id_field": args.id_field,
        "partition_size": args.partition_size,
        "max_chars": args.max_chars,
        "format": fmt,
        "options": {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(options).items()},
        "gazetteers": hashlib.sha256(index.encode("utf-8")).hexdigest(),
        "version": __version__,
    }
