"""The `normalize` command: arguments in, files out. No matching logic lives here.

Modes (at most one of --check, --in-place, --stdout; --diff combines with --check):

    (default)    write PATH.normalized.EXT and PATH.diff beside each article
    --stdout     print the normalized text
    --check      write nothing; exit 1 if any correction would be applied
    --in-place   rewrite each changed article atomically
    --diff       print a unified diff to stdout; write nothing

Each article gets the project configuration nearest to it (see config.py);
articles that share a configuration share one loaded Normalizer. Code, URLs
and tags of Markdown, HTML and reStructuredText are never touched (markup.py).
Exit status: 0 fine, 1 `--check` found corrections, 2 bad input or usage.
"""

from __future__ import annotations

import gc
import os
import sys
from dataclasses import dataclass, field
from functools import partial
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from normalizer.errors import NormalizerError

app = typer.Typer(add_completion=False, rich_markup_mode=None)
STDIN = "-"
STDIN_NAME = "<stdin>"
PROGRESS_MIN_FILES = 10  # fewer files finish before a bar is worth drawing
# A worker costs a fork and a share of the results sent back: below this many
# files each, one process is faster.
MIN_FILES_PER_WORKER = 25


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


def output_paths(path: Path) -> tuple[Path, Path]:
    """`article.txt` -> (`article.normalized.txt`, `article.diff`), beside the input."""
    return path.with_name(f"{path.stem}.normalized{path.suffix}"), path.with_name(f"{path.stem}.diff")


@dataclass
class Outcome:
    """What happened to one article: its result and the files written for it."""

    name: str
    result: object
    written: list[Path] = field(default_factory=list)
    printed: bytes = b""  # for stdout (--diff, --stdout), printed in order by the parent
    error: str = ""  # why this article failed


@app.command(help="Repair garbled names in PATHS; write PATH.normalized and PATH.diff beside each.")
def normalize(
    paths: list[str] = typer.Argument(..., metavar="PATH...", help="Articles to normalize; '-' reads stdin."),
    stdout: bool = typer.Option(False, "--stdout", help="Print the normalized text instead of writing files."),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; exit 1 if any correction would be applied (for hooks and CI)."
    ),
    in_place: bool = typer.Option(False, "--in-place", "-i", help="Rewrite each article in place, atomically."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff to stdout instead of writing files."),
    gazetteer: list[Path] = typer.Option([], "--gazetteer", "-g", help="Extra gazetteer file or folder (repeatable)."),
    no_bundled: bool = typer.Option(False, "--no-bundled", help="Leave the bundled gazetteers out."),
    min_confidence: Optional[float] = typer.Option(
        None, "--min-confidence", min=0.01, max=1.0, help="Apply corrections at or above this confidence."
    ),
    output_format: ReportFormat = typer.Option(ReportFormat.text, "--format", help="Report format."),
    jobs: int = typer.Option(
        0, "--jobs", "-j", min=0, help="Worker processes for many files (0: one per CPU, 1: no workers)."
    ),
) -> None:
    chosen = [flag for flag, on in (("--check", check), ("--in-place", in_place), ("--stdout", stdout)) if on]
    if len(chosen) > 1:
        fail(f"{' and '.join(chosen)} cannot be used together")
    if diff and (in_place or stdout):
        fail(f"--diff cannot be used with {chosen[0]}")
    if in_place and STDIN in paths:
        fail("--in-place needs files, not '-' (stdin)")

    engines = Engines(gazetteer, bundled=not no_bundled, apply_threshold=min_confidence)
    try:
        articles = plan(paths)
    except NormalizerError as exc:
        fail(str(exc))

    task = partial(_normalize_one, engines, check=check, in_place=in_place, diff=diff, stdout=stdout)
    failed = False
    outcomes: list[Outcome] = []
    with progress_bar(len(articles), enabled=output_format is ReportFormat.text and not (stdout or diff)) as advance:
        for outcome in _run(task, articles, engines, jobs):
            if outcome.error:
                print(f"normalize: error: {outcome.error}", file=sys.stderr)
                failed = True
            else:
                outcomes.append(outcome)
            if outcome.printed:
                sys.stdout.buffer.write(outcome.printed)
                sys.stdout.flush()
            advance()

    # Machine output and diagnostics go to stdout unless the text or diff does.
    text_on_stdout = stdout or diff or (STDIN in paths and not check)
    report_stream = sys.stderr if text_on_stdout else sys.stdout
    if output_format is not ReportFormat.text:
        from normalizer._version import __version__
        from normalizer.cli.formats import render

        report_stream.write(render(output_format.value, [(o.name, o.result) for o in outcomes], __version__))
    elif check or in_place or diff:
        _report_findings(outcomes, report_stream, done=in_place)
    else:
        _report(outcomes, report_stream)

    if failed:
        raise typer.Exit(2)
    if check and any(o.result.applied for o in outcomes):
        raise typer.Exit(1)
    raise typer.Exit(0)


def plan(paths: list[str]) -> list[tuple[str, object]]:
    """Each path with its project configuration, leaving out what the config excludes."""
    from normalizer.config import find_config

    jobs = []
    for name in paths:
        config = find_config(Path.cwd() if name == STDIN else Path(name))
        if config is not None and name != STDIN and not config.selects(Path(name)):
            continue
        jobs.append((name, config))
    return jobs


class Engines:
    """One loaded Normalizer per distinct set of options, loaded on first use."""

    def __init__(self, gazetteers: list[Path], bundled: bool, apply_threshold: float | None):
        self.gazetteers = list(gazetteers)
        self.bundled = bundled
        self.apply_threshold = apply_threshold
        self._loaded: dict = {}  # Options -> Normalizer

    def for_config(self, config):
        """The Normalizer for articles under `config` (None: no project config).

        Command-line options win: --gazetteer adds to the config's gazetteers,
        --no-bundled and --min-confidence override it."""
        from normalizer.engine import Normalizer  # lazy: `--help` stays instant
        from normalizer.options import merge

        try:
            options = merge(config, self.gazetteers, bundled=self.bundled, apply_threshold=self.apply_threshold)
        except NormalizerError as exc:
            fail(str(exc))
        if options not in self._loaded:
            try:
                self._loaded[options] = Normalizer.from_options(options)
            except NormalizerError as exc:  # a bad gazetteer spoils every file: stop at once
                fail(str(exc))
            # The index lives as long as the command: spare the garbage
            # collector from walking its many objects again and again
            # (and forked workers from copying the pages it would touch).
            gc.freeze()
        return self._loaded[options]


def _run(task, articles: list[tuple[str, object]], engines: Engines, jobs: int):
    """Outcomes of `task` over `articles`, in order: here, or on worker processes
    when there are enough files to repay starting them."""
    workers = jobs or os.cpu_count() or 1
    workers = min(workers, len(articles) // MIN_FILES_PER_WORKER)
    if workers < 2 or any(name == STDIN for name, _ in articles) or not _can_fork():
        yield from (task(article) for article in articles)
        return
    # Imported only here: a hook's run on a few files never starts a worker
    # and should not pay for importing multiprocessing (~15 ms).
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    # Load every engine first: forked workers inherit them instead of each
    # loading its own.
    for _, config in articles:
        engines.for_config(config)
    # Forked workers find the task (and its loaded engines) in this global
    # rather than receiving a pickled copy of the index with every chunk.
    global _worker_task
    _worker_task = task
    chunk = max(1, len(articles) // (workers * 8))
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
        yield from pool.map(_run_worker_task, articles, chunksize=chunk)


def _can_fork() -> bool:
    import multiprocessing as mp

    return "fork" in mp.get_all_start_methods()


_worker_task = None


def _run_worker_task(article):
    return _worker_task(article)


def _normalize_one(engines: Engines, article: tuple[str, object], *, check: bool, in_place: bool, diff: bool,
                   stdout: bool) -> Outcome:
    """Read, normalize and write one article. Runs on a worker process too, so it
    prints nothing: what is for stdout goes back in the outcome, errors likewise."""
    name, config = article
    try:
        return _normalize_article(engines, name, config, check=check, in_place=in_place, diff=diff,
                                  to_stdout=stdout or (name == STDIN and not check))
    except NormalizerError as exc:
        return Outcome(name, None, error=str(exc))
    except OSError as exc:  # a write that failed midway; the original is intact
        return Outcome(name, None, error=f"{name}: cannot write: {exc.strerror or exc}")


def _normalize_article(engines: Engines, name: str, config, *, check: bool, in_place: bool, diff: bool,
                       to_stdout: bool) -> Outcome:
    from normalizer.cli.files import decode_article, read_article, write_atomic
    from normalizer.markup import protected_spans

    text = decode_article(sys.stdin.buffer.read(), STDIN_NAME) if name == STDIN else read_article(name)
    engine = engines.for_config(config)
    result = engine.normalize(text, ignore_spans=protected_spans(name, text))
    shown = STDIN_NAME if name == STDIN else name
    outcome = Outcome(shown, result)
    if diff:
        outcome.printed = result.diff(Path(shown).as_posix()).encode("utf-8")
    elif to_stdout:
        outcome.printed = result.text.encode("utf-8")
    elif in_place:
        if result.text != result.original:
            write_atomic(name, result.text)
            outcome.written.append(Path(name))
    elif not check:
        path = Path(name)
        normalized_path, diff_path = output_paths(path)
        write_atomic(normalized_path, result.text, like=path)
        write_atomic(diff_path, result.diff(path.name), like=path)
        outcome.written = [normalized_path, diff_path]
    return outcome


def _report_findings(outcomes: list[Outcome], stream, done: bool) -> None:
    """`path:line:col: original -> replacement (confidence, why)` lines, then a
    one-line summary on stderr when there is anything to say."""
    if any(o.result.corrections for o in outcomes):  # a clean run need not import formats
        from normalizer.cli.formats import render

        stream.write(render("text", [(o.name, o.result) for o in outcomes]))
    applied = sum(len(o.result.applied) for o in outcomes)
    files = sum(1 for o in outcomes if o.result.applied)
    if applied:
        verb = "applied" if done else "to apply"
        plural = "s" if applied != 1 else ""
        print(f"normalize: {applied} correction{plural} {verb} in {files} of {len(outcomes)} file(s)", file=sys.stderr)


def _report(outcomes: list[Outcome], stream) -> None:
    from normalizer.cli.formats import render

    for outcome in outcomes:
        name, result = outcome.name, outcome.result
        stream.write(render("text", [(name, result)]))
        outputs = f"; wrote {', '.join(str(p) for p in outcome.written)}" if outcome.written else ""
        stream.write(f"{name}: {len(result.applied)} corrected, {len(result.suggestions)} suggested{outputs}\n")


class progress_bar:
    """A rich progress bar on stderr for long interactive runs; a no-op in hooks,
    pipes and CI (stderr not a terminal), for a few files, or with machine output."""

    def __init__(self, total: int, enabled: bool):
        self.total = total
        self.enabled = enabled and total >= PROGRESS_MIN_FILES and sys.stderr.isatty()
        self._progress = None

    def __enter__(self):
        if not self.enabled:
            return lambda: None
        from rich.console import Console
        from rich.progress import Progress

        self._progress = Progress(console=Console(stderr=True), transient=True)
        self._progress.start()
        task = self._progress.add_task("normalizing", total=self.total)
        return lambda: self._progress.advance(task)

    def __exit__(self, *exc_info):
        if self._progress is not None:
            self._progress.stop()
        return False


def fail(message: str) -> None:
    print(f"normalize: error: {message}", file=sys.stderr)
    raise typer.Exit(2)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "gazetteer":
        from normalizer.gazetteer.tools import gazetteer_app

        gazetteer_app(args[1:], prog_name="normalize gazetteer")
        return
    app(args, prog_name="normalize")


if __name__ == "__main__":
    main()
